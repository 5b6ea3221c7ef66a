package io.asobi.jmh;

import java.util.Arrays;

import com.artemis.Aspect;
import com.artemis.ComponentMapper;
import com.artemis.EntitySubscription;
import com.artemis.utils.IntBag;
import dev.dominion.ecs.api.Dominion;
import dev.dominion.ecs.api.Entity;
import io.asobi.ecs.ComponentType;
import io.asobi.ecs.FloatField;
import org.junit.jupiter.api.Test;

import static io.asobi.jmh.FixtureChecks.entitiesWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * B3 ({@link StructuralChangeBenchmark}) on 1,000-entity fixtures: every create variant leaves exactly that many
 * entities holding Position and Velocity in a world that was empty before (also on the next invocation), every
 * add-then-remove really adds the component to every entity and removes it again, leaving the world as it was, and
 * every destroy leaves no entity. Read back through each peer's own API.
 */
class StructuralChangeBenchmarkTest
{
    private static final int ENTITIES = 1_000;
    private static final int INVOCATIONS = 2;

    private final StructuralChangeBenchmark benchmark = new StructuralChangeBenchmark();

    @Test
    void shouldHaveTheProductionSizeByDefault()
    {
        assertThat(new StructuralChangeFixtures.OursEmpty().entityCount).isEqualTo(StructuralChangeFixtures.ENTITIES);
        assertThat(new StructuralChangeFixtures.OursEmpty().out).hasSize(StructuralChangeFixtures.ENTITIES);
        assertThat(new StructuralChangeFixtures.OursSteady().entityCount).isEqualTo(StructuralChangeFixtures.ENTITIES);
        assertThat(new StructuralChangeFixtures.DominionPopulated().entityCount)
            .isEqualTo(StructuralChangeFixtures.ENTITIES);
        assertThat(new StructuralChangeFixtures.ArtemisSteady().entityCount)
            .isEqualTo(StructuralChangeFixtures.ENTITIES);
    }

    // ---------------------------------------------------------------- create

    @Test
    void shouldCreateEveryEntityOneByOneIntoAnEmptyWorldOfOurs()
    {
        final StructuralChangeFixtures.OursEmpty state = new StructuralChangeFixtures.OursEmpty(ENTITIES);
        for (int invocation = 0; invocation < INVOCATIONS; invocation++)
        {
            state.setUp();
            assertThat(state.world.entityCount()).as("world before create").isZero();
            final int last = benchmark.createOursTemplate(state);
            final int[] created = assertOursHoldExactlyTheCreatedEntities(state.world);
            assertThat(created).contains(last);
        }
    }

    @Test
    void shouldCreateEveryEntityInOneBatchIntoAnEmptyWorldOfOurs()
    {
        final StructuralChangeFixtures.OursEmpty state = new StructuralChangeFixtures.OursEmpty(ENTITIES);
        for (int invocation = 0; invocation < INVOCATIONS; invocation++)
        {
            state.setUp();
            assertThat(state.world.entityCount()).as("world before create").isZero();
            final int last = benchmark.createOursBatch(state);
            final int[] created = assertOursHoldExactlyTheCreatedEntities(state.world);
            assertThat(last).isEqualTo(state.out[ENTITIES - 1]);
            assertThat(sorted(state.out)).as("batch handles").isEqualTo(sorted(created));
        }
    }

    @Test
    void shouldCreateEveryEntityWithAPreparedCompositionIntoAnEmptyDominion()
    {
        final StructuralChangeFixtures.DominionEmpty state = new StructuralChangeFixtures.DominionEmpty(ENTITIES);
        try
        {
            for (int invocation = 0; invocation < INVOCATIONS; invocation++)
            {
                state.setUp();
                assertThat(count(state.dominion.findAllEntities())).as("Dominion before create").isZero();
                final Entity last = benchmark.createDominionPrepared(state);
                assertDominionHoldsExactlyTheCreatedEntities(state.dominion, last);
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    @Test
    void shouldCreateEveryEntityIntoAnEmptyDominion()
    {
        final StructuralChangeFixtures.DominionEmpty state = new StructuralChangeFixtures.DominionEmpty(ENTITIES);
        try
        {
            for (int invocation = 0; invocation < INVOCATIONS; invocation++)
            {
                state.setUp();
                assertThat(count(state.dominion.findAllEntities())).as("Dominion before create").isZero();
                final Entity last = benchmark.createDominion(state);
                assertDominionHoldsExactlyTheCreatedEntities(state.dominion, last);
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    @Test
    void shouldCreateEveryEntityFromAnArchetypeIntoAnEmptyArtemisWorld()
    {
        final StructuralChangeFixtures.ArtemisEmpty state = new StructuralChangeFixtures.ArtemisEmpty(ENTITIES);
        try
        {
            for (int invocation = 0; invocation < INVOCATIONS; invocation++)
            {
                state.setUp();
                final EntitySubscription all = allEntities(state.world);
                final EntitySubscription positionVelocity = positionVelocity(state.world);
                assertThat(all.getEntities().size()).as("Artemis before create").isZero();
                final int last = benchmark.createArtemisArchetype(state);
                assertThat(all.getEntities().size()).as("Artemis entities").isEqualTo(ENTITIES);
                assertThat(positionVelocity.getEntities().size()).as("with Position and Velocity")
                    .isEqualTo(ENTITIES);
                assertThat(state.world.getEntityManager().isActive(last)).isTrue();
                assertThat(contains(positionVelocity.getEntities(), last)).isTrue();
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    // ---------------------------------------------------------------- add then remove

    @Test
    void shouldAddThenRemoveTheComponentOnEveryEntityOfOurs()
    {
        final StructuralChangeFixtures.OursSteady state = new StructuralChangeFixtures.OursSteady(ENTITIES);
        state.setUp();
        final io.asobi.ecs.World world = state.world;
        final ComponentType<DenseIterationFixtures.Position> position =
            world.component(DenseIterationFixtures.Position.class);
        final ComponentType<DenseIterationFixtures.Velocity> velocity =
            world.component(DenseIterationFixtures.Velocity.class);
        assertThat(world.remove(state.ids[0], state.health))
            .as("remove reports false when the component is absent, so 'all removed' proves every add").isFalse();
        for (int invocation = 0; invocation < INVOCATIONS; invocation++)
        {
            assertThat(benchmark.addRemoveOurs(state)).as("every remove found the added component").isTrue();
            assertThat(world.entityCount()).isEqualTo(ENTITIES);
            assertThat(world.query().with(state.health).build().count()).as("entities with Health").isZero();
            assertThat(sorted(entitiesWith(world, position, velocity))).isEqualTo(sorted(state.ids));
        }
    }

    @Test
    void shouldAddThenRemoveTheComponentOnEveryEntityOfDominion()
    {
        final StructuralChangeFixtures.DominionSteady state = new StructuralChangeFixtures.DominionSteady(ENTITIES);
        state.setUp();
        try
        {
            assertThat(state.entities).hasSize(ENTITIES);
            assertThat(state.entities[0].removeType(EcsBaselineComponents.Health.class))
                .as("removeType reports false when the component is absent, so 'all removed' proves every add")
                .isFalse();
            for (int invocation = 0; invocation < INVOCATIONS; invocation++)
            {
                assertThat(benchmark.addRemoveDominion(state)).as("every removeType found the added component")
                    .isTrue();
                assertThat(count(state.dominion.findEntitiesWith(EcsBaselineComponents.Health.class)))
                    .as("entities with Health").isZero();
                assertThat(count(state.dominion.findEntitiesWith(
                    EcsBaselineComponents.Position.class, EcsBaselineComponents.Velocity.class)))
                    .as("entities with Position and Velocity").isEqualTo(ENTITIES);
                assertThat(count(state.dominion.findAllEntities())).isEqualTo(ENTITIES);
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    @Test
    void shouldAddThenRemoveTheComponentOnEveryEntityOfArtemis()
    {
        final StructuralChangeFixtures.ArtemisSteady state = new StructuralChangeFixtures.ArtemisSteady(ENTITIES);
        state.setUp();
        try
        {
            final EntitySubscription withHealth =
                state.world.getAspectSubscriptionManager().get(Aspect.all(EcsBaselineArtemisComponents.Health.class));
            final int[] changes = new int[2];
            withHealth.addSubscriptionListener(new EntitySubscription.SubscriptionListener()
            {
                public void inserted(final IntBag entities)
                {
                    changes[0] += entities.size();
                }

                public void removed(final IntBag entities)
                {
                    changes[1] += entities.size();
                }
            });
            final EntitySubscription positionVelocity = positionVelocity(state.world);
            final ComponentMapper<EcsBaselineArtemisComponents.Health> health =
                state.world.getMapper(EcsBaselineArtemisComponents.Health.class);
            for (int invocation = 1; invocation <= INVOCATIONS; invocation++)
            {
                assertThat(benchmark.addRemoveArtemis(state)).isEqualTo(ENTITIES);
                assertThat(changes[0]).as("entities that gained Health").isEqualTo(invocation * ENTITIES);
                assertThat(changes[1]).as("entities that lost Health").isEqualTo(invocation * ENTITIES);
                assertThat(withHealth.getEntities().size()).as("entities with Health").isZero();
                assertThat(positionVelocity.getEntities().size()).isEqualTo(ENTITIES);
                for (final int id : state.ids)
                {
                    assertThat(health.has(id)).isFalse();
                }
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    // ---------------------------------------------------------------- destroy

    @Test
    void shouldDestroyEveryEntityOfOurs()
    {
        final StructuralChangeFixtures.OursPopulated state = new StructuralChangeFixtures.OursPopulated(ENTITIES);
        for (int invocation = 0; invocation < INVOCATIONS; invocation++)
        {
            state.setUp();
            assertThat(state.world.entityCount()).as("world before destroy").isEqualTo(ENTITIES);
            assertThat(benchmark.destroyOurs(state)).as("entities left").isZero();
            for (final int id : state.ids)
            {
                assertThat(state.world.isAlive(id)).isFalse();
            }
        }
    }

    @Test
    void shouldDestroyEveryEntityOfDominion()
    {
        final StructuralChangeFixtures.DominionPopulated state =
            new StructuralChangeFixtures.DominionPopulated(ENTITIES);
        try
        {
            for (int invocation = 0; invocation < INVOCATIONS; invocation++)
            {
                state.setUp();
                assertThat(count(state.dominion.findAllEntities())).as("Dominion before destroy").isEqualTo(ENTITIES);
                assertThat(benchmark.destroyDominion(state)).as("every deleteEntity deleted").isTrue();
                assertThat(count(state.dominion.findAllEntities())).as("entities left").isZero();
                for (final Entity entity : state.entities)
                {
                    assertThat(entity.isDeleted()).isTrue();
                }
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    @Test
    void shouldDestroyEveryEntityOfArtemis()
    {
        final StructuralChangeFixtures.ArtemisPopulated state =
            new StructuralChangeFixtures.ArtemisPopulated(ENTITIES);
        try
        {
            for (int invocation = 0; invocation < INVOCATIONS; invocation++)
            {
                state.setUp();
                final EntitySubscription all = allEntities(state.world);
                assertThat(all.getEntities().size()).as("Artemis before destroy").isEqualTo(ENTITIES);
                assertThat(benchmark.destroyArtemis(state)).isEqualTo(ENTITIES);
                assertThat(all.getEntities().size()).as("entities left").isZero();
                for (final int id : state.ids)
                {
                    assertThat(state.world.getEntityManager().isActive(id)).isFalse();
                }
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** @return the created handles, after checking there are {@link #ENTITIES}, all alive with zeroed components. */
    private static int[] assertOursHoldExactlyTheCreatedEntities(final io.asobi.ecs.World world)
    {
        final ComponentType<DenseIterationFixtures.Position> position =
            world.component(DenseIterationFixtures.Position.class);
        final ComponentType<DenseIterationFixtures.Velocity> velocity =
            world.component(DenseIterationFixtures.Velocity.class);
        final FloatField px = position.floatField("x");
        final FloatField vy = velocity.floatField("y");
        assertThat(world.entityCount()).as("our entities").isEqualTo(ENTITIES);
        final int[] created = entitiesWith(world, position, velocity);
        assertThat(created).as("our entities with Position and Velocity").hasSize(ENTITIES).doesNotHaveDuplicates();
        for (final int e : created)
        {
            assertThat(world.isAlive(e)).isTrue();
            assertThat(world.get(e, px)).isZero();
            assertThat(world.get(e, vy)).isZero();
        }
        return created;
    }

    private static void assertDominionHoldsExactlyTheCreatedEntities(final Dominion dominion, final Entity last)
    {
        assertThat(count(dominion.findAllEntities())).as("Dominion entities").isEqualTo(ENTITIES);
        assertThat(count(dominion.findEntitiesWith(
            EcsBaselineComponents.Position.class, EcsBaselineComponents.Velocity.class)))
            .as("with Position and Velocity").isEqualTo(ENTITIES);
        assertThat(last.isDeleted()).isFalse();
        assertThat(last.has(EcsBaselineComponents.Position.class)).isTrue();
        assertThat(last.has(EcsBaselineComponents.Velocity.class)).isTrue();
    }

    private static EntitySubscription allEntities(final com.artemis.World world)
    {
        return world.getAspectSubscriptionManager().get(Aspect.all());
    }

    private static EntitySubscription positionVelocity(final com.artemis.World world)
    {
        return world.getAspectSubscriptionManager().get(
            Aspect.all(EcsBaselineArtemisComponents.Position.class, EcsBaselineArtemisComponents.Velocity.class));
    }

    private static boolean contains(final IntBag bag, final int value)
    {
        for (int i = 0; i < bag.size(); i++)
        {
            if (bag.get(i) == value)
            {
                return true;
            }
        }
        return false;
    }

    private static long count(final Iterable<?> results)
    {
        long count = 0;
        for (final Object ignored : results)
        {
            count++;
        }
        return count;
    }

    private static int[] sorted(final int[] values)
    {
        final int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}

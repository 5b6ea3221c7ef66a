package io.asobi.jmh;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.artemis.ComponentMapper;
import com.artemis.utils.IntBag;
import dev.dominion.ecs.api.Entity;
import dev.dominion.ecs.api.Results;
import io.asobi.ecs.ComponentType;
import io.asobi.jmh.FixtureChecks.Pass;
import io.asobi.jmh.FixtureChecks.Variant;
import org.agrona.collections.Int2IntHashMap;
import org.junit.jupiter.api.Test;

import static io.asobi.jmh.FixtureChecks.assertEveryVariantMoves;
import static io.asobi.jmh.FixtureChecks.entitiesWith;
import static io.asobi.jmh.FixtureChecks.indexOfInitialPosition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * B2 ({@link WideFragmentedBenchmark}): the wide variants, on 1,000-entity fixtures, must all leave every position
 * where the reference formula puts it, bit for bit; the fragmented variants must all double every {@code Data} of
 * the 26 archetypes once per pass.
 */
class WideFragmentedBenchmarkTest
{
    private static final int ENTITIES = 1_000;
    private static final int PASSES = 3;
    private static final int FRAG_PASSES = 5;
    private static final float DT = WideFragmentedBenchmark.DT;
    private static final int FRAG_ENTITIES =
        FragmentedFixtures.ARCHETYPES * FragmentedFixtures.ENTITIES_PER_ARCHETYPE;

    private final WideFragmentedBenchmark benchmark = new WideFragmentedBenchmark();

    @Test
    void shouldUpdateEveryWidePositionLikeTheReferenceFormulaInEveryVariant()
    {
        final WideFixtures.RawSoa raw = new WideFixtures.RawSoa(ENTITIES);
        final WideFixtures.DominionPeer dominion = new WideFixtures.DominionPeer(ENTITIES);
        final WideFixtures.ArtemisPeer artemis = new WideFixtures.ArtemisPeer(ENTITIES);
        final WideFixtures.Ours ours = new WideFixtures.Ours(ENTITIES);

        assertEveryVariantMoves(List.of(
            new Variant("wideRawSoa", raw::setUp, () -> benchmark.wideRawSoa(raw),
                () -> () -> new float[][] { raw.px.clone(), raw.py.clone() }, () -> {}, FixtureChecks::assertIsLastX),
            dominion(dominion, () -> benchmark.wideDominionIterator(dominion)),
            artemis(artemis, () -> benchmark.wideArtemisIteratingSystem(artemis)),
            ours(ours, () -> benchmark.wideOursChunk(ours))),
            reference(0), reference(PASSES), PASSES);
    }

    @Test
    void shouldHaveTheProductionSizeByDefault()
    {
        assertThat(new WideFixtures.RawSoa().entityCount).isEqualTo(WideFixtures.ENTITIES);
        assertThat(new WideFixtures.DominionPeer().entityCount).isEqualTo(WideFixtures.ENTITIES);
        assertThat(new WideFixtures.ArtemisPeer().entityCount).isEqualTo(WideFixtures.ENTITIES);
        assertThat(new WideFixtures.Ours().entityCount).isEqualTo(WideFixtures.ENTITIES);
    }

    @Test
    void shouldDoubleEveryFragmentedValueOncePerPassInTheRawBaseline()
    {
        final FragmentedFixtures.RawChunks state = new FragmentedFixtures.RawChunks();
        state.setUp();
        assertFragValues("fragRawChunks", rawValues(state), 1f);
        float returned = 0;
        for (int pass = 0; pass < FRAG_PASSES; pass++)
        {
            returned = benchmark.fragRawChunks(state);
        }
        assertFragValues("fragRawChunks", rawValues(state), afterFragPasses(FRAG_PASSES));
        assertThat(returned).isEqualTo(afterFragPasses(FRAG_PASSES));
    }

    @Test
    void shouldDoubleEveryFragmentedValueOncePerPassInDominion()
    {
        final FragmentedFixtures.DominionPeer state = new FragmentedFixtures.DominionPeer();
        state.setUp();
        try
        {
            assertFragValues("fragDominionIterator", dominionValues(state), 1f);
            float returned = 0;
            for (int pass = 0; pass < FRAG_PASSES; pass++)
            {
                returned = benchmark.fragDominionIterator(state);
            }
            assertFragValues("fragDominionIterator", dominionValues(state), afterFragPasses(FRAG_PASSES));
            assertThat(returned).isEqualTo(afterFragPasses(FRAG_PASSES));
            for (final Class<?> fragment : EcsBaselineComponents.FRAGMENTS)
            {
                assertThat(state.dominion.findEntitiesWith(EcsBaselineComponents.Data.class, fragment).stream()
                    .count()).as("Dominion entities with Data and %s", fragment.getSimpleName())
                    .isEqualTo(FragmentedFixtures.ENTITIES_PER_ARCHETYPE);
            }
        }
        finally
        {
            state.tearDown();
        }
    }

    /**
     * The Artemis setup runs one {@code process()} to fill the subscription, which doubles every value once
     * (documented in the fixture): its values are one pass ahead of the other peers, the work per pass is the same.
     */
    @Test
    void shouldDoubleEveryFragmentedValueOncePerPassInArtemis()
    {
        final FragmentedFixtures.ArtemisPeer state = new FragmentedFixtures.ArtemisPeer();
        state.setUp();
        try
        {
            assertFragValues("fragArtemisIteratingSystem (after setup)", artemisValues(state), 2f);
            for (int pass = 0; pass < FRAG_PASSES; pass++)
            {
                benchmark.fragArtemisIteratingSystem(state);
            }
            assertFragValues("fragArtemisIteratingSystem", artemisValues(state), 2f * afterFragPasses(FRAG_PASSES));
        }
        finally
        {
            state.tearDown();
        }
    }

    @Test
    void shouldDoubleEveryFragmentedValueOncePerPassInOursByChunk()
    {
        final FragmentedFixtures.Ours state = new FragmentedFixtures.Ours();
        state.setUp();
        assertOursFragValues("fragOursChunk", state, 1f);
        float returned = 0;
        for (int pass = 0; pass < FRAG_PASSES; pass++)
        {
            returned = benchmark.fragOursChunk(state);
        }
        assertOursFragValues("fragOursChunk", state, afterFragPasses(FRAG_PASSES));
        assertThat(returned).isEqualTo(afterFragPasses(FRAG_PASSES));
    }

    @Test
    void shouldDoubleEveryFragmentedValueOncePerPassInOursByEntity()
    {
        final FragmentedFixtures.Ours state = new FragmentedFixtures.Ours();
        state.setUp();
        float returned = 0;
        for (int pass = 0; pass < FRAG_PASSES; pass++)
        {
            returned = benchmark.fragOursCursor(state);
        }
        assertOursFragValues("fragOursCursor", state, afterFragPasses(FRAG_PASSES));
        assertThat(returned).isEqualTo(afterFragPasses(FRAG_PASSES));
    }

    /** {@code {x[], y[]}} by entity index after {@code passes} reference passes of the wide formula. */
    private static float[][] reference(final int passes)
    {
        final float[] x = new float[ENTITIES];
        final float[] y = new float[ENTITIES];
        for (int i = 0; i < ENTITIES; i++)
        {
            x[i] = i % 1000;
            y[i] = i % 777;
            final float v = WideFixtures.initialV(i);
            final float a = WideFixtures.initialA(i);
            final float f = WideFixtures.initialF(i);
            final float w = WideFixtures.initialW(i);
            final float r = WideFixtures.initialFriction(i);
            for (int pass = 0; pass < passes; pass++)
            {
                x[i] += (v + (a + f) * DT + w) * r * DT;
                y[i] += (-v + (-a + -f) * DT + -w) * r * DT;
            }
        }
        return new float[][] { x, y };
    }

    private static Variant dominion(final WideFixtures.DominionPeer state, final Pass pass)
    {
        return new Variant("wideDominionIterator", state::setUp, pass, () ->
        {
            final Map<Entity, Integer> indexByEntity = new IdentityHashMap<>();
            for (final Results.With6<EcsBaselineComponents.Position, EcsBaselineComponents.Velocity,
                EcsBaselineComponents.Acceleration, EcsBaselineComponents.Force, EcsBaselineComponents.Friction,
                EcsBaselineComponents.Wind> r : state.dominion.findEntitiesWith(
                EcsBaselineComponents.Position.class, EcsBaselineComponents.Velocity.class,
                EcsBaselineComponents.Acceleration.class, EcsBaselineComponents.Force.class,
                EcsBaselineComponents.Friction.class, EcsBaselineComponents.Wind.class))
            {
                indexByEntity.put(r.entity(), indexOfInitialPosition(r.comp1().x, r.comp1().y));
            }
            assertThat(new ArrayList<>(indexByEntity.values())).as("Dominion entities").hasSize(ENTITIES)
                .doesNotHaveDuplicates();
            return () ->
            {
                final float[][] positions = new float[2][ENTITIES];
                indexByEntity.forEach((entity, i) ->
                {
                    final EcsBaselineComponents.Position p = entity.get(EcsBaselineComponents.Position.class);
                    positions[0][i] = p.x;
                    positions[1][i] = p.y;
                });
                return positions;
            };
        }, state::tearDown, FixtureChecks::assertIsSomeX);
    }

    private static Variant artemis(final WideFixtures.ArtemisPeer state, final Pass pass)
    {
        return new Variant("wideArtemisIteratingSystem", state::setUp, pass, () ->
        {
            final ComponentMapper<EcsBaselineArtemisComponents.Position> mapper =
                state.world.getMapper(EcsBaselineArtemisComponents.Position.class);
            final IntBag subscribed =
                state.world.getSystem(WideFixtures.WideSystem.class).getSubscription().getEntities();
            final Int2IntHashMap indexByEntity = new Int2IntHashMap(-1);
            for (int k = 0; k < subscribed.size(); k++)
            {
                final int e = subscribed.get(k);
                indexByEntity.put(e, indexOfInitialPosition(mapper.get(e).x, mapper.get(e).y));
            }
            assertThat(indexByEntity.size()).as("Artemis entities").isEqualTo(ENTITIES);
            return () ->
            {
                final float[][] positions = new float[2][ENTITIES];
                indexByEntity.forEachInt((e, i) ->
                {
                    positions[0][i] = mapper.get(e).x;
                    positions[1][i] = mapper.get(e).y;
                });
                return positions;
            };
        }, state::tearDown, (returned, endX) -> assertThat(returned)
            .as("Artemis returns the world delta, not a computed value").isEqualTo(DT));
    }

    private static Variant ours(final WideFixtures.Ours state, final Pass pass)
    {
        return new Variant("wideOursChunk", state::setUp, pass, () ->
        {
            final ComponentType<WideFixtures.Records.Position> position =
                state.world.component(WideFixtures.Records.Position.class);
            final Int2IntHashMap indexByEntity = new Int2IntHashMap(-1);
            for (final int e : entitiesWith(state.world, position))
            {
                indexByEntity.put(
                    e, indexOfInitialPosition(state.world.get(e, state.px), state.world.get(e, state.py)));
            }
            assertThat(indexByEntity.size()).as("our entities").isEqualTo(ENTITIES);
            return () ->
            {
                final float[][] positions = new float[2][ENTITIES];
                indexByEntity.forEachInt((e, i) ->
                {
                    positions[0][i] = state.world.get(e, state.px);
                    positions[1][i] = state.world.get(e, state.py);
                });
                return positions;
            };
        }, () -> {}, FixtureChecks::assertIsLastX);
    }

    private static float afterFragPasses(final int passes)
    {
        return (float)(1L << passes);
    }

    private static void assertFragValues(final String name, final List<Float> values, final float expected)
    {
        assertThat(values).as("%s: every Data value", name).hasSize(FRAG_ENTITIES).containsOnly(expected);
    }

    private static List<Float> rawValues(final FragmentedFixtures.RawChunks state)
    {
        assertThat(state.chunks).hasNumberOfRows(FragmentedFixtures.ARCHETYPES);
        final List<Float> values = new ArrayList<>();
        for (final float[] chunk : state.chunks)
        {
            for (final float value : chunk)
            {
                values.add(value);
            }
        }
        return values;
    }

    private static List<Float> dominionValues(final FragmentedFixtures.DominionPeer state)
    {
        final List<Float> values = new ArrayList<>();
        for (final Results.With1<EcsBaselineComponents.Data> r :
            state.dominion.findEntitiesWith(EcsBaselineComponents.Data.class))
        {
            values.add(r.comp().value);
        }
        return values;
    }

    private static List<Float> artemisValues(final FragmentedFixtures.ArtemisPeer state)
    {
        final ComponentMapper<EcsBaselineArtemisComponents.Data> mapper =
            state.world.getMapper(EcsBaselineArtemisComponents.Data.class);
        final IntBag subscribed =
            state.world.getSystem(FragmentedFixtures.DoubleDataSystem.class).getSubscription().getEntities();
        final List<Float> values = new ArrayList<>();
        for (int k = 0; k < subscribed.size(); k++)
        {
            values.add(mapper.get(subscribed.get(k)).value);
        }
        for (final Class<? extends com.artemis.Component> fragment : EcsBaselineArtemisComponents.FRAGMENTS)
        {
            final ComponentMapper<? extends com.artemis.Component> fragments = state.world.getMapper(fragment);
            int count = 0;
            for (int k = 0; k < subscribed.size(); k++)
            {
                count += fragments.has(subscribed.get(k)) ? 1 : 0;
            }
            assertThat(count).as("Artemis entities with Data and %s", fragment.getSimpleName())
                .isEqualTo(FragmentedFixtures.ENTITIES_PER_ARCHETYPE);
        }
        return values;
    }

    /** Our values, read per fragment archetype through a query on (Data, FragX) and the world's accessor. */
    private static void assertOursFragValues(
        final String name, final FragmentedFixtures.Ours state, final float expected)
    {
        final io.asobi.ecs.World world = state.world;
        final ComponentType<FragmentedFixtures.Data> data = world.component(FragmentedFixtures.Data.class);
        final List<Float> values = new ArrayList<>();
        for (final Class<? extends Record> fragment : FragmentedFixtures.FRAGMENTS)
        {
            final int[] entities = entitiesWith(world, data, world.component(fragment));
            assertThat(entities).as("%s: our entities with Data and %s", name, fragment.getSimpleName())
                .hasSize(FragmentedFixtures.ENTITIES_PER_ARCHETYPE);
            for (final int e : entities)
            {
                values.add(world.get(e, state.value));
            }
        }
        assertThat(world.entityCount()).isEqualTo(FRAG_ENTITIES);
        assertFragValues(name, values, expected);
    }
}

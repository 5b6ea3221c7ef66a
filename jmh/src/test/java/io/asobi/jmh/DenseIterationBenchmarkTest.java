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
 * B1 ({@link DenseIterationBenchmark}, {@link DenseIterationSlowBenchmark}): every variant, run through its benchmark
 * method on a 1,000-entity fixture, must leave every entity where {@code PASSES} applications of
 * {@code p += v * dt} put it, bit for bit, read back through each peer's own API.
 */
class DenseIterationBenchmarkTest
{
    private static final int ENTITIES = 1_000;
    private static final int PASSES = 3;
    private static final float DT = DenseIterationFixtures.DT;

    @Test
    void shouldMoveEveryEntityLikeTheReferenceLoopInEveryVariantOfTheOneMillionBenchmark()
    {
        final DenseIterationBenchmark b = new DenseIterationBenchmark();
        final DenseIterationBenchmark.RawSoa rawSoa = new DenseIterationBenchmark.RawSoa()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationBenchmark.RawObjects rawObjects = new DenseIterationBenchmark.RawObjects()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationBenchmark.DominionPeer dominion = new DenseIterationBenchmark.DominionPeer()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationBenchmark.ArtemisPeer artemis = new DenseIterationBenchmark.ArtemisPeer()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationBenchmark.Ours oursChunk = new DenseIterationBenchmark.Ours()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationBenchmark.Ours oursCursor = new DenseIterationBenchmark.Ours()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };

        assertEveryVariantMovesLikeTheReference(List.of(
            raw("rawSoa", rawSoa, () -> b.rawSoa(rawSoa)),
            raw("rawObjects", rawObjects, () -> b.rawObjects(rawObjects)),
            dominion("dominionIterator", dominion, () -> b.dominionIterator(dominion)),
            artemis("artemisIteratingSystem", artemis, () -> b.artemisIteratingSystem(artemis)),
            ours("oursChunk", oursChunk, () -> b.oursChunk(oursChunk)),
            ours("oursCursor", oursCursor, () -> b.oursCursor(oursCursor))));
    }

    @Test
    void shouldMoveEveryEntityLikeTheReferenceLoopInEveryVariantOfTheTenMillionBenchmark()
    {
        final DenseIterationSlowBenchmark b = new DenseIterationSlowBenchmark();
        final DenseIterationSlowBenchmark.RawSoa rawSoa = new DenseIterationSlowBenchmark.RawSoa()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationSlowBenchmark.RawObjects rawObjects = new DenseIterationSlowBenchmark.RawObjects()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationSlowBenchmark.DominionPeer dominion = new DenseIterationSlowBenchmark.DominionPeer()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationSlowBenchmark.ArtemisPeer artemis = new DenseIterationSlowBenchmark.ArtemisPeer()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationSlowBenchmark.Ours oursChunk = new DenseIterationSlowBenchmark.Ours()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final DenseIterationSlowBenchmark.Ours oursCursor = new DenseIterationSlowBenchmark.Ours()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };

        assertEveryVariantMovesLikeTheReference(List.of(
            raw("rawSoa", rawSoa, () -> b.rawSoa(rawSoa)),
            raw("rawObjects", rawObjects, () -> b.rawObjects(rawObjects)),
            dominion("dominionIterator", dominion, () -> b.dominionIterator(dominion)),
            artemis("artemisIteratingSystem", artemis, () -> b.artemisIteratingSystem(artemis)),
            ours("oursChunk", oursChunk, () -> b.oursChunk(oursChunk)),
            ours("oursCursor", oursCursor, () -> b.oursCursor(oursCursor))));
    }

    @Test
    void shouldGiveTheSameResultWhenChunkAndCursorPassesAlternateOnOneWorld()
    {
        final DenseIterationFixtures.Ours ours = new DenseIterationFixtures.Ours()
        {
            protected int entityCount()
            {
                return ENTITIES;
            }
        };
        final int[] pass = { 0 };
        assertEveryVariantMovesLikeTheReference(List.of(ours("oursChunkThenCursor", ours,
            () -> (pass[0]++ & 1) == 0 ? ours.stepChunks(DT) : ours.stepEntities(DT))));
    }

    /** {@code {x[], y[]}} by entity index after {@code passes} reference passes. */
    static float[][] reference(final int passes)
    {
        final float[] x = new float[ENTITIES];
        final float[] y = new float[ENTITIES];
        for (int i = 0; i < ENTITIES; i++)
        {
            x[i] = DenseIterationFixtures.initialX(i);
            y[i] = DenseIterationFixtures.initialY(i);
            for (int pass = 0; pass < passes; pass++)
            {
                x[i] += DenseIterationFixtures.initialVx(i) * DT;
                y[i] += DenseIterationFixtures.initialVy(i) * DT;
            }
        }
        return new float[][] { x, y };
    }

    private static void assertEveryVariantMovesLikeTheReference(final List<Variant> variants)
    {
        assertEveryVariantMoves(variants, reference(0), reference(PASSES), PASSES);
    }

    private static Variant raw(final String name, final DenseIterationFixtures.RawSoa state, final Pass pass)
    {
        return new Variant(name, state::setUp, pass, () -> () -> new float[][] { state.px.clone(), state.py.clone() },
            () -> {}, FixtureChecks::assertIsLastX);
    }

    private static Variant raw(final String name, final DenseIterationFixtures.RawObjects state, final Pass pass)
    {
        return new Variant(name, state::setUp, pass, () -> () ->
        {
            final float[][] positions = new float[2][ENTITIES];
            for (int i = 0; i < ENTITIES; i++)
            {
                positions[0][i] = state.positions[i].x;
                positions[1][i] = state.positions[i].y;
            }
            return positions;
        }, () -> {}, FixtureChecks::assertIsLastX);
    }

    /** Dominion: entities found by its query, identified once by their initial position, read back by entity. */
    private static Variant dominion(final String name, final DenseIterationFixtures.DominionPeer state, final Pass pass)
    {
        return new Variant(name, state::setUp, pass, () ->
        {
            final Map<Entity, Integer> indexByEntity = new IdentityHashMap<>();
            for (final Results.With2<EcsBaselineComponents.Position, EcsBaselineComponents.Velocity> r : state.dominion
                .findEntitiesWith(EcsBaselineComponents.Position.class, EcsBaselineComponents.Velocity.class))
            {
                indexByEntity.put(r.entity(), indexOfInitialPosition(r.comp1().x, r.comp1().y));
            }
            assertThat(new ArrayList<>(indexByEntity.values())).as(name + " entities").hasSize(ENTITIES)
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

    /** Artemis: the system's subscribed entities, identified once by initial position, read back by mapper. */
    private static Variant artemis(final String name, final DenseIterationFixtures.ArtemisPeer state, final Pass pass)
    {
        return new Variant(name, state::setUp, pass, () ->
        {
            final ComponentMapper<EcsBaselineArtemisComponents.Position> mapper =
                state.world.getMapper(EcsBaselineArtemisComponents.Position.class);
            final IntBag subscribed =
                state.world.getSystem(DenseIterationFixtures.MoveSystem.class).getSubscription().getEntities();
            final Int2IntHashMap indexByEntity = new Int2IntHashMap(-1);
            for (int k = 0; k < subscribed.size(); k++)
            {
                final int e = subscribed.get(k);
                indexByEntity.put(e, indexOfInitialPosition(mapper.get(e).x, mapper.get(e).y));
            }
            assertThat(indexByEntity.size()).as(name + " entities").isEqualTo(ENTITIES);
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
            .as(name + " returns the world delta, not a computed value").isEqualTo(DT));
    }

    /** Ours: the entities of a fresh query on Position, identified once by initial position, read back by handle. */
    private static Variant ours(final String name, final DenseIterationFixtures.Ours state, final Pass pass)
    {
        return new Variant(name, state::setUp, pass, () ->
        {
            final ComponentType<DenseIterationFixtures.Position> position =
                state.world.component(DenseIterationFixtures.Position.class);
            final Int2IntHashMap indexByEntity = new Int2IntHashMap(-1);
            for (final int e : entitiesWith(state.world, position))
            {
                indexByEntity.put(
                    e, indexOfInitialPosition(state.world.get(e, state.px), state.world.get(e, state.py)));
            }
            assertThat(indexByEntity.size()).as(name + " entities").isEqualTo(ENTITIES);
            assertThat(state.world.entityCount()).as(name + " entity count").isEqualTo(ENTITIES);
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
        }, () -> {}, FixtureChecks::assertIsSomeX);
    }
}

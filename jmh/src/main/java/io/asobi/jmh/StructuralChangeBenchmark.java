package io.asobi.jmh;

import java.util.concurrent.TimeUnit;

import dev.dominion.ecs.api.Entity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B3, structural changes on 1M entities of two components; one operation is one entity created, one component added
 * or removed, or one entity destroyed, so the score is ns/op (1000 / score = M ops/s).
 * <ul>
 *   <li>{@code create*}: 1M entities into a new, empty world (built by the untimed per-invocation setup);
 *       {@code createOursBatch} uses the batch API ({@code createEntities}), {@code createOursTemplate} one call per
 *       entity;</li>
 *   <li>{@code addRemove*}: add a third component to all 1M entities, then remove it from all (2M ops); the world
 *       is built once per trial and is back in its starting state after every invocation;</li>
 *   <li>{@code destroy*}: destroy all 1M entities of a world built by the untimed per-invocation setup.</li>
 * </ul>
 * With {@code -prof gc}, B/op of create and destroy includes the per-invocation setup's allocation (see
 * {@link StructuralChangeFixtures}); the add/remove B/op is the steady-state figure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class StructuralChangeBenchmark
{
    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public int createOursTemplate(final StructuralChangeFixtures.OursEmpty state)
    {
        return state.createTemplate();
    }

    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public int createOursBatch(final StructuralChangeFixtures.OursEmpty state)
    {
        return state.createBatch();
    }

    @Benchmark
    @OperationsPerInvocation(2 * StructuralChangeFixtures.ENTITIES)
    public boolean addRemoveOurs(final StructuralChangeFixtures.OursSteady state)
    {
        return state.addThenRemove();
    }

    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public int destroyOurs(final StructuralChangeFixtures.OursPopulated state)
    {
        return state.destroy();
    }

    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public Entity createDominionPrepared(final StructuralChangeFixtures.DominionEmpty state)
    {
        return state.createPrepared();
    }

    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public Entity createDominion(final StructuralChangeFixtures.DominionEmpty state)
    {
        return state.create();
    }

    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public int createArtemisArchetype(final StructuralChangeFixtures.ArtemisEmpty state)
    {
        return state.createArchetype();
    }

    @Benchmark
    @OperationsPerInvocation(2 * StructuralChangeFixtures.ENTITIES)
    public boolean addRemoveDominion(final StructuralChangeFixtures.DominionSteady state)
    {
        return state.addThenRemove();
    }

    @Benchmark
    @OperationsPerInvocation(2 * StructuralChangeFixtures.ENTITIES)
    public int addRemoveArtemis(final StructuralChangeFixtures.ArtemisSteady state)
    {
        return state.addThenRemove();
    }

    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public boolean destroyDominion(final StructuralChangeFixtures.DominionPopulated state)
    {
        return state.destroy();
    }

    @Benchmark
    @OperationsPerInvocation(StructuralChangeFixtures.ENTITIES)
    public int destroyArtemis(final StructuralChangeFixtures.ArtemisPopulated state)
    {
        return state.destroy();
    }
}

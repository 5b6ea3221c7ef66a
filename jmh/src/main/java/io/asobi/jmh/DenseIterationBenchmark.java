package io.asobi.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B1, dense iteration at 1M entities: {@code p += v * dt} over Position{x,y} + Velocity{x,y}. One operation is one
 * entity update, so the score is ns/entity. Ours runs by chunk (column arrays) and by entity (cursor accessors). The
 * raw SoA loop is the floor; raw object arrays show the cost of one object per component; Dominion 0.9.0 and
 * Artemis-odb 2.3.0 are the peers. The 10M variant is {@link DenseIterationSlowBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@OperationsPerInvocation(DenseIterationBenchmark.ENTITIES)
public class DenseIterationBenchmark
{
    static final int ENTITIES = 1_000_000;

    @State(Scope.Benchmark)
    public static class RawSoa extends DenseIterationFixtures.RawSoa
    {
        @Override
        protected int entityCount()
        {
            return ENTITIES;
        }
    }

    @State(Scope.Benchmark)
    public static class RawObjects extends DenseIterationFixtures.RawObjects
    {
        @Override
        protected int entityCount()
        {
            return ENTITIES;
        }
    }

    @State(Scope.Benchmark)
    public static class DominionPeer extends DenseIterationFixtures.DominionPeer
    {
        @Override
        protected int entityCount()
        {
            return ENTITIES;
        }
    }

    @State(Scope.Benchmark)
    public static class ArtemisPeer extends DenseIterationFixtures.ArtemisPeer
    {
        @Override
        protected int entityCount()
        {
            return ENTITIES;
        }
    }

    @State(Scope.Benchmark)
    public static class Ours extends DenseIterationFixtures.Ours
    {
        @Override
        protected int entityCount()
        {
            return ENTITIES;
        }
    }

    @Benchmark
    public float rawSoa(final RawSoa state)
    {
        return state.step(DenseIterationFixtures.DT);
    }

    @Benchmark
    public float rawObjects(final RawObjects state)
    {
        return state.step(DenseIterationFixtures.DT);
    }

    @Benchmark
    public float dominionIterator(final DominionPeer state)
    {
        return state.step(DenseIterationFixtures.DT);
    }

    @Benchmark
    public float artemisIteratingSystem(final ArtemisPeer state)
    {
        return state.step(DenseIterationFixtures.DT);
    }

    @Benchmark
    public float oursChunk(final Ours state)
    {
        return state.stepChunks(DenseIterationFixtures.DT);
    }

    @Benchmark
    public float oursCursor(final Ours state)
    {
        return state.stepEntities(DenseIterationFixtures.DT);
    }
}

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
 * B1 at 10M entities (slow: ~10x the setup time and heap of the 1M run, so it is left out of {@code bin/bench reduced}).
 * At 10M the four columns are 160 MB, far beyond the caches: the raw SoA loop here is DRAM-bandwidth bound, which is
 * what the target "within 1.5x of the bandwidth bound" refers to. Same peers and code as {@link DenseIterationBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@OperationsPerInvocation(DenseIterationSlowBenchmark.ENTITIES)
public class DenseIterationSlowBenchmark
{
    static final int ENTITIES = 10_000_000;

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

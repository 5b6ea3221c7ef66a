package io.asobi.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B2, wide and fragmented iteration.
 * <ul>
 *   <li>{@code wide*}: six components read, one written, 1M entities ({@link WideFixtures}); one operation is one
 *       entity update, so the score is ns/entity.</li>
 *   <li>{@code frag*}: 26 archetypes x 20 entities, double the shared {@code Data} ({@link FragmentedFixtures}); one
 *       operation is one whole pass over the 520 entities, so the score is ns/pass.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class WideFragmentedBenchmark
{
    static final float DT = 1f / 60f;

    @Benchmark
    @OperationsPerInvocation(WideFixtures.ENTITIES)
    public float wideRawSoa(final WideFixtures.RawSoa state)
    {
        return state.step(DT);
    }

    @Benchmark
    @OperationsPerInvocation(WideFixtures.ENTITIES)
    public float wideDominionIterator(final WideFixtures.DominionPeer state)
    {
        return state.step(DT);
    }

    @Benchmark
    @OperationsPerInvocation(WideFixtures.ENTITIES)
    public float wideArtemisIteratingSystem(final WideFixtures.ArtemisPeer state)
    {
        return state.step(DT);
    }

    @Benchmark
    @OperationsPerInvocation(WideFixtures.ENTITIES)
    public float wideOursChunk(final WideFixtures.Ours state)
    {
        return state.stepChunks(DT);
    }

    @Benchmark
    public float fragRawChunks(final FragmentedFixtures.RawChunks state)
    {
        return state.step();
    }

    @Benchmark
    public float fragDominionIterator(final FragmentedFixtures.DominionPeer state)
    {
        return state.step();
    }

    @Benchmark
    public float fragArtemisIteratingSystem(final FragmentedFixtures.ArtemisPeer state)
    {
        return state.step();
    }

    @Benchmark
    public float fragOursChunk(final FragmentedFixtures.Ours state)
    {
        return state.stepChunks();
    }

    @Benchmark
    public float fragOursCursor(final FragmentedFixtures.Ours state)
    {
        return state.stepEntities();
    }
}

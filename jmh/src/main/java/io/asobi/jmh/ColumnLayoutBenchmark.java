package io.asobi.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Column storage choice for the ECS: the B1 workload ({@code p += v * dt}, 1M entities, four float columns) over
 * on-heap {@code float[]} columns versus FFM {@link MemorySegment} columns with indexed access. The segment variants
 * vary the arena (confined: owner-thread checks, shared: none on access but a handshake on close), the access layout
 * (aligned {@link ValueLayout#JAVA_FLOAT} versus {@link ValueLayout#JAVA_FLOAT_UNALIGNED}) and the memory (native
 * versus a heap segment wrapping a {@code float[]}). Score is ns/entity.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@OperationsPerInvocation(ColumnLayoutBenchmark.ENTITIES)
public class ColumnLayoutBenchmark
{
    static final int ENTITIES = 1_000_000;
    static final float DT = 1f / 60f;
    private static final long CACHE_LINE_BYTES = 64;

    /** Baseline: on-heap {@code float[]} columns. */
    @State(Scope.Thread)
    public static class HeapArrays
    {
        float[] px;
        float[] py;
        float[] vx;
        float[] vy;

        @Setup(Level.Trial)
        public void setUp()
        {
            px = new float[ENTITIES];
            py = new float[ENTITIES];
            vx = new float[ENTITIES];
            vy = new float[ENTITIES];
            for (int i = 0; i < ENTITIES; i++)
            {
                px[i] = DenseIterationFixtures.initialX(i);
                py[i] = DenseIterationFixtures.initialY(i);
                vx[i] = DenseIterationFixtures.initialVx(i);
                vy[i] = DenseIterationFixtures.initialVy(i);
            }
        }
    }

    /** Four native segments from one arena; the arena kind is chosen by the subclass. */
    public abstract static class NativeSegments
    {
        Arena arena;
        MemorySegment px;
        MemorySegment py;
        MemorySegment vx;
        MemorySegment vy;

        abstract Arena newArena();

        @Setup(Level.Trial)
        public void setUp()
        {
            arena = newArena();
            px = column(arena);
            py = column(arena);
            vx = column(arena);
            vy = column(arena);
            for (int i = 0; i < ENTITIES; i++)
            {
                px.setAtIndex(ValueLayout.JAVA_FLOAT, i, DenseIterationFixtures.initialX(i));
                py.setAtIndex(ValueLayout.JAVA_FLOAT, i, DenseIterationFixtures.initialY(i));
                vx.setAtIndex(ValueLayout.JAVA_FLOAT, i, DenseIterationFixtures.initialVx(i));
                vy.setAtIndex(ValueLayout.JAVA_FLOAT, i, DenseIterationFixtures.initialVy(i));
            }
        }

        private static MemorySegment column(final Arena arena)
        {
            return arena.allocate(ValueLayout.JAVA_FLOAT.byteSize() * ENTITIES, CACHE_LINE_BYTES);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            arena.close();
        }
    }

    /** Native segments from {@link Arena#ofConfined()}; setup, access and close all on the benchmark thread. */
    @State(Scope.Thread)
    public static class ConfinedSegments extends NativeSegments
    {
        @Override
        Arena newArena()
        {
            return Arena.ofConfined();
        }
    }

    /** Native segments from {@link Arena#ofShared()}. */
    @State(Scope.Thread)
    public static class SharedSegments extends NativeSegments
    {
        @Override
        Arena newArena()
        {
            return Arena.ofShared();
        }
    }

    /** Heap segments wrapping {@code float[]} columns: the segment API over heap memory. */
    @State(Scope.Thread)
    public static class HeapSegments
    {
        MemorySegment px;
        MemorySegment py;
        MemorySegment vx;
        MemorySegment vy;

        @Setup(Level.Trial)
        public void setUp()
        {
            final HeapArrays arrays = new HeapArrays();
            arrays.setUp();
            px = MemorySegment.ofArray(arrays.px);
            py = MemorySegment.ofArray(arrays.py);
            vx = MemorySegment.ofArray(arrays.vx);
            vy = MemorySegment.ofArray(arrays.vy);
        }
    }

    @Benchmark
    public float heapArrays(final HeapArrays s)
    {
        final float[] px = s.px;
        final float[] py = s.py;
        final float[] vx = s.vx;
        final float[] vy = s.vy;
        final float dt = DT;
        for (int i = 0; i < ENTITIES; i++)
        {
            px[i] += vx[i] * dt;
            py[i] += vy[i] * dt;
        }
        return px[ENTITIES - 1];
    }

    @Benchmark
    public float confinedAligned(final ConfinedSegments s)
    {
        return stepAligned(s.px, s.py, s.vx, s.vy);
    }

    @Benchmark
    public float confinedUnaligned(final ConfinedSegments s)
    {
        return stepUnaligned(s.px, s.py, s.vx, s.vy);
    }

    @Benchmark
    public float sharedAligned(final SharedSegments s)
    {
        return stepAligned(s.px, s.py, s.vx, s.vy);
    }

    @Benchmark
    public float sharedUnaligned(final SharedSegments s)
    {
        return stepUnaligned(s.px, s.py, s.vx, s.vy);
    }

    @Benchmark
    public float heapSegmentAligned(final HeapSegments s)
    {
        return stepAligned(s.px, s.py, s.vx, s.vy);
    }

    // Two copies of the loop on purpose: the layout must be a compile-time constant (a static final) for C2 to fold the
    // var handle behind getAtIndex/setAtIndex; passed in as a parameter it is not folded when the loop is compiled on
    // its own (OSR), and every access then takes the slow generic path (measured: 30-60 ns/entity instead of < 1).
    private static final ValueLayout.OfFloat ALIGNED = ValueLayout.JAVA_FLOAT;
    private static final ValueLayout.OfFloat UNALIGNED = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private static float stepAligned(
        final MemorySegment px, final MemorySegment py, final MemorySegment vx, final MemorySegment vy)
    {
        final float dt = DT;
        for (long i = 0; i < ENTITIES; i++)
        {
            px.setAtIndex(ALIGNED, i, px.getAtIndex(ALIGNED, i) + vx.getAtIndex(ALIGNED, i) * dt);
            py.setAtIndex(ALIGNED, i, py.getAtIndex(ALIGNED, i) + vy.getAtIndex(ALIGNED, i) * dt);
        }
        return px.getAtIndex(ALIGNED, ENTITIES - 1);
    }

    private static float stepUnaligned(
        final MemorySegment px, final MemorySegment py, final MemorySegment vx, final MemorySegment vy)
    {
        final float dt = DT;
        for (long i = 0; i < ENTITIES; i++)
        {
            px.setAtIndex(UNALIGNED, i, px.getAtIndex(UNALIGNED, i) + vx.getAtIndex(UNALIGNED, i) * dt);
            py.setAtIndex(UNALIGNED, i, py.getAtIndex(UNALIGNED, i) + vy.getAtIndex(UNALIGNED, i) * dt);
        }
        return px.getAtIndex(UNALIGNED, ENTITIES - 1);
    }
}

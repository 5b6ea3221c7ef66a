package io.asobi.jmh;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

import static io.asobi.jmh.FixtureChecks.assertSameFloats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ColumnLayoutBenchmark}: its size is a compile-time constant (1M entities, 16 MB per fixture), so each variant
 * runs at full size, one at a time, and must leave all four columns exactly where the reference loop puts them.
 */
class ColumnLayoutBenchmarkTest
{
    private static final int ENTITIES = ColumnLayoutBenchmark.ENTITIES;
    private static final int PASSES = 3;
    private static final float DT = ColumnLayoutBenchmark.DT;

    private final ColumnLayoutBenchmark benchmark = new ColumnLayoutBenchmark();
    private final float[] expectedX = new float[ENTITIES];
    private final float[] expectedY = new float[ENTITIES];

    ColumnLayoutBenchmarkTest()
    {
        for (int i = 0; i < ENTITIES; i++)
        {
            float x = DenseIterationFixtures.initialX(i);
            float y = DenseIterationFixtures.initialY(i);
            for (int pass = 0; pass < PASSES; pass++)
            {
                x += DenseIterationFixtures.initialVx(i) * DT;
                y += DenseIterationFixtures.initialVy(i) * DT;
            }
            expectedX[i] = x;
            expectedY[i] = y;
        }
    }

    @Test
    void shouldMoveEveryEntityWithHeapArrays()
    {
        final ColumnLayoutBenchmark.HeapArrays s = new ColumnLayoutBenchmark.HeapArrays();
        s.setUp();
        assertThat(s.px[ENTITIES - 1]).isNotEqualTo(expectedX[ENTITIES - 1]);
        float returned = Float.NaN;
        for (int pass = 0; pass < PASSES; pass++)
        {
            returned = benchmark.heapArrays(s);
        }
        assertMoved("heapArrays", s.px, s.py, s.vx, s.vy, returned);
    }

    @Test
    void shouldMoveEveryEntityWithConfinedSegmentsAligned()
    {
        final ColumnLayoutBenchmark.ConfinedSegments s = new ColumnLayoutBenchmark.ConfinedSegments();
        runOnNative("confinedAligned", s, () -> benchmark.confinedAligned(s));
    }

    @Test
    void shouldMoveEveryEntityWithConfinedSegmentsUnaligned()
    {
        final ColumnLayoutBenchmark.ConfinedSegments s = new ColumnLayoutBenchmark.ConfinedSegments();
        runOnNative("confinedUnaligned", s, () -> benchmark.confinedUnaligned(s));
    }

    @Test
    void shouldMoveEveryEntityWithSharedSegmentsAligned()
    {
        final ColumnLayoutBenchmark.SharedSegments s = new ColumnLayoutBenchmark.SharedSegments();
        runOnNative("sharedAligned", s, () -> benchmark.sharedAligned(s));
    }

    @Test
    void shouldMoveEveryEntityWithSharedSegmentsUnaligned()
    {
        final ColumnLayoutBenchmark.SharedSegments s = new ColumnLayoutBenchmark.SharedSegments();
        runOnNative("sharedUnaligned", s, () -> benchmark.sharedUnaligned(s));
    }

    @Test
    void shouldMoveEveryEntityWithHeapSegments()
    {
        final ColumnLayoutBenchmark.HeapSegments s = new ColumnLayoutBenchmark.HeapSegments();
        s.setUp();
        assertThat(s.px.isNative()).isFalse();
        assertThat(s.px.getAtIndex(ValueLayout.JAVA_FLOAT, ENTITIES - 1)).isNotEqualTo(expectedX[ENTITIES - 1]);
        float returned = Float.NaN;
        for (int pass = 0; pass < PASSES; pass++)
        {
            returned = benchmark.heapSegmentAligned(s);
        }
        assertMoved("heapSegmentAligned", floats(s.px), floats(s.py), floats(s.vx), floats(s.vy), returned);
    }

    private void runOnNative(
        final String name, final ColumnLayoutBenchmark.NativeSegments s, final FixtureChecks.Pass pass)
    {
        s.setUp();
        try
        {
            assertThat(s.px.isNative()).isTrue();
            assertThat(s.px.address() % 64).as("columns start on a cache line").isZero();
            assertThat(s.px.getAtIndex(ValueLayout.JAVA_FLOAT, ENTITIES - 1)).as(name + " starts elsewhere")
                .isNotEqualTo(expectedX[ENTITIES - 1]);
            float returned = Float.NaN;
            for (int i = 0; i < PASSES; i++)
            {
                returned = pass.run();
            }
            assertMoved(name, floats(s.px), floats(s.py), floats(s.vx), floats(s.vy), returned);
        }
        finally
        {
            s.tearDown();
        }
        assertThat(s.arena.scope().isAlive()).as("teardown closes the arena").isFalse();
    }

    private void assertMoved(
        final String name, final float[] px, final float[] py, final float[] vx, final float[] vy, final float returned)
    {
        assertSameFloats(name + " x", px, expectedX);
        assertSameFloats(name + " y", py, expectedY);
        for (int i = 0; i < ENTITIES; i += 997)
        {
            assertThat(vx[i]).as("%s vx of %d is only read", name, i).isEqualTo(DenseIterationFixtures.initialVx(i));
            assertThat(vy[i]).as("%s vy of %d is only read", name, i).isEqualTo(DenseIterationFixtures.initialVy(i));
        }
        assertThat(returned).as(name + " returns the last x").isEqualTo(expectedX[ENTITIES - 1]);
    }

    private static float[] floats(final MemorySegment segment)
    {
        assertThat(segment.byteSize()).isEqualTo((long)ENTITIES * Float.BYTES);
        return segment.toArray(ValueLayout.JAVA_FLOAT);
    }
}

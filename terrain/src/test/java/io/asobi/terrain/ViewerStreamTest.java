package io.asobi.terrain;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewerStreamTest
{
    private final List<long[]> emitted = new ArrayList<>();
    private final ChunkSink sink = (cx, cy) -> emitted.add(new long[] { cx, cy });

    @Test
    void shouldSendTheRingNearestFirstWithDeterministicTies()
    {
        final ViewerStream stream = new ViewerStream(1, 1);
        assertThat(stream.poll(100, sink)).isZero();

        stream.moveTo(10, 20);
        assertThat(stream.pendingCount()).isEqualTo(9);
        assertThat(stream.poll(100, sink)).isEqualTo(9);

        assertThat(emitted).containsExactly(
            new long[] { 10, 20 },
            new long[] { 10, 19 }, new long[] { 9, 20 }, new long[] { 11, 20 }, new long[] { 10, 21 },
            new long[] { 9, 19 }, new long[] { 11, 19 }, new long[] { 9, 21 }, new long[] { 11, 21 });
        assertThat(stream.pendingCount()).isZero();
        assertThat(stream.poll(100, sink)).isZero();
    }

    @Test
    void shouldRespectTheBudgetPerCall()
    {
        final ViewerStream stream = new ViewerStream(3, 0);
        stream.moveTo(0, 0);

        assertThat(stream.poll(5, sink)).isEqualTo(5);
        assertThat(stream.poll(0, sink)).isZero();
        assertThat(stream.poll(40, sink)).isEqualTo(40);
        assertThat(stream.poll(40, sink)).isEqualTo(4);
        assertThat(emitted).hasSize(49);
        long previous = -1;
        for (final long[] chunk : emitted)
        {
            final long distance = chunk[0] * chunk[0] + chunk[1] * chunk[1];
            assertThat(distance).isGreaterThanOrEqualTo(previous);
            previous = distance;
        }
        assertThatThrownBy(() -> stream.poll(-1, sink)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSendOnlyTheNewChunksAfterAMoveNearestFirst()
    {
        final ViewerStream stream = new ViewerStream(2, 1);
        stream.moveTo(0, 0);
        stream.poll(100, sink);
        emitted.clear();

        stream.moveTo(1, 0);
        assertThat(stream.poll(100, sink)).isEqualTo(5);
        assertThat(emitted).containsExactly(
            new long[] { 3, 0 }, new long[] { 3, -1 }, new long[] { 3, 1 }, new long[] { 3, -2 }, new long[] { 3, 2 });
    }

    @Test
    void shouldNotResendWhenWalkingBackAndForthOverAnEdge()
    {
        final ViewerStream stream = new ViewerStream(2, 1);
        stream.moveTo(0, 0);
        stream.poll(100, sink);
        stream.moveTo(1, 0);
        stream.poll(100, sink);
        emitted.clear();

        for (int i = 0; i < 10; i++)
        {
            stream.moveTo(i % 2, 0);
            assertThat(stream.poll(100, sink)).isZero();
        }
        assertThat(emitted).isEmpty();
        assertThat(stream.sentCount()).isEqualTo(30);
    }

    @Test
    void shouldForgetChunksBeyondRadiusPlusHysteresis()
    {
        final ViewerStream stream = new ViewerStream(1, 1);
        stream.moveTo(0, 0);
        stream.poll(100, sink);

        stream.moveTo(2, 0); // column -1 is now 3 away: beyond 1 + 1
        assertThat(stream.hasSent(-1, 0)).isFalse();
        assertThat(stream.hasSent(0, 0)).isTrue();

        stream.moveTo(0, 0);
        emitted.clear();
        stream.poll(100, sink);
        assertThat(emitted).containsExactly(new long[] { -1, 0 }, new long[] { -1, -1 }, new long[] { -1, 1 });
    }

    @Test
    void shouldTrackChunkMinusOneMinusOneWhoseKeyIsMinusOne()
    {
        assertThat(Chunk.key(-1, -1)).isEqualTo(-1L); // Agrona's LongHashSet stores its missing value apart
        final ViewerStream stream = new ViewerStream(0, 0);
        stream.moveTo(-1, -1);
        assertThat(stream.poll(10, sink)).isOne();
        assertThat(stream.hasSent(-1, -1)).isTrue();
        assertThat(stream.sentCount()).isOne();

        stream.moveTo(5, 5);
        assertThat(stream.hasSent(-1, -1)).isFalse();
        stream.poll(10, sink);
        assertThat(stream.sentCount()).isOne();
        stream.moveTo(-1, -1);
        assertThat(stream.poll(10, sink)).isOne();
        assertThat(emitted).containsExactly(new long[] { -1, -1 }, new long[] { 5, 5 }, new long[] { -1, -1 });
    }

    @Test
    void shouldResendWhatTheCallerForgets()
    {
        final ViewerStream stream = new ViewerStream(1, 0);
        stream.moveTo(0, 0);
        stream.poll(100, sink);
        emitted.clear();

        assertThat(stream.forget(1, 1)).isTrue();
        assertThat(stream.forget(5, 5)).isFalse();
        assertThat(stream.poll(100, sink)).isOne();
        assertThat(emitted).containsExactly(new long[] { 1, 1 });

        stream.reset();
        assertThat(stream.sentCount()).isZero();
        assertThat(stream.poll(100, sink)).isEqualTo(9);
    }

    @Test
    void shouldSkipChunksOutsideTheWorld()
    {
        final ViewerStream stream = new ViewerStream(1, 0);
        stream.moveTo(Chunk.MAX_COORD, -Chunk.MAX_COORD);
        assertThat(stream.poll(100, sink)).isEqualTo(4);
        for (final long[] chunk : emitted)
        {
            assertThat(Chunk.isValidCoord((int)chunk[0]) && Chunk.isValidCoord((int)chunk[1])).isTrue();
        }
        assertThatThrownBy(() -> stream.moveTo(Chunk.MAX_COORD + 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCentreOnTheChunkOfAWorldTile()
    {
        final ViewerStream stream = new ViewerStream(0, 0);
        stream.moveToTile(-1, 64);
        assertThat(stream.centreX()).isEqualTo(-1);
        assertThat(stream.centreY()).isEqualTo(1);
        assertThatThrownBy(() -> new ViewerStream(ViewerStream.MAX_RADIUS_CHUNKS + 1, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ViewerStream(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotAllocateOncewarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ViewerStream stream = new ViewerStream(4, 2);
        final long[] sum = new long[1];
        final ChunkSink counting = (cx, cy) -> sum[0] += cx + cy;
        walk(stream, counting, 20_000); // warm up: JIT, and the sent set at its working size

        final long before = threads.getCurrentThreadAllocatedBytes();
        walk(stream, counting, 20_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).isLessThan(1024);
        assertThat(sum[0]).isNotZero();
    }

    private static void walk(final ViewerStream stream, final ChunkSink sink, final int steps)
    {
        int x = 0;
        int y = 0;
        for (int i = 0; i < steps; i++)
        {
            final int direction = (i * 7 + i / 13) % 4;
            x += direction == 0 ? 1 : direction == 1 ? -1 : 0;
            y += direction == 2 ? 1 : direction == 3 ? -1 : 0;
            stream.moveTo(x, y);
            stream.poll(8, sink);
        }
    }
}

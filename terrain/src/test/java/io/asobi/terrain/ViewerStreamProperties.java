package io.asobi.terrain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerStreamProperties
{
    @Property(tries = 300)
    void shouldSendEveryNearChunkOnceAndKeepNothingFar(
        @ForAll @IntRange(min = 0, max = 4) final int radius,
        @ForAll @IntRange(min = 0, max = 3) final int hysteresis,
        @ForAll @IntRange(min = 1, max = 30) final int budget,
        @ForAll @Size(min = 1, max = 200) final List<@IntRange(min = 0, max = 19) Integer> walk)
    {
        final ViewerStream stream = new ViewerStream(radius, hysteresis);
        final int keep = radius + hysteresis;
        final Set<Long> held = new HashSet<>();         // model of what the viewer holds
        final Map<Long, Integer> sends = new HashMap<>(); // sends since the chunk was last beyond keep
        final int[] centre = { 0, 0 };
        final long[] lastDistance = { -1 };

        final ChunkSink sink = (cx, cy) ->
        {
            final long dx = cx - centre[0];
            final long dy = cy - centre[1];
            assertThat(Math.max(Math.abs(dx), Math.abs(dy))).isLessThanOrEqualTo(radius);
            assertThat(dx * dx + dy * dy).isGreaterThanOrEqualTo(lastDistance[0]); // nearest first within a call
            lastDistance[0] = dx * dx + dy * dy;
            final long key = Chunk.key(cx, cy);
            assertThat(held.add(key)).as("chunk (%d, %d) sent twice while near", cx, cy).isTrue();
            assertThat(sends.merge(key, 1, Integer::sum)).isOne();
        };

        for (final int step : walk)
        {
            // mostly single steps, sometimes a jump (teleport / respawn)
            centre[0] += step < 16 ? (step % 3) - 1 : (step - 16) * 5;
            centre[1] += step < 16 ? (step / 3 % 3) - 1 : -(step - 16) * 3;
            stream.moveTo(centre[0], centre[1]);
            held.removeIf(key -> beyond(key, centre, keep));
            sends.keySet().removeIf(key -> beyond(key, centre, keep));

            lastDistance[0] = -1;
            assertThat(stream.poll(budget, sink)).isLessThanOrEqualTo(budget);

            assertThat(stream.sentCount()).isEqualTo(held.size());
            for (final long key : held)
            {
                assertThat(stream.hasSent(Chunk.keyX(key), Chunk.keyY(key))).isTrue();
            }
        }

        // staying put, every chunk within r is eventually sent
        final int side = 2 * radius + 1;
        for (int i = 0; i < side * side && stream.pendingCount() > 0; i++)
        {
            lastDistance[0] = -1;
            stream.poll(budget, sink);
        }
        assertThat(stream.pendingCount()).isZero();
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                assertThat(stream.hasSent(centre[0] + dx, centre[1] + dy)).isTrue();
            }
        }
    }

    private static boolean beyond(final long key, final int[] centre, final int keep)
    {
        return Math.max(Math.abs(Chunk.keyX(key) - centre[0]), Math.abs(Chunk.keyY(key) - centre[1])) > keep;
    }
}

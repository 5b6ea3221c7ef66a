package io.asobi.match;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MatchRuntimeAllocationTest
{
    private static final int TICKS = 500;

    private long frameArrayBytes;
    private long frameCount;

    @Test
    void aRunningTickAllocatesOnlyItsFrame()
    {
        final TestModes modes = new TestModes().add(TestModes.config("lean", 2, 2, 2, 10, true, false, true),
            LeanLogic::new);
        try (RuntimeHarness h = new RuntimeHarness())
        {
            final MatchRuntime runtime = MatchRuntime.launch(h.context()
                .gameModes(modes)
                .outbound((playerId, frame) ->
                {
                    if ("A".equals(playerId))
                    {
                        frameArrayBytes += (16 + frame.length + 7) & ~7;
                    }
                    frameCount++;
                }));
            h.runtime = runtime;
            final RecordingReply a = h.findOrCreate("A", "lean");
            final RecordingReply b = h.findOrCreate("B", "lean");
            h.advanceMs(100);
            assertThat(a.isOk()).isTrue();
            assertThat(b.isOk()).isTrue();

            final byte[] input = "{\"move_x\":1,\"move_y\":0}".getBytes(StandardCharsets.UTF_8);
            runTicks(h, input, 20 * TICKS);

            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long threadId = Thread.currentThread().threadId();
            // The least of three measurements: a one-off allocation of the JVM's own (a JIT or class-loading event
            // landing on this thread) must not fail the test, a per-tick or per-input allocation always does
            // (500 ticks x 16 bytes alone is over the slack).
            long excess = Long.MAX_VALUE;
            long lastFrameBytes = 0;
            for (int run = 0; run < 3; run++)
            {
                frameCount = 0;
                frameArrayBytes = 0;
                final long before = threads.getThreadAllocatedBytes(threadId);
                runTicks(h, input, TICKS);
                final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
                assertThat(frameCount).as("one shared frame per tick, pushed to both players").isEqualTo(2 * TICKS);
                excess = Math.min(excess, allocated - frameArrayBytes);
                lastFrameBytes = frameArrayBytes;
            }

            assertThat(excess).as("bytes allocated by %s ticks with inputs, beyond the frames' %s bytes",
                TICKS, lastFrameBytes).isLessThan(2048);
        }
    }

    private static void runTicks(final RuntimeHarness h, final byte[] input, final int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            if (InputResult.ACCEPTED != h.runtime.input("A", input, 0, input.length) ||
                InputResult.ACCEPTED != h.runtime.input("B", input, 0, input.length))
            {
                throw new AssertionError("input not accepted");
            }
            h.clock.advance(100 * RuntimeHarness.MS);
            while (0 != h.runtime.doWork())
            {
                Thread.onSpinWait();
            }
        }
    }

    /** Counts inputs and writes a small state, allocating nothing. */
    static final class LeanLogic implements MatchLogic
    {
        private long inputs;
        private long tick;

        public void init(final MatchContext ctx)
        {
        }

        public String join(final String playerId, final ObjectNode joinCtx)
        {
            return null;
        }

        public void leave(final String playerId)
        {
        }

        public void handleInput(final String playerId, final byte[] json, final int offset, final int length)
        {
            inputs += length;
        }

        public ObjectNode tick(final long tick)
        {
            this.tick = tick;
            return null;
        }

        public boolean sharedState()
        {
            return true;
        }

        public void writeState(final String playerId, final JsonGenerator out) throws IOException
        {
            out.writeStartObject();
            out.writeNumberField("tick", tick);
            out.writeNumberField("input_bytes", inputs);
            out.writeEndObject();
        }
    }
}

package io.asobi.ecs.tick;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Test simulation that appends what it is called with to a shared trace and notes the clock at each step.
 */
final class RecordingSimulation implements Simulation
{
    final String name;
    final List<String> trace;
    final NanoClock clock;
    final LongArrayList tickTimesNs = new LongArrayList();
    LongConsumer onTickAction = tick -> {};
    Runnable onInputAction = () -> {};

    RecordingSimulation(final String name, final List<String> trace, final NanoClock clock)
    {
        this.name = name;
        this.trace = trace;
        this.clock = clock;
    }

    public void onInput(
        final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
    {
        trace.add(name + ":in:" + sourceId + ":" + inputType + ":" + buffer.getStringWithoutLengthAscii(offset, length));
        onInputAction.run();
    }

    public void onTick(final long tick)
    {
        tickTimesNs.addLong(clock.nanoTime());
        trace.add(name + ":tick:" + tick);
        onTickAction.accept(tick);
    }

    int tickCount()
    {
        return tickTimesNs.size();
    }
}

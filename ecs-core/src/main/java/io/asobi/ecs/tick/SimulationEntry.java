package io.asobi.ecs.tick;

import java.util.concurrent.TimeUnit;

/**
 * Tick-thread state of one simulation: its schedule and counters. Created by the registering thread, then owned by
 * the tick thread once taken from the control queue.
 * <p>
 * The schedule is a grid anchored at {@code anchorNs}: step {@code k} after the anchor is due at
 * {@code anchorNs + floor(k × 1 s / rateHz)}, computed per second so that it never drifts nor overflows.
 */
final class SimulationEntry
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    final long simulationId;
    final int rateHz;
    final long intervalNs;
    final Simulation simulation;
    final SimulationStats stats;

    long registrationSequence;
    long deadlineNs;
    long tick;
    private long secondStartNs;
    private int slotInSecond;
    private long overrunCount;
    private long inputCount;
    private long droppedInputCount;

    SimulationEntry(final long simulationId, final int rateHz, final Simulation simulation)
    {
        this.simulationId = simulationId;
        this.rateHz = rateHz;
        this.intervalNs = SECOND_NS / rateHz;
        this.simulation = simulation;
        this.stats = new SimulationStats(simulationId, rateHz);
    }

    boolean isRunning()
    {
        return SimulationState.RUNNING == stats.state();
    }

    /**
     * Start the grid at {@code nowNs}: the next step is due at once.
     */
    void anchor(final long nowNs)
    {
        secondStartNs = nowNs;
        slotInSecond = 0;
        deadlineNs = nowNs;
    }

    /**
     * Account for a completed step and schedule the next one.
     *
     * @param stepEndNs clock reading when the step returned.
     */
    void onStepCompleted(final long stepEndNs)
    {
        stats.tickCount(++tick);

        if (++slotInSecond == rateHz)
        {
            slotInSecond = 0;
            secondStartNs += SECOND_NS;
        }
        deadlineNs = secondStartNs + (slotInSecond * SECOND_NS) / rateHz;

        if (deadlineNs <= stepEndNs)
        {
            stats.overrunCount(++overrunCount);
            if (deadlineNs <= stepEndNs - intervalNs)
            {
                anchor(stepEndNs);
            }
        }
    }

    void onInputDelivered()
    {
        stats.inputCount(++inputCount);
    }

    void onInputDropped()
    {
        stats.droppedInputCount(++droppedInputCount);
    }
}

package io.asobi.ecs.tick;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Monitoring view of one simulation on a tick thread: lifecycle state, counters and a step-time histogram.
 * <p>
 * <b>Note:</b> written by the tick thread only (release stores); any thread may read it. Counters are each
 * up to date on their own, not a consistent snapshot across counters.
 */
public final class SimulationStats
{
    /** Step times above this are recorded as this value. */
    public static final long MAX_RECORDED_STEP_TIME_NS = TimeUnit.SECONDS.toNanos(60);

    /** Precision of the step-time histogram (2 digits: 1 % resolution, about 30 KiB per histogram). */
    public static final int STEP_TIME_SIGNIFICANT_DIGITS = 2;

    private static final VarHandle STATE;
    private static final VarHandle TICK_COUNT;
    private static final VarHandle OVERRUN_COUNT;
    private static final VarHandle INPUT_COUNT;
    private static final VarHandle DROPPED_INPUT_COUNT;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(SimulationStats.class, "state", SimulationState.class);
            TICK_COUNT = lookup.findVarHandle(SimulationStats.class, "tickCount", long.class);
            OVERRUN_COUNT = lookup.findVarHandle(SimulationStats.class, "overrunCount", long.class);
            INPUT_COUNT = lookup.findVarHandle(SimulationStats.class, "inputCount", long.class);
            DROPPED_INPUT_COUNT = lookup.findVarHandle(SimulationStats.class, "droppedInputCount", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long simulationId;
    private final int rateHz;
    private final SingleWriterRecorder stepTimeRecorder =
        new SingleWriterRecorder(1, MAX_RECORDED_STEP_TIME_NS, STEP_TIME_SIGNIFICANT_DIGITS);

    private SimulationState state = SimulationState.PENDING;
    private long tickCount;
    private long overrunCount;
    private long inputCount;
    private long droppedInputCount;

    SimulationStats(final long simulationId, final int rateHz)
    {
        this.simulationId = simulationId;
        this.rateHz = rateHz;
    }

    /**
     * Id the simulation was registered under.
     *
     * @return id the simulation was registered under.
     */
    public long simulationId()
    {
        return simulationId;
    }

    /**
     * Step rate the simulation was registered with.
     *
     * @return step rate in Hz, 1 to 60.
     */
    public int rateHz()
    {
        return rateHz;
    }

    /**
     * Nominal interval between steps, {@code 1 s / rateHz} rounded down; the schedule itself has no rounding drift.
     *
     * @return nominal interval between steps in nanoseconds.
     */
    public long intervalNs()
    {
        return TimeUnit.SECONDS.toNanos(1) / rateHz;
    }

    /**
     * Current lifecycle state.
     *
     * @return current lifecycle state.
     */
    public SimulationState state()
    {
        return (SimulationState)STATE.getAcquire(this);
    }

    /**
     * Steps completed, which is also the number of the next tick.
     *
     * @return steps completed without throwing.
     */
    public long tickCount()
    {
        return (long)TICK_COUNT.getAcquire(this);
    }

    /**
     * Steps that ended at or after the deadline of the following step.
     *
     * @return number of overrunning steps.
     */
    public long overrunCount()
    {
        return (long)OVERRUN_COUNT.getAcquire(this);
    }

    /**
     * Inputs delivered to {@link Simulation#onInput}.
     *
     * @return number of inputs delivered.
     */
    public long inputCount()
    {
        return (long)INPUT_COUNT.getAcquire(this);
    }

    /**
     * Inputs addressed to this simulation that were dropped because it was quarantined.
     *
     * @return number of inputs dropped.
     */
    public long droppedInputCount()
    {
        return (long)DROPPED_INPUT_COUNT.getAcquire(this);
    }

    /**
     * Step times (ns, {@link Simulation#onTick} only) recorded since the previous call, without blocking the tick
     * thread.
     *
     * @param recycle null, or a histogram returned by an earlier call on this object, to reuse instead of allocating.
     * @return the interval histogram of step times in nanoseconds.
     */
    public Histogram stepTimeIntervalHistogram(final Histogram recycle)
    {
        return stepTimeRecorder.getIntervalHistogram(recycle);
    }

    void state(final SimulationState state)
    {
        STATE.setRelease(this, state);
    }

    void tickCount(final long value)
    {
        TICK_COUNT.setRelease(this, value);
    }

    void overrunCount(final long value)
    {
        OVERRUN_COUNT.setRelease(this, value);
    }

    void inputCount(final long value)
    {
        INPUT_COUNT.setRelease(this, value);
    }

    void droppedInputCount(final long value)
    {
        DROPPED_INPUT_COUNT.setRelease(this, value);
    }

    void recordStepTime(final long stepTimeNs)
    {
        stepTimeRecorder.recordValue(Math.max(0, Math.min(stepTimeNs, MAX_RECORDED_STEP_TIME_NS)));
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "SimulationStats{simulationId=" + simulationId +
            ", rateHz=" + rateHz +
            ", state=" + state() +
            ", tickCount=" + tickCount() +
            ", overrunCount=" + overrunCount() +
            ", inputCount=" + inputCount() +
            ", droppedInputCount=" + droppedInputCount() +
            '}';
    }
}

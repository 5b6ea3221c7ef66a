package io.asobi.ecs.tick;

/**
 * Supervisor callback told when a simulation is quarantined because it threw.
 * <p>
 * <b>Note:</b> called on the tick thread; it should hand the event off (for example to a queue) and return quickly.
 * An exception thrown from it goes to the agent's error handler and does not stop the tick thread.
 */
@FunctionalInterface
public interface QuarantineHandler
{
    /**
     * A simulation threw and has been taken off the schedule.
     *
     * @param simulationId of the quarantined simulation.
     * @param tick         the tick being stepped, or the tick an input was staged for, when it threw.
     * @param cause        what the simulation threw.
     */
    void onQuarantine(long simulationId, long tick, Throwable cause);
}

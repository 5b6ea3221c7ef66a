package io.asobi.ecs.tick;

/**
 * Lifecycle state of a simulation on a tick thread, as seen through {@link SimulationStats#state()}.
 */
public enum SimulationState
{
    /** Requested with {@link TickAgent#tryAdd}, not yet taken up by the tick thread. */
    PENDING,

    /** On the schedule and receiving inputs. */
    RUNNING,

    /** Threw from {@link Simulation#onInput} or {@link Simulation#onTick}; off the schedule, its inputs dropped. */
    QUARANTINED,

    /** Removed with {@link TickAgent#tryRemove}, or its agent closed. */
    REMOVED,

    /** Not taken up because another simulation with the same id is registered on the agent. */
    REJECTED
}

package io.asobi.ecs;

/**
 * The fixed order in which a tick runs its systems. Structural changes recorded in a phase are applied at its end,
 * so the next phase sees them. The order is part of a simulation's determinism contract.
 */
public enum Phase
{
    /** Apply player and system inputs to components. */
    INPUT,
    /** Prepare the step: timers, AI decisions. */
    PRE_SIM,
    /** Advance the simulation: movement, physics, combat. */
    SIM,
    /** React to the step: deaths, spawns, scoring. */
    POST_SIM,
    /** Read the state for the outside: change collection, encoding, metrics. Should not write components. */
    PUBLISH
}

package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;

/**
 * One simulation found in a simulation journal, from its {@code SimulationStarted} to its last tick.
 *
 * @param simulationId id of the simulation.
 * @param kind         match or zone.
 * @param name         match id or zone name; empty for version-0 records.
 * @param mode         mode name.
 * @param rngSeed      seed of its random numbers.
 * @param tickRateHz   tick rate.
 * @param codeHash     hash of the mode's script or code version.
 * @param startEpochMs wall clock at start.
 * @param firstTick    first journaled tick, or -1 if none.
 * @param lastTick     last journaled tick, or -1 if none.
 * @param tickCount    ticks journaled.
 * @param inputCount   inputs journaled.
 * @param complete     true when at least one tick was journaled and its last record is a {@code TickEnd}.
 */
public record SimulationSummary(
    long simulationId,
    SimulationKind kind,
    String name,
    String mode,
    long rngSeed,
    int tickRateHz,
    long codeHash,
    long startEpochMs,
    long firstTick,
    long lastTick,
    long tickCount,
    long inputCount,
    boolean complete)
{
}

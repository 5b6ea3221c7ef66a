package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;

/**
 * One simulation found in a simulation journal, from its {@code SimulationStarted} to its last tick or its
 * {@code SimulationEnded}. A simulation whose {@code SimulationStarted} was not read (retention deleted it) has
 * {@code startedIndex} -1, kind {@link SimulationKind#NULL_VAL}, empty name and mode, and zero seed, rate, code hash
 * and start time.
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
 * @param startedIndex      journal index of its {@code SimulationStarted}, or -1 if it was not read.
 * @param lastSnapshotIndex journal index of its last snapshot, or -1 if none.
 * @param lastSnapshotTick  tick of its last snapshot, or {@link Long#MIN_VALUE} if none.
 * @param nextSequence      sequence its next input would get, or -1 if unknown (read from the middle, no input seen).
 * @param endReason         reason of its {@code SimulationEnded}, or null while not ended.
 * @param endIndex          journal index of its {@code SimulationEnded}, or -1 if not ended.
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
    boolean complete,
    long startedIndex,
    long lastSnapshotIndex,
    long lastSnapshotTick,
    long nextSequence,
    String endReason,
    long endIndex)
{
}

package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;

/**
 * Receives the records of a simulation journal in order, from a {@link SimulationJournalReader}. Every method does
 * nothing by default. An exception thrown by a method stops the read and propagates.
 */
public interface SimulationRecordHandler
{
    /**
     * A simulation's {@code SimulationStarted}.
     *
     * @param index        journal index of the document.
     * @param simulationId id of the simulation.
     * @param kind         match or zone.
     * @param name         match id or zone name; empty in version-0 records.
     * @param mode         mode name.
     * @param rngSeed      seed of its random numbers.
     * @param tickRateHz   tick rate.
     * @param codeHash     hash of the mode's script or code version.
     * @param startEpochMs wall clock at start.
     */
    default void onStarted(
        final long index,
        final long simulationId,
        final SimulationKind kind,
        final String name,
        final String mode,
        final long rngSeed,
        final int tickRateHz,
        final long codeHash,
        final long startEpochMs)
    {
    }

    /**
     * One input, in applied order.
     *
     * @param index        journal index of the tick's document.
     * @param simulationId id of the simulation.
     * @param tick         tick that applied it.
     * @param sequence     per-simulation sequence, contiguous.
     * @param sourceId     player or system that sent it.
     * @param inputType    its type.
     * @param payload      holding the payload; valid only during the call.
     * @param offset       of the payload in {@code payload}.
     * @param length       of the payload.
     */
    default void onInput(
        final long index,
        final long simulationId,
        final long tick,
        final long sequence,
        final long sourceId,
        final int inputType,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
    }

    /**
     * The end of a tick, after its inputs.
     *
     * @param index        journal index of the tick's document.
     * @param simulationId id of the simulation.
     * @param tick         the tick.
     * @param inputCount   inputs it applied.
     * @param stateHash    world state hash after it.
     */
    default void onTickEnd(
        final long index, final long simulationId, final long tick, final int inputCount, final long stateHash)
    {
    }
}

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

    /**
     * A whole snapshot document, its payload reassembled and its checksum checked.
     *
     * @param index          journal index of the snapshot's document (to read from with
     *                       {@link SimulationJournalReader#read(SimulationRecordHandler, long)}).
     * @param simulationId   id of the simulation.
     * @param tick           last tick whose effects the snapshot holds, -1 if none.
     * @param nextSequence   sequence the simulation's next input gets.
     * @param codeHash       hash of the mode's script or code version that wrote it.
     * @param payloadVersion the payload's own format version.
     * @param appVersion     version of the application that wrote it.
     * @param createdEpochMs wall clock when written.
     * @param payload        holding the payload; valid only during the call.
     * @param offset         of the payload in {@code payload}.
     * @param length         of the payload.
     */
    default void onSnapshot(
        final long index,
        final long simulationId,
        final long tick,
        final long nextSequence,
        final long codeHash,
        final int payloadVersion,
        final String appVersion,
        final long createdEpochMs,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
    }

    /**
     * A simulation's {@code SimulationEnded}: no record of it follows (until a new {@code SimulationStarted}).
     *
     * @param index        journal index of the document.
     * @param simulationId id of the simulation.
     * @param tick         its last journaled tick, -1 if none.
     * @param reason       why it ended: "finished", "crashed", "abandoned", "removed", ...
     * @param endEpochMs   wall clock at the end.
     */
    default void onEnded(
        final long index, final long simulationId, final long tick, final String reason, final long endEpochMs)
    {
    }
}

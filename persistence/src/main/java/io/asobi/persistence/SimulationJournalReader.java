package io.asobi.persistence;

import io.asobi.sbe.journal.InputDecoder;
import io.asobi.sbe.journal.MessageHeaderDecoder;
import io.asobi.sbe.journal.SimulationKind;
import io.asobi.sbe.journal.SimulationStartedDecoder;
import io.asobi.sbe.journal.TickEndDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@link SimulationJournal} directory from the first document, in order, checking every document before
 * handing its records on: frames that overrun the document, a tick without its {@code TickEnd}, inputs that do not
 * belong to the tick, gaps in a simulation's input sequence, ticks that do not increase, or records of a simulation
 * without its {@code SimulationStarted} raise a {@link SimulationJournalCorruptException} naming the document's
 * index: nothing is skipped silently, and a bad document's records are not handed on. Frames of unknown templates
 * (newer writers) are skipped by their length.
 * <p>
 * A second {@code SimulationStarted} for an id seen before starts a new run of that id (a new summary).
 * <p>
 * <b>Note:</b> one thread at a time; it may read a journal another process is writing.
 */
public final class SimulationJournalReader implements AutoCloseable
{
    private static final int FRAME = SimulationJournal.FRAME_HEADER_LENGTH;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int VAR_LENGTH = 2;

    private final Journal journal;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SimulationStartedDecoder startedDecoder = new SimulationStartedDecoder();
    private final InputDecoder inputDecoder = new InputDecoder();
    private final TickEndDecoder tickEndDecoder = new TickEndDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[0]);
    private final Map<Long, Run> runs = new HashMap<>();
    private final List<Run> allRuns = new ArrayList<>();

    private SimulationJournalReader(final Journal journal)
    {
        this.journal = journal;
    }

    /**
     * Open a simulation journal directory for reading only.
     *
     * @param dir the Chronicle queue directory of one tick thread.
     * @return the reader; close it when done.
     * @throws IllegalArgumentException if {@code dir} is not a directory.
     */
    public static SimulationJournalReader open(final Path dir)
    {
        Objects.requireNonNull(dir, "dir");
        return new SimulationJournalReader(Journal.open(new Journal.Context()
            .dir(dir)
            .readOnly(true)
            .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT)));
    }

    /**
     * The directory read.
     *
     * @return the directory.
     */
    public Path dir()
    {
        return journal.context().dir();
    }

    /**
     * Read every document from the first, handing each record to {@code handler} in order.
     *
     * @param handler receives the records.
     * @return the number of documents read.
     * @throws SimulationJournalCorruptException at the first bad document (records before it were handed on).
     */
    public long read(final SimulationRecordHandler handler)
    {
        Objects.requireNonNull(handler, "handler");
        runs.clear();
        allRuns.clear();
        return journal.replay((index, buffer, offset, length) -> onDocument(index, buffer, offset, length, handler));
    }

    /**
     * Every simulation in the journal, in the order they started.
     *
     * @return the summaries.
     * @throws SimulationJournalCorruptException at the first bad document.
     */
    public List<SimulationSummary> simulations()
    {
        read(new SimulationRecordHandler()
        {
        });
        final List<SimulationSummary> summaries = new ArrayList<>(allRuns.size());
        for (final Run run : allRuns)
        {
            summaries.add(run.summary());
        }
        return summaries;
    }

    /**
     * Release the files.
     */
    public void close()
    {
        journal.close();
    }

    private void onDocument(
        final long index,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SimulationRecordHandler handler)
    {
        if (0 == length)
        {
            throw new SimulationJournalCorruptException(index, "empty document");
        }

        // Pass 1: check every frame and the document as a whole; nothing is handed on yet.
        int started = 0;
        int inputs = 0;
        int tickEnds = 0;
        int lastKnownTemplate = 0;
        long simulationId = 0;
        long tick = 0;
        long firstSequence = 0;
        int position = 0;
        while (position < length)
        {
            final int frameLength = frameLength(index, buffer, offset, length, position);
            frame.wrap(buffer, offset + position + FRAME, frameLength);
            final int templateId = checkFrame(index, position, frameLength);
            if (SimulationStartedDecoder.TEMPLATE_ID == templateId)
            {
                started++;
            }
            else if (InputDecoder.TEMPLATE_ID == templateId)
            {
                if (tickEnds > 0)
                {
                    throw new SimulationJournalCorruptException(index, "Input after TickEnd at byte " + position);
                }
                inputDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                final long inputSimulationId = inputDecoder.simulationId();
                final long inputTick = inputDecoder.tick();
                final long sequence = inputDecoder.sequence();
                if (0 == inputs)
                {
                    simulationId = inputSimulationId;
                    tick = inputTick;
                    firstSequence = sequence;
                }
                else if (inputSimulationId != simulationId || inputTick != tick)
                {
                    throw new SimulationJournalCorruptException(index, "Input of simulation " + inputSimulationId +
                        " tick " + inputTick + " in a document of simulation " + simulationId + " tick " + tick);
                }
                else if (sequence != firstSequence + inputs)
                {
                    throw new SimulationJournalCorruptException(index, "Input sequence " + sequence + " of simulation " +
                        simulationId + " where " + (firstSequence + inputs) + " was expected");
                }
                inputs++;
            }
            else if (TickEndDecoder.TEMPLATE_ID == templateId)
            {
                tickEndDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                final long endSimulationId = tickEndDecoder.simulationId();
                final long endTick = tickEndDecoder.tick();
                if (inputs > 0 && (endSimulationId != simulationId || endTick != tick))
                {
                    throw new SimulationJournalCorruptException(index, "TickEnd of simulation " + endSimulationId +
                        " tick " + endTick + " closes inputs of simulation " + simulationId + " tick " + tick);
                }
                if (tickEndDecoder.inputCount() != inputs)
                {
                    throw new SimulationJournalCorruptException(index, "TickEnd of simulation " + endSimulationId +
                        " tick " + endTick + " counts " + tickEndDecoder.inputCount() + " inputs but the document has " +
                        inputs + " (truncated?)");
                }
                simulationId = endSimulationId;
                tick = endTick;
                tickEnds++;
            }
            if (0 != templateId)
            {
                lastKnownTemplate = templateId;
            }
            position += FRAME + frameLength;
        }

        if (started > 0)
        {
            if (started > 1 || inputs > 0 || tickEnds > 0)
            {
                throw new SimulationJournalCorruptException(index,
                    "SimulationStarted shares its document with other records");
            }
        }
        else if (inputs > 0 || tickEnds > 0)
        {
            if (1 != tickEnds || TickEndDecoder.TEMPLATE_ID != lastKnownTemplate)
            {
                throw new SimulationJournalCorruptException(index, "tick " + tick + " of simulation " + simulationId +
                    " has no TickEnd at its end (truncated)");
            }
            final Run run = runs.get(simulationId);
            if (null == run)
            {
                throw new SimulationJournalCorruptException(index, "tick " + tick + " of simulation " + simulationId +
                    " before its SimulationStarted");
            }
            if (run.tickCount > 0 && tick <= run.lastTick)
            {
                throw new SimulationJournalCorruptException(index, "tick " + tick + " of simulation " + simulationId +
                    " is not after its last tick " + run.lastTick);
            }
            if (inputs > 0 && firstSequence != run.nextSequence)
            {
                throw new SimulationJournalCorruptException(index, "Input sequence " + firstSequence +
                    " of simulation " + simulationId + " where " + run.nextSequence + " was expected (gap)");
            }
        }

        // Pass 2: the document is whole; hand its records on and account for them.
        position = 0;
        while (position < length)
        {
            final int frameLength = buffer.getInt(offset + position, ByteOrder.LITTLE_ENDIAN);
            frame.wrap(buffer, offset + position + FRAME, frameLength);
            headerDecoder.wrap(frame, 0);
            final int templateId = headerDecoder.templateId();
            if (SimulationStartedDecoder.TEMPLATE_ID == templateId)
            {
                startedDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                final Run run = new Run(
                    startedDecoder.simulationId(),
                    startedDecoder.kind(),
                    startedDecoder.rngSeed(),
                    startedDecoder.tickRateHz(),
                    startedDecoder.codeHash(),
                    startedDecoder.startEpochMs(),
                    startedDecoder.mode(),
                    startedDecoder.name());
                runs.put(run.simulationId, run);
                allRuns.add(run);
                handler.onStarted(index, run.simulationId, run.kind, run.name, run.mode, run.rngSeed, run.tickRateHz,
                    run.codeHash, run.startEpochMs);
            }
            else if (InputDecoder.TEMPLATE_ID == templateId)
            {
                inputDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                final long inputSimulationId = inputDecoder.simulationId();
                final long inputTick = inputDecoder.tick();
                final long sequence = inputDecoder.sequence();
                final long sourceId = inputDecoder.sourceId();
                final int inputType = inputDecoder.inputType();
                inputDecoder.wrapPayload(payload);
                handler.onInput(index, inputSimulationId, inputTick, sequence, sourceId, inputType, payload, 0,
                    payload.capacity());
            }
            else if (TickEndDecoder.TEMPLATE_ID == templateId)
            {
                tickEndDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                final Run run = runs.get(tickEndDecoder.simulationId());
                run.onTick(tickEndDecoder.tick(), tickEndDecoder.inputCount());
                handler.onTickEnd(index, tickEndDecoder.simulationId(), tickEndDecoder.tick(),
                    tickEndDecoder.inputCount(), tickEndDecoder.stateHash());
            }
            position += FRAME + frameLength;
        }
    }

    private static int frameLength(
        final long index, final DirectBuffer buffer, final int offset, final int length, final int position)
    {
        if (length - position < FRAME)
        {
            throw new SimulationJournalCorruptException(index, "truncated frame length at byte " + position + " of " +
                length);
        }
        final int frameLength = buffer.getInt(offset + position, ByteOrder.LITTLE_ENDIAN);
        if (frameLength < HEADER || frameLength > length - position - FRAME)
        {
            throw new SimulationJournalCorruptException(index, "frame at byte " + position + " claims " + frameLength +
                " bytes but " + (length - position - FRAME) + " remain in the document (truncated)");
        }
        return frameLength;
    }

    /**
     * Check the SBE header and that the message's block and var data lie within the frame.
     *
     * @return the template id, or 0 for a template this reader does not know (to be skipped).
     */
    private int checkFrame(final long index, final int position, final int frameLength)
    {
        headerDecoder.wrap(frame, 0);
        if (SimulationStartedDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            throw new SimulationJournalCorruptException(index, "frame at byte " + position + " has schema id " +
                headerDecoder.schemaId() + ", not " + SimulationStartedDecoder.SCHEMA_ID);
        }
        final int templateId = headerDecoder.templateId();
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int minBlockLength;
        final int varFields;
        switch (templateId)
        {
            case SimulationStartedDecoder.TEMPLATE_ID ->
            {
                minBlockLength = SimulationStartedDecoder.BLOCK_LENGTH;
                varFields = version >= SimulationStartedDecoder.nameSinceVersion() ? 2 : 1;
            }
            case InputDecoder.TEMPLATE_ID ->
            {
                minBlockLength = InputDecoder.BLOCK_LENGTH;
                varFields = 1;
            }
            case TickEndDecoder.TEMPLATE_ID ->
            {
                minBlockLength = TickEndDecoder.BLOCK_LENGTH;
                varFields = 0;
            }
            default ->
            {
                return 0;
            }
        }
        if (blockLength < minBlockLength)
        {
            throw new SimulationJournalCorruptException(index, "template " + templateId + " at byte " + position +
                " has a block of " + blockLength + " bytes, less than " + minBlockLength);
        }
        int limit = HEADER + blockLength;
        for (int i = 0; i < varFields; i++)
        {
            if (limit + VAR_LENGTH > frameLength)
            {
                throw new SimulationJournalCorruptException(index, "template " + templateId + " at byte " + position +
                    " overruns its frame of " + frameLength + " bytes (truncated)");
            }
            limit += VAR_LENGTH + (frame.getShort(limit, ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
        }
        if (limit > frameLength)
        {
            throw new SimulationJournalCorruptException(index, "template " + templateId + " at byte " + position +
                " needs " + limit + " bytes, more than its frame of " + frameLength + " (truncated)");
        }
        if (SimulationStartedDecoder.TEMPLATE_ID == templateId)
        {
            final short kind = (short)(frame.getByte(HEADER + SimulationStartedDecoder.kindEncodingOffset()) & 0xFF);
            if (SimulationKind.MATCH.value() != kind && SimulationKind.ZONE.value() != kind)
            {
                throw new SimulationJournalCorruptException(index, "SimulationStarted at byte " + position +
                    " has unknown kind " + kind);
            }
        }
        return templateId;
    }

    private static final class Run
    {
        final long simulationId;
        final SimulationKind kind;
        final long rngSeed;
        final int tickRateHz;
        final long codeHash;
        final long startEpochMs;
        final String mode;
        final String name;
        long firstTick = -1;
        long lastTick = -1;
        long tickCount;
        long nextSequence;

        Run(
            final long simulationId,
            final SimulationKind kind,
            final long rngSeed,
            final int tickRateHz,
            final long codeHash,
            final long startEpochMs,
            final String mode,
            final String name)
        {
            this.simulationId = simulationId;
            this.kind = kind;
            this.rngSeed = rngSeed;
            this.tickRateHz = tickRateHz;
            this.codeHash = codeHash;
            this.startEpochMs = startEpochMs;
            this.mode = mode;
            this.name = name;
        }

        void onTick(final long tick, final int inputCount)
        {
            if (0 == tickCount)
            {
                firstTick = tick;
            }
            lastTick = tick;
            tickCount++;
            nextSequence += inputCount;
        }

        SimulationSummary summary()
        {
            return new SimulationSummary(simulationId, kind, name, mode, rngSeed, tickRateHz, codeHash, startEpochMs,
                firstTick, lastTick, tickCount, nextSequence, tickCount > 0);
        }
    }
}

package io.asobi.persistence;

import io.asobi.sbe.journal.InputDecoder;
import io.asobi.sbe.journal.MessageHeaderDecoder;
import io.asobi.sbe.journal.SimulationEndedDecoder;
import io.asobi.sbe.journal.SimulationKind;
import io.asobi.sbe.journal.SimulationStartedDecoder;
import io.asobi.sbe.journal.SnapshotBeginDecoder;
import io.asobi.sbe.journal.SnapshotChunkDecoder;
import io.asobi.sbe.journal.SnapshotEndDecoder;
import io.asobi.sbe.journal.TickEndDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Reads a {@link SimulationJournal} directory in order, checking every document before handing its records on:
 * frames that overrun the document, a tick without its {@code TickEnd}, inputs that do not belong to the tick, gaps
 * in a simulation's input sequence, ticks that do not increase, a snapshot whose chunks, length or checksum do not
 * add up, records of a simulation after its {@code SimulationEnded}, or records of a simulation without its
 * {@code SimulationStarted} raise a {@link SimulationJournalCorruptException} naming the document's index: nothing is
 * skipped silently, and a bad document's records are not handed on. Frames of unknown templates (newer writers) are
 * skipped by their length.
 * <p>
 * A document holds one kind of record: one {@code SimulationStarted}; one tick ({@code Input}s then {@code TickEnd});
 * one snapshot ({@code SnapshotBegin}, {@code SnapshotChunk}s, {@code SnapshotEnd}); or one {@code SimulationEnded}.
 * A second {@code SimulationStarted} for an id seen before starts a new run of that id (a new summary).
 * <p>
 * <b>From the middle:</b> when the read starts after the directory's first document, or old files were deleted by
 * retention ({@link Journal#isTrimmed()}), a simulation whose {@code SimulationStarted} was not seen is accepted
 * from its first snapshot (which gives its next input sequence and last tick), its first tick (whose first input
 * sequence is taken as given) or its {@code SimulationEnded}; later records are checked as usual.
 * <p>
 * <b>Note:</b> one thread at a time; it may read a journal another process is writing.
 */
public final class SimulationJournalReader implements AutoCloseable
{
    private static final int FRAME = SimulationJournal.FRAME_HEADER_LENGTH;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int VAR_LENGTH = 2;
    private static final long NONE = Long.MIN_VALUE;

    private static final int DOC_NONE = 0;
    private static final int DOC_STARTED = 1;
    private static final int DOC_TICK = 2;
    private static final int DOC_SNAPSHOT = 3;
    private static final int DOC_ENDED = 4;
    private static final String[] DOC_NAMES = { "", "SimulationStarted", "a tick", "a snapshot", "SimulationEnded" };

    private final Journal journal;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SimulationStartedDecoder startedDecoder = new SimulationStartedDecoder();
    private final InputDecoder inputDecoder = new InputDecoder();
    private final TickEndDecoder tickEndDecoder = new TickEndDecoder();
    private final SnapshotBeginDecoder snapshotBeginDecoder = new SnapshotBeginDecoder();
    private final SnapshotChunkDecoder snapshotChunkDecoder = new SnapshotChunkDecoder();
    private final SnapshotEndDecoder snapshotEndDecoder = new SnapshotEndDecoder();
    private final SimulationEndedDecoder endedDecoder = new SimulationEndedDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[0]);
    private final ExpandableArrayBuffer snapshotPayload = new ExpandableArrayBuffer(4096);
    private final CRC32C crc = new CRC32C();
    private final Map<Long, Run> runs = new HashMap<>();
    private final List<Run> allRuns = new ArrayList<>();
    private boolean isFromMiddle;

    // The document checked by pass 1.
    private int docKind;
    private long docSimulationId;
    private long docTick;
    private long docFirstSequence;
    private int docInputs;
    private long docNextSequence;
    private int docSnapshotLength;
    private boolean docSnapshotBegun;

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
        return read(handler, Long.MIN_VALUE);
    }

    /**
     * Read every document from the first whose index is at least {@code fromIndex}, handing each record to
     * {@code handler} in order. Simulations whose {@code SimulationStarted} comes before that are accepted from their
     * first snapshot or tick (see the class note).
     *
     * @param handler   receives the records.
     * @param fromIndex journal index to start at, e.g. a snapshot's; {@link Long#MIN_VALUE} for the start.
     * @return the number of documents read.
     * @throws SimulationJournalCorruptException at the first bad document (records before it were handed on).
     */
    public long read(final SimulationRecordHandler handler, final long fromIndex)
    {
        Objects.requireNonNull(handler, "handler");
        reset(journal.isTrimmed() || fromIndex > journal.firstIndex());
        return journal.replay((index, buffer, offset, length) -> onDocument(index, buffer, offset, length, handler),
            fromIndex);
    }

    /**
     * Every simulation in the journal, in the order they started (or, after retention deleted their start, were
     * first seen).
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

    Journal journal()
    {
        return journal;
    }

    void reset(final boolean isFromMiddle)
    {
        this.isFromMiddle = isFromMiddle;
        runs.clear();
        allRuns.clear();
    }

    /**
     * Check a document (structure, then against what was read before), then hand its records on.
     */
    void onDocument(
        final long index,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SimulationRecordHandler handler)
    {
        checkStructure(index, buffer, offset, length);
        final Run run = checkState(index);
        handOn(index, buffer, offset, length, handler, run);
    }

    /**
     * Pass 1: check every frame and the document as a whole, without the state of earlier documents; a snapshot's
     * payload is reassembled and its checksum checked. Nothing is handed on.
     *
     * @throws SimulationJournalCorruptException naming {@code index} if the document is malformed.
     */
    void checkStructure(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 == length)
        {
            throw new SimulationJournalCorruptException(index, "empty document");
        }

        docKind = DOC_NONE;
        docInputs = 0;
        docSnapshotLength = 0;
        docSnapshotBegun = false;
        int records = 0;
        int lastKnownTemplate = 0;
        boolean isClosed = false;
        long snapshotChecksum = 0;
        int snapshotTotalLength = 0;
        int position = 0;
        while (position < length)
        {
            final int frameLength = frameLength(index, buffer, offset, length, position);
            frame.wrap(buffer, offset + position + FRAME, frameLength);
            final int templateId = checkFrame(index, position, frameLength);
            if (0 != templateId)
            {
                final int kind = kindOf(templateId);
                if (DOC_NONE == docKind)
                {
                    docKind = kind;
                }
                else if (kind != docKind)
                {
                    throw new SimulationJournalCorruptException(index, DOC_NAMES[docKind] +
                        " shares its document with " + DOC_NAMES[kind] + " (template " + templateId + " at byte " +
                        position + ")");
                }
                else if (isClosed)
                {
                    throw new SimulationJournalCorruptException(index, "template " + templateId + " at byte " +
                        position + " after the end of " + DOC_NAMES[kind]);
                }
                records++;
                lastKnownTemplate = templateId;
            }

            switch (templateId)
            {
                case SimulationStartedDecoder.TEMPLATE_ID ->
                {
                    startedDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    docSimulationId = startedDecoder.simulationId();
                    isClosed = true;
                }
                case InputDecoder.TEMPLATE_ID -> checkInput(index, position);
                case TickEndDecoder.TEMPLATE_ID ->
                {
                    tickEndDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    final long endSimulationId = tickEndDecoder.simulationId();
                    final long endTick = tickEndDecoder.tick();
                    if (docInputs > 0 && (endSimulationId != docSimulationId || endTick != docTick))
                    {
                        throw new SimulationJournalCorruptException(index, "TickEnd of simulation " + endSimulationId +
                            " tick " + endTick + " closes inputs of simulation " + docSimulationId + " tick " +
                            docTick);
                    }
                    if (tickEndDecoder.inputCount() != docInputs)
                    {
                        throw new SimulationJournalCorruptException(index, "TickEnd of simulation " + endSimulationId +
                            " tick " + endTick + " counts " + tickEndDecoder.inputCount() +
                            " inputs but the document has " + docInputs + " (truncated?)");
                    }
                    docSimulationId = endSimulationId;
                    docTick = endTick;
                    isClosed = true;
                }
                case SnapshotBeginDecoder.TEMPLATE_ID ->
                {
                    if (records > 1)
                    {
                        throw new SimulationJournalCorruptException(index, "SnapshotBegin at byte " + position +
                            " is not the first record of its snapshot");
                    }
                    snapshotBeginDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    docSimulationId = snapshotBeginDecoder.simulationId();
                    docTick = snapshotBeginDecoder.tick();
                    docNextSequence = snapshotBeginDecoder.nextSequence();
                    snapshotTotalLength = snapshotBeginDecoder.totalLength();
                    if (snapshotTotalLength < 0 || snapshotTotalLength > length)
                    {
                        throw new SimulationJournalCorruptException(index, "snapshot of simulation " +
                            docSimulationId + " claims " + snapshotTotalLength + " bytes in a document of " + length);
                    }
                    if (docTick < -1 || docNextSequence < 0)
                    {
                        throw new SimulationJournalCorruptException(index, "snapshot of simulation " +
                            docSimulationId + " has tick " + docTick + " and next sequence " + docNextSequence);
                    }
                    snapshotPayload.checkLimit(snapshotTotalLength);
                    docSnapshotBegun = true;
                }
                case SnapshotChunkDecoder.TEMPLATE_ID -> checkChunk(index, position, snapshotTotalLength);
                case SnapshotEndDecoder.TEMPLATE_ID ->
                {
                    if (!docSnapshotBegun)
                    {
                        throw new SimulationJournalCorruptException(index, "SnapshotEnd without its SnapshotBegin");
                    }
                    snapshotEndDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    if (snapshotEndDecoder.simulationId() != docSimulationId || snapshotEndDecoder.tick() != docTick)
                    {
                        throw new SimulationJournalCorruptException(index, "SnapshotEnd of simulation " +
                            snapshotEndDecoder.simulationId() + " tick " + snapshotEndDecoder.tick() +
                            " closes a snapshot of simulation " + docSimulationId + " tick " + docTick);
                    }
                    snapshotChecksum = snapshotEndDecoder.checksum();
                    isClosed = true;
                }
                case SimulationEndedDecoder.TEMPLATE_ID ->
                {
                    endedDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    docSimulationId = endedDecoder.simulationId();
                    docTick = endedDecoder.tick();
                    isClosed = true;
                }
                default ->
                {
                }
            }
            position += FRAME + frameLength;
        }

        if (DOC_TICK == docKind && TickEndDecoder.TEMPLATE_ID != lastKnownTemplate)
        {
            throw new SimulationJournalCorruptException(index, "tick " + docTick + " of simulation " +
                docSimulationId + " has no TickEnd at its end (truncated)");
        }
        if (DOC_SNAPSHOT == docKind)
        {
            if (SnapshotEndDecoder.TEMPLATE_ID != lastKnownTemplate)
            {
                throw new SimulationJournalCorruptException(index, "snapshot of simulation " + docSimulationId +
                    " tick " + docTick + " has no SnapshotEnd at its end (truncated)");
            }
            if (docSnapshotLength != snapshotTotalLength)
            {
                throw new SimulationJournalCorruptException(index, "snapshot of simulation " + docSimulationId +
                    " tick " + docTick + " has " + docSnapshotLength + " of its " + snapshotTotalLength +
                    " bytes (truncated)");
            }
            crc.reset();
            crc.update(snapshotPayload.byteArray(), 0, docSnapshotLength);
            if (crc.getValue() != snapshotChecksum)
            {
                throw new SimulationJournalCorruptException(index, "snapshot of simulation " + docSimulationId +
                    " tick " + docTick + " fails its checksum: 0x" + Long.toHexString(crc.getValue()) + " where 0x" +
                    Long.toHexString(snapshotChecksum) + " was written");
            }
        }
    }

    private void checkInput(final long index, final int position)
    {
        inputDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
        final long inputSimulationId = inputDecoder.simulationId();
        final long inputTick = inputDecoder.tick();
        final long sequence = inputDecoder.sequence();
        if (0 == docInputs)
        {
            docSimulationId = inputSimulationId;
            docTick = inputTick;
            docFirstSequence = sequence;
        }
        else if (inputSimulationId != docSimulationId || inputTick != docTick)
        {
            throw new SimulationJournalCorruptException(index, "Input of simulation " + inputSimulationId +
                " tick " + inputTick + " in a document of simulation " + docSimulationId + " tick " + docTick);
        }
        else if (sequence != docFirstSequence + docInputs)
        {
            throw new SimulationJournalCorruptException(index, "Input sequence " + sequence + " of simulation " +
                docSimulationId + " where " + (docFirstSequence + docInputs) + " was expected");
        }
        docInputs++;
    }

    private void checkChunk(final long index, final int position, final int totalLength)
    {
        if (!docSnapshotBegun)
        {
            throw new SimulationJournalCorruptException(index, "SnapshotChunk at byte " + position +
                " without its SnapshotBegin");
        }
        snapshotChunkDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
        final long chunkSimulationId = snapshotChunkDecoder.simulationId();
        final int chunkOffset = snapshotChunkDecoder.chunkOffset();
        if (chunkSimulationId != docSimulationId)
        {
            throw new SimulationJournalCorruptException(index, "SnapshotChunk of simulation " + chunkSimulationId +
                " in a snapshot of simulation " + docSimulationId);
        }
        if (chunkOffset != docSnapshotLength)
        {
            throw new SimulationJournalCorruptException(index, "SnapshotChunk at offset " + chunkOffset +
                " of simulation " + docSimulationId + " where " + docSnapshotLength + " was expected");
        }
        final int chunkLength = snapshotChunkDecoder.bytesLength();
        if (chunkLength > totalLength - docSnapshotLength)
        {
            throw new SimulationJournalCorruptException(index, "SnapshotChunk at offset " + chunkOffset +
                " of simulation " + docSimulationId + " runs past the snapshot's " + totalLength + " bytes");
        }
        snapshotChunkDecoder.getBytes(snapshotPayload, docSnapshotLength, chunkLength);
        docSnapshotLength += chunkLength;
    }

    /**
     * Pass 1b: check the document against the simulation's earlier records.
     *
     * @return the simulation's run, or null for a {@code SimulationStarted} or a document of unknown records only.
     */
    private Run checkState(final long index)
    {
        if (DOC_NONE == docKind || DOC_STARTED == docKind)
        {
            return null;
        }
        Run run = runs.get(docSimulationId);
        final String what = DOC_NAMES[docKind] + (DOC_TICK == docKind || DOC_SNAPSHOT == docKind ?
            " (tick " + docTick + ")" : "") + " of simulation " + docSimulationId;
        if (null == run)
        {
            if (!isFromMiddle)
            {
                throw new SimulationJournalCorruptException(index, what + " before its SimulationStarted");
            }
            run = Run.fromMiddle(docSimulationId);
            runs.put(docSimulationId, run);
            allRuns.add(run);
        }
        if (null != run.endReason)
        {
            throw new SimulationJournalCorruptException(index, what + " after its SimulationEnded at index " +
                run.endIndex);
        }
        if (DOC_TICK == docKind)
        {
            if (NONE != run.lastTick && docTick <= run.lastTick)
            {
                throw new SimulationJournalCorruptException(index, "tick " + docTick + " of simulation " +
                    docSimulationId + " is not after its last tick " + run.lastTick);
            }
            if (docInputs > 0 && run.isSequenceKnown && docFirstSequence != run.nextSequence)
            {
                throw new SimulationJournalCorruptException(index, "Input sequence " + docFirstSequence +
                    " of simulation " + docSimulationId + " where " + run.nextSequence + " was expected (gap)");
            }
        }
        else if (DOC_SNAPSHOT == docKind)
        {
            if (NONE != run.lastTick && docTick < run.lastTick)
            {
                throw new SimulationJournalCorruptException(index, what + " is below its last tick " + run.lastTick);
            }
            if (run.isSequenceKnown && docNextSequence != run.nextSequence)
            {
                throw new SimulationJournalCorruptException(index, what + " gives next sequence " +
                    docNextSequence + " where " + run.nextSequence + " was expected");
            }
        }
        return run;
    }

    /**
     * Pass 2: the document is whole; hand its records on and account for them.
     */
    private void handOn(
        final long index,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SimulationRecordHandler handler,
        final Run run)
    {
        int position = 0;
        while (position < length)
        {
            final int frameLength = buffer.getInt(offset + position, ByteOrder.LITTLE_ENDIAN);
            frame.wrap(buffer, offset + position + FRAME, frameLength);
            headerDecoder.wrap(frame, 0);
            final int templateId = headerDecoder.templateId();
            switch (templateId)
            {
                case SimulationStartedDecoder.TEMPLATE_ID ->
                {
                    startedDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    final Run started = new Run(
                        index,
                        startedDecoder.simulationId(),
                        startedDecoder.kind(),
                        startedDecoder.rngSeed(),
                        startedDecoder.tickRateHz(),
                        startedDecoder.codeHash(),
                        startedDecoder.startEpochMs(),
                        startedDecoder.mode(),
                        startedDecoder.name());
                    runs.put(started.simulationId, started);
                    allRuns.add(started);
                    handler.onStarted(index, started.simulationId, started.kind, started.name, started.mode,
                        started.rngSeed, started.tickRateHz, started.codeHash, started.startEpochMs);
                }
                case InputDecoder.TEMPLATE_ID ->
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
                case TickEndDecoder.TEMPLATE_ID ->
                {
                    tickEndDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    run.onTick(tickEndDecoder.tick(), docInputs > 0 ? docFirstSequence : NONE,
                        tickEndDecoder.inputCount());
                    handler.onTickEnd(index, tickEndDecoder.simulationId(), tickEndDecoder.tick(),
                        tickEndDecoder.inputCount(), tickEndDecoder.stateHash());
                }
                case SnapshotBeginDecoder.TEMPLATE_ID ->
                {
                    snapshotBeginDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    final long simulationId = snapshotBeginDecoder.simulationId();
                    final long tick = snapshotBeginDecoder.tick();
                    final long nextSequence = snapshotBeginDecoder.nextSequence();
                    final long codeHash = snapshotBeginDecoder.codeHash();
                    final int payloadVersion = snapshotBeginDecoder.payloadVersion();
                    final long createdEpochMs = snapshotBeginDecoder.createdEpochMs();
                    final String appVersion = snapshotBeginDecoder.appVersion();
                    run.onSnapshot(index, tick, nextSequence);
                    handler.onSnapshot(index, simulationId, tick, nextSequence, codeHash, payloadVersion, appVersion,
                        createdEpochMs, snapshotPayload, 0, docSnapshotLength);
                }
                case SimulationEndedDecoder.TEMPLATE_ID ->
                {
                    endedDecoder.wrapAndApplyHeader(frame, 0, headerDecoder);
                    final long simulationId = endedDecoder.simulationId();
                    final long tick = endedDecoder.tick();
                    final long endEpochMs = endedDecoder.endEpochMs();
                    final String reason = endedDecoder.reason();
                    run.onEnded(index, reason);
                    handler.onEnded(index, simulationId, tick, reason, endEpochMs);
                }
                default ->
                {
                }
            }
            position += FRAME + frameLength;
        }
    }

    private static int kindOf(final int templateId)
    {
        return switch (templateId)
        {
            case SimulationStartedDecoder.TEMPLATE_ID -> DOC_STARTED;
            case InputDecoder.TEMPLATE_ID, TickEndDecoder.TEMPLATE_ID -> DOC_TICK;
            case SnapshotBeginDecoder.TEMPLATE_ID, SnapshotChunkDecoder.TEMPLATE_ID, SnapshotEndDecoder.TEMPLATE_ID ->
                DOC_SNAPSHOT;
            case SimulationEndedDecoder.TEMPLATE_ID -> DOC_ENDED;
            default -> DOC_NONE;
        };
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
            case SnapshotBeginDecoder.TEMPLATE_ID ->
            {
                minBlockLength = SnapshotBeginDecoder.BLOCK_LENGTH;
                varFields = 1;
            }
            case SnapshotChunkDecoder.TEMPLATE_ID ->
            {
                minBlockLength = SnapshotChunkDecoder.BLOCK_LENGTH;
                varFields = 1;
            }
            case SnapshotEndDecoder.TEMPLATE_ID ->
            {
                minBlockLength = SnapshotEndDecoder.BLOCK_LENGTH;
                varFields = 0;
            }
            case SimulationEndedDecoder.TEMPLATE_ID ->
            {
                minBlockLength = SimulationEndedDecoder.BLOCK_LENGTH;
                varFields = 1;
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
        final long startedIndex;
        final long simulationId;
        final SimulationKind kind;
        final long rngSeed;
        final int tickRateHz;
        final long codeHash;
        final long startEpochMs;
        final String mode;
        final String name;
        long firstTick = -1;
        long lastTickedTick = -1;
        long lastTick = NONE;
        long tickCount;
        long inputCount;
        long nextSequence;
        boolean isSequenceKnown;
        long lastSnapshotIndex = -1;
        long lastSnapshotTick = NONE;
        String endReason;
        long endIndex = -1;

        Run(
            final long startedIndex,
            final long simulationId,
            final SimulationKind kind,
            final long rngSeed,
            final int tickRateHz,
            final long codeHash,
            final long startEpochMs,
            final String mode,
            final String name)
        {
            this.startedIndex = startedIndex;
            this.simulationId = simulationId;
            this.kind = kind;
            this.rngSeed = rngSeed;
            this.tickRateHz = tickRateHz;
            this.codeHash = codeHash;
            this.startEpochMs = startEpochMs;
            this.mode = mode;
            this.name = name;
            this.isSequenceKnown = startedIndex >= 0;
        }

        static Run fromMiddle(final long simulationId)
        {
            return new Run(-1, simulationId, SimulationKind.NULL_VAL, 0, 0, 0, 0, "", "");
        }

        void onTick(final long tick, final long firstSequence, final int inputs)
        {
            if (0 == tickCount)
            {
                firstTick = tick;
            }
            lastTick = tick;
            lastTickedTick = tick;
            tickCount++;
            inputCount += inputs;
            if (!isSequenceKnown && NONE != firstSequence)
            {
                nextSequence = firstSequence;
                isSequenceKnown = true;
            }
            nextSequence += inputs;
        }

        void onSnapshot(final long index, final long tick, final long snapshotNextSequence)
        {
            lastSnapshotIndex = index;
            lastSnapshotTick = tick;
            nextSequence = snapshotNextSequence;
            isSequenceKnown = true;
            if (tick >= 0)
            {
                lastTick = tick;
            }
        }

        void onEnded(final long index, final String reason)
        {
            endIndex = index;
            endReason = reason;
        }

        SimulationSummary summary()
        {
            return new SimulationSummary(simulationId, kind, name, mode, rngSeed, tickRateHz, codeHash, startEpochMs,
                firstTick, lastTickedTick, tickCount, inputCount, tickCount > 0,
                startedIndex, lastSnapshotIndex, lastSnapshotTick, isSequenceKnown ? nextSequence : -1, endReason,
                endIndex);
        }
    }
}

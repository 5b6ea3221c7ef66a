package io.asobi.persistence;

import io.asobi.sbe.journal.InputEncoder;
import io.asobi.sbe.journal.MessageHeaderEncoder;
import io.asobi.sbe.journal.SimulationEndedEncoder;
import io.asobi.sbe.journal.SimulationKind;
import io.asobi.sbe.journal.SimulationStartedEncoder;
import io.asobi.sbe.journal.SnapshotBeginEncoder;
import io.asobi.sbe.journal.SnapshotChunkEncoder;
import io.asobi.sbe.journal.SnapshotEndEncoder;
import io.asobi.sbe.journal.TickEndEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The simulation journal of one tick thread: every input of every simulation it hosts, in applied order, with tick
 * boundaries, over one Chronicle queue directory (a {@link Journal}).
 * <p>
 * <b>Layout:</b> each Chronicle document holds one or more frames; a frame is a little-endian {@code int32} length
 * ({@link #FRAME_HEADER_LENGTH} bytes) followed by exactly that many bytes of one SBE message of the journal schema
 * (schema id 2), header included. {@link #started} writes a document of one {@code SimulationStarted} frame. A tick
 * is ONE document: its {@code Input} frames in applied order, then its {@code TickEnd} frame. That document is the
 * group commit: the tick's inputs are in the mapped file when {@link #endTick} returns, and never partially.
 * {@link #snapshot} writes one document of {@code SnapshotBegin}, the payload in {@code SnapshotChunk} frames of at
 * most {@link #MAX_PAYLOAD_BYTES} each, and {@code SnapshotEnd} (its CRC32C); {@link #ended} writes one document of a
 * {@code SimulationEnded}. Readers skip frames of unknown templates by the frame length.
 * <p>
 * <b>Per tick:</b> {@link #beginTick}, any number of {@link #input}, {@link #endTick}; no allocation once the
 * simulation maps have grown. {@code Input.sequence} is contiguous per simulation from 0 (or from the value given
 * to {@link #resume}).
 * <p>
 * <b>Note:</b> single writer: the first thread to call a writing method owns the journal; another thread is refused
 * with {@link IllegalStateException}, as in {@link Journal}.
 */
public final class SimulationJournal implements AutoCloseable
{
    /** Bytes of the little-endian {@code int32} length in front of every SBE message in a document. */
    public static final int FRAME_HEADER_LENGTH = 4;

    /** Largest {@code Input} payload: the schema's uint16 length, 65,535 being its null value. */
    public static final int MAX_PAYLOAD_BYTES = 65_534;

    private static final long NONE = Long.MIN_VALUE;
    private static final int TICK_END_FRAME_LENGTH =
        FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + TickEndEncoder.BLOCK_LENGTH;
    private static final int SNAPSHOT_BEGIN_FRAME_LENGTH = FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH +
        SnapshotBeginEncoder.BLOCK_LENGTH + SnapshotBeginEncoder.appVersionHeaderLength();
    private static final int SNAPSHOT_CHUNK_OVERHEAD = FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH +
        SnapshotChunkEncoder.BLOCK_LENGTH + SnapshotChunkEncoder.bytesHeaderLength();
    private static final int SNAPSHOT_END_FRAME_LENGTH =
        FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + SnapshotEndEncoder.BLOCK_LENGTH;

    private final Context ctx;
    private final Journal journal;
    private final UnsafeBuffer buffer;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SimulationStartedEncoder startedEncoder = new SimulationStartedEncoder();
    private final InputEncoder inputEncoder = new InputEncoder();
    private final TickEndEncoder tickEndEncoder = new TickEndEncoder();
    private final SnapshotBeginEncoder snapshotBeginEncoder = new SnapshotBeginEncoder();
    private final SnapshotChunkEncoder snapshotChunkEncoder = new SnapshotChunkEncoder();
    private final SnapshotEndEncoder snapshotEndEncoder = new SnapshotEndEncoder();
    private final SimulationEndedEncoder endedEncoder = new SimulationEndedEncoder();
    private final ExpandableArrayBuffer snapshotBuffer = new ExpandableArrayBuffer(4096);
    private final CRC32C crc = new CRC32C();
    private final Long2LongHashMap nextSequenceBySimulation = new Long2LongHashMap(NONE);
    private final Long2LongHashMap lastTickBySimulation = new Long2LongHashMap(NONE);
    private Thread ownerThread;

    private boolean isTickOpen;
    private long tickSimulationId;
    private long tick;
    private long tickFirstSequence;
    private int tickInputCount;
    private int tickLength;

    private SimulationJournal(final Context ctx, final Journal journal)
    {
        this.ctx = ctx;
        this.journal = journal;
        this.buffer = new UnsafeBuffer(new byte[ctx.maxTickBytes()]);
    }

    /**
     * Open (creating it if needed) the simulation journal in {@link Context#dir()}; concludes {@code ctx}.
     *
     * @param ctx configuration; concluded here.
     * @return the open journal.
     * @throws IllegalArgumentException if an option is invalid.
     * @throws java.io.UncheckedIOException if the directory cannot be created.
     */
    public static SimulationJournal open(final Context ctx)
    {
        ctx.conclude();
        final Journal journal = Journal.open(new Journal.Context()
            .dir(ctx.dir())
            .rollCycle(ctx.rollCycle())
            .epochClock(ctx.epochClock())
            .maxRecordBytes(Math.max(ctx.maxTickBytes(), snapshotDocumentLength(ctx.maxSnapshotBytes(),
                MAX_PAYLOAD_BYTES))));
        return new SimulationJournal(ctx, journal);
    }

    /**
     * The concluded configuration.
     *
     * @return the concluded configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Open a simulation's journal: one document holding its {@code SimulationStarted}; its input sequence starts at 0.
     *
     * @param simulationId id, unique among the simulations this journal has open.
     * @param kind         match or zone.
     * @param name         match id or zone name the simulation serves (UTF-8, at most 65,534 bytes).
     * @param mode         mode name (UTF-8, at most 65,534 bytes).
     * @param rngSeed      seed of the simulation's random numbers.
     * @param tickRateHz   tick rate.
     * @param codeHash     hash of the mode's script or code version.
     * @param startEpochMs wall clock at start, informational.
     * @return the document's journal index.
     * @throws IllegalStateException    if the id is already open, a tick is open, the journal is closed, or the
     *                                  caller is not the owning thread.
     * @throws IllegalArgumentException if a string is too long or null.
     */
    public long started(
        final long simulationId,
        final SimulationKind kind,
        final String name,
        final String mode,
        final long rngSeed,
        final int tickRateHz,
        final long codeHash,
        final long startEpochMs)
    {
        checkOwner();
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        if (SimulationKind.NULL_VAL == kind)
        {
            throw new IllegalArgumentException("kind must be MATCH or ZONE");
        }
        if (isTickOpen)
        {
            throw new IllegalStateException("tick " + tick + " of simulation " + tickSimulationId + " is open");
        }
        if (nextSequenceBySimulation.containsKey(simulationId))
        {
            throw new IllegalStateException("simulation " + simulationId + " already started in " + ctx.dir());
        }
        final int needed = FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH +
            SimulationStartedEncoder.BLOCK_LENGTH + 4 + utf8Length(mode, "mode") + utf8Length(name, "name");
        if (needed > buffer.capacity())
        {
            throw new IllegalArgumentException("SimulationStarted of " + needed + " bytes exceeds maxTickBytes=" +
                buffer.capacity());
        }

        startedEncoder.wrapAndApplyHeader(buffer, FRAME_HEADER_LENGTH, headerEncoder)
            .simulationId(simulationId)
            .kind(kind)
            .rngSeed(rngSeed)
            .tickRateHz(tickRateHz)
            .codeHash(codeHash)
            .startEpochMs(startEpochMs)
            .mode(mode)
            .name(name);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + startedEncoder.encodedLength();
        buffer.putInt(0, messageLength, ByteOrder.LITTLE_ENDIAN);

        final long index = journal.append(buffer, 0, FRAME_HEADER_LENGTH + messageLength);
        nextSequenceBySimulation.put(simulationId, 0);
        lastTickBySimulation.remove(simulationId);
        return index;
    }

    /**
     * Continue a simulation whose {@code SimulationStarted} is already in this directory (after a restart): no record
     * is written; the next input gets {@code nextSequence} and the next tick must be above {@code lastTick}.
     *
     * @param simulationId id of the simulation.
     * @param nextSequence sequence of its next input, at least 0 (its input count so far).
     * @param lastTick     its last journaled tick, or {@link Long#MIN_VALUE} if none.
     * @throws IllegalStateException    if the id is already open or the caller is not the owning thread.
     * @throws IllegalArgumentException if {@code nextSequence} is negative.
     */
    public void resume(final long simulationId, final long nextSequence, final long lastTick)
    {
        checkOwner();
        if (nextSequence < 0)
        {
            throw new IllegalArgumentException("nextSequence must be >= 0: " + nextSequence);
        }
        if (nextSequenceBySimulation.containsKey(simulationId))
        {
            throw new IllegalStateException("simulation " + simulationId + " already open in " + ctx.dir());
        }
        nextSequenceBySimulation.put(simulationId, nextSequence);
        if (NONE == lastTick)
        {
            lastTickBySimulation.remove(simulationId);
        }
        else
        {
            lastTickBySimulation.put(simulationId, lastTick);
        }
    }

    /**
     * Stop tracking a finished simulation (nothing is written); its id may then be started again.
     *
     * @param simulationId id of the simulation.
     * @return true if it was open.
     * @throws IllegalStateException if its tick is open or the caller is not the owning thread.
     */
    public boolean forget(final long simulationId)
    {
        checkOwner();
        if (isTickOpen && tickSimulationId == simulationId)
        {
            throw new IllegalStateException("tick " + tick + " of simulation " + simulationId + " is open");
        }
        lastTickBySimulation.remove(simulationId);
        return NONE != nextSequenceBySimulation.remove(simulationId);
    }

    /**
     * Start collecting a tick of a started simulation.
     *
     * @param simulationId id of a started (or resumed) simulation.
     * @param tick         the tick, at least 0 and above the simulation's last journaled tick.
     * @throws IllegalStateException    if another tick is open, the simulation is unknown, or the caller is not the
     *                                  owning thread.
     * @throws IllegalArgumentException if {@code tick} is negative or does not increase.
     */
    public void beginTick(final long simulationId, final long tick)
    {
        checkOwner();
        if (isTickOpen)
        {
            throw new IllegalStateException("tick " + this.tick + " of simulation " + tickSimulationId + " is open");
        }
        if (tick < 0)
        {
            throw new IllegalArgumentException("tick must be >= 0: " + tick);
        }
        final long nextSequence = nextSequenceBySimulation.get(simulationId);
        if (NONE == nextSequence)
        {
            throw new IllegalStateException("simulation " + simulationId + " was not started in " + ctx.dir());
        }
        final long lastTick = lastTickBySimulation.get(simulationId);
        if (NONE != lastTick && tick <= lastTick)
        {
            throw new IllegalArgumentException(
                "tick " + tick + " of simulation " + simulationId + " is not after its last tick " + lastTick);
        }

        isTickOpen = true;
        tickSimulationId = simulationId;
        this.tick = tick;
        tickFirstSequence = nextSequence;
        tickInputCount = 0;
        tickLength = 0;
    }

    /**
     * Add one input to the open tick, in applied order; it gets the simulation's next sequence.
     *
     * @param sourceId  player or system that sent it.
     * @param inputType the input's type.
     * @param src       holding the payload.
     * @param offset    of the payload in {@code src}.
     * @param length    of the payload, 0 to {@link #MAX_PAYLOAD_BYTES}.
     * @return the sequence given to the input.
     * @throws IllegalStateException    if no tick is open or the caller is not the owning thread.
     * @throws IllegalArgumentException if the payload is too long, the range is outside {@code src}, or the tick
     *                                  would exceed {@link Context#maxTickBytes()}; the input is not added and the
     *                                  tick stays open.
     */
    public long input(
        final long sourceId, final int inputType, final DirectBuffer src, final int offset, final int length)
    {
        checkOwner();
        if (!isTickOpen)
        {
            throw new IllegalStateException("no tick is open");
        }
        if (length < 0 || length > MAX_PAYLOAD_BYTES)
        {
            throw new IllegalArgumentException("payload length must be in 0.." + MAX_PAYLOAD_BYTES + ": " + length);
        }
        if (offset < 0 || offset > src.capacity() - length)
        {
            throw new IllegalArgumentException("range outside the buffer: offset=" + offset + " length=" + length +
                " capacity=" + src.capacity());
        }
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + InputEncoder.BLOCK_LENGTH +
            InputEncoder.payloadHeaderLength() + length;
        if (tickLength + FRAME_HEADER_LENGTH + messageLength + TICK_END_FRAME_LENGTH > buffer.capacity())
        {
            throw new IllegalArgumentException("tick " + tick + " of simulation " + tickSimulationId +
                " would exceed maxTickBytes=" + buffer.capacity() + " with an input of " + length + " bytes");
        }

        final long sequence = tickFirstSequence + tickInputCount;
        inputEncoder.wrapAndApplyHeader(buffer, tickLength + FRAME_HEADER_LENGTH, headerEncoder)
            .simulationId(tickSimulationId)
            .tick(tick)
            .sequence(sequence)
            .sourceId(sourceId)
            .inputType(inputType)
            .putPayload(src, offset, length);
        buffer.putInt(tickLength, messageLength, ByteOrder.LITTLE_ENDIAN);
        tickLength += FRAME_HEADER_LENGTH + messageLength;
        tickInputCount++;
        return sequence;
    }

    /**
     * Close the open tick and append it, inputs and {@code TickEnd}, as one document (the group commit). If the append
     * fails the tick is discarded, nothing of it is journaled and the simulation's sequence does not move.
     *
     * @param stateHash world state hash after the tick.
     * @return the document's journal index.
     * @throws IllegalStateException if no tick is open, the journal is closed, or the caller is not the owning
     *                               thread.
     */
    public long endTick(final long stateHash)
    {
        checkOwner();
        if (!isTickOpen)
        {
            throw new IllegalStateException("no tick is open");
        }
        isTickOpen = false;

        tickEndEncoder.wrapAndApplyHeader(buffer, tickLength + FRAME_HEADER_LENGTH, headerEncoder)
            .simulationId(tickSimulationId)
            .tick(tick)
            .inputCount(tickInputCount)
            .stateHash(stateHash);
        buffer.putInt(tickLength, TICK_END_FRAME_LENGTH - FRAME_HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN);
        final int documentLength = tickLength + TICK_END_FRAME_LENGTH;

        final long index = journal.append(buffer, 0, documentLength);
        nextSequenceBySimulation.put(tickSimulationId, tickFirstSequence + tickInputCount);
        lastTickBySimulation.put(tickSimulationId, tick);
        return index;
    }

    /**
     * Drop the open tick without journaling it (its inputs were not applied); no-op when none is open.
     *
     * @throws IllegalStateException if the caller is not the owning thread.
     */
    public void abortTick()
    {
        checkOwner();
        isTickOpen = false;
    }

    /**
     * Write a snapshot of an open simulation as one document: {@code SnapshotBegin}, the payload in
     * {@code SnapshotChunk} frames of at most {@link #MAX_PAYLOAD_BYTES} bytes, {@code SnapshotEnd} with the payload's
     * CRC32C. The document carries the journal's {@link #nextSequence} for the simulation; afterwards the next tick
     * must be above {@code tick}.
     *
     * @param simulationId   id of an open (started or resumed) simulation.
     * @param tick           last tick whose effects the snapshot holds: at least the simulation's last journaled tick,
     *                       or at least -1 when it has none.
     * @param codeHash       hash of the mode's script or code version that wrote the payload.
     * @param payloadVersion the payload's own format version, chosen by the caller.
     * @param appVersion     version of the application that wrote it (UTF-8, at most 65,534 bytes).
     * @param payload        holding the snapshot.
     * @param offset         of the snapshot in {@code payload}.
     * @param length         of the snapshot, 0 to {@link Context#maxSnapshotBytes()}.
     * @return the document's journal index.
     * @throws IllegalStateException    if a tick is open, the simulation is not open, the journal is closed, or the
     *                                  caller is not the owning thread.
     * @throws IllegalArgumentException if the length or range is invalid, {@code tick} is below the last tick, or
     *                                  {@code appVersion} is null or too long; nothing is written.
     */
    public long snapshot(
        final long simulationId,
        final long tick,
        final long codeHash,
        final int payloadVersion,
        final String appVersion,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        checkOwner();
        Objects.requireNonNull(appVersion, "appVersion");
        Objects.requireNonNull(payload, "payload");
        if (isTickOpen)
        {
            throw new IllegalStateException("tick " + this.tick + " of simulation " + tickSimulationId + " is open");
        }
        final long nextSequence = nextSequenceBySimulation.get(simulationId);
        if (NONE == nextSequence)
        {
            throw new IllegalStateException("simulation " + simulationId + " is not open in " + ctx.dir());
        }
        final long lastTick = lastTickBySimulation.get(simulationId);
        if (tick < (NONE == lastTick ? -1 : lastTick))
        {
            throw new IllegalArgumentException("snapshot tick " + tick + " of simulation " + simulationId +
                " is before its last tick " + (NONE == lastTick ? -1 : lastTick));
        }
        if (length < 0 || length > ctx.maxSnapshotBytes())
        {
            throw new IllegalArgumentException("snapshot length must be in 0.." + ctx.maxSnapshotBytes() +
                " (maxSnapshotBytes): " + length);
        }
        if (offset < 0 || offset > payload.capacity() - length)
        {
            throw new IllegalArgumentException("range outside the buffer: offset=" + offset + " length=" + length +
                " capacity=" + payload.capacity());
        }
        final int appVersionLength = utf8Length(appVersion, "appVersion");
        final int documentLength = snapshotDocumentLength(length, appVersionLength);
        snapshotBuffer.checkLimit(documentLength);

        snapshotBeginEncoder.wrapAndApplyHeader(snapshotBuffer, FRAME_HEADER_LENGTH, headerEncoder)
            .simulationId(simulationId)
            .tick(tick)
            .nextSequence(nextSequence)
            .codeHash(codeHash)
            .payloadVersion(payloadVersion)
            .totalLength(length)
            .createdEpochMs(ctx.epochClock().time())
            .appVersion(appVersion);
        int position = putFrameLength(0, snapshotBeginEncoder.encodedLength());

        crc.reset();
        final byte[] array = snapshotBuffer.byteArray();
        for (int chunkOffset = 0; chunkOffset < length; chunkOffset += MAX_PAYLOAD_BYTES)
        {
            final int chunkLength = Math.min(MAX_PAYLOAD_BYTES, length - chunkOffset);
            snapshotChunkEncoder.wrapAndApplyHeader(snapshotBuffer, position + FRAME_HEADER_LENGTH, headerEncoder)
                .simulationId(simulationId)
                .chunkOffset(chunkOffset)
                .putBytes(payload, offset + chunkOffset, chunkLength);
            crc.update(array, snapshotChunkEncoder.limit() - chunkLength, chunkLength);
            position = putFrameLength(position, snapshotChunkEncoder.encodedLength());
        }

        snapshotEndEncoder.wrapAndApplyHeader(snapshotBuffer, position + FRAME_HEADER_LENGTH, headerEncoder)
            .simulationId(simulationId)
            .tick(tick)
            .checksum(crc.getValue());
        position = putFrameLength(position, snapshotEndEncoder.encodedLength());

        final long index = journal.append(snapshotBuffer, 0, position);
        if (tick >= 0)
        {
            lastTickBySimulation.put(simulationId, tick);
        }
        return index;
    }

    /**
     * Close an open simulation's journal: one document holding its {@code SimulationEnded} (with its last journaled
     * tick, or -1 if none), then {@link #forget}; its id may then be started again.
     *
     * @param simulationId id of an open simulation.
     * @param reason       why it ended: "finished", "crashed", "abandoned", "removed", ... (UTF-8).
     * @return the document's journal index.
     * @throws IllegalStateException    if a tick is open, the simulation is not open, the journal is closed, or the
     *                                  caller is not the owning thread.
     * @throws IllegalArgumentException if {@code reason} is null or too long.
     */
    public long ended(final long simulationId, final String reason)
    {
        checkOwner();
        Objects.requireNonNull(reason, "reason");
        if (isTickOpen)
        {
            throw new IllegalStateException("tick " + tick + " of simulation " + tickSimulationId + " is open");
        }
        if (!nextSequenceBySimulation.containsKey(simulationId))
        {
            throw new IllegalStateException("simulation " + simulationId + " is not open in " + ctx.dir());
        }
        final int needed = FRAME_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH +
            SimulationEndedEncoder.BLOCK_LENGTH + SimulationEndedEncoder.reasonHeaderLength() +
            utf8Length(reason, "reason");
        if (needed > buffer.capacity())
        {
            throw new IllegalArgumentException("SimulationEnded of " + needed + " bytes exceeds maxTickBytes=" +
                buffer.capacity());
        }
        final long lastTick = lastTickBySimulation.get(simulationId);
        endedEncoder.wrapAndApplyHeader(buffer, FRAME_HEADER_LENGTH, headerEncoder)
            .simulationId(simulationId)
            .tick(NONE == lastTick ? -1 : lastTick)
            .endEpochMs(ctx.epochClock().time())
            .reason(reason);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + endedEncoder.encodedLength();
        buffer.putInt(0, messageLength, ByteOrder.LITTLE_ENDIAN);

        final long index = journal.append(buffer, 0, FRAME_HEADER_LENGTH + messageLength);
        forget(simulationId);
        return index;
    }

    /**
     * Last journaled tick of an open simulation (a snapshot's tick counts).
     *
     * @param simulationId id of the simulation.
     * @return the tick, or {@link Long#MIN_VALUE} if it has none or is not open.
     */
    public long lastTick(final long simulationId)
    {
        return lastTickBySimulation.get(simulationId);
    }

    /**
     * Retention: delete the roll-cycle files wholly before the cycle of {@code keepFromIndex} whose cycle ended at
     * least {@code minAgeMs} ago (by {@link Context#epochClock()}); never the current cycle nor the newest file (the
     * appender rolls on from it). Readers opened later
     * start at the first file left; documents of simulations whose {@code SimulationStarted} was deleted are then
     * read as from the middle (see {@link SimulationJournalReader#read(SimulationRecordHandler, long)}).
     *
     * @param keepFromIndex journal index of the first document to keep (its whole cycle is kept).
     * @param minAgeMs      files whose cycle ended less than this long ago are kept, at least 0.
     * @return the number of files deleted.
     * @throws IllegalStateException    if the journal is closed or the caller is not the owning thread.
     * @throws IllegalArgumentException if {@code minAgeMs} is negative.
     * @throws java.io.UncheckedIOException if a file cannot be deleted (those before it were).
     */
    public int deleteRolledFilesBefore(final long keepFromIndex, final long minAgeMs)
    {
        checkOwner();
        return journal.deleteRolledFilesBefore(keepFromIndex, minAgeMs);
    }

    /**
     * Whether a tick is open (between {@link #beginTick} and {@link #endTick}).
     *
     * @return true if a tick is open.
     */
    public boolean isTickOpen()
    {
        return isTickOpen;
    }

    /**
     * Sequence the next input of a simulation will get (its journaled input count when started from 0).
     *
     * @param simulationId id of the simulation.
     * @return the next sequence, or -1 if the simulation is not open.
     */
    public long nextSequence(final long simulationId)
    {
        final long next = nextSequenceBySimulation.get(simulationId);
        return NONE == next ? -1 : next;
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return journal.isClosed();
    }

    /**
     * Close the journal's files; an open tick is dropped. Idempotent.
     */
    public void close()
    {
        isTickOpen = false;
        journal.close();
    }

    private void checkOwner()
    {
        final Thread current = Thread.currentThread();
        if (null == ownerThread)
        {
            ownerThread = current;
        }
        else if (current != ownerThread)
        {
            throw new IllegalStateException("simulation journal writes must come from one thread: owner=" +
                ownerThread.getName() + " caller=" + current.getName());
        }
    }

    private int putFrameLength(final int framePosition, final int blockAndVarLength)
    {
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + blockAndVarLength;
        snapshotBuffer.putInt(framePosition, messageLength, ByteOrder.LITTLE_ENDIAN);
        return framePosition + FRAME_HEADER_LENGTH + messageLength;
    }

    /**
     * Bytes of a snapshot document.
     *
     * @param payloadLength    of the snapshot payload.
     * @param appVersionLength UTF-8 bytes of the application version.
     * @return the document length.
     */
    static int snapshotDocumentLength(final int payloadLength, final int appVersionLength)
    {
        final long chunks = (payloadLength + (long)MAX_PAYLOAD_BYTES - 1) / MAX_PAYLOAD_BYTES;
        final long length = (long)SNAPSHOT_BEGIN_FRAME_LENGTH + appVersionLength +
            chunks * SNAPSHOT_CHUNK_OVERHEAD + payloadLength + SNAPSHOT_END_FRAME_LENGTH;
        return (int)Math.min(Integer.MAX_VALUE, length);
    }

    private static int utf8Length(final String value, final String what)
    {
        int bytes = 0;
        for (int i = 0, n = value.length(); i < n; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                bytes++;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                bytes += 4;
                i++;
            }
            else
            {
                bytes += 3;
            }
        }
        if (bytes > MAX_PAYLOAD_BYTES)
        {
            throw new IllegalArgumentException(what + " is " + bytes + " UTF-8 bytes, more than " + MAX_PAYLOAD_BYTES);
        }
        return bytes;
    }

    /**
     * Settings of a {@link SimulationJournal}.
     */
    public static final class Context
    {
        /** Default largest tick document. */
        public static final int MAX_TICK_BYTES_DEFAULT = 1024 * 1024;

        /** Smallest allowed {@link #maxTickBytes()}: room for a tick without inputs. */
        public static final int MAX_TICK_BYTES_MIN = 256;

        /** Default largest snapshot payload. */
        public static final int MAX_SNAPSHOT_BYTES_DEFAULT = 16 * 1024 * 1024;

        /** Smallest allowed {@link #maxSnapshotBytes()}. */
        public static final int MAX_SNAPSHOT_BYTES_MIN = 1024;

        /** Largest allowed {@link #maxSnapshotBytes()}: its document must fit a journal record. */
        public static final int MAX_SNAPSHOT_BYTES_LIMIT = 63 * 1024 * 1024;

        private boolean isConcluded;
        private Path dir;
        private JournalRollCycle rollCycle = JournalRollCycle.DAILY;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private int maxTickBytes = MAX_TICK_BYTES_DEFAULT;
        private int maxSnapshotBytes = MAX_SNAPSHOT_BYTES_DEFAULT;

        /**
         * Validate the options; runs once.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if already concluded.
         * @throws IllegalArgumentException naming the first invalid option.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            isConcluded = true;
            if (null == dir)
            {
                throw new IllegalArgumentException("dir must be set");
            }
            if (null == rollCycle)
            {
                throw new IllegalArgumentException("rollCycle must not be null");
            }
            if (null == epochClock)
            {
                throw new IllegalArgumentException("epochClock must not be null");
            }
            if (maxTickBytes < MAX_TICK_BYTES_MIN || maxTickBytes > Journal.Context.MAX_RECORD_BYTES_LIMIT)
            {
                throw new IllegalArgumentException("maxTickBytes must be in " + MAX_TICK_BYTES_MIN + ".." +
                    Journal.Context.MAX_RECORD_BYTES_LIMIT + ": " + maxTickBytes);
            }
            if (maxSnapshotBytes < MAX_SNAPSHOT_BYTES_MIN || maxSnapshotBytes > MAX_SNAPSHOT_BYTES_LIMIT)
            {
                throw new IllegalArgumentException("maxSnapshotBytes must be in " + MAX_SNAPSHOT_BYTES_MIN + ".." +
                    MAX_SNAPSHOT_BYTES_LIMIT + ": " + maxSnapshotBytes);
            }
            return this;
        }

        /**
         * Whether {@link #conclude()} has run.
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * Chronicle queue directory of this tick thread, e.g. {@code data/simulations/tick-0}; created on open.
         *
         * @return the directory.
         */
        public Path dir()
        {
            return dir;
        }

        /**
         * @param dir of this tick thread's journal.
         * @return this for a fluent API.
         * @see #dir()
         */
        public Context dir(final Path dir)
        {
            this.dir = dir;
            return this;
        }

        /**
         * How often a new file is started; default {@link JournalRollCycle#DAILY}.
         *
         * @return the roll cycle.
         */
        public JournalRollCycle rollCycle()
        {
            return rollCycle;
        }

        /**
         * @param rollCycle how often a new file is started.
         * @return this for a fluent API.
         * @see #rollCycle()
         */
        public Context rollCycle(final JournalRollCycle rollCycle)
        {
            this.rollCycle = rollCycle;
            return this;
        }

        /**
         * Clock deciding which roll cycle (file) a document goes to.
         *
         * @return the clock.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }

        /**
         * @param epochClock deciding the roll cycle of a document.
         * @return this for a fluent API.
         * @see #epochClock()
         */
        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * Largest document but a snapshot: one tick's frames, a {@code SimulationStarted} or a
         * {@code SimulationEnded}; the writer's buffer of this size is allocated once.
         *
         * @return the limit in bytes.
         */
        public int maxTickBytes()
        {
            return maxTickBytes;
        }

        /**
         * @param maxTickBytes largest tick document, {@link #MAX_TICK_BYTES_MIN} to 64 MiB.
         * @return this for a fluent API.
         * @see #maxTickBytes()
         */
        public Context maxTickBytes(final int maxTickBytes)
        {
            this.maxTickBytes = maxTickBytes;
            return this;
        }

        /**
         * Largest snapshot payload {@link SimulationJournal#snapshot} accepts; default 16 MiB. The snapshot buffer
         * grows to the largest snapshot written.
         *
         * @return the limit in bytes.
         */
        public int maxSnapshotBytes()
        {
            return maxSnapshotBytes;
        }

        /**
         * @param maxSnapshotBytes largest snapshot payload, {@link #MAX_SNAPSHOT_BYTES_MIN} to
         *                         {@link #MAX_SNAPSHOT_BYTES_LIMIT}.
         * @return this for a fluent API.
         * @see #maxSnapshotBytes()
         */
        public Context maxSnapshotBytes(final int maxSnapshotBytes)
        {
            this.maxSnapshotBytes = maxSnapshotBytes;
            return this;
        }
    }
}

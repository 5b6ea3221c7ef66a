package io.asobi.world;

import io.asobi.persistence.SimulationJournal;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.zip.CRC32C;

/**
 * One world's side of its tick thread's {@link SimulationJournal}: the records of the tick being stepped (collected
 * here, because the shard's journal holds one open tick at a time and many worlds share it), the hash of the frames
 * the tick encoded, and the outbox: frames (JSON, and the binary {@code world.tick} twins) and replies of a tick
 * leave only after the tick's document is in the journal, so nothing a client saw can be lost by a crash.
 * <p>
 * A tick is journaled when it applied a record or encoded a frame; a tick with neither is not (its re-simulation
 * needs no input and nobody saw it). Without a journal (tests, the replay tool's runtime) records are not kept
 * and sends go out at once; while a world is re-simulated ({@link #replaying}) nothing is kept or sent.
 * <p>
 * <b>Note:</b> world tick thread only.
 */
final class WorldJournaling
{
    private static final int RECORD_HEADER_BYTES = 2 * Integer.BYTES;
    /** What the journal adds to each record's payload (frame length, SBE header and Input fields), rounded up. */
    static final int JOURNAL_OVERHEAD_BYTES = 64;

    private final SimulationJournal journal;
    /** Bytes of input records a tick may hold: three quarters of the journal's tick limit (controls get the rest). */
    private final int inputBudgetBytes;
    private int journalBytes;
    private final ExpandableArrayBuffer records = new ExpandableArrayBuffer(1024);
    private final ArrayList<Object> outbox = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private int recordsLength;
    private int recordCount;
    private long frameHash;
    private long lastFrameHash;
    private boolean isInTick;
    private boolean isReplaying;

    WorldJournaling(final SimulationJournal journal)
    {
        this.journal = journal;
        this.inputBudgetBytes = null == journal ? Integer.MAX_VALUE : journal.context().maxTickBytes() / 4 * 3;
    }

    /**
     * Whether an input record of {@code payloadBytes} still fits the tick's input budget: the tick's document must
     * stay under the journal's limit whatever arrives (late ticks gather more inputs), so inputs past the budget are
     * dropped (and counted by the caller) rather than making the tick unjournalable.
     */
    boolean hasRoomForInput(final int payloadBytes)
    {
        return !isJournaling() || journalBytes + payloadBytes + JOURNAL_OVERHEAD_BYTES <= inputBudgetBytes;
    }

    /** Whether records are kept: a journal is set and the world is not re-simulating. */
    boolean isJournaling()
    {
        return null != journal && !isReplaying;
    }

    /** While re-simulating, nothing is journaled and nothing is sent. */
    void replaying(final boolean isReplaying)
    {
        this.isReplaying = isReplaying;
    }

    /** The frame hash of the last committed tick (what its {@code TickEnd} carries). */
    long lastFrameHash()
    {
        return lastFrameHash;
    }

    SimulationJournal journal()
    {
        return journal;
    }

    /** A step starts: records, frames and sends collect until {@link #commit} or {@link #abandon}. */
    void beginTick()
    {
        isInTick = true;
        frameHash = 0;
    }

    boolean isInTick()
    {
        return isInTick;
    }

    // Records ---------------------------------------------------------------------------------------------------

    /**
     * Start a record of {@code type}; write its payload at {@link #payloadOffset()} in {@link #buffer()}, then call
     * {@link #endRecord}. Nothing happens when not journaling ({@link #isJournaling()} false: skip the payload).
     */
    int beginRecord(final int type)
    {
        records.putInt(recordsLength, type, ByteOrder.LITTLE_ENDIAN);
        return recordsLength + RECORD_HEADER_BYTES;
    }

    ExpandableArrayBuffer buffer()
    {
        return records;
    }

    void endRecord(final int payloadOffset, final int payloadLength)
    {
        records.putInt(payloadOffset - Integer.BYTES, payloadLength, ByteOrder.LITTLE_ENDIAN);
        recordsLength = payloadOffset + payloadLength;
        recordCount++;
        journalBytes += payloadLength + JOURNAL_OVERHEAD_BYTES;
    }

    // Frames and sends ------------------------------------------------------------------------------------------

    /** Mix an encoded zone frame into the tick's frame hash (what replays compare). */
    void frameEncoded(final byte[] frame)
    {
        crc.reset();
        crc.update(frame, 0, frame.length);
        frameHash = frameHash * 31 + crc.getValue() + 1;
    }

    /** A frame for a player: held until the tick is journaled when journaling inside a tick, else sent now. */
    void send(final WorldRuntime runtime, final String playerId, final byte[] frame)
    {
        if (isReplaying)
        {
            return;
        }
        if (null != journal && isInTick)
        {
            outbox.add(playerId);
            outbox.add(frame);
            outbox.add(null);
        }
        else
        {
            runtime.send(playerId, frame);
        }
    }

    /**
     * A {@code world.tick} with its binary twin (asobi-spec §4.7): held like {@link #send}; the gateway gives each of
     * the player's sessions the form it negotiated.
     */
    void sendTick(final WorldRuntime runtime, final String playerId, final byte[] jsonFrame, final byte[] binaryFrame)
    {
        if (isReplaying)
        {
            return;
        }
        if (null != journal && isInTick)
        {
            outbox.add(playerId);
            outbox.add(jsonFrame);
            outbox.add(binaryFrame);
        }
        else
        {
            runtime.sendTick(playerId, jsonFrame, binaryFrame);
        }
    }

    /** Something to do once the tick is journaled (a reply), or now when not journaling or outside a tick. */
    void defer(final Runnable action)
    {
        if (isReplaying)
        {
            return;
        }
        if (null != journal && isInTick)
        {
            outbox.add(action);
            outbox.add(null);
            outbox.add(null);
        }
        else
        {
            action.run();
        }
    }

    // Commit ----------------------------------------------------------------------------------------------------

    /**
     * Journal the tick as one document if it has records or frames, then release its outbox.
     *
     * @return false if the journal refused the document (nothing of the tick was sent; the caller ends the world).
     */
    boolean commit(final WorldRuntime runtime, final long simulationId, final long tick)
    {
        isInTick = false;
        lastFrameHash = frameHash;
        boolean isJournaled = true;
        if (isJournaling() && (recordCount > 0 || 0 != frameHash))
        {
            try
            {
                journal.beginTick(simulationId, tick);
                int position = 0;
                for (int i = 0; i < recordCount; i++)
                {
                    final int type = records.getInt(position, ByteOrder.LITTLE_ENDIAN);
                    final int length = records.getInt(position + Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
                    journal.input(0, type, records, position + RECORD_HEADER_BYTES, length);
                    position += RECORD_HEADER_BYTES + length;
                }
                journal.endTick(frameHash);
            }
            catch (final RuntimeException ex)
            {
                isJournaled = false;
                try
                {
                    journal.abortTick();
                }
                catch (final RuntimeException ignore)
                {
                    // the journal is unusable either way
                }
                WorldRuntime.logJournalFailure(simulationId, tick, ex);
            }
        }
        recordsLength = 0;
        recordCount = 0;
        journalBytes = 0;
        frameHash = 0;
        if (isJournaled)
        {
            flush(runtime);
        }
        else
        {
            outbox.clear();
        }
        return isJournaled;
    }

    /** The step failed: drop what it collected (nothing of it is journaled or sent). */
    void abandon()
    {
        isInTick = false;
        recordsLength = 0;
        recordCount = 0;
        journalBytes = 0;
        outbox.clear();
    }

    private void flush(final WorldRuntime runtime)
    {
        final ArrayList<Object> out = outbox;
        for (int i = 0, n = out.size(); i < n; i += 3)
        {
            final Object first = out.get(i);
            if (first instanceof Runnable action)
            {
                try
                {
                    action.run();
                }
                catch (final RuntimeException ex)
                {
                    WorldRuntime.logDeferredFailure(ex);
                }
            }
            else if (null == out.get(i + 2))
            {
                runtime.send((String)first, (byte[])out.get(i + 1));
            }
            else
            {
                runtime.sendTick((String)first, (byte[])out.get(i + 1), (byte[])out.get(i + 2));
            }
        }
        out.clear();
    }

}

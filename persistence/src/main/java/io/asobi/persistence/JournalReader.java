package io.asobi.persistence;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;

/**
 * Reads a {@link Journal}'s records forward from the first one, in append order; a poll that finds nothing new can be
 * repeated later to pick up records appended since (tailing).
 * <p>
 * <b>Note:</b> not thread safe: one thread at a time.
 */
public final class JournalReader implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final int maxRecordBytes;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private byte[] scratch = new byte[256];

    JournalReader(final ExcerptTailer tailer, final int maxRecordBytes)
    {
        this.tailer = tailer;
        this.maxRecordBytes = maxRecordBytes;
        tailer.toStart();
    }

    /**
     * Read up to {@code limit} records, handing each to {@code handler}.
     *
     * @param handler receives each record; if it throws, the record counts as read and the exception propagates.
     * @param limit   most records to read in this call, at least 1.
     * @return records read, 0 when there is nothing new.
     * @throws IllegalStateException    if a record is longer than the journal's {@code maxRecordBytes}.
     * @throws IllegalArgumentException if {@code limit} is below 1.
     */
    public int poll(final RecordHandler handler, final int limit)
    {
        Objects.requireNonNull(handler, "handler");
        if (limit < 1)
        {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }

        int count = 0;
        while (count < limit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long remaining = bytes.readRemaining();
                final long index = dc.index();
                if (remaining > maxRecordBytes)
                {
                    throw new IllegalStateException("journal record at index " + index + " is " + remaining +
                        " bytes, more than maxRecordBytes=" + maxRecordBytes);
                }
                final int length = (int)remaining;
                if (scratch.length < length)
                {
                    scratch = new byte[Math.max(length, Math.min(maxRecordBytes, scratch.length * 2))];
                }
                final int copied = bytes.read(scratch, 0, length);
                if (copied != length)
                {
                    throw new IllegalStateException("journal record at index " + index + " read " + copied +
                        " of " + length + " bytes");
                }
                view.wrap(scratch, 0, length);
                count++;
                handler.onRecord(index, view, 0, length);
            }
        }

        return count;
    }

    /**
     * Move to the record at {@code index}, so the next poll reads it first.
     *
     * @param index of an existing record.
     * @return false when there is no record at that index (the position is then the start).
     */
    boolean moveToIndex(final long index)
    {
        if (tailer.moveToIndex(index))
        {
            return true;
        }
        tailer.toStart();
        return false;
    }

    /**
     * Release the reader.
     */
    public void close()
    {
        tailer.close();
    }
}

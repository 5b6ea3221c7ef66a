package io.asobi.persistence;

import org.agrona.DirectBuffer;

/**
 * Receives journal records as they are read.
 * <p>
 * The buffer is reused for the next record: copy what must outlive the call.
 */
@FunctionalInterface
public interface RecordHandler
{
    /**
     * One record, exactly the bytes that were appended.
     *
     * @param index  the record's journal index (increasing, not contiguous across roll cycles).
     * @param buffer holding the record; valid only during the call.
     * @param offset at which the record starts in {@code buffer}.
     * @param length of the record in bytes.
     */
    void onRecord(long index, DirectBuffer buffer, int offset, int length);
}

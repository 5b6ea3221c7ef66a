package io.asobi.tools;

import io.asobi.persistence.RecordHandler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The benchmark's records: record {@code seq}'s bytes are a function of {@code seq} (its first word is the sequence
 * number), so what was written can be checked on replay without keeping it. Also the order-sensitive checksum of a
 * run of records, as a {@link RecordHandler} for replay.
 */
final class JournalBenchPayload implements RecordHandler
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;

    private long count;
    private long hash;

    /**
     * Write record {@code seq}'s bytes.
     *
     * @param buffer to write into.
     * @param offset of the record.
     * @param length of the record, at least 1.
     * @param seq    the record's sequence number.
     */
    static void fill(final MutableDirectBuffer buffer, final int offset, final int length, final long seq)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            buffer.putLong(offset + i, word(seq, i));
        }
        if (i < length)
        {
            long tail = word(seq, i);
            for (; i < length; i++)
            {
                buffer.putByte(offset + i, (byte)tail);
                tail >>>= 8;
            }
        }
    }

    private static long word(final long seq, final int index)
    {
        if (0 == index)
        {
            return seq;
        }
        long z = seq * GOLDEN + index;
        z = (z ^ (z >>> 30)) * MIX;
        return z ^ (z >>> 31);
    }

    /**
     * Fold one record into a running checksum: its length and every byte, in order.
     *
     * @param hash   the checksum so far (0 at the start).
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length of the record.
     * @return the new checksum.
     */
    static long checksum(final long hash, final DirectBuffer buffer, final int offset, final int length)
    {
        long h = (hash ^ length) * GOLDEN;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = (h ^ buffer.getLong(offset + i)) * GOLDEN;
            h ^= h >>> 29;
        }
        for (; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * GOLDEN;
        }
        return h;
    }

    /**
     * The checksum of records {@code 0 .. count - 1} of {@code length} bytes, as {@link #fill} writes them.
     *
     * @param scratch at least {@code length} bytes, overwritten.
     * @param length  of each record.
     * @param count   records.
     * @return the checksum a correct replay produces.
     */
    static long expectedChecksum(final MutableDirectBuffer scratch, final int length, final long count)
    {
        long h = 0;
        for (long seq = 0; seq < count; seq++)
        {
            fill(scratch, 0, length, seq);
            h = checksum(h, scratch, 0, length);
        }
        return h;
    }

    @Override
    public void onRecord(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        hash = checksum(hash, buffer, offset, length);
        count++;
    }

    long count()
    {
        return count;
    }

    long hash()
    {
        return hash;
    }
}

package io.asobi.world;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Reads what a {@link SnapshotWriter} wrote, checking every length against the bytes: the bytes come from disk and
 * are not trusted, so anything out of range throws {@link IllegalArgumentException} instead of reading past the end
 * or allocating without bound.
 */
final class SnapshotReader
{
    private final DirectBuffer buffer;
    private final int limit;
    private int position;

    SnapshotReader(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new IllegalArgumentException("snapshot range " + offset + "+" + length + " outside the buffer");
        }
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int position()
    {
        return position;
    }

    int remaining()
    {
        return limit - position;
    }

    private void need(final int bytes, final String what)
    {
        if (bytes < 0 || bytes > limit - position)
        {
            throw new IllegalArgumentException("snapshot truncated reading " + what + " at " + position);
        }
    }

    int getByte()
    {
        need(1, "a byte");
        return buffer.getByte(position++) & 0xFF;
    }

    boolean getBoolean()
    {
        final int value = getByte();
        if (value > 1)
        {
            throw new IllegalArgumentException("snapshot: bad boolean " + value + " at " + (position - 1));
        }
        return 1 == value;
    }

    int getInt()
    {
        need(Integer.BYTES, "an int");
        final int value = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        return value;
    }

    /** An int that must lie in {@code [min, max]}. */
    int getInt(final int min, final int max, final String what)
    {
        final int value = getInt();
        if (value < min || value > max)
        {
            throw new IllegalArgumentException("snapshot: " + what + " " + value + " outside " + min + ".." + max);
        }
        return value;
    }

    long getLong()
    {
        need(Long.BYTES, "a long");
        final long value = buffer.getLong(position, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return value;
    }

    String getString(final int maxBytes)
    {
        final int length = getInt(-1, maxBytes, "string length");
        if (length < 0)
        {
            return null;
        }
        need(length, "a string");
        final String value = buffer.getStringWithoutLengthUtf8(position, length);
        position += length;
        return value;
    }

    byte[] getBytes()
    {
        final int length = getInt(-1, Integer.MAX_VALUE, "byte length");
        if (length < 0)
        {
            return null;
        }
        need(length, "bytes");
        final byte[] value = new byte[length];
        buffer.getBytes(position, value);
        position += length;
        return value;
    }

    /** Skip {@code length} bytes the caller read directly at {@link #position()}. */
    void skip(final int length)
    {
        need(length, "a block");
        position += length;
    }

    void expectEnd()
    {
        if (position != limit)
        {
            throw new IllegalArgumentException("snapshot: " + (limit - position) + " bytes left over");
        }
    }
}

package io.asobi.world;

import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Appends little-endian primitives, length-prefixed strings and byte ranges to a growable buffer: the writing half
 * of a world snapshot ({@link WorldSnapshot}).
 * <p>
 * <b>Note:</b> not thread safe; reused across snapshots by {@link #reset()}.
 */
final class SnapshotWriter
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private int position;

    void reset()
    {
        position = 0;
    }

    int position()
    {
        return position;
    }

    ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    void putByte(final int value)
    {
        buffer.putByte(position, (byte)value);
        position++;
    }

    void putBoolean(final boolean value)
    {
        putByte(value ? 1 : 0);
    }

    void putInt(final int value)
    {
        buffer.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
    }

    void putIntAt(final int at, final int value)
    {
        buffer.putInt(at, value, ByteOrder.LITTLE_ENDIAN);
    }

    void putLong(final long value)
    {
        buffer.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
    }

    /** A string as an int length (-1 for null) and its UTF-8 bytes. */
    void putString(final String value)
    {
        if (null == value)
        {
            putInt(-1);
            return;
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        buffer.putBytes(position, bytes);
        position += bytes.length;
    }

    /** A byte array as an int length (-1 for null) and its bytes. */
    void putBytes(final byte[] value)
    {
        if (null == value)
        {
            putInt(-1);
            return;
        }
        putInt(value.length);
        buffer.putBytes(position, value);
        position += value.length;
    }

    /** Reserve an int to be filled in later with {@link #putIntAt}; returns its offset. */
    int reserveInt()
    {
        final int at = position;
        putInt(0);
        return at;
    }

    /** Let the caller write {@code length} bytes at {@link #position()} directly, then advance. */
    void advance(final int length)
    {
        position += length;
    }
}

package io.asobi.world;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Layout of the records a world receives through its tick thread's input ring, the one ordered stream of every
 * event that changes a world:
 * <pre>
 *   inputType: JOIN | LEAVE | INPUT | RESYNC | CONNECT | DISCONNECT     sourceId: the player's runtime number
 *   0   value   int64 LE   JOIN, LEAVE: request id (key of the side table, 0 for none); INPUT: the client's seq or -1;
 *                          RESYNC: zone x in the high 32 bits, zone y in the low 32 bits; others 0
 *   8   json    UTF-8      JOIN: the join context (may be empty); INPUT: the input map; others nothing
 * </pre>
 */
final class WorldRecords
{
    static final int JOIN = 1;
    static final int LEAVE = 2;
    static final int INPUT = 3;
    static final int RESYNC = 4;
    static final int CONNECT = 5;
    static final int DISCONNECT = 6;

    static final int HEADER_BYTES = Long.BYTES;

    private WorldRecords()
    {
    }

    static int encode(
        final MutableDirectBuffer dst, final long value, final byte[] json, final int jsonOffset, final int jsonLength)
    {
        dst.putLong(0, value, ByteOrder.LITTLE_ENDIAN);
        if (jsonLength > 0)
        {
            dst.putBytes(HEADER_BYTES, json, jsonOffset, jsonLength);
        }
        return HEADER_BYTES + jsonLength;
    }

    static long value(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
    }

    static long zoneValue(final int zoneX, final int zoneY)
    {
        return ((long)zoneX << 32) | (zoneY & 0xFFFF_FFFFL);
    }

    static int zoneX(final long value)
    {
        return (int)(value >> 32);
    }

    static int zoneY(final long value)
    {
        return (int)value;
    }
}

package io.asobi.world;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Payloads of the records a world journals in each tick's document (simulation journal, kind {@code ZONE}: one
 * simulation per world, all of its zones). Only what changes the world's state is journaled, in the order it was
 * applied; output-only events (resyncs, acks, terrain streaming) are not. Every payload starts with the player id:
 * <pre>
 *   0  idLength  uint16 LE
 *   2  id        UTF-8
 *   INPUT:  seq int64 LE, then the input's UTF-8 JSON map           (staged into the zone owning the entity)
 *   JOIN:   outcome uint8 (0 decided by the world, 1 lost a race after the logic admitted it), then the join
 *           context's UTF-8 JSON (may be empty)
 *   LEAVE, CONNECT: nothing more
 *   DETACH: deadline tick int64 LE (Long.MAX_VALUE: never expires)
 * </pre>
 * except {@code TERRAIN_EDIT} (a tile the logic changed in the step, journaled after its other records; a replay
 * makes it again): world tile x int32 LE, y int32 LE, tile id uint16 LE, flags uint8, elevation uint8.
 */
final class WorldJournalRecords
{
    static final int INPUT = 1;
    static final int JOIN = 2;
    static final int LEAVE = 3;
    static final int CONNECT = 4;
    static final int DETACH = 5;
    static final int TERRAIN_EDIT = 6;

    static final int JOIN_DECIDED = 0;
    static final int JOIN_LOST_RACE = 1;

    private WorldJournalRecords()
    {
    }

    /**
     * Write the player id prefix.
     *
     * @return bytes written.
     */
    static int putId(final MutableDirectBuffer dst, final int offset, final byte[] id)
    {
        dst.putShort(offset, (short)id.length, ByteOrder.LITTLE_ENDIAN);
        dst.putBytes(offset + Short.BYTES, id);
        return Short.BYTES + id.length;
    }

    /**
     * Length of the id prefix of a payload.
     *
     * @throws IllegalArgumentException if the payload is too short for its id.
     */
    static int idPrefixLength(final DirectBuffer src, final int offset, final int length)
    {
        if (length < Short.BYTES)
        {
            throw new IllegalArgumentException("world record of " + length + " bytes has no player id");
        }
        final int idLength = src.getShort(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (0 == idLength || idLength > 4 * ZoneContext.MAX_ID_LENGTH || Short.BYTES + idLength > length)
        {
            throw new IllegalArgumentException("world record: bad player id length " + idLength);
        }
        return Short.BYTES + idLength;
    }

    static String id(final DirectBuffer src, final int offset, final int length)
    {
        final int prefix = idPrefixLength(src, offset, length);
        return src.getStringWithoutLengthUtf8(offset + Short.BYTES, prefix - Short.BYTES);
    }

    static byte[] utf8(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static String typeName(final int type)
    {
        return switch (type)
        {
            case INPUT -> "INPUT";
            case JOIN -> "JOIN";
            case LEAVE -> "LEAVE";
            case CONNECT -> "CONNECT";
            case DETACH -> "DETACH";
            case TERRAIN_EDIT -> "TERRAIN_EDIT";
            default -> "type " + type;
        };
    }
}

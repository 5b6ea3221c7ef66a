package io.asobi.match;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The payloads of a match's journaled {@code Input} records, by {@code inputType}: {@link #JOIN} and
 * {@link #LEAVE} hold the player id (u8 length, then its UTF-8 bytes) and, for a join, the join context as JSON;
 * {@link #INPUT} holds the input map as JSON (its {@code sourceId} is the sender's number, bound by its join).
 * Written by the match runtime, read by {@link MatchReplay} and the journal tools.
 */
public final class MatchJournalRecords
{
    /** A player's join request, applied (or refused) by the match. */
    public static final int JOIN = 1;
    /** A player's leave. */
    public static final int LEAVE = 2;
    /** A player's input map. */
    public static final int INPUT = 3;
    /** The match's code was hot-reloaded in this tick: the payload is the new code hash (int64, little endian). */
    public static final int CODE = 4;
    /**
     * A metagame call the logic made in this tick, with its answer: UTF-8 JSON {@code {"m": method, "a": args,
     * "r": answer}}; replays hand the answer back instead of calling.
     */
    public static final int METAGAME = 5;

    private MatchJournalRecords()
    {
    }

    /**
     * The player id of a join or leave record.
     *
     * @param buffer holding the payload.
     * @param offset where it starts.
     * @param length its length.
     * @return the id, or null if the payload is not a well-formed join or leave.
     */
    public static String playerId(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 2)
        {
            return null;
        }
        final int idLength = buffer.getByte(offset) & 0xFF;
        if (0 == idLength || 1 + idLength > length)
        {
            return null;
        }
        final byte[] id = new byte[idLength];
        buffer.getBytes(offset + 1, id);
        return new String(id, StandardCharsets.UTF_8);
    }

    /**
     * Where the join context of a well-formed join or leave record starts (it runs to the payload's end; a leave
     * or a join without context has none there).
     *
     * @param buffer holding the payload.
     * @param offset where it starts.
     * @return the offset of the context JSON.
     */
    public static int contextOffset(final DirectBuffer buffer, final int offset)
    {
        return offset + 1 + (buffer.getByte(offset) & 0xFF);
    }

    /**
     * The code hash of a {@link #CODE} record.
     *
     * @param buffer holding the payload.
     * @param offset where it starts.
     * @param length its length.
     * @return the hash, or 0 if the payload is not 8 bytes.
     */
    public static long codeHash(final DirectBuffer buffer, final int offset, final int length)
    {
        return Long.BYTES == length ? buffer.getLong(offset, java.nio.ByteOrder.LITTLE_ENDIAN) : 0L;
    }

    static int encodeCode(final MutableDirectBuffer dst, final long codeHash)
    {
        dst.putLong(0, codeHash, java.nio.ByteOrder.LITTLE_ENDIAN);
        return Long.BYTES;
    }

    static int encodeControl(final MutableDirectBuffer dst, final byte[] playerId, final byte[] joinCtxJson)
    {
        dst.putByte(0, (byte)playerId.length);
        dst.putBytes(1, playerId);
        int length = 1 + playerId.length;
        if (null != joinCtxJson)
        {
            dst.putBytes(length, joinCtxJson);
            length += joinCtxJson.length;
        }
        return length;
    }
}

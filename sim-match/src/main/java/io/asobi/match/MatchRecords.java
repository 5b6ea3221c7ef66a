package io.asobi.match;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Layout of the records a match receives through its tick thread's input ring, the one ordered stream of every
 * event that changes a match (and what a journal will record):
 * <pre>
 *   inputType: JOIN | LEAVE | INPUT        sourceId: the player's runtime number
 *   0   requestId      int64 LE  (key of the {@link PendingRequest} side table; 0 for inputs)
 *   8   playerIdLength uint16 LE
 *   10  playerId       UTF-8
 *   ..  json           UTF-8 JSON object: the join context (may be empty), nothing for a leave, the input map
 * </pre>
 */
final class MatchRecords
{
    static final int JOIN = MatchJournalRecords.JOIN;
    static final int LEAVE = MatchJournalRecords.LEAVE;
    static final int INPUT = MatchJournalRecords.INPUT;

    static final int REQUEST_ID_OFFSET = 0;
    static final int PLAYER_ID_LENGTH_OFFSET = 8;
    static final int PLAYER_ID_OFFSET = 10;

    /** Longest player id in UTF-8 bytes. */
    static final int MAX_PLAYER_ID_BYTES = 128;

    /** Largest record header. */
    static final int MAX_HEADER_BYTES = PLAYER_ID_OFFSET + MAX_PLAYER_ID_BYTES;

    private MatchRecords()
    {
    }

    static int encode(
        final MutableDirectBuffer dst,
        final long requestId,
        final byte[] playerId,
        final byte[] json,
        final int jsonOffset,
        final int jsonLength)
    {
        dst.putLong(REQUEST_ID_OFFSET, requestId, ByteOrder.LITTLE_ENDIAN);
        dst.putShort(PLAYER_ID_LENGTH_OFFSET, (short)playerId.length, ByteOrder.LITTLE_ENDIAN);
        dst.putBytes(PLAYER_ID_OFFSET, playerId);
        final int jsonStart = PLAYER_ID_OFFSET + playerId.length;
        if (jsonLength > 0)
        {
            dst.putBytes(jsonStart, json, jsonOffset, jsonLength);
        }

        return jsonStart + jsonLength;
    }

    static long requestId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + REQUEST_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    static int jsonOffset(final DirectBuffer buffer, final int offset)
    {
        return offset + PLAYER_ID_OFFSET + (buffer.getShort(offset + PLAYER_ID_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) &
            0xFFFF);
    }

    static String typeName(final int type)
    {
        return switch (type)
        {
            case JOIN -> "join";
            case LEAVE -> "leave";
            case INPUT -> "input";
            default -> "unknown(" + type + ")";
        };
    }
}

package io.asobi.match;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a match's journaled snapshot (the bytes between {@code SnapshotBegin} and {@code SnapshotEnd}):
 * what the runtime knows of the match (identity, seed, lifecycle, members and the source numbers their inputs
 * carry) followed by the logic's own {@link MatchLogic#snapshot} bytes. Little endian:
 * <pre>
 *   int32 magic 'AMS1'   int64 seed   int64 runningTick   u8 status   u8 joinable
 *   str matchId   str mode   int32 memberCount   { int64 sourceId   str playerId } * memberCount
 *   int32 logicLength   logic bytes
 * </pre>
 * where {@code str} is a u16 length and UTF-8 bytes.
 *
 * @param seed        the match's random seed.
 * @param runningTick the logic's next tick number.
 * @param status      {@link MatchView#WAITING}, {@link MatchView#RUNNING} or {@link MatchView#FINISHED}.
 * @param joinable    whether the match accepts joins.
 * @param matchId     the match id.
 * @param mode        the mode name.
 * @param members     the members in join order.
 * @param logicOffset where the logic bytes start in the decoded buffer.
 * @param logicLength their length.
 */
record MatchSnapshot(
    long seed,
    long runningTick,
    String status,
    boolean joinable,
    String matchId,
    String mode,
    List<Member> members,
    int logicOffset,
    int logicLength)
{
    /** Format version, journaled as the snapshot's {@code payloadVersion}. */
    static final int VERSION = 1;

    private static final int MAGIC = 0x314D_5341; // "ASM1"
    private static final int MAX_MEMBERS = 100_000;
    private static final String[] STATUSES = { MatchView.WAITING, MatchView.RUNNING, MatchView.FINISHED };

    /**
     * A member and the source number its inputs carry in the journal.
     *
     * @param sourceId the player's number in the journal.
     * @param playerId the player.
     */
    record Member(long sourceId, String playerId)
    {
    }

    /**
     * Write the runtime's part of a snapshot; the caller appends the logic bytes at the returned offset + 4 and
     * then {@link #putLogicLength}.
     *
     * @return offset of the logic length field.
     */
    static int encodeHeader(
        final ExpandableArrayBuffer out,
        final long seed,
        final long runningTick,
        final String status,
        final boolean joinable,
        final String matchId,
        final String mode,
        final List<Member> members)
    {
        int position = 0;
        out.putInt(position, MAGIC, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        out.putLong(position, seed, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        out.putLong(position, runningTick, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        out.putByte(position++, (byte)statusCode(status));
        out.putByte(position++, (byte)(joinable ? 1 : 0));
        position = putString(out, position, matchId);
        position = putString(out, position, mode);
        out.putInt(position, members.size(), ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        for (final Member member : members)
        {
            out.putLong(position, member.sourceId, ByteOrder.LITTLE_ENDIAN);
            position += Long.BYTES;
            position = putString(out, position, member.playerId);
        }
        return position;
    }

    static void putLogicLength(final ExpandableArrayBuffer out, final int lengthOffset, final int logicLength)
    {
        out.putInt(lengthOffset, logicLength, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Read a snapshot payload.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed snapshot of this version.
     */
    static MatchSnapshot decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final Reader in = new Reader(buffer, offset, length);
        if (MAGIC != in.int32())
        {
            throw new IllegalArgumentException("not a match snapshot (bad magic)");
        }
        final long seed = in.int64();
        final long runningTick = in.int64();
        final int statusCode = in.u8();
        if (statusCode >= STATUSES.length)
        {
            throw new IllegalArgumentException("bad match status " + statusCode);
        }
        final boolean joinable = 0 != in.u8();
        final String matchId = in.string();
        final String mode = in.string();
        final int memberCount = in.int32();
        if (memberCount < 0 || memberCount > MAX_MEMBERS)
        {
            throw new IllegalArgumentException("bad member count " + memberCount);
        }
        final ArrayList<Member> members = new ArrayList<>(Math.min(memberCount, 1024));
        for (int i = 0; i < memberCount; i++)
        {
            members.add(new Member(in.int64(), in.string()));
        }
        final int logicLength = in.int32();
        if (logicLength != in.remaining())
        {
            throw new IllegalArgumentException("logic length " + logicLength + " but " + in.remaining() +
                " bytes follow");
        }
        return new MatchSnapshot(seed, runningTick, STATUSES[statusCode], joinable, matchId, mode, members,
            in.position, logicLength);
    }

    private static int statusCode(final String status)
    {
        for (int i = 0; i < STATUSES.length; i++)
        {
            if (STATUSES[i].equals(status))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown status " + status);
    }

    private static int putString(final ExpandableArrayBuffer out, final int position, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF)
        {
            throw new IllegalArgumentException("string too long for a snapshot: " + bytes.length + " bytes");
        }
        out.putShort(position, (short)bytes.length, ByteOrder.LITTLE_ENDIAN);
        out.putBytes(position + Short.BYTES, bytes);
        return position + Short.BYTES + bytes.length;
    }

    private static final class Reader
    {
        private final DirectBuffer buffer;
        private final int end;
        private int position;

        Reader(final DirectBuffer buffer, final int offset, final int length)
        {
            if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
            {
                throw new IllegalArgumentException("range outside the buffer");
            }
            this.buffer = buffer;
            this.position = offset;
            this.end = offset + length;
        }

        int remaining()
        {
            return end - position;
        }

        private void need(final int bytes)
        {
            if (bytes > end - position)
            {
                throw new IllegalArgumentException("match snapshot truncated at byte " + position);
            }
        }

        int u8()
        {
            need(1);
            return buffer.getByte(position++) & 0xFF;
        }

        int int32()
        {
            need(Integer.BYTES);
            final int value = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
            position += Integer.BYTES;
            return value;
        }

        long int64()
        {
            need(Long.BYTES);
            final long value = buffer.getLong(position, ByteOrder.LITTLE_ENDIAN);
            position += Long.BYTES;
            return value;
        }

        String string()
        {
            need(Short.BYTES);
            final int length = buffer.getShort(position, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            position += Short.BYTES;
            need(length);
            final String value = buffer.getStringWithoutLengthUtf8(position, length);
            position += length;
            return value;
        }
    }
}

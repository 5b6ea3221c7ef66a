package io.asobi.tools;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * What a server text frame is, told from its first bytes without decoding the JSON: the load tool receives tens of
 * thousands of frames a second and must not spend the shared cores parsing them.
 * <p>
 * Frames are the server's envelopes {@code {"type":"...","payload":{...}}}; a {@code world.tick} payload starts
 * {@code {"zone":[x,y],"frame_seq":n,"kf":b,...}} (a delta or a keyframe) or {@code {"zone":[x,y],"tick":0,...}}
 * (a leave-removal frame, which has no {@code frame_seq}).
 */
enum WorldFrameKind
{
    /** {@code world.tick} with {@code kf:false}. */
    TICK_DELTA,
    /** {@code world.tick} with {@code kf:true}. */
    TICK_KEYFRAME,
    /** {@code world.tick} without {@code frame_seq}: a zone left the ring. */
    TICK_REMOVAL,
    /** {@code world.ack}. */
    ACK,
    /** {@code world.terrain}. */
    TERRAIN,
    /** {@code error}. */
    ERROR,
    /** Anything else (replies, {@code world.joined}, broadcasts). */
    OTHER;

    static final WorldFrameKind[] VALUES = values();

    /** How far into a {@code world.tick} frame {@code frame_seq} and {@code kf} are looked for. */
    static final int HEADER_SCAN_BYTES = 160;

    private static final byte[] TYPE_KEY = ascii("\"type\":\"");
    private static final byte[] WORLD_TICK = ascii("world.tick\"");
    private static final byte[] WORLD_ACK = ascii("world.ack\"");
    private static final byte[] WORLD_TERRAIN = ascii("world.terrain\"");
    private static final byte[] ERROR_TYPE = ascii("error\"");
    private static final byte[] FRAME_SEQ = ascii("\"frame_seq\":");
    private static final byte[] KF_TRUE = ascii("\"kf\":true");

    /**
     * Classify one frame.
     *
     * @param frame the frame's UTF-8 text (reader index to writer index); not modified.
     * @return its kind; {@link #OTHER} for anything unrecognised, never null.
     */
    static WorldFrameKind classify(final ByteBuf frame)
    {
        final int start = frame.readerIndex();
        final int end = frame.writerIndex();
        final int typeAt = indexOf(frame, start, Math.min(end, start + 64), TYPE_KEY);
        if (typeAt < 0)
        {
            return OTHER;
        }
        final int valueAt = typeAt + TYPE_KEY.length;
        if (startsWith(frame, valueAt, end, WORLD_TICK))
        {
            final int scanEnd = Math.min(end, valueAt + HEADER_SCAN_BYTES);
            if (indexOf(frame, valueAt, scanEnd, FRAME_SEQ) < 0)
            {
                return TICK_REMOVAL;
            }
            return indexOf(frame, valueAt, scanEnd, KF_TRUE) < 0 ? TICK_DELTA : TICK_KEYFRAME;
        }
        if (startsWith(frame, valueAt, end, WORLD_ACK))
        {
            return ACK;
        }
        if (startsWith(frame, valueAt, end, WORLD_TERRAIN))
        {
            return TERRAIN;
        }
        if (startsWith(frame, valueAt, end, ERROR_TYPE))
        {
            return ERROR;
        }
        return OTHER;
    }

    private static boolean startsWith(final ByteBuf buffer, final int at, final int end, final byte[] prefix)
    {
        if (end - at < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (buffer.getByte(at + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(final ByteBuf buffer, final int from, final int end, final byte[] needle)
    {
        for (int i = from, last = end - needle.length; i <= last; i++)
        {
            if (startsWith(buffer, i, end, needle))
            {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

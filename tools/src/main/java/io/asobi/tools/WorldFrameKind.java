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

    private static final byte[] TYPE_KEY = ascii("{\"type\":\"");
    private static final byte[] WORLD_TICK = ascii("world.tick\",\"payload\":{\"zone\":[");
    private static final byte[] WORLD_ACK = ascii("world.ack\"");
    private static final byte[] WORLD_TERRAIN = ascii("world.terrain\"");
    private static final byte[] ERROR_TYPE = ascii("error\"");
    private static final byte[] FRAME_SEQ = ascii(",\"frame_seq\":");
    private static final byte[] KF_TRUE = ascii(",\"kf\":true");
    private static final byte[] TICK = ascii(",\"tick\":");
    private static final byte[] KF_FALSE = ascii(",\"kf\":false");
    private static final int ZONE_MAX_BYTES = 32;

    /**
     * Classify one frame by its header, in the server's field order: the envelope starts with {@code type}, a
     * {@code world.tick} payload with {@code zone}, then {@code frame_seq} and {@code kf} (absent in a
     * leave-removal frame). Nothing later in the frame (an entity's fields) can change the answer.
     *
     * @param frame the frame's UTF-8 text (reader index to writer index); not modified.
     * @return its kind; {@link #OTHER} for anything unrecognised, never null.
     */
    static WorldFrameKind classify(final ByteBuf frame)
    {
        final int start = frame.readerIndex();
        final int end = frame.writerIndex();
        if (!startsWith(frame, start, end, TYPE_KEY))
        {
            return OTHER;
        }
        final int valueAt = start + TYPE_KEY.length;
        if (startsWith(frame, valueAt, end, WORLD_TICK))
        {
            return tickKind(frame, valueAt + WORLD_TICK.length, end);
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

    /** After {@code "zone":[}: skip the coordinates, then {@code ,"frame_seq":n,"kf":b} or not. */
    private static WorldFrameKind tickKind(final ByteBuf frame, final int zoneAt, final int end)
    {
        int i = zoneAt;
        final int zoneEnd = Math.min(end, zoneAt + ZONE_MAX_BYTES);
        while (i < zoneEnd && ']' != frame.getByte(i))
        {
            i++;
        }
        if (i >= zoneEnd)
        {
            return OTHER;
        }
        i++;
        if (!startsWith(frame, i, end, FRAME_SEQ))
        {
            return startsWith(frame, i, end, TICK) ? TICK_REMOVAL : OTHER;
        }
        i += FRAME_SEQ.length;
        while (i < end && frame.getByte(i) >= '0' && frame.getByte(i) <= '9')
        {
            i++;
        }
        if (startsWith(frame, i, end, KF_TRUE))
        {
            return TICK_KEYFRAME;
        }
        return startsWith(frame, i, end, KF_FALSE) ? TICK_DELTA : OTHER;
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

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.asobi.world;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.io.ExpandableDirectBufferOutputStream;

import java.io.IOException;

/**
 * Encodes {@code world.tick} and {@code world.ack} frames with one reusable {@link JsonGenerator} over one reusable
 * byte buffer. A frame is written in place and either {@link #finish() finished} (the only allocation: the
 * exact-size copy handed to the outbound port, shared by every subscriber) or {@link #discard() discarded} (an empty
 * delta: nothing allocated).
 * <p>
 * <b>Note:</b> single threaded (one per world, used on its tick thread).
 */
final class FrameEncoder
{
    static final SerializableString TYPE = new SerializedString("type");
    static final SerializableString PAYLOAD = new SerializedString("payload");
    static final SerializableString WORLD_TICK = new SerializedString("world.tick");
    static final SerializableString WORLD_ACK = new SerializedString("world.ack");
    static final SerializableString ZONE = new SerializedString("zone");
    static final SerializableString FRAME_SEQ = new SerializedString("frame_seq");
    static final SerializableString KF = new SerializedString("kf");
    static final SerializableString TICK = new SerializedString("tick");
    static final SerializableString SEQ = new SerializedString("seq");
    static final SerializableString UPDATES = new SerializedString("updates");
    static final SerializableString OP = new SerializedString("op");
    static final SerializableString ID = new SerializedString("id");
    static final SerializableString X = new SerializedString("x");
    static final SerializableString Y = new SerializedString("y");
    static final SerializableString OP_ADD = new SerializedString("a");
    static final SerializableString OP_UPDATE = new SerializedString("u");
    static final SerializableString OP_REMOVE = new SerializedString("r");

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
        .build();

    private final ExpandableDirectBufferOutputStream out =
        new ExpandableDirectBufferOutputStream(new ExpandableArrayBuffer(4096));
    private JsonGenerator generator = newGenerator();
    private boolean isOpen;

    /**
     * Start a {@code world.tick} frame and open its {@code updates} array.
     *
     * @param zoneX    zone x.
     * @param zoneY    zone y.
     * @param frameSeq the frame's sequence, or -1 for the ungated leave-removal frame (no {@code frame_seq}, no
     *                 {@code kf}).
     * @param keyframe whether it is a keyframe.
     * @param tick     the tick ({@code 0} on keyframes and removals).
     * @return the generator, positioned inside {@code updates}.
     */
    JsonGenerator beginTick(final int zoneX, final int zoneY, final long frameSeq, final boolean keyframe,
        final long tick) throws IOException
    {
        begin(WORLD_TICK);
        final JsonGenerator out = generator;
        out.writeFieldName(ZONE);
        out.writeStartArray();
        out.writeNumber(zoneX);
        out.writeNumber(zoneY);
        out.writeEndArray();
        if (frameSeq >= 0)
        {
            out.writeFieldName(FRAME_SEQ);
            out.writeNumber(frameSeq);
            out.writeFieldName(KF);
            out.writeBoolean(keyframe);
        }
        out.writeFieldName(TICK);
        out.writeNumber(tick);
        out.writeFieldName(UPDATES);
        out.writeStartArray();
        return out;
    }

    /**
     * Close the {@code updates} array, the payload and the envelope, and copy the frame out.
     *
     * @return the frame, a new array of exactly its length.
     */
    byte[] finishTick() throws IOException
    {
        generator.writeEndArray();
        return finish();
    }

    /**
     * Close the {@code updates} array and drop the frame.
     */
    void discardTick() throws IOException
    {
        generator.writeEndArray();
        discard();
    }

    /**
     * A complete {@code world.ack {tick, seq}} frame.
     */
    byte[] ack(final long tick, final long seq) throws IOException
    {
        begin(WORLD_ACK);
        generator.writeFieldName(TICK);
        generator.writeNumber(tick);
        generator.writeFieldName(SEQ);
        generator.writeNumber(seq);
        return finish();
    }

    /**
     * Forget a frame left half written by an exception: the next frame starts on a fresh generator.
     */
    void reset()
    {
        if (isOpen)
        {
            isOpen = false;
            resetOutput();
            generator = newGenerator();
        }
    }

    private void begin(final SerializableString type) throws IOException
    {
        reset();
        isOpen = true;
        final JsonGenerator out = generator;
        out.writeStartObject();
        out.writeFieldName(TYPE);
        out.writeString(type);
        out.writeFieldName(PAYLOAD);
        out.writeStartObject();
    }

    private byte[] finish() throws IOException
    {
        generator.writeEndObject();
        generator.writeEndObject();
        generator.flush();
        final byte[] frame = new byte[out.position()];
        out.buffer().getBytes(0, frame);
        resetOutput();
        isOpen = false;
        return frame;
    }

    private void discard() throws IOException
    {
        generator.writeEndObject();
        generator.writeEndObject();
        generator.flush();
        resetOutput();
        isOpen = false;
    }

    private void resetOutput()
    {
        out.wrap(out.buffer());
    }

    private JsonGenerator newGenerator()
    {
        try
        {
            final JsonGenerator generator = FACTORY.createGenerator(out);
            generator.setRootValueSeparator(null);
            return generator;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

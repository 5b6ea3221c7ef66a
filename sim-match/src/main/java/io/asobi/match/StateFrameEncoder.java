package io.asobi.match;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.io.ExpandableDirectBufferOutputStream;

import java.io.IOException;

/**
 * Encodes {@code {"type":"match.state","payload":<state>}} frames with one reusable {@link JsonGenerator} over one
 * reusable byte buffer; the only allocation per frame is the exact-size copy handed to the outbound port.
 * <p>
 * <b>Note:</b> single threaded (one per match, used on its tick thread).
 */
final class StateFrameEncoder
{
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
        .build();
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString MATCH_STATE = new SerializedString("match.state");
    private static final SerializableString PAYLOAD = new SerializedString("payload");

    private final ExpandableDirectBufferOutputStream out =
        new ExpandableDirectBufferOutputStream(new ExpandableArrayBuffer(1024));
    private JsonGenerator generator;

    StateFrameEncoder()
    {
        generator = newGenerator();
    }

    /**
     * Encode one frame.
     *
     * @param logic    writes the payload.
     * @param playerId audience, or null for the shared state.
     * @return the frame, a new array of exactly its length.
     * @throws IOException           from the logic or the generator; the encoder is reset and reusable.
     * @throws IllegalStateException if the logic did not write exactly one complete value; the encoder is reset.
     */
    byte[] encode(final MatchLogic logic, final String playerId) throws IOException
    {
        final JsonGenerator generator = this.generator;
        boolean isComplete = false;
        try
        {
            generator.writeStartObject();
            generator.writeFieldName(TYPE);
            generator.writeString(MATCH_STATE);
            generator.writeFieldName(PAYLOAD);
            logic.writeState(playerId, generator);
            final JsonStreamContext context = generator.getOutputContext();
            if (!context.inObject() || null == context.getParent() || !context.getParent().inRoot() ||
                2 != context.getEntryCount())
            {
                throw new IllegalStateException("writeState must write exactly one complete JSON value");
            }
            generator.writeEndObject();
            generator.flush();
            isComplete = true;

            final byte[] frame = new byte[out.position()];
            out.buffer().getBytes(0, frame);
            return frame;
        }
        finally
        {
            out.wrap(out.buffer());
            if (!isComplete)
            {
                this.generator = newGenerator();
            }
        }
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

package io.asobi.match.lua;

import com.fasterxml.jackson.core.JsonGenerator;
import org.luaj.vm2.LuaValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes the frames Lua scripts push ({@code match.<event>}, {@code module.message}, {@code module.error} and their
 * legacy {@code game.*} twins): the payload is encoded once into a reused buffer, then each frame is
 * {@code {"type":"<type>","payload":<payload>}} in a new array of its exact size.
 * <p>
 * <b>Note:</b> single-threaded (one per VM).
 */
final class FrameEncoder
{
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_PREFIX = "\",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    private final Buffer payload = new Buffer();
    private final RawJson raw = new RawJson();

    /**
     * Encode a payload from a Lua value.
     *
     * @param value the payload.
     * @return its encoded length in bytes.
     * @throws LuaJson.LuaJsonException if it cannot be encoded.
     */
    int encodePayload(final LuaValue value)
    {
        payload.reset();
        try (JsonGenerator generator = LuaJson.FACTORY.createGenerator(payload))
        {
            LuaJson.write(value, generator);
        }
        catch (final IOException ex)
        {
            throw new LuaJson.LuaJsonException("cannot encode: " + ex.getMessage());
        }
        return payload.size();
    }

    /**
     * Encode a {@code {"module":"lua","message":<message>}} payload.
     *
     * @param message the message.
     * @return its encoded length in bytes.
     * @throws LuaJson.LuaJsonException if it cannot be encoded.
     */
    int encodeModuleMessage(final LuaValue message)
    {
        payload.reset();
        try (JsonGenerator generator = LuaJson.FACTORY.createGenerator(payload))
        {
            generator.writeStartObject();
            generator.writeStringField("module", "lua");
            generator.writeFieldName("message");
            LuaJson.write(message, generator);
            generator.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new LuaJson.LuaJsonException("cannot encode: " + ex.getMessage());
        }
        return payload.size();
    }

    /**
     * Encode a {@code {"module":"lua","callback":..,"script":..,"message":..}} payload (dev errors).
     *
     * @param callback the failed callback.
     * @param script   the script it failed in.
     * @param message  what went wrong.
     * @return its encoded length in bytes.
     */
    int encodeModuleError(final String callback, final String script, final String message)
    {
        payload.reset();
        try (JsonGenerator generator = LuaJson.FACTORY.createGenerator(payload))
        {
            generator.writeStartObject();
            generator.writeStringField("module", "lua");
            generator.writeStringField("callback", callback);
            generator.writeStringField("script", script);
            generator.writeStringField("message", message);
            generator.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot encode an error frame", ex);
        }
        return payload.size();
    }

    /**
     * A frame around the last encoded payload.
     *
     * @param type frame type; ASCII letters, digits, {@code . _ -} only (callers validate).
     * @return a new array holding the complete frame.
     */
    byte[] frame(final String type)
    {
        final int typeLength = type.length();
        final int payloadLength = payload.size();
        final byte[] frame = new byte[TYPE_PREFIX.length + typeLength + PAYLOAD_PREFIX.length + payloadLength + 1];
        int at = 0;
        System.arraycopy(TYPE_PREFIX, 0, frame, at, TYPE_PREFIX.length);
        at += TYPE_PREFIX.length;
        for (int i = 0; i < typeLength; i++)
        {
            frame[at++] = (byte)type.charAt(i);
        }
        System.arraycopy(PAYLOAD_PREFIX, 0, frame, at, PAYLOAD_PREFIX.length);
        at += PAYLOAD_PREFIX.length;
        payload.copyTo(frame, at);
        at += payloadLength;
        frame[at] = '}';
        return frame;
    }

    /**
     * The last encoded payload.
     *
     * @return a copy.
     */
    byte[] payloadBytes()
    {
        return Arrays.copyOf(payload.array(), payload.size());
    }

    /**
     * The last encoded payload, without copying it.
     *
     * @return a view valid until the next encode.
     */
    RawJson rawPayload()
    {
        return raw.wrap(payload.array(), payload.size());
    }

    /** A byte array output stream whose content can be copied without an intermediate array. */
    private static final class Buffer extends ByteArrayOutputStream
    {
        Buffer()
        {
            super(1024);
        }

        void copyTo(final byte[] to, final int offset)
        {
            System.arraycopy(buf, 0, to, offset, count);
        }

        byte[] array()
        {
            return buf;
        }
    }
}

package io.asobi.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * JSON helpers for replies and pushes that are not on a per-tick path ({@code world.joined}, {@code world.list},
 * {@code world.finished}).
 */
final class Json
{
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    static final byte[] EMPTY = new byte[0];

    static final String WORLD_JOINED = "world.joined";
    static final String WORLD_LEFT = "world.left";
    static final String WORLD_CREATED = "world.created";
    static final String WORLD_LIST = "world.list";
    static final String WORLD_FINISHED = "world.finished";

    private Json()
    {
    }

    static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    static ObjectNode success()
    {
        return object().put("success", true);
    }

    static ArrayNode array(final List<String> values)
    {
        final ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0, n = values.size(); i < n; i++)
        {
            array.add(values.get(i));
        }
        return array;
    }

    static String iso(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /**
     * A complete envelope {@code {"type":type,"payload":payload}}.
     */
    static byte[] frame(final String type, final JsonNode payload)
    {
        final ObjectNode envelope = object();
        envelope.put("type", type);
        envelope.set("payload", payload);
        return encode(envelope);
    }

    static byte[] encode(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsBytes(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("cannot encode JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * A journaled JSON object.
     *
     * @throws IllegalArgumentException if the bytes are not a JSON object.
     */
    static ObjectNode parseObject(final byte[] bytes)
    {
        final ObjectNode object = decodeObject(bytes, 0, bytes.length);
        if (null == object)
        {
            throw new IllegalArgumentException("not a JSON object: " + bytes.length + " bytes");
        }
        return object;
    }

    static ObjectNode decodeObject(final byte[] bytes, final int offset, final int length)
    {
        if (0 == length)
        {
            return null;
        }
        try
        {
            final JsonNode node = MAPPER.readTree(bytes, offset, length);
            return node instanceof ObjectNode object ? object : null;
        }
        catch (final java.io.IOException ex)
        {
            return null;
        }
    }
}

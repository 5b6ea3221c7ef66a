package io.asobi.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/**
 * JSON helpers for replies and server pushes that are not on a per-tick path ({@code match.joined},
 * {@code match.finished}, {@code match.matched}, matchmaker frames).
 */
final class Frames
{
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    static final byte[] EMPTY = new byte[0];

    static final String MATCH_JOINED = "match.joined";
    static final String MATCH_LEFT = "match.left";
    static final String MATCH_FINISHED = "match.finished";
    static final String MATCH_MATCHED = "match.matched";
    static final String MATCHMAKER_EXPIRED = "match.matchmaker_expired";
    static final String MATCHMAKER_FAILED = "match.matchmaker_failed";
    static final String MATCHMAKER_QUEUED = "matchmaker.queued";
    static final String MATCHMAKER_REMOVED = "matchmaker.removed";
    static final String MATCHMAKER_TICKET = "matchmaker.ticket";

    private Frames()
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

    /**
     * A complete envelope {@code {"type":type,"payload":payload}}.
     *
     * @param type    frame type.
     * @param payload frame payload.
     * @return UTF-8 JSON.
     */
    static byte[] frame(final String type, final JsonNode payload)
    {
        final ObjectNode envelope = object();
        envelope.put("type", type);
        envelope.set("payload", payload);
        try
        {
            return MAPPER.writeValueAsBytes(envelope);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot encode " + type, ex);
        }
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
     * Decode a JSON object.
     *
     * @return the object, or null if the bytes are empty or not a JSON object.
     */
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
        catch (final IOException ex)
        {
            return null;
        }
    }
}

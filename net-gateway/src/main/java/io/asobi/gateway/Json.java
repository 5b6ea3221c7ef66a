package io.asobi.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one shared Jackson mapper and the envelope and error-object builders of asobi-spec §3 and §4.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class Json
{
    static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private Json()
    {
    }

    /**
     * Decode one JSON document.
     *
     * @param bytes  UTF-8 text.
     * @param offset where it starts.
     * @param length its length.
     * @return the tree, never null nor missing.
     * @throws IOException if it is not exactly one JSON value.
     */
    static JsonNode read(final byte[] bytes, final int offset, final int length) throws IOException
    {
        final JsonNode node = MAPPER.readTree(bytes, offset, length);
        if (null == node || node.isMissingNode())
        {
            throw new IOException("empty document");
        }
        return node;
    }

    /**
     * Decode one JSON document from a string.
     *
     * @param text JSON text.
     * @return the tree, never null nor missing.
     * @throws IOException if it is not exactly one JSON value.
     */
    static JsonNode read(final String text) throws IOException
    {
        final JsonNode node = MAPPER.readTree(text);
        if (null == node || node.isMissingNode())
        {
            throw new IOException("empty document");
        }
        return node;
    }

    /**
     * Encode a tree.
     *
     * @param node to encode.
     * @return UTF-8 bytes.
     */
    static byte[] bytes(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsBytes(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A WebSocket envelope {@code {type, payload[, cid]}}.
     *
     * @param type    message type.
     * @param payload payload object.
     * @param cid     the request's cid to echo (any JSON value, including {@code null}), or null for none.
     * @return encoded frame text.
     */
    static byte[] envelope(final String type, final JsonNode payload, final JsonNode cid)
    {
        final ObjectNode envelope = NODES.objectNode();
        envelope.put("type", type);
        envelope.set("payload", null == payload ? NODES.objectNode() : payload);
        if (null != cid)
        {
            envelope.set("cid", cid);
        }
        return bytes(envelope);
    }

    /**
     * The {@code {code, message, details}} object.
     *
     * @param code    error code.
     * @param details details, or null for {@code {}}.
     * @return a new object.
     */
    static ObjectNode errorObject(final String code, final ObjectNode details)
    {
        final ObjectNode error = NODES.objectNode();
        error.put("code", code);
        error.put("message", ErrorCodes.message(code));
        error.set("details", null == details ? NODES.objectNode() : details);
        return error;
    }

    /**
     * The payload of a WebSocket {@code error} frame (asobi-spec §4.3):
     * {@code {reason, error:{code, message, details}[, type]}}.
     *
     * @param reason      legacy reason; null is reported as {@code internal}.
     * @param details     extra {@code error.details} entries, or null.
     * @param requestType the request type to add beside {@code reason}, or null.
     * @return a new payload object.
     */
    static ObjectNode wsErrorPayload(final String reason, final ObjectNode details, final String requestType)
    {
        final String safeReason = null == reason ? ErrorCodes.INTERNAL : reason;
        final String code = ErrorCodes.codeForReason(safeReason);
        final ObjectNode errorDetails = null == details ? NODES.objectNode() : details.deepCopy();
        if (ErrorCodes.WS_REQUEST_FAILED.equals(code))
        {
            errorDetails.put("reason", safeReason);
        }

        final ObjectNode payload = NODES.objectNode();
        payload.put("reason", safeReason);
        payload.set("error", errorObject(code, errorDetails));
        if (null != requestType)
        {
            payload.put("type", requestType);
        }
        return payload;
    }

    /**
     * An HTTP error body {@code {"error":{code, message, details}}} plus legacy top-level keys.
     *
     * @param code     error code.
     * @param details  details, or null.
     * @param topLevel extra top-level keys (legacy {@code fields}/{@code errors}), or null.
     * @return a new body.
     */
    static ObjectNode httpErrorBody(final String code, final ObjectNode details, final Map<String, JsonNode> topLevel)
    {
        final ObjectNode body = NODES.objectNode();
        if (null != topLevel)
        {
            body.setAll(topLevel);
        }
        body.set("error", errorObject(code, details));
        return body;
    }

    /**
     * Parse stored JSON text for a response; text that is not JSON is returned as a string node.
     *
     * @param text JSON text, or null.
     * @return the tree (null text: a JSON null).
     */
    static JsonNode parseOrText(final String text)
    {
        if (null == text)
        {
            return NODES.nullNode();
        }
        try
        {
            return read(text);
        }
        catch (final IOException ex)
        {
            return NODES.textNode(text);
        }
    }

    /**
     * Convert plain Java values (maps, lists, strings, numbers, booleans, trees) to a tree.
     *
     * @param value any value Jackson can map.
     * @return the tree; an unconvertible value becomes its string form.
     */
    static JsonNode toTree(final Object value)
    {
        try
        {
            return MAPPER.valueToTree(value);
        }
        catch (final IllegalArgumentException ex)
        {
            return NODES.textNode(String.valueOf(value));
        }
    }
}

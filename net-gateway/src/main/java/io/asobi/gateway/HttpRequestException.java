package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A request refused with an error code while it is being handled on the I/O thread; the handler answers it with the
 * code's status and error body.
 */
final class HttpRequestException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient ObjectNode details;
    private final transient Map<String, JsonNode> topLevel;

    HttpRequestException(final String code, final ObjectNode details)
    {
        this(code, details, null);
    }

    HttpRequestException(final String code, final ObjectNode details, final Map<String, JsonNode> topLevel)
    {
        super(code, null, false, false);
        this.code = code;
        this.details = details;
        this.topLevel = topLevel;
    }

    String code()
    {
        return code;
    }

    ObjectNode details()
    {
        return details;
    }

    Map<String, JsonNode> topLevel()
    {
        return topLevel;
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP request and its single response. The request's body is copied, so the exchange outlives the Netty
 * request and can be answered from any thread.
 * <p>
 * <b>Note:</b> the accessors are called on the I/O thread that created it; the response methods from any thread,
 * and only the first response counts.
 */
final class HttpExchange
{
    private final HttpHandler handler;
    private final HttpMethod method;
    private final String path;
    private final String[] segments;
    private final Map<String, List<String>> params;
    private final String authorization;
    private final String operatorLabel;
    private final byte[] body;
    private final boolean isKeepAlive;
    private final String corsOrigin;
    private final String clientAddress;
    private final AtomicBoolean isDone = new AtomicBoolean();

    /**
     * @param handler    the connection's handler, which writes the response.
     * @param request    the request (not retained).
     * @param corsOrigin {@code Access-Control-Allow-Origin}, or null.
     * @param clientAddress the peer's address (rate-limit key for anonymous routes).
     * @throws IllegalArgumentException if the path is not validly percent-encoded.
     */
    HttpExchange(
        final HttpHandler handler, final FullHttpRequest request, final String corsOrigin, final String clientAddress)
    {
        this.handler = handler;
        this.corsOrigin = corsOrigin;
        this.clientAddress = clientAddress;
        method = request.method();
        final QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        path = decoder.path();
        segments = decodeSegments(decoder.rawPath());
        params = decoder.parameters();
        authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        operatorLabel = request.headers().get("x-asobi-operator");
        body = ByteBufUtil.getBytes(request.content());
        isKeepAlive = HttpUtil.isKeepAlive(request);
    }

    private static String[] decodeSegments(final String rawPath)
    {
        final String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        final String[] segments = trimmed.split("/", -1);
        for (int i = 0; i < segments.length; i++)
        {
            // '+' is a literal in a path, not a space.
            segments[i] = QueryStringDecoder.decodeComponent(segments[i].replace("+", "%2B"));
        }
        return segments;
    }

    HttpMethod method()
    {
        return method;
    }

    /**
     * @return the decoded path, without the query.
     */
    String path()
    {
        return path;
    }

    /**
     * @return the decoded path segments after the leading {@code /}; {@code /} gives one empty segment.
     */
    String[] segments()
    {
        return segments;
    }

    /**
     * @param name query parameter.
     * @return its first value, or null.
     */
    String param(final String name)
    {
        final List<String> values = params.get(name);
        return null == values || values.isEmpty() ? null : values.getFirst();
    }

    boolean isKeepAlive()
    {
        return isKeepAlive;
    }

    /**
     * @return the token of an {@code Authorization: Bearer <token>} header, or null.
     */
    String bearerToken()
    {
        if (null == authorization || authorization.length() < 7 ||
            !authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            return null;
        }
        final String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /**
     * @return the {@code x-asobi-operator} header (the operator's label on the operator API), or null.
     */
    String operatorLabel()
    {
        return operatorLabel;
    }

    /**
     * The raw body bytes.
     *
     * @return the body; do not modify.
     */
    byte[] body()
    {
        return body;
    }

    /**
     * The body as a JSON object; an empty body is an empty object.
     *
     * @return the object.
     * @throws HttpRequestException {@code invalid_json} if it is not JSON, {@code invalid_payload} if not an object.
     */
    ObjectNode bodyObject()
    {
        if (0 == body.length)
        {
            return Json.NODES.objectNode();
        }
        final JsonNode node;
        try
        {
            node = Json.read(body, 0, body.length);
        }
        catch (final IOException ex)
        {
            throw new HttpRequestException(ErrorCodes.INVALID_JSON, null);
        }
        if (!node.isObject())
        {
            throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD, null);
        }
        return (ObjectNode)node;
    }

    boolean isDone()
    {
        return isDone.get();
    }

    /**
     * Answer with a JSON body.
     *
     * @param status HTTP status.
     * @param body   the body.
     */
    void json(final int status, final JsonNode body)
    {
        send(HttpResponses.of(status, HttpResponses.JSON, Json.bytes(body), corsOrigin));
    }

    /**
     * Answer with an error body and the code's status.
     *
     * @param code    error code.
     * @param details details, or null.
     */
    void error(final String code, final ObjectNode details)
    {
        error(code, details, null);
    }

    /**
     * Answer with an error body, legacy top-level keys and the code's status.
     *
     * @param code     error code.
     * @param details  details, or null.
     * @param topLevel legacy top-level keys, or null.
     */
    void error(final String code, final ObjectNode details, final Map<String, JsonNode> topLevel)
    {
        final byte[] bytes = Json.bytes(Json.httpErrorBody(code, details, topLevel));
        send(HttpResponses.of(ErrorCodes.status(code), HttpResponses.JSON, bytes, corsOrigin));
    }

    /**
     * @return the peer's address, for rate limits of anonymous routes.
     */
    String clientAddress()
    {
        return clientAddress;
    }

    /**
     * Answer 429 {@code rate_limited} with {@code retry_after} (seconds) in the details and at top level, and a
     * {@code retry-after} header (asobi-spec §1.1).
     *
     * @param retryAfterS seconds until the window reopens, at least 1.
     */
    void rateLimited(final long retryAfterS)
    {
        final ObjectNode details = Json.NODES.objectNode().put("retry_after", retryAfterS);
        final byte[] bytes = Json.bytes(Json.httpErrorBody(ErrorCodes.RATE_LIMITED, details,
            Map.of("retry_after", Json.NODES.numberNode(retryAfterS))));
        final FullHttpResponse response = HttpResponses.of(
            ErrorCodes.status(ErrorCodes.RATE_LIMITED), HttpResponses.JSON, bytes, corsOrigin);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterS));
        send(response);
    }

    /**
     * Answer with arbitrary bytes.
     *
     * @param status      HTTP status.
     * @param contentType content type.
     * @param bytes       content.
     */
    void bytes(final int status, final String contentType, final byte[] bytes)
    {
        send(HttpResponses.of(status, contentType, bytes, corsOrigin));
    }

    /**
     * Answer an error that carries an {@code Allow} header (405) or a preflight (204).
     *
     * @param status HTTP status, 204 or 405.
     * @param allow  the methods the path accepts.
     */
    void allow(final int status, final String allow)
    {
        final FullHttpResponse response = 204 == status ?
            HttpResponses.of(204, null, null, corsOrigin) :
            HttpResponses.of(status, HttpResponses.JSON,
                Json.bytes(Json.httpErrorBody(ErrorCodes.METHOD_NOT_ALLOWED, null, null)), corsOrigin);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        if (null != corsOrigin)
        {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, allow);
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, HttpResponses.ALLOW_HEADERS);
            response.headers().setInt(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 600);
        }
        send(response);
    }

    private void send(final FullHttpResponse response)
    {
        if (isDone.compareAndSet(false, true))
        {
            handler.respond(this, response);
        }
        else
        {
            response.release();
        }
    }
}

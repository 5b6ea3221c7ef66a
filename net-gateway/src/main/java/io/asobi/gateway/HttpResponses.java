package io.asobi.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Builders of complete HTTP responses.
 */
final class HttpResponses
{
    static final String JSON = "application/json";
    static final String ALLOW_HEADERS = "Authorization, Content-Type";

    private HttpResponses()
    {
    }

    /**
     * A response with a body.
     *
     * @param status      HTTP status code.
     * @param contentType {@code Content-Type}, or null with an empty body.
     * @param body        content; wrapped, not copied.
     * @param corsOrigin  {@code Access-Control-Allow-Origin}, or null for none.
     * @return the response.
     */
    static FullHttpResponse of(final int status, final String contentType, final byte[] body, final String corsOrigin)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status),
            null == body || 0 == body.length ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        if (null != contentType)
        {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, null == body ? 0 : body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (null != corsOrigin)
        {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
        }
        return response;
    }

    /**
     * A JSON error response {@code {"error":{code, message, details}}} with the code's status.
     *
     * @param code       error code.
     * @param corsOrigin {@code Access-Control-Allow-Origin}, or null for none.
     * @return the response.
     */
    static FullHttpResponse error(final String code, final String corsOrigin)
    {
        return of(ErrorCodes.status(code), JSON, Json.bytes(Json.httpErrorBody(code, null, null)), corsOrigin);
    }
}

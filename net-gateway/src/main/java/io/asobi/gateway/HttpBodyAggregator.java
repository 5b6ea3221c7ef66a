package io.asobi.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates HTTP requests up to a body limit and answers an oversized one with the JSON 413
 * {@code payload_too_large} body instead of Netty's empty one. As Netty does, the connection stays open (the rest of
 * the body is discarded) only when the client neither started sending the body nor asked to close.
 */
final class HttpBodyAggregator extends HttpObjectAggregator
{
    private final String corsOrigin;

    HttpBodyAggregator(final int maxBodyBytes, final String corsOrigin)
    {
        super(maxBodyBytes);
        this.corsOrigin = corsOrigin;
    }

    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized)
        throws Exception
    {
        if (!(oversized instanceof HttpRequest))
        {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }

        final FullHttpResponse response = HttpResponses.error(ErrorCodes.PAYLOAD_TOO_LARGE, corsOrigin);
        final boolean mustClose = oversized instanceof FullHttpMessage ||
            (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
        if (mustClose)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}

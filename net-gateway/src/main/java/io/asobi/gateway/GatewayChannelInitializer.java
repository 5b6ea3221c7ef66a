package io.asobi.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline: HTTP read timeout, HTTP codec, body aggregator, {@link HttpHandler}
 * (which swaps the timeout and itself for the WebSocket handlers on upgrade). Registers the connection with the gateway's channel group.
 */
@ChannelHandler.Sharable
final class GatewayChannelInitializer extends ChannelInitializer<Channel>
{
    static final int MAX_INITIAL_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    static final int MAX_CHUNK_BYTES = 8192;
    static final String HTTP_IDLE = "http-idle";

    private final GatewayResources resources;

    GatewayChannelInitializer(final GatewayResources resources)
    {
        this.resources = resources;
    }

    @Override
    protected void initChannel(final Channel channel)
    {
        if (resources.isClosing)
        {
            channel.close();
            return;
        }
        resources.channels.add(channel);
        final ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(HTTP_IDLE, new ReadTimeoutHandler(resources.ctx.httpIdleTimeoutMs(), TimeUnit.MILLISECONDS));
        pipeline.addLast("http-codec", new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
        pipeline.addLast("http-aggregator",
            new HttpBodyAggregator(resources.ctx.httpMaxBodyBytes(), resources.ctx.corsAllowOrigin()));
        pipeline.addLast("http", new HttpHandler(resources));
    }
}

package io.asobi.gateway;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of one connection: answers requests in order (pipelined requests wait, up to a bound, while an
 * earlier one is answered asynchronously), routes them to {@link RestApi}, and upgrades {@code GET /ws} to a
 * WebSocket, after which it leaves the pipeline to a {@link WsFrameHandler}.
 * <p>
 * Nothing escapes to Netty: a refused request is answered with its error code, a handler bug with 500
 * {@code internal}.
 * <p>
 * <b>Note:</b> one instance per connection; runs on the connection's event loop; {@link #respond} may be called
 * from any thread.
 */
final class HttpHandler extends ChannelInboundHandlerAdapter
{
    static final String WS_PATH = "/ws";

    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

    private final GatewayResources resources;
    private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean isInFlight;

    HttpHandler(final GatewayResources resources)
    {
        this.resources = resources;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof final FullHttpRequest request))
        {
            ctx.fireChannelRead(msg);
            return;
        }

        if (isInFlight)
        {
            if (pending.size() >= resources.ctx.httpMaxPipelinedRequests())
            {
                request.release();
                LOG.debug("{} pipelined too many requests; closing", ctx.channel());
                ctx.close();
                return;
            }
            pending.addLast(request);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        handle(request);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        releasePending();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        releasePending();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("{} HTTP connection error; closing", ctx.channel(), cause);
        ctx.close();
    }

    private String clientAddress()
    {
        return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress address ?
            address.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    private void handle(final FullHttpRequest request)
    {
        isInFlight = true;
        try
        {
            if (request.decoderResult().isFailure())
            {
                closeWith(HttpResponses.error(ErrorCodes.BAD_REQUEST, resources.ctx.corsAllowOrigin()));
                return;
            }

            final HttpExchange exchange;
            try
            {
                exchange = new HttpExchange(this, request, resources.ctx.corsAllowOrigin(), clientAddress());
            }
            catch (final IllegalArgumentException ex)
            {
                closeWith(HttpResponses.error(ErrorCodes.BAD_REQUEST, resources.ctx.corsAllowOrigin()));
                return;
            }

            try
            {
                if (WS_PATH.equals(exchange.path()))
                {
                    upgrade(exchange, request);
                }
                else
                {
                    resources.restApi.handle(exchange);
                }
            }
            catch (final HttpRequestException ex)
            {
                if (ErrorCodes.RATE_LIMITED.equals(ex.code()))
                {
                    exchange.rateLimited(1);
                }
                else
                {
                    exchange.error(ex.code(), ex.details(), ex.topLevel());
                }
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("{} {} {} failed", ctx.channel(), request.method(), exchange.path(), ex);
                exchange.error(ErrorCodes.INTERNAL, null);
            }
        }
        finally
        {
            request.release();
        }
    }

    private void upgrade(final HttpExchange exchange, final FullHttpRequest request)
    {
        if (!HttpMethod.GET.equals(request.method()))
        {
            exchange.allow(HttpMethod.OPTIONS.equals(request.method()) ? 204 : 405, "GET, OPTIONS");
            return;
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true))
        {
            exchange.error(ErrorCodes.UPGRADE_REQUIRED, null);
            return;
        }
        if (resources.isClosing)
        {
            exchange.error(ErrorCodes.NOT_READY, null);
            return;
        }

        final WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(resources.ctx.wsHardMaxFrameBytes())
            .allowExtensions(false)
            .closeOnProtocolViolation(true)
            .withUTF8Validator(false) // invalid UTF-8 is answered invalid_json, not a close
            .build();
        final String refusal = connectRefusal(exchange, request);
        final WebSocketServerHandshaker handshaker =
            new WebSocketServerHandshakerFactory(WS_PATH, null, decoderConfig).newHandshaker(request);
        if (null == handshaker)
        {
            exchange.error(ErrorCodes.UPGRADE_REQUIRED, null);
            return;
        }

        final ChannelFuture handshakeFuture;
        try
        {
            handshakeFuture = handshaker.handshake(ctx.channel(), request);
        }
        catch (final WebSocketHandshakeException ex)
        {
            exchange.error(ErrorCodes.BAD_REQUEST, null);
            return;
        }

        final WsFrameHandler wsHandler = new WsFrameHandler(resources, handshaker);
        final ChannelPipeline pipeline = ctx.pipeline();
        if (null != pipeline.get(GatewayChannelInitializer.HTTP_IDLE))
        {
            pipeline.remove(GatewayChannelInitializer.HTTP_IDLE);
        }
        if (resources.ctx.wsIdleTimeoutMs() > 0)
        {
            pipeline.addLast("ws-idle", new IdleStateHandler(
                resources.ctx.wsIdleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
        }
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(resources.ctx.wsHardMaxFrameBytes()));
        pipeline.addLast("ws", wsHandler);
        pipeline.remove(this);
        handshakeFuture.addListener((ChannelFutureListener)future ->
        {
            if (future.isSuccess() && null != refusal)
            {
                wsHandler.onHandshakeRefused(refusal);
            }
            else if (future.isSuccess())
            {
                wsHandler.onHandshakeComplete();
            }
            else
            {
                future.channel().close();
            }
        });
    }

    /**
     * Connect-time checks of asobi-spec §4.2.1, in Asobi's order: the per-address connect rate, then the Origin
     * allowlist (empty allows all; a request without an Origin header is allowed).
     *
     * @return the close reason to refuse with, or null to accept.
     */
    private String connectRefusal(final HttpExchange exchange, final FullHttpRequest request)
    {
        final KeyedRateLimiter limiter = resources.wsConnectLimiter;
        if (null != limiter && !limiter.tryAcquire(exchange.clientAddress()))
        {
            return ErrorCodes.RATE_LIMITED;
        }
        final java.util.Set<String> allowed = resources.ctx.wsAllowedOrigins();
        final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!allowed.isEmpty() && null != origin && !allowed.contains(origin))
        {
            return "origin_rejected";
        }
        return null;
    }

    /**
     * Write the response of an exchange; from any thread.
     *
     * @param exchange the exchange.
     * @param response its response.
     */
    void respond(final HttpExchange exchange, final FullHttpResponse response)
    {
        if (ctx.executor().inEventLoop())
        {
            write(exchange, response);
            return;
        }
        try
        {
            ctx.executor().execute(() -> write(exchange, response));
        }
        catch (final RejectedExecutionException ex)
        {
            response.release();
        }
    }

    private void write(final HttpExchange exchange, final FullHttpResponse response)
    {
        if (ctx.isRemoved() || !ctx.channel().isActive())
        {
            response.release();
            releasePending();
            return;
        }

        final boolean isKeepAlive = exchange.isKeepAlive() && !resources.isClosing;
        HttpUtil.setKeepAlive(response, isKeepAlive);
        final ChannelFuture future = ctx.writeAndFlush(response);
        if (!isKeepAlive)
        {
            future.addListener(ChannelFutureListener.CLOSE);
            releasePending();
            return;
        }

        isInFlight = false;
        final FullHttpRequest next = pending.pollFirst();
        if (null != next)
        {
            handle(next);
        }
        else
        {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void closeWith(final FullHttpResponse response)
    {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        releasePending();
    }

    private void releasePending()
    {
        FullHttpRequest request;
        while (null != (request = pending.pollFirst()))
        {
            request.release();
        }
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The WebSocket side of one connection (asobi-spec §4.2): for every inbound text message, in order, the size check
 * ({@code payload_too_large}, not counted), the rate check ({@code rate_limited}), JSON decoding
 * ({@code invalid_json}) and the envelope check ({@code invalid_message}), then {@link WsDispatcher}. Binary
 * messages are counted and refused ({@code binary_uplink_unsupported}). Ping, pong and close are handled here; the
 * idle-auth timer starts when the handshake completes. Bad input never closes the socket; only a message above the
 * hard limit does (1009).
 * <p>
 * <b>Note:</b> one instance per connection, on its event loop.
 */
final class WsFrameHandler extends ChannelInboundHandlerAdapter
{
    static final String BINARY_UNSUPPORTED = "binary_uplink_unsupported";

    private static final Logger LOG = LoggerFactory.getLogger(WsFrameHandler.class);

    private final GatewayResources resources;
    private final WebSocketServerHandshaker handshaker;
    private final NanoClock nanoClock;
    private final int maxFrameBytes;
    private WsSession session;

    WsFrameHandler(final GatewayResources resources, final WebSocketServerHandshaker handshaker)
    {
        this.resources = resources;
        this.handshaker = handshaker;
        nanoClock = resources.ctx.nanoClock();
        maxFrameBytes = resources.ctx.wsMaxFrameBytes();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        session = new WsSession(ctx.channel(), resources.ctx);
    }

    /**
     * The 101 response went out: start the idle-auth timer.
     */
    void onHandshakeComplete()
    {
        session.armIdleAuthTimer(resources.ctx.wsIdleAuthTimeoutMs());
    }

    /**
     * The upgrade was refused by a connect-time check (asobi-spec §4.2.1): the socket opens, then closes at once.
     *
     * @param reason close reason, {@code rate_limited} or {@code origin_rejected}.
     */
    void onHandshakeRefused(final String reason)
    {
        session.close(1008, reason);
    }

    /**
     * Nothing read for {@code wsIdleTimeoutMs} (clients heartbeat; the JS SDK every 30 s): close with 1001
     * {@code idle_timeout}, as Cowboy's 60 s idle timeout does for Asobi.
     */
    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception
    {
        if (evt instanceof IdleStateEvent)
        {
            session.close(1001, "idle_timeout");
        }
        else
        {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            if (msg instanceof final TextWebSocketFrame text)
            {
                onText(text.content());
            }
            else if (msg instanceof BinaryWebSocketFrame)
            {
                if (session.tryAcquireFrame(nanoClock.nanoTime()))
                {
                    session.sendError(BINARY_UNSUPPORTED, null, null, null);
                }
                else
                {
                    session.sendError(ErrorCodes.RATE_LIMITED, null, null, null);
                }
            }
            else if (msg instanceof final PingWebSocketFrame ping)
            {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
            else if (msg instanceof final CloseWebSocketFrame close)
            {
                handshaker.close(ctx.channel(), close.retain());
            }
            // Pong and stray continuation frames are ignored.
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("{} frame handling failed", ctx.channel(), ex);
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onText(final ByteBuf content)
    {
        final int length = content.readableBytes();
        if (length > maxFrameBytes)
        {
            session.sendError(ErrorCodes.PAYLOAD_TOO_LARGE, null, null, null);
            return;
        }
        if (!session.tryAcquireFrame(nanoClock.nanoTime()))
        {
            session.sendError(ErrorCodes.RATE_LIMITED, null, null, null);
            return;
        }

        final JsonNode message;
        try
        {
            if (content.hasArray())
            {
                message = Json.read(content.array(), content.arrayOffset() + content.readerIndex(), length);
            }
            else
            {
                final byte[] bytes = ByteBufUtil.getBytes(content, content.readerIndex(), length, false);
                message = Json.read(bytes, 0, bytes.length);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            session.sendError(ErrorCodes.INVALID_JSON, null, null, null);
            return;
        }

        if (!message.isObject())
        {
            session.sendError(ErrorCodes.INVALID_MESSAGE, null, null, null);
            return;
        }
        final JsonNode type = message.get("type");
        if (null == type || !type.isTextual())
        {
            session.sendError(ErrorCodes.INVALID_MESSAGE, null, message.get("cid"), null);
            return;
        }
        resources.wsDispatcher.dispatch(session, (ObjectNode)message);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        session.cancelIdleAuthTimer();
        final String playerId = session.playerId();
        if (null != playerId)
        {
            session.playerId(null);
            resources.wsDispatcher.onSessionEnded(playerId, ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof TooLongFrameException)
        {
            LOG.debug("{} message above {} bytes; closing with 1009", ctx.channel(),
                resources.ctx.wsHardMaxFrameBytes());
            session.close(1009, "message_too_big");
        }
        else if (cause instanceof CorruptedWebSocketFrameException || cause instanceof IOException)
        {
            LOG.debug("{} WebSocket transport error; closing", ctx.channel(), cause);
            ctx.close();
        }
        else
        {
            LOG.warn("{} WebSocket error; closing", ctx.channel(), cause);
            ctx.close();
        }
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The state of one WebSocket connection: who it is authenticated as, its inbound rate window and its
 * {@code not_in_match} hint throttle; and the way frames are written to it.
 * <p>
 * <b>Note:</b> the state is read and written on the connection's event loop only; {@link #write} is thread safe.
 */
final class WsSession
{
    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);

    private final Channel channel;
    private final int framesPerWindow;
    private final long rateWindowNs;
    private final long hintIntervalNs;
    private final int maxPendingBytes;

    private String playerId;
    private ScheduledFuture<?> idleAuthTimer;
    private long windowStartNs;
    private int framesInWindow;
    private boolean isWindowOpen;
    private boolean hasHinted;
    private long lastHintNs;

    WsSession(final Channel channel, final Gateway.Context ctx)
    {
        this.channel = channel;
        framesPerWindow = ctx.wsFramesPerWindow();
        rateWindowNs = TimeUnit.MILLISECONDS.toNanos(ctx.wsRateWindowMs());
        hintIntervalNs = TimeUnit.MILLISECONDS.toNanos(ctx.notInMatchHintIntervalMs());
        maxPendingBytes = ctx.wsMaxPendingBytes();
    }

    Channel channel()
    {
        return channel;
    }

    /**
     * @return the authenticated player, or null before a successful {@code session.connect}.
     */
    String playerId()
    {
        return playerId;
    }

    boolean isAuthenticated()
    {
        return null != playerId;
    }

    void playerId(final String playerId)
    {
        this.playerId = playerId;
    }

    /**
     * Arm the idle-auth timer: close with 1008 {@code idle_auth_timeout} unless authenticated by then.
     *
     * @param timeoutMs time allowed.
     */
    void armIdleAuthTimer(final long timeoutMs)
    {
        idleAuthTimer = channel.eventLoop().schedule(() ->
        {
            idleAuthTimer = null;
            if (!isAuthenticated() && channel.isActive())
            {
                close(1008, "idle_auth_timeout");
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Cancel the idle-auth timer, if armed.
     */
    void cancelIdleAuthTimer()
    {
        if (null != idleAuthTimer)
        {
            idleAuthTimer.cancel(false);
            idleAuthTimer = null;
        }
    }

    /**
     * Count one inbound frame against the fixed window (asobi: the window restarts at the first frame after it
     * ends).
     *
     * @param nowNs current time.
     * @return true if within the limit, false if rate limited.
     */
    boolean tryAcquireFrame(final long nowNs)
    {
        if (!isWindowOpen || nowNs - windowStartNs >= rateWindowNs)
        {
            isWindowOpen = true;
            windowStartNs = nowNs;
            framesInWindow = 1;
            return true;
        }
        if (framesInWindow >= framesPerWindow)
        {
            return false;
        }
        framesInWindow++;
        return true;
    }

    /**
     * Whether a {@code not_in_match} hint may be sent now; records it if so.
     *
     * @param nowNs current time.
     * @return true at most once per hint interval.
     */
    boolean tryHintNotInMatch(final long nowNs)
    {
        if (hasHinted && nowNs - lastHintNs < hintIntervalNs)
        {
            return false;
        }
        hasHinted = true;
        lastHintNs = nowNs;
        return true;
    }

    /**
     * Send a message envelope.
     *
     * @param type    message type.
     * @param payload payload object.
     * @param cid     the cid to echo, or null.
     */
    void send(final String type, final JsonNode payload, final JsonNode cid)
    {
        write(Json.envelope(type, payload, cid));
    }

    /**
     * Send an {@code error} frame (asobi-spec §4.3).
     *
     * @param reason      legacy reason.
     * @param details     extra details, or null.
     * @param cid         the cid to echo, or null.
     * @param requestType request type to add beside the reason, or null.
     */
    void sendError(final String reason, final ObjectNode details, final JsonNode cid, final String requestType)
    {
        write(Json.envelope("error", Json.wsErrorPayload(reason, details, requestType), cid));
    }

    /**
     * Write one text frame; from any thread. A connection that lets its replies pile up beyond the pending limit is
     * closed.
     *
     * @param frame UTF-8 JSON text.
     */
    void write(final byte[] frame)
    {
        if (!channel.isActive())
        {
            return;
        }
        if (!channel.isWritable() && channel.bytesBeforeWritable() > maxPendingBytes)
        {
            LOG.debug("{} does not read its replies ({} bytes over the low mark); closing",
                channel, channel.bytesBeforeWritable());
            close(1008, "slow_consumer");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)));
    }

    /**
     * Send a close frame and close the connection.
     *
     * @param status close status code.
     * @param reason close reason.
     */
    void close(final int status, final String reason)
    {
        channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }
}

package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One bot of {@code asobi load world}: on its WebSocket it sends {@code session.connect}, then the join request,
 * and once {@code world.joined} arrives sends {@code world.input {dx, dy}} at a fixed rate, walking in a heading
 * that changes now and then. It counts what it receives by {@link WorldFrameKind}.
 * <p>
 * <b>Note:</b> all state is confined to the channel's event loop; other threads read it through
 * {@link #counters()}, which runs there.
 */
final class WorldBot extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Chance per input that the bot picks a new heading. */
    static final double TURN_CHANCE = 0.05;

    /** Join attempts when the server answers {@code server_busy} (back pressure), 0.2 to 1 s apart. */
    static final int MAX_JOIN_ATTEMPTS = 30;

    private final String accessToken;
    private final String joinRequest;
    private final long inputIntervalNs;
    private final SplittableRandom random;
    private final CompletableFuture<String> joined = new CompletableFuture<>();
    private final long[] frames = new long[WorldFrameKind.VALUES.length];
    private final long[] payloadBytes = new long[WorldFrameKind.VALUES.length];
    private long wireBytes;
    private long inputsSent;
    private long lastInputNs;
    private long seq;
    private double heading;
    private String firstError;
    private volatile int joinRetries;
    private Channel channel;
    private ScheduledFuture<?> inputs;
    private volatile boolean isStopping;
    private volatile boolean isLost;

    /**
     * @param accessToken     the player's bearer token.
     * @param mode            the world mode for {@code world.find_or_create}, used when {@code worldId} is null.
     * @param worldId         a world to {@code world.join}, or null.
     * @param inputRatePerSec inputs per second, above 0.
     * @param seed            the bot's random walk.
     */
    WorldBot(
        final String accessToken, final String mode, final String worldId, final double inputRatePerSec,
        final long seed)
    {
        this.accessToken = accessToken;
        final ObjectNode request = JSON.createObjectNode().put("cid", "join");
        if (null == worldId)
        {
            request.put("type", "world.find_or_create").putObject("payload").put("mode", mode);
        }
        else
        {
            request.put("type", "world.join").putObject("payload").put("world_id", worldId);
        }
        this.joinRequest = request.toString();
        this.inputIntervalNs = (long)(TimeUnit.SECONDS.toNanos(1) / inputRatePerSec);
        this.random = new SplittableRandom(seed);
        this.heading = random.nextDouble(2 * Math.PI);
    }

    /**
     * A handler to put first in the pipeline: counts the bytes read from the socket.
     *
     * @return the handler.
     */
    ChannelInboundHandlerAdapter wireCounter()
    {
        return new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                if (msg instanceof ByteBuf buffer)
                {
                    wireBytes += buffer.readableBytes();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /**
     * @return completes with the world id on {@code world.joined}, or exceptionally on an error or a lost
     * connection before it.
     */
    CompletableFuture<String> joined()
    {
        return joined;
    }

    /**
     * @return how many times the join was sent again after {@code server_busy}.
     */
    int joinRetries()
    {
        return joinRetries;
    }

    /**
     * @return whether the connection closed before {@link #stop()}.
     */
    boolean isLost()
    {
        return isLost;
    }

    /**
     * A copy of the counters, taken on the bot's event loop (with the time it was taken).
     *
     * @return completes with the counters (all zero if the bot never connected).
     */
    CompletableFuture<WorldLoadReport.Counters> counters()
    {
        final Channel c = channel;
        if (null == c)
        {
            return CompletableFuture.completedFuture(WorldLoadReport.Counters.zero());
        }
        final CompletableFuture<WorldLoadReport.Counters> result = new CompletableFuture<>();
        c.eventLoop().execute(() -> result.complete(copy()));
        return result;
    }

    /**
     * The first error frame received, if any.
     *
     * @return its text, or null. Read it after {@link #counters()} for a consistent view.
     */
    String firstError()
    {
        return firstError;
    }

    /**
     * Stop sending and close the connection.
     */
    void stop()
    {
        isStopping = true;
        final Channel c = channel;
        if (null != c)
        {
            c.eventLoop().execute(() ->
            {
                if (null != inputs)
                {
                    inputs.cancel(false);
                }
                c.close();
            });
        }
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE == event)
        {
            final ObjectNode connect = JSON.createObjectNode().put("type", "session.connect").put("cid", "connect");
            connect.putObject("payload").put("token", accessToken);
            ctx.writeAndFlush(new TextWebSocketFrame(connect.toString()));
        }
        else if (WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT == event)
        {
            joined.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (!(frame instanceof TextWebSocketFrame))
        {
            return;
        }
        final ByteBuf content = frame.content();
        final WorldFrameKind kind = WorldFrameKind.classify(content);
        frames[kind.ordinal()]++;
        payloadBytes[kind.ordinal()] += content.readableBytes();
        if (WorldFrameKind.ERROR == kind && null == firstError && joined.isDone())
        {
            firstError = content.toString(StandardCharsets.UTF_8);
        }
        if (!joined.isDone() && (WorldFrameKind.OTHER == kind || WorldFrameKind.ERROR == kind))
        {
            onReply(ctx, content);
        }
    }

    private void onReply(final ChannelHandlerContext ctx, final ByteBuf content)
    {
        final JsonNode reply;
        try
        {
            reply = JSON.readTree(content.toString(StandardCharsets.UTF_8));
        }
        catch (final Exception ex)
        {
            joined.completeExceptionally(new IllegalStateException("unreadable frame: " + ex.getMessage()));
            return;
        }
        final String type = reply.path("type").asText("");
        final String cid = reply.path("cid").asText("");
        if ("session.connected".equals(type))
        {
            ctx.writeAndFlush(new TextWebSocketFrame(joinRequest));
        }
        else if ("world.joined".equals(type))
        {
            final long delayNs = random.nextLong(inputIntervalNs);
            inputs = ctx.executor().scheduleAtFixedRate(
                this::sendInput, delayNs, inputIntervalNs, TimeUnit.NANOSECONDS);
            joined.complete(reply.path("payload").path("world_id").asText(null));
        }
        else if ("error".equals(type) && "join".equals(cid) &&
            "server_busy".equals(reply.path("payload").path("reason").asText()) && joinRetries + 1 < MAX_JOIN_ATTEMPTS)
        {
            joinRetries++;
            ctx.executor().schedule(() -> ctx.writeAndFlush(new TextWebSocketFrame(joinRequest)),
                200 + random.nextInt(800), TimeUnit.MILLISECONDS);
        }
        else if ("error".equals(type) && ("connect".equals(cid) || "join".equals(cid)))
        {
            joined.completeExceptionally(new IllegalStateException(cid + " answered " + reply.path("payload")));
        }
    }

    /**
     * Runs at a fixed rate; a late event loop runs the missed runs back to back, which would send a burst no real
     * client sends (and one that piles thousands of inputs into one server tick): a run less than half an interval
     * after the last input is skipped, so the bot never sends faster than its rate.
     */
    private void sendInput()
    {
        if (!channel.isActive())
        {
            return;
        }
        final long nowNs = System.nanoTime();
        if (0 != inputsSent && nowNs - lastInputNs < inputIntervalNs / 2)
        {
            return;
        }
        lastInputNs = nowNs;
        if (random.nextDouble() < TURN_CHANCE)
        {
            heading = random.nextDouble(2 * Math.PI);
        }
        final double dx = Math.round(Math.cos(heading) * 100) / 100.0;
        final double dy = Math.round(Math.sin(heading) * 100) / 100.0;
        inputsSent++;
        channel.writeAndFlush(new TextWebSocketFrame(
            "{\"type\":\"world.input\",\"seq\":" + seq++ + ",\"payload\":{\"dx\":" + dx + ",\"dy\":" + dy + "}}"));
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (null != inputs)
        {
            inputs.cancel(false);
        }
        if (!isStopping)
        {
            isLost = true;
        }
        joined.completeExceptionally(new IllegalStateException("connection closed before world.joined"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        joined.completeExceptionally(cause);
        ctx.close();
    }

    private WorldLoadReport.Counters copy()
    {
        return new WorldLoadReport.Counters(frames.clone(), payloadBytes.clone(), wireBytes, inputsSent,
            System.nanoTime());
    }
}

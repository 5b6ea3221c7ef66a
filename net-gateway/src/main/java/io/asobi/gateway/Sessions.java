package io.asobi.gateway;

import io.asobi.match.MatchOutbound;
import io.asobi.world.WorldOutbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live WebSocket sessions of each authenticated player, and the gateway's side of {@link MatchOutbound} and
 * {@link WorldOutbound}: a push
 * addressed to a player goes to every socket that player holds (asobi-spec §4.2 item 9).
 * <p>
 * A frame is written without a copy (one wrapping buffer per socket over the shared array). A socket that is not
 * writable (its outbound buffer is above the high water mark) loses the frame, and the loss is counted: nothing is
 * queued without bound and the caller never waits.
 * <p>
 * <b>Note:</b> thread safe; {@link #send} is called by tick threads, binding and unbinding by I/O threads.
 */
public final class Sessions implements MatchOutbound, WorldOutbound
{
    private static final Channel[] NO_CHANNELS = new Channel[0];
    /** Set on a socket granted {@code wire:"binary"} by its {@code session.connect} (asobi-spec §4.7). */
    static final AttributeKey<Boolean> BINARY_WIRE = AttributeKey.valueOf("asobi.binaryWire");

    private final ConcurrentHashMap<String, Channel[]> channelsByPlayer = new ConcurrentHashMap<>();
    private final AtomicInteger sessionCount = new AtomicInteger();
    private final LongAdder sentFrames = new LongAdder();
    private final LongAdder droppedFrames = new LongAdder();

    /**
     * Create an empty registry.
     */
    public Sessions()
    {
    }

    /**
     * Number of authenticated sockets, over all players.
     *
     * @return the count.
     */
    public int sessionCount()
    {
        return sessionCount.get();
    }

    /**
     * Number of players holding at least one authenticated socket.
     *
     * @return the count.
     */
    public int playerCount()
    {
        return channelsByPlayer.size();
    }

    /**
     * Whether a player holds at least one authenticated socket.
     *
     * @param playerId player id.
     * @return true when online.
     */
    public boolean isOnline(final String playerId)
    {
        return null != playerId && channelsByPlayer.containsKey(playerId);
    }

    /**
     * Frames handed to sockets by {@link #send}.
     *
     * @return the count since creation.
     */
    public long sentFrameCount()
    {
        return sentFrames.sum();
    }

    /**
     * Frames {@link #send} dropped because a socket was not writable or no longer open.
     *
     * @return the count since creation.
     */
    public long droppedFrameCount()
    {
        return droppedFrames.sum();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void send(final String playerId, final byte[] frame)
    {
        if (null == playerId || null == frame)
        {
            return;
        }

        final Channel[] channels = channelsByPlayer.get(playerId);
        if (null == channels)
        {
            return;
        }

        for (final Channel channel : channels)
        {
            if (channel.isActive() && channel.isWritable())
            {
                channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)));
                sentFrames.increment();
            }
            else
            {
                droppedFrames.increment();
            }
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * A socket granted the binary wire gets {@code binaryFrame} as one WebSocket binary message; any other socket
     * of the player gets {@code jsonFrame} as text.
     */
    @Override
    public void sendTick(final String playerId, final byte[] jsonFrame, final byte[] binaryFrame)
    {
        if (null == playerId || null == jsonFrame)
        {
            return;
        }

        final Channel[] channels = channelsByPlayer.get(playerId);
        if (null == channels)
        {
            return;
        }

        for (final Channel channel : channels)
        {
            if (channel.isActive() && channel.isWritable())
            {
                if (null != binaryFrame && isBinaryWire(channel))
                {
                    channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(binaryFrame)));
                }
                else
                {
                    channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(jsonFrame)));
                }
                sentFrames.increment();
            }
            else
            {
                droppedFrames.increment();
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean wantsBinaryTicks(final String playerId)
    {
        final Channel[] channels = null == playerId ? null : channelsByPlayer.get(playerId);
        if (null != channels)
        {
            for (final Channel channel : channels)
            {
                if (isBinaryWire(channel))
                {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isBinaryWire(final Channel channel)
    {
        return Boolean.TRUE.equals(channel.attr(BINARY_WIRE).get());
    }

    /**
     * Attach an authenticated socket to a player.
     *
     * @param playerId player id.
     * @param channel  the socket.
     * @return true if added, false if it was already bound to that player.
     */
    boolean bind(final String playerId, final Channel channel)
    {
        final boolean[] added = new boolean[1];
        channelsByPlayer.compute(playerId, (id, current) ->
        {
            final Channel[] existing = null == current ? NO_CHANNELS : current;
            for (final Channel c : existing)
            {
                if (c == channel)
                {
                    return existing;
                }
            }
            final Channel[] grown = Arrays.copyOf(existing, existing.length + 1);
            grown[existing.length] = channel;
            added[0] = true;
            return grown;
        });
        if (added[0])
        {
            sessionCount.incrementAndGet();
        }
        return added[0];
    }

    /**
     * Detach a socket from a player.
     *
     * @param playerId player id.
     * @param channel  the socket.
     * @return true if this removed the player's last socket.
     */
    boolean unbind(final String playerId, final Channel channel)
    {
        final boolean[] removed = new boolean[1];
        final Channel[] after = channelsByPlayer.computeIfPresent(playerId, (id, current) ->
        {
            int index = -1;
            for (int i = 0; i < current.length; i++)
            {
                if (current[i] == channel)
                {
                    index = i;
                    break;
                }
            }
            if (index < 0)
            {
                return current;
            }
            removed[0] = true;
            if (1 == current.length)
            {
                return null;
            }
            final Channel[] shrunk = new Channel[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, index);
            System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
            return shrunk;
        });
        if (removed[0])
        {
            sessionCount.decrementAndGet();
        }
        return removed[0] && null == after;
    }
}

package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WorldOutbound} that records every push.
 */
final class RecordingOutbound implements WorldOutbound
{
    final List<Sent> sent = new ArrayList<>();
    /** Players holding a binary session (what {@link #wantsBinaryTicks} answers). */
    final java.util.Set<String> binaryPlayers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public synchronized void send(final String playerId, final byte[] frame)
    {
        sent.add(new Sent(playerId, frame));
    }

    public synchronized void sendTick(final String playerId, final byte[] jsonFrame, final byte[] binaryFrame)
    {
        sent.add(new Sent(playerId, jsonFrame, binaryFrame));
    }

    public boolean wantsBinaryTicks(final String playerId)
    {
        return binaryPlayers.contains(playerId);
    }

    synchronized List<Sent> all()
    {
        return new ArrayList<>(sent);
    }

    synchronized List<Sent> to(final String playerId, final String type)
    {
        final List<Sent> result = new ArrayList<>();
        for (final Sent item : sent)
        {
            if (playerId.equals(item.playerId) && type.equals(item.type()))
            {
                result.add(item);
            }
        }
        return result;
    }

    synchronized List<Sent> ofType(final String type)
    {
        final List<Sent> result = new ArrayList<>();
        for (final Sent item : sent)
        {
            if (type.equals(item.type()))
            {
                result.add(item);
            }
        }
        return result;
    }

    /** Everything sent since the last call, then forget it. */
    synchronized List<Sent> drain()
    {
        final List<Sent> result = new ArrayList<>(sent);
        sent.clear();
        return result;
    }

    synchronized void clear()
    {
        sent.clear();
    }

    /**
     * One push: the JSON frame, and for a {@code world.tick} passed to {@code sendTick} its binary twin (what the
     * player's binary sessions get), else null.
     */
    record Sent(String playerId, byte[] frame, byte[] binary)
    {
        Sent(final String playerId, final byte[] frame)
        {
            this(playerId, frame, null);
        }

        JsonNode json()
        {
            try
            {
                return Json.MAPPER.readTree(frame);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(new String(frame, StandardCharsets.UTF_8), ex);
            }
        }

        String type()
        {
            return json().path("type").asText();
        }

        JsonNode payload()
        {
            return json().path("payload");
        }

        public String toString()
        {
            return playerId + " <- " + new String(frame, StandardCharsets.UTF_8);
        }
    }
}

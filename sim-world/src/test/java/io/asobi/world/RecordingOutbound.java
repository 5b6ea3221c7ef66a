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

    public synchronized void send(final String playerId, final byte[] frame)
    {
        sent.add(new Sent(playerId, frame));
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

    record Sent(String playerId, byte[] frame)
    {
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

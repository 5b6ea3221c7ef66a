package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MatchOutbound} that records every push, optionally into a shared event log.
 */
final class RecordingOutbound implements MatchOutbound
{
    final List<Sent> sent = new ArrayList<>();
    private final List<String> events;

    RecordingOutbound(final List<String> events)
    {
        this.events = events;
    }

    public synchronized void send(final String playerId, final byte[] frame)
    {
        final Sent item = new Sent(playerId, frame);
        sent.add(item);
        if (null != events)
        {
            events.add("send " + playerId + " " + item.type());
        }
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
                return Frames.MAPPER.readTree(frame);
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
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.InputResult;
import io.asobi.match.MatchService;
import io.asobi.match.Reply;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Scripted {@link MatchService} for gateway tests. Join, leave and matchmaker replies are sent from its own thread,
 * as a tick thread would (or on the caller's thread when {@link #isSynchronous} is set, so replies keep frame order).
 * Well-known ids drive the error paths: match {@code full}, {@code locked}, {@code refuse},
 * {@code custom}, {@code missing}; mode {@code nope}, {@code unknown}, {@code busy}; ticket {@code t-other},
 * {@code t-gone}.
 */
final class FakeMatchService implements MatchService
{
    static final int MAX_INPUT_BYTES = 256;

    private final ExecutorService tickThread = Executors.newSingleThreadExecutor(r ->
    {
        final Thread thread = new Thread(r, "fake-tick");
        thread.setDaemon(true);
        return thread;
    });
    volatile boolean isSynchronous;
    final Set<String> inMatch = ConcurrentHashMap.newKeySet();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> inputs = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<String> disconnected = new LinkedBlockingQueue<>();
    volatile InputResult forcedInputResult;

    @Override
    public void join(final String playerId, final String matchId, final ObjectNode ctx, final Reply reply)
    {
        calls.add("join:" + playerId + ":" + matchId + ":" + ctx);
        reply(() ->
        {
            switch (matchId)
            {
                case "full" -> reply.error("match_full", null);
                case "locked" -> reply.error("match_locked", null);
                case "missing" -> reply.error("match_not_found", null);
                case "refuse" ->
                    reply.error("join_refused", Json.NODES.objectNode().put("refused_reason", "team_full"));
                case "custom" -> reply.error("game_said_no", null);
                default -> reply.ok("match.joined", joined(playerId, matchId));
            }
        });
    }

    @Override
    public void findOrCreate(final String playerId, final String mode, final ObjectNode ctx, final Reply reply)
    {
        calls.add("findOrCreate:" + playerId + ":" + mode + ":" + ctx);
        reply(() ->
        {
            switch (mode)
            {
                case "nope" -> reply.error("not_found", null);
                case "quick" -> reply.error("quick_play_disabled", null);
                default -> reply.ok("match.joined", joined(playerId, "m-" + mode));
            }
        });
    }

    private ObjectNode joined(final String playerId, final String matchId)
    {
        inMatch.add(playerId);
        final ObjectNode payload = Json.NODES.objectNode();
        payload.put("match_id", matchId);
        payload.put("mode", "arena");
        payload.put("status", "running");
        payload.put("player_count", 1);
        payload.put("max_players", 4);
        payload.putArray("players").add(playerId);
        payload.put("listed", true);
        payload.put("joinable", true);
        return payload;
    }

    @Override
    public ObjectNode list(final String mode, final Boolean hasCapacity, final Boolean joinable)
    {
        calls.add("list:" + mode + ":" + hasCapacity + ":" + joinable);
        if ("boom".equals(mode))
        {
            throw new IllegalStateException("scripted failure");
        }
        final ObjectNode result = Json.NODES.objectNode();
        final ObjectNode match = result.putArray("matches").addObject();
        match.put("match_id", "m1");
        match.put("mode", null == mode ? "arena" : mode);
        match.put("status", "running");
        match.put("player_count", 1);
        match.put("max_players", 4);
        match.put("joinable", true);
        return result;
    }

    @Override
    public InputResult input(final String playerId, final byte[] json, final int offset, final int length)
    {
        inputs.add(new String(json, offset, length, StandardCharsets.UTF_8));
        final InputResult forced = forcedInputResult;
        if (null != forced)
        {
            return forced;
        }
        if (length > MAX_INPUT_BYTES)
        {
            return InputResult.TOO_LARGE;
        }
        return inMatch.contains(playerId) ? InputResult.ACCEPTED : InputResult.NOT_IN_MATCH;
    }

    @Override
    public int maxInputBytes()
    {
        return MAX_INPUT_BYTES;
    }

    @Override
    public void leave(final String playerId, final Reply reply)
    {
        calls.add("leave:" + playerId);
        inMatch.remove(playerId);
        if (null != reply)
        {
            reply(() -> reply.ok("match.left", Json.NODES.objectNode().put("success", true)));
        }
    }

    @Override
    public void playerDisconnected(final String playerId)
    {
        disconnected.add(playerId);
        inMatch.remove(playerId);
    }

    @Override
    public void matchmakerAdd(final String playerId, final String mode, final ObjectNode properties, final Reply reply)
    {
        calls.add("matchmakerAdd:" + playerId + ":" + mode + ":" + properties);
        reply(() ->
        {
            switch (mode)
            {
                case "unknown" -> reply.error("unknown_mode", null);
                case "busy" -> reply.error("queue_full", null);
                default ->
                {
                    final ObjectNode queued = Json.NODES.objectNode();
                    queued.put("ticket_id", "t-1");
                    queued.put("status", "pending");
                    queued.put("players_needed", 1);
                    queued.put("already_queued", false);
                    reply.ok("matchmaker.queued", queued);
                }
            }
        });
    }

    @Override
    public void matchmakerRemove(final String playerId, final String ticketId, final Reply reply)
    {
        calls.add("matchmakerRemove:" + playerId + ":" + ticketId);
        reply(() ->
        {
            switch (ticketId)
            {
                case "t-other" -> reply.error("not_owner", null);
                case "t-gone" -> reply.error("not_found", null);
                default -> reply.ok("matchmaker.removed", Json.NODES.objectNode().put("success", true));
            }
        });
    }

    @Override
    public void matchmakerTicket(final String playerId, final String ticketId, final Reply reply)
    {
        calls.add("matchmakerTicket:" + playerId + ":" + ticketId);
        reply(() ->
        {
            switch (ticketId)
            {
                case "t-other" -> reply.error("not_owner", null);
                case "t-gone" -> reply.error("ticket_not_found", null);
                default ->
                {
                    final ObjectNode ticket = Json.NODES.objectNode();
                    ticket.put("id", ticketId);
                    ticket.put("mode", "arena");
                    ticket.put("status", "pending");
                    ticket.putObject("properties");
                    ticket.put("submitted_at", 1_785_758_400_000L);
                    reply.ok("matchmaker.ticket", ticket);
                }
            }
        });
    }

    private void reply(final Runnable answer)
    {
        if (isSynchronous)
        {
            answer.run();
        }
        else
        {
            tickThread.execute(answer);
        }
    }

    /**
     * The next player reported disconnected, waiting at most 5 s.
     *
     * @return the player id, or null on timeout.
     */
    String nextDisconnected()
    {
        try
        {
            return disconnected.poll(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close()
    {
        tickThread.shutdownNow();
    }
}

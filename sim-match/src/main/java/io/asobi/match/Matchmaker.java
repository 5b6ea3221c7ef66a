package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The node's matchmaker (asobi-spec §1.1, §3.4, §4.4): a single-writer agent that owns every ticket.
 * <p>
 * Requests ({@link #add}, {@link #remove}, {@link #ticket}, {@link #dropPlayer}) are queued by any thread and
 * answered in the agent's next duty cycle, not at the next matchmaker tick. Every
 * {@code matchmakerTickIntervalMs} the agent expires tickets older than {@code ticketMaxWaitMs}
 * ({@code match.matchmaker_expired}) and groups the pending tickets of each mode by its strategy. Each group gets a
 * new match; its players are joined through the match's ring and, once every join has been applied,
 * {@code match.matched} is pushed to the players that got in. A spawn that fails is retried at the next ticks, up to
 * {@value #MAX_SPAWN_ATTEMPTS} times, then {@code match.matchmaker_failed}.
 * <p>
 * <b>Note:</b> {@link #doWork()} runs on one thread (it shares tick thread 0); the request methods are thread safe.
 */
final class Matchmaker implements Agent
{
    static final int MAX_SPAWN_ATTEMPTS = 3;
    static final int MAX_MODE_NAME_LENGTH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);

    private final MatchRuntime runtime;
    private final GameModes gameModes;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final Supplier<String> idGenerator;
    private final long tickIntervalNs;
    private final long ticketMaxWaitNs;
    private final int maxQueue;
    private final int commandDrainLimit;
    private final ManyToOneConcurrentArrayQueue<Object> commands;

    private final HashMap<String, MatchmakerTicket> ticketById = new HashMap<>();
    private final HashMap<String, HashMap<String, MatchmakerTicket>> ticketsByPlayer = new HashMap<>();
    private final LinkedHashMap<String, LinkedHashMap<String, MatchmakerTicket>> ticketsByMode =
        new LinkedHashMap<>();
    private long nextTickNs;

    Matchmaker(final MatchRuntime runtime, final MatchRuntime.Context ctx)
    {
        this.runtime = runtime;
        this.gameModes = ctx.gameModes();
        this.nanoClock = ctx.nanoClock();
        this.epochClock = ctx.epochClock();
        this.idGenerator = ctx.idGenerator();
        this.tickIntervalNs = ctx.matchmakerTickIntervalMs() * 1_000_000L;
        this.ticketMaxWaitNs = ctx.ticketMaxWaitMs() * 1_000_000L;
        this.maxQueue = ctx.matchmakerMaxQueue();
        this.commandDrainLimit = ctx.matchmakerCommandQueueCapacity();
        this.commands = new ManyToOneConcurrentArrayQueue<>(ctx.matchmakerCommandQueueCapacity());
        this.nextTickNs = nanoClock.nanoTime() + tickIntervalNs;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Requests (any thread)

    void add(final String playerId, final String mode, final ObjectNode properties, final Reply reply)
    {
        if (null == mode || mode.isEmpty() || mode.length() > MAX_MODE_NAME_LENGTH || null == findMode(mode))
        {
            runtime.replyError(reply, "unknown_mode", null);
            return;
        }
        final ObjectNode ownProperties = null == properties ? Frames.object() : properties.deepCopy();
        if (!commands.offer(new Add(playerId, mode, ownProperties, reply)))
        {
            runtime.replyError(reply, "queue_full", null);
        }
    }

    void remove(final String playerId, final String ticketId, final Reply reply)
    {
        if (!commands.offer(new Remove(playerId, ticketId, reply)))
        {
            runtime.replyError(reply, "server_busy", null);
        }
    }

    void ticket(final String playerId, final String ticketId, final Reply reply)
    {
        if (!commands.offer(new Read(playerId, ticketId, reply)))
        {
            runtime.replyError(reply, "server_busy", null);
        }
    }

    void dropPlayer(final String playerId)
    {
        if (!commands.offer(new DropPlayer(playerId)))
        {
            LOG.warn("matchmaker request queue full: tickets of disconnected player {} stay until they expire",
                playerId);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Agent (matchmaker thread)

    public int doWork()
    {
        int workCount = 0;
        Object command;
        while (workCount < commandDrainLimit && null != (command = commands.poll()))
        {
            workCount++;
            try
            {
                onCommand(command);
            }
            catch (final Throwable ex)
            {
                LOG.error("matchmaker request failed: {}", command, ex);
                if (command instanceof Request request)
                {
                    runtime.replyError(request.reply(), "internal", null);
                }
            }
        }

        final long nowNs = nanoClock.nanoTime();
        if (nowNs - nextTickNs >= 0)
        {
            nextTickNs = nowNs + tickIntervalNs;
            try
            {
                workCount += runTick(nowNs);
            }
            catch (final Throwable ex)
            {
                LOG.error("matchmaker tick failed", ex);
            }
        }

        return workCount;
    }

    public String roleName()
    {
        return "matchmaker";
    }

    /**
     * Answer every queued request {@code internal}; called once the thread has stopped.
     */
    void closeRequests()
    {
        Object command;
        while (null != (command = commands.poll()))
        {
            if (command instanceof Request request)
            {
                runtime.replyError(request.reply(), "internal", null);
            }
        }
    }

    int ticketCount()
    {
        return ticketById.size();
    }

    private void onCommand(final Object command)
    {
        switch (command)
        {
            case Add add -> onAdd(add);
            case Remove remove -> onRemove(remove);
            case Read read -> onRead(read);
            case DropPlayer drop -> onDropPlayer(drop.playerId());
            default -> throw new IllegalStateException("unknown matchmaker request: " + command);
        }
    }

    private void onAdd(final Add add)
    {
        final GameMode mode = findMode(add.mode());
        if (null == mode)
        {
            runtime.replyError(add.reply(), "unknown_mode", null);
            return;
        }
        final int matchSize = mode.config().matchSize();

        final HashMap<String, MatchmakerTicket> playerTickets = ticketsByPlayer.get(add.playerId());
        final MatchmakerTicket existing = null == playerTickets ? null : playerTickets.get(add.mode());
        if (null != existing)
        {
            runtime.replyOk(add.reply(), Frames.MATCHMAKER_QUEUED, queued(existing, matchSize, true));
            return;
        }
        if (ticketById.size() >= maxQueue)
        {
            runtime.replyError(add.reply(), "queue_full", null);
            return;
        }

        final MatchmakerTicket ticket = new MatchmakerTicket(
            idGenerator.get(), add.playerId(), add.mode(), add.properties(), epochClock.time(), nanoClock.nanoTime());
        ticketById.put(ticket.id, ticket);
        ticketsByPlayer.computeIfAbsent(ticket.playerId, k -> new HashMap<>()).put(ticket.mode, ticket);
        ticketsByMode.computeIfAbsent(ticket.mode, k -> new LinkedHashMap<>()).put(ticket.id, ticket);
        runtime.replyOk(add.reply(), Frames.MATCHMAKER_QUEUED, queued(ticket, matchSize, false));
    }

    private static ObjectNode queued(final MatchmakerTicket ticket, final int matchSize, final boolean alreadyQueued)
    {
        final ObjectNode payload = Frames.object();
        payload.put("ticket_id", ticket.id);
        payload.put("status", "pending");
        payload.put("players_needed", matchSize);
        payload.put("already_queued", alreadyQueued);
        return payload;
    }

    private void onRemove(final Remove remove)
    {
        final MatchmakerTicket ticket = null == remove.ticketId() ? null : ticketById.get(remove.ticketId());
        if (null == ticket)
        {
            runtime.replyError(remove.reply(), "not_found", null);
        }
        else if (!ticket.playerId.equals(remove.playerId()))
        {
            runtime.replyError(remove.reply(), "not_owner", null);
        }
        else
        {
            removeTicket(ticket);
            runtime.replyOk(remove.reply(), Frames.MATCHMAKER_REMOVED, Frames.success());
        }
    }

    private void onRead(final Read read)
    {
        final MatchmakerTicket ticket = null == read.ticketId() ? null : ticketById.get(read.ticketId());
        if (null == ticket)
        {
            runtime.replyError(read.reply(), "ticket_not_found", null);
        }
        else if (!ticket.playerId.equals(read.playerId()))
        {
            runtime.replyError(read.reply(), "not_owner", null);
        }
        else
        {
            runtime.replyOk(read.reply(), Frames.MATCHMAKER_TICKET, ticket.toJson());
        }
    }

    private void onDropPlayer(final String playerId)
    {
        final HashMap<String, MatchmakerTicket> playerTickets = ticketsByPlayer.get(playerId);
        if (null != playerTickets)
        {
            for (final MatchmakerTicket ticket : new ArrayList<>(playerTickets.values()))
            {
                removeTicket(ticket);
            }
        }
    }

    private void removeTicket(final MatchmakerTicket ticket)
    {
        ticketById.remove(ticket.id);
        final HashMap<String, MatchmakerTicket> playerTickets = ticketsByPlayer.get(ticket.playerId);
        if (null != playerTickets && playerTickets.remove(ticket.mode, ticket) && playerTickets.isEmpty())
        {
            ticketsByPlayer.remove(ticket.playerId);
        }
        final LinkedHashMap<String, MatchmakerTicket> modeTickets = ticketsByMode.get(ticket.mode);
        if (null != modeTickets && null != modeTickets.remove(ticket.id) && modeTickets.isEmpty())
        {
            ticketsByMode.remove(ticket.mode);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Matchmaker tick

    private int runTick(final long nowNs)
    {
        if (ticketById.isEmpty())
        {
            return 0;
        }
        int workCount = expire(nowNs);

        final Set<String> groupedPlayers = new HashSet<>();
        for (final String modeName : new ArrayList<>(ticketsByMode.keySet()))
        {
            final LinkedHashMap<String, MatchmakerTicket> queue = ticketsByMode.get(modeName);
            if (null == queue)
            {
                continue;
            }
            final GameMode mode = findMode(modeName);
            if (null == mode)
            {
                final byte[] frame = Frames.frame(
                    Frames.MATCHMAKER_FAILED, Frames.object().put("reason", "no_game_module"));
                for (final MatchmakerTicket ticket : new ArrayList<>(queue.values()))
                {
                    removeTicket(ticket);
                    runtime.send(ticket.playerId, frame);
                    workCount++;
                }
                continue;
            }

            final ModeConfig config = mode.config();
            final List<MatchmakerTicket> candidates = new ArrayList<>(queue.size());
            for (final MatchmakerTicket ticket : queue.values())
            {
                if (!groupedPlayers.contains(ticket.playerId))
                {
                    candidates.add(ticket);
                }
            }

            final List<List<MatchmakerTicket>> groups = ModeConfig.SKILL_BASED.equals(config.strategy()) ?
                MatchmakerGrouping.skillBased(
                    candidates,
                    ticket -> ticket.skill,
                    ticket -> (nowNs - ticket.submittedNs) / 1_000_000L,
                    config.matchSize(),
                    config.skillWindow(),
                    config.skillExpandPerSecond()) :
                MatchmakerGrouping.fill(candidates, config.matchSize());

            for (final List<MatchmakerTicket> group : groups)
            {
                spawn(mode, group, groupedPlayers);
                workCount++;
            }
        }

        return workCount;
    }

    private int expire(final long nowNs)
    {
        final List<MatchmakerTicket> expired = new ArrayList<>();
        for (final MatchmakerTicket ticket : ticketById.values())
        {
            if (nowNs - ticket.submittedNs > ticketMaxWaitNs)
            {
                expired.add(ticket);
            }
        }
        for (final MatchmakerTicket ticket : expired)
        {
            removeTicket(ticket);
            runtime.send(ticket.playerId, Frames.frame(
                Frames.MATCHMAKER_EXPIRED, Frames.object().put("ticket_id", ticket.id)));
        }
        return expired.size();
    }

    private void spawn(final GameMode mode, final List<MatchmakerTicket> group, final Set<String> groupedPlayers)
    {
        final MatchInstance match;
        try
        {
            match = runtime.createMatch(mode);
        }
        catch (final MatchRuntime.CreateFailure ex)
        {
            LOG.warn("matchmaker could not start a {} match ({}), attempt counted for {} tickets",
                mode.config().name(), ex.reason(), group.size());
            final byte[] frame = Frames.frame(
                Frames.MATCHMAKER_FAILED, Frames.object().put("reason", "match_start_failed"));
            for (final MatchmakerTicket ticket : group)
            {
                if (++ticket.spawnAttempts >= MAX_SPAWN_ATTEMPTS)
                {
                    removeTicket(ticket);
                    runtime.send(ticket.playerId, frame);
                }
            }
            return;
        }

        final GroupJoin groupJoin = new GroupJoin(runtime, match.matchId(), group.size());
        for (int i = 0; i < group.size(); i++)
        {
            final MatchmakerTicket ticket = group.get(i);
            removeTicket(ticket);
            groupedPlayers.add(ticket.playerId);
            groupJoin.playerIds[i] = ticket.playerId;
        }
        for (int i = 0; i < group.size(); i++)
        {
            runtime.joinForMatchmaker(match, runtime.player(group.get(i).playerId), groupJoin.member(i));
        }
        match.releaseRequest();
    }

    private GameMode findMode(final String name)
    {
        try
        {
            return gameModes.find(name);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("game modes lookup of {} failed", name, ex);
            return null;
        }
    }

    /**
     * Collects the join answers of one matchmade group (on whatever thread answers them) and, once all are in,
     * pushes {@code match.matched} to the players that got in and {@code match.matchmaker_failed} to the others.
     */
    static final class GroupJoin
    {
        final String[] playerIds;
        private final MatchRuntime runtime;
        private final String matchId;
        private final boolean[] isAdmitted;
        private final AtomicInteger remaining;

        GroupJoin(final MatchRuntime runtime, final String matchId, final int size)
        {
            this.runtime = runtime;
            this.matchId = matchId;
            this.playerIds = new String[size];
            this.isAdmitted = new boolean[size];
            this.remaining = new AtomicInteger(size);
        }

        Reply member(final int index)
        {
            return new Reply()
            {
                public void ok(final String type, final ObjectNode payload)
                {
                    onAnswer(index, true);
                }

                public void error(final String reason, final ObjectNode details)
                {
                    onAnswer(index, false);
                }
            };
        }

        private void onAnswer(final int index, final boolean admitted)
        {
            isAdmitted[index] = admitted;
            if (0 == remaining.decrementAndGet())
            {
                complete();
            }
        }

        private void complete()
        {
            final List<String> admitted = new ArrayList<>(playerIds.length);
            for (int i = 0; i < playerIds.length; i++)
            {
                if (isAdmitted[i])
                {
                    admitted.add(playerIds[i]);
                }
            }

            final ObjectNode matched = Frames.object();
            matched.put("match_id", matchId);
            matched.set("players", Frames.array(admitted));
            final byte[] matchedFrame = Frames.frame(Frames.MATCH_MATCHED, matched);
            final byte[] failedFrame = Frames.frame(
                Frames.MATCHMAKER_FAILED, Frames.object().put("reason", "match_start_failed"));
            for (int i = 0; i < playerIds.length; i++)
            {
                runtime.send(playerIds[i], isAdmitted[i] ? matchedFrame : failedFrame);
            }
        }
    }

    private interface Request
    {
        Reply reply();
    }

    private record Add(String playerId, String mode, ObjectNode properties, Reply reply) implements Request
    {
    }

    private record Remove(String playerId, String ticketId, Reply reply) implements Request
    {
    }

    private record Read(String playerId, String ticketId, Reply reply) implements Request
    {
    }

    private record DropPlayer(String playerId)
    {
    }
}

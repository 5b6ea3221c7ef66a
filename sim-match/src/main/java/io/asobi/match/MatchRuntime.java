package io.asobi.match;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.SimulationStats;
import io.asobi.ecs.tick.TickAgent;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The match runtime: matches as simulations on {@link TickAgent} tick threads, and the matchmaker.
 * <p>
 * Each match is a {@code Simulation} on one of {@code tickThreads} tick agents (the least loaded when it is
 * created), stepped at its mode's {@code tickRateHz}. Every event that changes a match (join, leave, input) enters
 * through its agent's input ring as bytes (the player id plus the JSON, see {@code MatchRecords}), in one order;
 * replies travel in a side table keyed by a request id carried in the record. Matches publish an immutable
 * snapshot of their status, so {@link #list}, {@link #findOrCreate} and {@link #input} read them without touching
 * the tick threads. The matchmaker is a single-writer agent sharing tick thread 0.
 * <p>
 * Errors are answered through {@link Reply} with the legacy reasons of asobi-spec §4.3; besides those of
 * {@link MatchService} the runtime may answer {@code invalid_payload} (a missing or over-long player id),
 * {@code invalid_join_ctx} (a join context too large for the ring), {@code server_busy} (a full ring or request
 * queue: back pressure), {@code match_start_failed} (a mode that could not create a match) and {@code internal}.
 * <p>
 * <b>Note:</b> every public method is thread safe and non-blocking, except {@link #doWork()} (invoker mode, one
 * thread) and {@link #close()}.
 */
public final class MatchRuntime implements MatchService
{
    /** Find-or-create tries this many matches when the chosen one fills up before the join is applied. */
    static final int MAX_QUICK_PLAY_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(MatchRuntime.class);

    private final Context ctx;
    private final GameModes gameModes;
    private final MatchOutbound outbound;
    private final MatchShard[] shards;
    private final Matchmaker matchmaker;
    private final AgentRunner[] runners;
    private final AgentInvoker[] invokers;

    private final ConcurrentHashMap<String, MatchInstance> matchById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, MatchInstance> matchBySimulationId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PlayerState> playerById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MatchInstance> detachedPlayers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, PendingRequest> pendingRequests = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong();
    private final AtomicLong nextSimulationId = new AtomicLong();
    private final AtomicLong nextPlayerNo = new AtomicLong();
    private final AtomicLong nextCreationSequence = new AtomicLong();
    private final AtomicInteger liveMatchCount = new AtomicInteger();
    private volatile boolean isClosed;

    private MatchRuntime(final Context ctx)
    {
        this.ctx = ctx;
        this.gameModes = ctx.gameModes();
        this.outbound = ctx.outbound();

        final MatchRecovery recovery = MatchRecovery.scan(ctx.journalDir());
        nextSimulationId.set(recovery.maxSimulationId());

        final int threadCount = ctx.tickThreads();
        final int cpus = Runtime.getRuntime().availableProcessors();
        final int recordBytes = ctx.maxInputBytes() + MatchRecords.MAX_HEADER_BYTES;
        shards = new MatchShard[threadCount];
        for (int i = 0; i < threadCount; i++)
        {
            final TickAgent.Context tickCtx = new TickAgent.Context()
                .nanoClock(ctx.nanoClock())
                .ringCapacity(ctx.inputRingCapacity())
                .maxInputBytes(recordBytes)
                .roleName("match-tick-" + i)
                .cpuAffinity(ctx.cpuAffinity() ? i % cpus : TickAgent.Context.NO_CPU_AFFINITY)
                .idleStrategy(ctx.idleStrategySupplier().get())
                .errorHandler(ctx.errorHandler())
                .quarantineHandler(this::onQuarantine);
            shards[i] = new MatchShard(i, new TickAgent(tickCtx), recordBytes, this, ctx);
        }
        matchmaker = new Matchmaker(this, ctx);
        for (final MatchRecovery.Unfinished unfinished : recovery.unfinished())
        {
            restore(unfinished);
        }

        if (ctx.invokerMode())
        {
            runners = null;
            invokers = new AgentInvoker[threadCount];
        }
        else
        {
            runners = new AgentRunner[threadCount];
            invokers = null;
        }
    }

    /**
     * Start a runtime: its tick threads and matchmaker (or, in {@link Context#invokerMode()}, agents for
     * {@link #doWork()}).
     *
     * @param ctx configuration; concluded here if it was not already.
     * @return the running runtime.
     */
    public static MatchRuntime launch(final Context ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        final MatchRuntime runtime = new MatchRuntime(ctx);
        runtime.start();
        return runtime;
    }

    private void start()
    {
        for (int i = 0; i < shards.length; i++)
        {
            final MatchShard shard = shards[i];
            final Agent agent = 0 == i ?
                new CompositeAgent(shard.tickAgent, shard, matchmaker) :
                new CompositeAgent(shard.tickAgent, shard);
            if (null != invokers)
            {
                invokers[i] = new AgentInvoker(ctx.errorHandler(), null, agent);
                invokers[i].start();
            }
            else
            {
                runners[i] = new AgentRunner(shard.tickAgent.context().idleStrategy(), ctx.errorHandler(), null, agent);
                AgentRunner.startOnThread(runners[i]);
            }
        }
    }

    /**
     * The concluded configuration.
     *
     * @return the context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Run one duty cycle of every tick agent, shard duty and the matchmaker on the calling thread.
     *
     * @return work done.
     * @throws IllegalStateException unless {@link Context#invokerMode()} is set.
     */
    public int doWork()
    {
        if (null == invokers)
        {
            throw new IllegalStateException("doWork() is for invokerMode(true); this runtime runs its own threads");
        }
        int workCount = 0;
        for (final AgentInvoker invoker : invokers)
        {
            workCount += invoker.invoke();
        }
        return workCount;
    }

    /**
     * Tick-engine statistics of a live match (state, tick and overrun counts, step-time histogram).
     *
     * @param matchId the match.
     * @return its stats, or null if no such match is live.
     */
    public SimulationStats stats(final String matchId)
    {
        final MatchInstance match = null == matchId ? null : matchById.get(matchId);
        return null == match ? null : match.stats();
    }

    /**
     * Step-time report of every live match since the previous report (each match's interval histogram is read
     * and reset): {@code {"live": n, "matches": [{match_id, mode, status, players, tick_rate_hz, ticks, overruns,
     * step_us: {count, p50, p90, p99, max}}]}}. For operators and benchmarks; allocates.
     *
     * @return a new object.
     */
    public ObjectNode tickReport()
    {
        final ObjectNode report = Frames.object();
        report.put("live", liveMatchCount.get());
        final ArrayNode matches = report.putArray("matches");
        for (final MatchInstance match : matchById.values())
        {
            final SimulationStats stats = match.stats();
            if (null == stats)
            {
                continue;
            }
            final org.HdrHistogram.Histogram steps = stats.stepTimeIntervalHistogram(null);
            final ObjectNode entry = matches.addObject();
            entry.put("match_id", match.matchId());
            entry.put("mode", match.config().name());
            entry.put("status", match.view().status());
            entry.put("players", match.view().playerCount());
            entry.put("tick_rate_hz", stats.rateHz());
            entry.put("ticks", stats.tickCount());
            entry.put("overruns", stats.overrunCount());
            final ObjectNode stepUs = entry.putObject("step_us");
            stepUs.put("count", steps.getTotalCount());
            stepUs.put("p50", steps.getValueAtPercentile(50) / 1000.0);
            stepUs.put("p90", steps.getValueAtPercentile(90) / 1000.0);
            stepUs.put("p99", steps.getValueAtPercentile(99) / 1000.0);
            stepUs.put("max", steps.getMaxValue() / 1000.0);
        }
        return report;
    }

    /**
     * The simulation journal of one tick thread.
     *
     * @param shard tick-thread index.
     * @return its journal, or null when not journaling.
     */
    io.asobi.persistence.SimulationJournal journal(final int shard)
    {
        return shards[shard].journal;
    }

    /**
     * Matches created and not yet released.
     *
     * @return count, at most {@link Context#matchMax()}.
     */
    public int liveMatchCount()
    {
        return liveMatchCount.get();
    }

    // ---------------------------------------------------------------------------------------------------------
    // MatchService

    /**
     * {@inheritDoc}
     */
    public void join(final String playerId, final String matchId, final ObjectNode ctx, final Reply reply)
    {
        if (!checkRequest(playerId, reply))
        {
            return;
        }
        final MatchInstance match = null == matchId ? null : matchById.get(matchId);
        if (null == match)
        {
            replyError(reply, "match_not_found", null);
            return;
        }
        publishJoin(match, player(playerId), ctx, reply, null, 0);
    }

    /**
     * {@inheritDoc}
     */
    public void findOrCreate(final String playerId, final String mode, final ObjectNode ctx, final Reply reply)
    {
        if (!checkRequest(playerId, reply))
        {
            return;
        }
        findOrCreate(player(playerId), mode, ctx, reply, 0);
    }

    /**
     * {@inheritDoc}
     */
    public ObjectNode list(final String mode, final Boolean hasCapacity, final Boolean joinable)
    {
        final List<MatchInstance> selected = new ArrayList<>();
        for (final MatchInstance match : matchById.values())
        {
            final ModeConfig config = match.config();
            final MatchView view = match.view();
            if (!config.listed() || match.isRemoving() ||
                (null != mode && !mode.equals(config.name())) ||
                (null != hasCapacity && hasCapacity != (view.playerCount() < config.maxPlayers())) ||
                (null != joinable && joinable != view.joinable()))
            {
                continue;
            }
            selected.add(match);
        }
        selected.sort(Comparator.comparingLong(match -> match.creationSequence));

        final ObjectNode result = Frames.object();
        final ArrayNode matches = result.putArray("matches");
        for (final MatchInstance match : selected)
        {
            final MatchView view = match.view();
            final ObjectNode entry = matches.addObject();
            entry.put("match_id", match.matchId());
            entry.put("mode", match.config().name());
            entry.put("status", view.status());
            entry.put("player_count", view.playerCount());
            entry.put("max_players", match.config().maxPlayers());
            entry.put("joinable", view.joinable());
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the range is not inside {@code json}.
     */
    public InputResult input(final String playerId, final byte[] json, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > json.length - length)
        {
            throw new IllegalArgumentException(
                "offset=" + offset + " length=" + length + " outside json of " + json.length + " bytes");
        }
        if (length > ctx.maxInputBytes())
        {
            return InputResult.TOO_LARGE;
        }
        final PlayerState player = null == playerId ? null : playerById.get(playerId);
        final MatchInstance match = null == player ? null : player.match.get();
        if (null == match)
        {
            return InputResult.NOT_IN_MATCH;
        }
        if (!match.view().isRunning() || match.isRemoving())
        {
            return InputResult.DROPPED;
        }

        return match.shard.publish(match.simulationId, player, MatchRecords.INPUT, 0, json, offset, length) ?
            InputResult.ACCEPTED : InputResult.BACK_PRESSURE;
    }

    /**
     * {@inheritDoc}
     */
    public int maxInputBytes()
    {
        return ctx.maxInputBytes();
    }

    /**
     * {@inheritDoc}
     */
    public void leave(final String playerId, final Reply reply)
    {
        final PlayerState player = null == playerId ? null : playerById.get(playerId);
        final MatchInstance current = null == player ? null : player.match.get();
        final MatchInstance joining = null == player ? null : player.joining.get();
        if (null == current && null == joining)
        {
            replyOk(reply, Frames.MATCH_LEFT, Frames.success());
            return;
        }
        if (null != current)
        {
            publishLeave(current, player, reply);
        }
        if (null != joining && joining != current)
        {
            publishLeave(joining, player, null == current ? reply : null);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void playerDisconnected(final String playerId)
    {
        if (null == playerId)
        {
            return;
        }
        leave(playerId, null);
        matchmaker.dropPlayer(playerId);
        final PlayerState player = playerById.get(playerId);
        if (null != player)
        {
            playerById.remove(playerId, player);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void matchmakerAdd(final String playerId, final String mode, final ObjectNode properties, final Reply reply)
    {
        if (checkRequest(playerId, reply))
        {
            matchmaker.add(playerId, mode, properties, reply);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void matchmakerRemove(final String playerId, final String ticketId, final Reply reply)
    {
        if (checkRequest(playerId, reply))
        {
            matchmaker.remove(playerId, ticketId, reply);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void matchmakerTicket(final String playerId, final String ticketId, final Reply reply)
    {
        if (checkRequest(playerId, reply))
        {
            matchmaker.ticket(playerId, ticketId, reply);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        if (isClosed)
        {
            return;
        }
        isClosed = true;

        if (null != runners)
        {
            for (final AgentRunner runner : runners)
            {
                if (null != runner)
                {
                    runner.close();
                }
            }
        }
        else
        {
            for (final AgentInvoker invoker : invokers)
            {
                if (null != invoker)
                {
                    invoker.close();
                }
            }
        }

        for (final MatchInstance match : new ArrayList<>(matchBySimulationId.values()))
        {
            match.release("internal");
        }
        for (final MatchShard shard : shards)
        {
            if (null != shard && null != shard.journal)
            {
                shard.journal.close();
            }
        }
        for (final Map.Entry<Long, PendingRequest> entry : pendingRequests.entrySet())
        {
            if (pendingRequests.remove(entry.getKey(), entry.getValue()))
            {
                replyError(entry.getValue().reply(), "internal", null);
            }
        }
        matchmaker.closeRequests();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Joins, leaves and match creation (any thread)

    /** The match a player is a member of, or null (tests). */
    MatchInstance matchOf(final String playerId)
    {
        final PlayerState player = playerById.get(playerId);
        return null == player ? null : player.match.get();
    }

    PlayerState player(final String playerId)
    {
        final PlayerState existing = playerById.get(playerId);
        return null != existing ? existing :
            playerById.computeIfAbsent(playerId, id -> new PlayerState(id, nextPlayerNo.incrementAndGet()));
    }

    private void findOrCreate(
        final PlayerState player, final String modeName, final ObjectNode joinCtx, final Reply reply, final int attempt)
    {
        final GameMode mode = null == modeName ? null : findMode(modeName);
        if (null == mode)
        {
            replyError(reply, "not_found", null);
            return;
        }
        final ModeConfig config;
        try
        {
            config = mode.config();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("mode {} has no config", modeName, ex);
            replyError(reply, "match_start_failed", null);
            return;
        }
        if (!config.quickPlay())
        {
            replyError(reply, "quick_play_disabled", null);
            return;
        }

        MatchInstance target = findQuickPlayMatch(modeName);
        boolean isCreated = false;
        if (null == target)
        {
            try
            {
                target = createMatch(mode);
                isCreated = true;
            }
            catch (final CreateFailure ex)
            {
                replyError(reply, ex.reason(), null);
                return;
            }
        }
        publishJoin(target, player, joinCtx, reply, modeName, attempt);
        if (isCreated)
        {
            target.releaseRequest();
        }
    }

    private MatchInstance findQuickPlayMatch(final String modeName)
    {
        MatchInstance first = null;
        for (final MatchInstance match : matchById.values())
        {
            final ModeConfig config = match.config();
            final MatchView view = match.view();
            if (config.quickPlay() && modeName.equals(config.name()) && view.joinable() && !view.isFinished() &&
                view.playerCount() < config.maxPlayers() && !match.isRemoving() &&
                (null == first || match.creationSequence < first.creationSequence))
            {
                first = match;
            }
        }
        return first;
    }

    /**
     * Create a match of a mode and put it on the least loaded tick thread. The caller holds one request on it (so
     * it is not removed as empty before the caller's joins are published) and must {@link
     * MatchInstance#releaseRequest()} it once they are.
     *
     * @param mode the mode.
     * @return the new match, registered.
     * @throws CreateFailure with {@code match_capacity_reached} at the node cap, else {@code match_start_failed}.
     */
    MatchInstance createMatch(final GameMode mode) throws CreateFailure
    {
        if (isClosed)
        {
            throw new CreateFailure("internal");
        }
        int count;
        do
        {
            count = liveMatchCount.get();
            if (count >= ctx.matchMax())
            {
                throw new CreateFailure("match_capacity_reached");
            }
        }
        while (!liveMatchCount.compareAndSet(count, count + 1));

        MatchInstance match = null;
        boolean isAdded = false;
        try
        {
            final ModeConfig config = mode.config();
            final String problem = invalidConfig(config);
            if (null != problem)
            {
                LOG.warn("mode {}: {}", null == config ? null : config.name(), problem);
                throw new CreateFailure("match_start_failed");
            }
            final MatchLogic logic = mode.newMatch();
            if (null == logic)
            {
                LOG.warn("mode {}: newMatch() returned null", config.name());
                throw new CreateFailure("match_start_failed");
            }

            final MatchShard shard = leastLoadedShard();
            final long simulationId = nextSimulationId.incrementAndGet();
            match = new MatchInstance(this, shard, simulationId, nextCreationSequence.incrementAndGet(),
                ctx.idGenerator().get(), config, mode, logic, ctx.seedGenerator().getAsLong(), codeHashOf(mode));
            match.acquireRequest();
            matchBySimulationId.put(simulationId, match);
            matchById.put(match.matchId(), match);
            shard.matchCount.incrementAndGet();

            final SimulationStats stats = shard.tickAgent.tryAdd(simulationId, config.tickRateHz(), match);
            if (null == stats)
            {
                shard.matchCount.decrementAndGet();
                abortCreation(match);
                LOG.warn("tick thread {} control queue full: match not created", shard.index);
                throw new CreateFailure("server_busy");
            }
            match.stats(stats);
            isAdded = true;
            return match;
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("mode {} could not create a match", mode, ex);
            if (null != match)
            {
                shard(match).matchCount.decrementAndGet();
                abortCreation(match);
            }
            throw new CreateFailure("match_start_failed");
        }
        finally
        {
            if (!isAdded)
            {
                liveMatchCount.decrementAndGet();
            }
        }
    }

    private static long codeHashOf(final GameMode mode)
    {
        try
        {
            return mode.codeHash();
        }
        catch (final RuntimeException ex)
        {
            return 0L;
        }
    }

    private static MatchShard shard(final MatchInstance match)
    {
        return match.shard;
    }

    private void abortCreation(final MatchInstance match)
    {
        matchById.remove(match.matchId(), match);
        matchBySimulationId.remove(match.simulationId, match);
        match.release("match_not_found");
        failRequestsFor(match);
    }

    private static String invalidConfig(final ModeConfig config)
    {
        if (null == config)
        {
            return "config() returned null";
        }
        if (config.tickRateHz() < TickAgent.MIN_RATE_HZ || config.tickRateHz() > TickAgent.MAX_RATE_HZ)
        {
            return "tickRateHz must be in " + TickAgent.MIN_RATE_HZ + ".." + TickAgent.MAX_RATE_HZ + ": " +
                config.tickRateHz();
        }
        if (config.maxPlayers() < 1)
        {
            return "maxPlayers must be at least 1: " + config.maxPlayers();
        }
        if (config.minPlayers() < 1 || config.minPlayers() > config.maxPlayers())
        {
            return "minPlayers must be in 1..maxPlayers: " + config.minPlayers();
        }
        return null;
    }

    private MatchShard leastLoadedShard()
    {
        MatchShard best = shards[0];
        for (int i = 1; i < shards.length; i++)
        {
            if (shards[i].matchCount.get() < best.matchCount.get())
            {
                best = shards[i];
            }
        }
        return best;
    }

    void joinForMatchmaker(final MatchInstance match, final PlayerState player, final Reply reply)
    {
        publishJoin(match, player, null, reply, null, 0);
    }

    private void publishJoin(
        final MatchInstance match,
        final PlayerState player,
        final ObjectNode joinCtx,
        final Reply reply,
        final String quickPlayMode,
        final int attempt)
    {
        final byte[] ctxBytes;
        try
        {
            ctxBytes = null == joinCtx ? Frames.EMPTY : Frames.encode(joinCtx);
        }
        catch (final RuntimeException ex)
        {
            replyError(reply, "invalid_join_ctx", null);
            return;
        }
        if (ctxBytes.length > ctx.maxInputBytes())
        {
            replyError(reply, "invalid_join_ctx", null);
            return;
        }

        final long requestId = nextRequestId.incrementAndGet();
        final PendingRequest request = new PendingRequest(
            MatchRecords.JOIN, player, match, reply, joinCtx, quickPlayMode, attempt);
        pendingRequests.put(requestId, request);
        if (!match.acquireRequest())
        {
            if (null != pendingRequests.remove(requestId))
            {
                joinFailed(request, "match_not_found", null);
            }
            return;
        }

        player.joining.set(match);
        if (!match.shard.publish(match.simulationId, player, MatchRecords.JOIN, requestId, ctxBytes, 0,
            ctxBytes.length))
        {
            match.releaseRequest();
            if (null != pendingRequests.remove(requestId))
            {
                player.joining.compareAndSet(match, null);
                replyError(reply, "server_busy", null);
            }
        }
    }

    void publishLeave(final MatchInstance match, final PlayerState player, final Reply reply)
    {
        final long requestId = nextRequestId.incrementAndGet();
        final PendingRequest request = new PendingRequest(MatchRecords.LEAVE, player, match, reply, null, null, 0);
        pendingRequests.put(requestId, request);
        if (!match.acquireRequest())
        {
            if (null != pendingRequests.remove(requestId))
            {
                replyOk(reply, Frames.MATCH_LEFT, Frames.success());
            }
            return;
        }
        match.shard.publishLeave(match.simulationId, player, requestId);
    }

    /**
     * Bring back a match that was running when the process stopped: re-simulated from its journal, put on the tick
     * thread of the same number (or another one if there are fewer now), waiting for its players.
     */
    private void restore(final MatchRecovery.Unfinished unfinished)
    {
        final io.asobi.persistence.SimulationSummary summary = unfinished.summary();
        final GameMode mode = gameModes.find(summary.mode());
        if (null == mode)
        {
            LOG.error("match {} cannot be restored: its mode {} is no longer loaded", summary.name(), summary.mode());
            return;
        }
        final MatchReplay replay;
        try
        {
            replay = MatchRecovery.replay(unfinished, mode);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("match {} ({}) cannot be restored from {}", summary.name(), summary.mode(), unfinished.dir(), ex);
            return;
        }
        if (!replay.isFound() || null != replay.failure())
        {
            LOG.error("match {} ({}) cannot be restored from {}", summary.name(), summary.mode(), unfinished.dir(),
                replay.failure());
            return;
        }
        if (replay.firstDivergentTick() >= 0)
        {
            LOG.warn("match {} ({}): re-simulation differs from the journal from tick {} (code changed?)",
                summary.name(), summary.mode(), replay.firstDivergentTick());
        }

        final MatchShard shard = shards[unfinished.dirIndex() % shards.length];
        final ModeConfig config = mode.config();
        final MatchInstance match = new MatchInstance(this, shard, summary.simulationId(),
            nextCreationSequence.incrementAndGet(), replay.matchId(), config, mode, null, replay.seed(),
            codeHashOf(mode));
        match.adoptRestored(replay, summary.nextSequence(), shard.index == unfinished.dirIndex(),
            shard.index == unfinished.dirIndex() ? summary.startedIndex() : -1,
            shard.index == unfinished.dirIndex() ? summary.lastSnapshotIndex() : -1);
        matchBySimulationId.put(match.simulationId, match);
        matchById.put(match.matchId(), match);
        shard.matchCount.incrementAndGet();
        liveMatchCount.incrementAndGet();
        for (final String playerId : match.detachedPlayerIds())
        {
            detachedPlayers.put(playerId, match);
        }
        final SimulationStats stats = shard.tickAgent.tryAdd(match.simulationId, config.tickRateHz(), match);
        if (null == stats)
        {
            LOG.error("match {} not restored: tick thread {} control queue full", match.matchId(), shard.index);
            matchBySimulationId.remove(match.simulationId, match);
            matchById.remove(match.matchId(), match);
            shard.matchCount.decrementAndGet();
            liveMatchCount.decrementAndGet();
            match.release("match_not_found");
            return;
        }
        match.stats(stats);
        LOG.info("match {} ({}) restored at tick {} with {} players to wait for", match.matchId(), config.name(),
            replay.lastTick(), match.detachedPlayerIds().size());
    }

    /**
     * {@inheritDoc}
     */
    public void playerConnected(final String playerId)
    {
        if (null == playerId || isClosed)
        {
            return;
        }
        final MatchInstance match = detachedPlayers.get(playerId);
        if (null == match || match.isRemoving())
        {
            return;
        }
        final PlayerState player = player(playerId);
        if (null != player.match.get() || null != player.joining.get())
        {
            return;
        }
        publishJoin(match, player, null, new Reply()
        {
            public void ok(final String type, final ObjectNode payload)
            {
                send(playerId, Frames.frame(type, payload));
            }

            public void error(final String reason, final ObjectNode details)
            {
                LOG.debug("player {} not re-attached to match {}: {}", playerId, match.matchId(), reason);
            }
        }, null, 0);
    }

    /**
     * The first journal index a live match of a shard still needs to be restored from (tick thread of the shard).
     *
     * @return the lowest such index, or {@link Long#MAX_VALUE} if none.
     */
    long retainFromIndex(final MatchShard shard)
    {
        long index = Long.MAX_VALUE;
        for (final MatchInstance match : matchBySimulationId.values())
        {
            if (match.shard == shard)
            {
                index = Math.min(index, match.retainFromIndex());
            }
        }
        return index;
    }

    /** A detached member of a restored match came back or left (tick thread). */
    void forgetDetached(final String playerId, final MatchInstance match)
    {
        detachedPlayers.remove(playerId, match);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Called by matches on their tick thread

    PendingRequest takePendingRequest(final long requestId)
    {
        return pendingRequests.remove(requestId);
    }

    /**
     * A join could not be applied; a find-or-create join tries another match (bounded), others are answered.
     */
    void joinFailed(final PendingRequest request, final String reason, final ObjectNode details)
    {
        if (null != request.quickPlayMode() && request.attempt() + 1 < MAX_QUICK_PLAY_ATTEMPTS && !isClosed &&
            ("match_full".equals(reason) || "match_locked".equals(reason) || "match_not_found".equals(reason)))
        {
            findOrCreate(request.player(), request.quickPlayMode(), request.ctx(), request.reply(),
                request.attempt() + 1);
            return;
        }
        replyError(request.reply(), reason, details);
    }

    void unregister(final MatchInstance match)
    {
        matchById.remove(match.matchId(), match);
    }

    void onReleased(final MatchInstance match)
    {
        if (matchBySimulationId.remove(match.simulationId, match))
        {
            match.shard.matchCount.decrementAndGet();
            liveMatchCount.decrementAndGet();
        }
    }

    void send(final String playerId, final byte[] frame)
    {
        try
        {
            outbound.send(playerId, frame);
        }
        catch (final Throwable ex)
        {
            LOG.warn("outbound send to {} failed", playerId, ex);
        }
    }

    void replyOk(final Reply reply, final String type, final ObjectNode payload)
    {
        if (null != reply)
        {
            try
            {
                reply.ok(type, payload);
            }
            catch (final Throwable ex)
            {
                LOG.warn("reply {} failed", type, ex);
            }
        }
    }

    void replyError(final Reply reply, final String reason, final ObjectNode details)
    {
        if (null != reply)
        {
            try
            {
                reply.error(reason, details);
            }
            catch (final Throwable ex)
            {
                LOG.warn("error reply {} failed", reason, ex);
            }
        }
    }

    void onQuarantine(final long simulationId, final long tick, final Throwable cause)
    {
        final MatchInstance match = matchBySimulationId.get(simulationId);
        LOG.error("match simulation {} ({}) quarantined at tick {}: released", simulationId, match, tick, cause);
        if (null != match)
        {
            match.release("internal");
            match.shard.remove(simulationId);
            failRequestsFor(match);
        }
    }

    private void failRequestsFor(final MatchInstance match)
    {
        for (final Map.Entry<Long, PendingRequest> entry : pendingRequests.entrySet())
        {
            final PendingRequest request = entry.getValue();
            if (request.target() == match && pendingRequests.remove(entry.getKey(), request))
            {
                if (MatchRecords.JOIN == request.type())
                {
                    request.player().joining.compareAndSet(match, null);
                    joinFailed(request, "match_not_found", null);
                }
                else
                {
                    replyOk(request.reply(), Frames.MATCH_LEFT, Frames.success());
                }
            }
        }
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

    private boolean checkRequest(final String playerId, final Reply reply)
    {
        if (null == reply)
        {
            throw new NullPointerException("reply");
        }
        if (isClosed)
        {
            replyError(reply, "internal", null);
            return false;
        }
        if (!isValidPlayerId(playerId))
        {
            replyError(reply, "invalid_payload", null);
            return false;
        }
        return true;
    }

    static boolean isValidPlayerId(final String playerId)
    {
        if (null == playerId || playerId.isEmpty())
        {
            return false;
        }
        return playerId.length() * 3 <= MatchRecords.MAX_PLAYER_ID_BYTES ||
            playerId.getBytes(StandardCharsets.UTF_8).length <= MatchRecords.MAX_PLAYER_ID_BYTES;
    }

    /**
     * Why a match could not be created: a legacy reason for the reply.
     */
    static final class CreateFailure extends Exception
    {
        private static final long serialVersionUID = 1L;

        CreateFailure(final String reason)
        {
            super(reason, null, false, false);
        }

        String reason()
        {
            return getMessage();
        }
    }

    /**
     * Configuration of a {@link MatchRuntime}: fluent accessors, validated once by {@link #conclude()}.
     */
    public static final class Context
    {
        /** Default tick threads. */
        public static final int TICK_THREADS_DEFAULT = 1;
        /** Most tick threads. */
        public static final int TICK_THREADS_MAX = 256;
        /** Default node cap on live matches ({@code match_max}). */
        public static final int MATCH_MAX_DEFAULT = 1000;
        /** Default largest input map. */
        public static final int MAX_INPUT_BYTES_DEFAULT = 8192;
        /** Largest accepted {@link #maxInputBytes()}: a ring record also holds the header. */
        public static final int MAX_INPUT_BYTES_LIMIT =
            TickAgent.Context.MAX_INPUT_BYTES_LIMIT - MatchRecords.MAX_HEADER_BYTES;
        /** Default input ring capacity per tick thread. */
        public static final int INPUT_RING_CAPACITY_DEFAULT = 4096;
        /** Default matchmaker tick interval. */
        public static final long MATCHMAKER_TICK_INTERVAL_MS_DEFAULT = 1000;
        /** Default ticket lifetime. */
        public static final long TICKET_MAX_WAIT_MS_DEFAULT = 60_000;
        /** Default matchmaker queue cap. */
        public static final int MATCHMAKER_MAX_QUEUE_DEFAULT = 10_000;
        /** Default matchmaker request queue capacity. */
        public static final int MATCHMAKER_COMMAND_QUEUE_CAPACITY_DEFAULT = 4096;
        /** Default waiting timeout. */
        public static final long WAITING_TIMEOUT_MS_DEFAULT = 60_000;
        /** Default linger of a finished match. */
        public static final long FINISHED_LINGER_MS_DEFAULT = 5_000;
        /** Default bound on the input bytes one match stages per tick. */
        public static final int MAX_STAGED_INPUT_BYTES_DEFAULT = 256 * 1024;
        /** Default journaled ticks between two snapshots of a match. */
        public static final int SNAPSHOT_INTERVAL_TICKS_DEFAULT = 300;
        /** Default crashes within {@link #crashWindowMs()} that finish a match as crashed. */
        public static final int CRASH_LIMIT_DEFAULT = 3;
        /** Default window of {@link #crashLimit()}. */
        public static final long CRASH_WINDOW_MS_DEFAULT = 60_000;
        /** Default bound on a game script's wait for a metagame answer. */
        public static final long METAGAME_TIMEOUT_MS_DEFAULT = 250;
        /** Default time a match restored after a restart waits for its players. */
        public static final long RECONNECT_GRACE_MS_DEFAULT = 60_000;

        private boolean isConcluded;
        private GameModes gameModes;
        private MatchOutbound outbound;
        private int tickThreads = TICK_THREADS_DEFAULT;
        private boolean cpuAffinity;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private int matchMax = MATCH_MAX_DEFAULT;
        private int maxInputBytes = MAX_INPUT_BYTES_DEFAULT;
        private int inputRingCapacity = INPUT_RING_CAPACITY_DEFAULT;
        private long matchmakerTickIntervalMs = MATCHMAKER_TICK_INTERVAL_MS_DEFAULT;
        private long ticketMaxWaitMs = TICKET_MAX_WAIT_MS_DEFAULT;
        private java.nio.file.Path journalDir;
        private int matchmakerMaxQueue = MATCHMAKER_MAX_QUEUE_DEFAULT;
        private int matchmakerCommandQueueCapacity = MATCHMAKER_COMMAND_QUEUE_CAPACITY_DEFAULT;
        private long waitingTimeoutMs = WAITING_TIMEOUT_MS_DEFAULT;
        private long finishedLingerMs = FINISHED_LINGER_MS_DEFAULT;
        private int maxStagedInputBytes = MAX_STAGED_INPUT_BYTES_DEFAULT;
        private int snapshotIntervalTicks = SNAPSHOT_INTERVAL_TICKS_DEFAULT;
        private int crashLimit = CRASH_LIMIT_DEFAULT;
        private long crashWindowMs = CRASH_WINDOW_MS_DEFAULT;
        private long reconnectGraceMs = RECONNECT_GRACE_MS_DEFAULT;
        private String appVersion;
        private io.asobi.persistence.JournalRollCycle journalRollCycle = io.asobi.persistence.JournalRollCycle.DAILY;
        private long journalRetentionMs;
        private MetagameBridge metagame;
        private long metagameTimeoutMs = METAGAME_TIMEOUT_MS_DEFAULT;
        private Supplier<String> idGenerator;
        private LongSupplier seedGenerator;
        private boolean invokerMode;
        private Supplier<IdleStrategy> idleStrategySupplier;
        private ErrorHandler errorHandler;

        /**
         * Validate the options and fill in defaults; runs once.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if already concluded.
         * @throws IllegalArgumentException naming the first invalid option.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("Context already concluded");
            }

            requireNonNull(gameModes, "gameModes");
            requireNonNull(outbound, "outbound");
            requireNonNull(nanoClock, "nanoClock");
            requireNonNull(epochClock, "epochClock");
            requireRange("tickThreads", tickThreads, 1, TICK_THREADS_MAX);
            requireRange("matchMax", matchMax, 1, Integer.MAX_VALUE);
            requireRange("maxInputBytes", maxInputBytes, 1, MAX_INPUT_BYTES_LIMIT);
            if (inputRingCapacity < 2 || Integer.bitCount(inputRingCapacity) != 1)
            {
                throw new IllegalArgumentException(
                    "inputRingCapacity must be a power of two >= 2: " + inputRingCapacity);
            }
            requireRange("matchmakerTickIntervalMs", matchmakerTickIntervalMs, 1, 3_600_000);
            requireRange("ticketMaxWaitMs", ticketMaxWaitMs, 1, 86_400_000);
            requireRange("matchmakerMaxQueue", matchmakerMaxQueue, 1, Integer.MAX_VALUE);
            requireRange("matchmakerCommandQueueCapacity", matchmakerCommandQueueCapacity, 2, 1 << 24);
            requireRange("waitingTimeoutMs", waitingTimeoutMs, 1, 86_400_000);
            requireRange("finishedLingerMs", finishedLingerMs, 0, 86_400_000);
            requireRange("maxStagedInputBytes", maxStagedInputBytes, maxInputBytes + 16, 1 << 30);
            requireRange("snapshotIntervalTicks", snapshotIntervalTicks, 0, 1 << 30);
            requireRange("crashLimit", crashLimit, 1, 1000);
            requireRange("crashWindowMs", crashWindowMs, 1, 86_400_000);
            requireRange("reconnectGraceMs", reconnectGraceMs, 0, 86_400_000);
            requireNonNull(journalRollCycle, "journalRollCycle");
            requireRange("metagameTimeoutMs", metagameTimeoutMs, 1, 10_000);
            requireRange("journalRetentionMs", journalRetentionMs, 0, Long.MAX_VALUE);
            if (null == appVersion)
            {
                final String version = MatchRuntime.class.getPackage().getImplementationVersion();
                appVersion = null == version ? "dev" : version;
            }

            if (null == idGenerator)
            {
                idGenerator = new UuidV7(epochClock);
            }
            if (null == seedGenerator)
            {
                final SecureRandom random = new SecureRandom();
                seedGenerator = random::nextLong;
            }
            if (null == idleStrategySupplier)
            {
                idleStrategySupplier = () -> new SleepingMillisIdleStrategy(1);
            }
            if (null == errorHandler)
            {
                errorHandler = ex -> LOG.error("match runtime error", ex);
            }
            isConcluded = true;

            return this;
        }

        /**
         * Whether {@link #conclude()} has run.
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * The modes offered; required.
         *
         * @return the modes.
         */
        public GameModes gameModes()
        {
            return gameModes;
        }

        /**
         * @param gameModes the modes offered.
         * @return this for a fluent API.
         */
        public Context gameModes(final GameModes gameModes)
        {
            this.gameModes = gameModes;
            return this;
        }

        /**
         * Where server pushes go (the gateway); required.
         *
         * @return the outbound port.
         */
        public MatchOutbound outbound()
        {
            return outbound;
        }

        /**
         * @param outbound where server pushes go.
         * @return this for a fluent API.
         */
        public Context outbound(final MatchOutbound outbound)
        {
            this.outbound = outbound;
            return this;
        }

        /**
         * Tick threads (tick agents) hosting the matches; default {@value #TICK_THREADS_DEFAULT}.
         *
         * @return count.
         */
        public int tickThreads()
        {
            return tickThreads;
        }

        /**
         * @param tickThreads tick threads, 1..{@value #TICK_THREADS_MAX}.
         * @return this for a fluent API.
         */
        public Context tickThreads(final int tickThreads)
        {
            this.tickThreads = tickThreads;
            return this;
        }

        /**
         * Whether tick thread {@code i} pins itself to CPU {@code i mod cpus}; default false.
         *
         * @return true to pin.
         */
        public boolean cpuAffinity()
        {
            return cpuAffinity;
        }

        /**
         * @param cpuAffinity true to pin tick threads.
         * @return this for a fluent API.
         */
        public Context cpuAffinity(final boolean cpuAffinity)
        {
            this.cpuAffinity = cpuAffinity;
            return this;
        }

        /**
         * Monotonic clock for tick schedules, timeouts and the matchmaker; tests inject a {@code CachedNanoClock}.
         *
         * @return the clock.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * @param nanoClock monotonic clock.
         * @return this for a fluent API.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * Wall clock for ticket {@code submitted_at} and UUIDv7 ids.
         *
         * @return the clock.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }

        /**
         * @param epochClock wall clock.
         * @return this for a fluent API.
         */
        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * Node cap on live matches ({@code match_max}); default {@value #MATCH_MAX_DEFAULT}.
         *
         * @return cap.
         */
        public int matchMax()
        {
            return matchMax;
        }

        /**
         * @param matchMax node cap on live matches, at least 1.
         * @return this for a fluent API.
         */
        public Context matchMax(final int matchMax)
        {
            this.matchMax = matchMax;
            return this;
        }

        /**
         * Largest input map and join context in bytes; default {@value #MAX_INPUT_BYTES_DEFAULT}. Each ring slot
         * preallocates this plus a header, so memory per tick thread is about
         * {@code inputRingCapacity × (maxInputBytes + 138)}.
         *
         * @return bytes.
         */
        public int maxInputBytes()
        {
            return maxInputBytes;
        }

        /**
         * @param maxInputBytes largest input map.
         * @return this for a fluent API.
         */
        public Context maxInputBytes(final int maxInputBytes)
        {
            this.maxInputBytes = maxInputBytes;
            return this;
        }

        /**
         * Input ring capacity per tick thread in records, a power of two; default
         * {@value #INPUT_RING_CAPACITY_DEFAULT}.
         *
         * @return slots.
         */
        public int inputRingCapacity()
        {
            return inputRingCapacity;
        }

        /**
         * @param inputRingCapacity slots, a power of two.
         * @return this for a fluent API.
         */
        public Context inputRingCapacity(final int inputRingCapacity)
        {
            this.inputRingCapacity = inputRingCapacity;
            return this;
        }

        /**
         * How often the matchmaker groups tickets; default {@value #MATCHMAKER_TICK_INTERVAL_MS_DEFAULT} ms.
         *
         * @return milliseconds.
         */
        public long matchmakerTickIntervalMs()
        {
            return matchmakerTickIntervalMs;
        }

        /**
         * @param matchmakerTickIntervalMs milliseconds.
         * @return this for a fluent API.
         */
        public Context matchmakerTickIntervalMs(final long matchmakerTickIntervalMs)
        {
            this.matchmakerTickIntervalMs = matchmakerTickIntervalMs;
            return this;
        }

        /**
         * Where each tick thread journals the matches it hosts ({@code <journalDir>/tick-N}, Chronicle queues of
         * schema 2 records: every applied join, leave and input, one document per tick), or null not to journal.
         *
         * @return the directory, or null.
         */
        public java.nio.file.Path journalDir()
        {
            return journalDir;
        }

        /**
         * Journal every match's applied inputs under this directory; a tick's frames and replies are released only
         * once its document is in the journal.
         *
         * @param journalDir the directory (created as needed), or null not to journal (the default).
         * @return this for a fluent API.
         */
        public Context journalDir(final java.nio.file.Path journalDir)
        {
            this.journalDir = journalDir;
            return this;
        }

        /**
         * Age after which a ticket expires ({@code match.matchmaker_expired}); default
         * {@value #TICKET_MAX_WAIT_MS_DEFAULT} ms.
         *
         * @return milliseconds.
         */
        public long ticketMaxWaitMs()
        {
            return ticketMaxWaitMs;
        }

        /**
         * @param ticketMaxWaitMs milliseconds.
         * @return this for a fluent API.
         */
        public Context ticketMaxWaitMs(final long ticketMaxWaitMs)
        {
            this.ticketMaxWaitMs = ticketMaxWaitMs;
            return this;
        }

        /**
         * Most pending tickets ({@code queue_full} beyond); default {@value #MATCHMAKER_MAX_QUEUE_DEFAULT}.
         *
         * @return tickets.
         */
        public int matchmakerMaxQueue()
        {
            return matchmakerMaxQueue;
        }

        /**
         * @param matchmakerMaxQueue tickets.
         * @return this for a fluent API.
         */
        public Context matchmakerMaxQueue(final int matchmakerMaxQueue)
        {
            this.matchmakerMaxQueue = matchmakerMaxQueue;
            return this;
        }

        /**
         * Matchmaker requests in flight (and drained per duty cycle); a full queue answers {@code queue_full}
         * to adds and {@code server_busy} to other requests. Default
         * {@value #MATCHMAKER_COMMAND_QUEUE_CAPACITY_DEFAULT}.
         *
         * @return requests.
         */
        public int matchmakerCommandQueueCapacity()
        {
            return matchmakerCommandQueueCapacity;
        }

        /**
         * @param matchmakerCommandQueueCapacity requests.
         * @return this for a fluent API.
         */
        public Context matchmakerCommandQueueCapacity(final int matchmakerCommandQueueCapacity)
        {
            this.matchmakerCommandQueueCapacity = matchmakerCommandQueueCapacity;
            return this;
        }

        /**
         * How long a match may wait for {@code minPlayers} before it is removed; default
         * {@value #WAITING_TIMEOUT_MS_DEFAULT} ms.
         *
         * @return milliseconds.
         */
        public long waitingTimeoutMs()
        {
            return waitingTimeoutMs;
        }

        /**
         * @param waitingTimeoutMs milliseconds.
         * @return this for a fluent API.
         */
        public Context waitingTimeoutMs(final long waitingTimeoutMs)
        {
            this.waitingTimeoutMs = waitingTimeoutMs;
            return this;
        }

        /**
         * How long a finished match stays before it is removed; default {@value #FINISHED_LINGER_MS_DEFAULT} ms.
         *
         * @return milliseconds.
         */
        public long finishedLingerMs()
        {
            return finishedLingerMs;
        }

        /**
         * @param finishedLingerMs milliseconds.
         * @return this for a fluent API.
         */
        public Context finishedLingerMs(final long finishedLingerMs)
        {
            this.finishedLingerMs = finishedLingerMs;
            return this;
        }

        /**
         * Input bytes one match stages between two of its ticks; the excess is dropped and counted. Default
         * {@value #MAX_STAGED_INPUT_BYTES_DEFAULT}.
         *
         * @return bytes.
         */
        public int maxStagedInputBytes()
        {
            return maxStagedInputBytes;
        }

        /**
         * @param maxStagedInputBytes bytes, more than {@link #maxInputBytes()}.
         * @return this for a fluent API.
         */
        public Context maxStagedInputBytes(final int maxStagedInputBytes)
        {
            this.maxStagedInputBytes = maxStagedInputBytes;
            return this;
        }

        /**
         * Journaled ticks between two snapshots of a match (0: none; a crash then replays from the match's start).
         *
         * @return ticks.
         */
        public int snapshotIntervalTicks()
        {
            return snapshotIntervalTicks;
        }

        /**
         * @param snapshotIntervalTicks journaled ticks between snapshots, 0 for none.
         * @return this for a fluent API.
         */
        public Context snapshotIntervalTicks(final int snapshotIntervalTicks)
        {
            this.snapshotIntervalTicks = snapshotIntervalTicks;
            return this;
        }

        /**
         * Crashes of a match's logic within {@link #crashWindowMs()} that finish it with
         * {@code {"status":"crashed"}} instead of restoring it again.
         *
         * @return crashes, at least 1.
         */
        public int crashLimit()
        {
            return crashLimit;
        }

        /**
         * @param crashLimit crashes within the window that finish a match.
         * @return this for a fluent API.
         */
        public Context crashLimit(final int crashLimit)
        {
            this.crashLimit = crashLimit;
            return this;
        }

        /**
         * Window in which {@link #crashLimit()} crashes finish a match.
         *
         * @return milliseconds.
         */
        public long crashWindowMs()
        {
            return crashWindowMs;
        }

        /**
         * @param crashWindowMs the crash window.
         * @return this for a fluent API.
         */
        public Context crashWindowMs(final long crashWindowMs)
        {
            this.crashWindowMs = crashWindowMs;
            return this;
        }

        /**
         * Time a match restored after a restart waits for its players to connect again; then the ones still away
         * leave, and a match nobody came back to ends with {@code {"status":"abandoned"}}.
         *
         * @return milliseconds.
         */
        public long reconnectGraceMs()
        {
            return reconnectGraceMs;
        }

        /**
         * @param reconnectGraceMs the reconnect grace period.
         * @return this for a fluent API.
         */
        public Context reconnectGraceMs(final long reconnectGraceMs)
        {
            this.reconnectGraceMs = reconnectGraceMs;
            return this;
        }

        /**
         * Application version journaled with every snapshot (defaults to the jar's implementation version, else
         * {@code dev}).
         *
         * @return the version.
         */
        public String appVersion()
        {
            return appVersion;
        }

        /**
         * @param appVersion the version journaled with snapshots.
         * @return this for a fluent API.
         */
        public Context appVersion(final String appVersion)
        {
            this.appVersion = appVersion;
            return this;
        }

        /**
         * How often the match journals start a new file.
         *
         * @return the roll cycle.
         */
        public io.asobi.persistence.JournalRollCycle journalRollCycle()
        {
            return journalRollCycle;
        }

        /**
         * @param journalRollCycle how often the match journals start a new file.
         * @return this for a fluent API.
         */
        public Context journalRollCycle(final io.asobi.persistence.JournalRollCycle journalRollCycle)
        {
            this.journalRollCycle = journalRollCycle;
            return this;
        }

        /**
         * Match journal files whose roll cycle ended longer ago than this are deleted, unless a live match still
         * needs them to be restored; 0 keeps everything (the default). Deleted history can no longer be replayed.
         *
         * @return milliseconds, 0 for no retention limit.
         */
        public long journalRetentionMs()
        {
            return journalRetentionMs;
        }

        /**
         * @param journalRetentionMs age after which journal files are deleted, 0 to keep them.
         * @return this for a fluent API.
         */
        public Context journalRetentionMs(final long journalRetentionMs)
        {
            this.journalRetentionMs = journalRetentionMs;
            return this;
        }

        /**
         * The metagame services game logic may call, or null (calls answer {@code metagame_unavailable}).
         *
         * @return the bridge.
         */
        public MetagameBridge metagame()
        {
            return metagame;
        }

        /**
         * @param metagame the metagame services for game logic.
         * @return this for a fluent API.
         */
        public Context metagame(final MetagameBridge metagame)
        {
            this.metagame = metagame;
            return this;
        }

        /**
         * How long a game callback waits for a metagame answer before it gets {@code {"error":"timeout"}}.
         *
         * @return milliseconds.
         */
        public long metagameTimeoutMs()
        {
            return metagameTimeoutMs;
        }

        /**
         * @param metagameTimeoutMs the wait bound, 1..10,000 ms.
         * @return this for a fluent API.
         */
        public Context metagameTimeoutMs(final long metagameTimeoutMs)
        {
            this.metagameTimeoutMs = metagameTimeoutMs;
            return this;
        }

        /**
         * Source of match and ticket ids; default UUIDv7 from {@link #epochClock()}.
         *
         * @return the generator (thread safe).
         */
        public Supplier<String> idGenerator()
        {
            return idGenerator;
        }

        /**
         * @param idGenerator thread-safe source of unique ids.
         * @return this for a fluent API.
         */
        public Context idGenerator(final Supplier<String> idGenerator)
        {
            this.idGenerator = idGenerator;
            return this;
        }

        /**
         * Source of match RNG seeds; default {@link SecureRandom}.
         *
         * @return the generator (thread safe).
         */
        public LongSupplier seedGenerator()
        {
            return seedGenerator;
        }

        /**
         * @param seedGenerator thread-safe source of seeds.
         * @return this for a fluent API.
         */
        public Context seedGenerator(final LongSupplier seedGenerator)
        {
            this.seedGenerator = seedGenerator;
            return this;
        }

        /**
         * When true, {@link MatchRuntime#launch} starts no thread: the caller drives everything with
         * {@link MatchRuntime#doWork()} (tests, embedded tools). Default false.
         *
         * @return true for invoker mode.
         */
        public boolean invokerMode()
        {
            return invokerMode;
        }

        /**
         * @param invokerMode true to drive the runtime by hand.
         * @return this for a fluent API.
         */
        public Context invokerMode(final boolean invokerMode)
        {
            this.invokerMode = invokerMode;
            return this;
        }

        /**
         * Idle strategy of each tick thread; default sleeps 1 ms when a cycle did nothing (never busy spins).
         *
         * @return a supplier called once per tick thread.
         */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /**
         * @param idleStrategySupplier called once per tick thread.
         * @return this for a fluent API.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
        {
            this.idleStrategySupplier = idleStrategySupplier;
            return this;
        }

        /**
         * Handler of errors escaping an agent; default logs them.
         *
         * @return the handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * @param errorHandler handler of agent errors.
         * @return this for a fluent API.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        private static void requireNonNull(final Object value, final String name)
        {
            if (null == value)
            {
                throw new IllegalArgumentException(name + " must not be null");
            }
        }

        private static void requireRange(final String name, final long value, final long min, final long max)
        {
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
            }
        }
    }
}

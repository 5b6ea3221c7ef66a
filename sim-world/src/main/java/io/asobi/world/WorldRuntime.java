package io.asobi.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.SimulationStats;
import io.asobi.ecs.tick.TickAgent;
import org.agrona.ErrorHandler;
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

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The world runtime: worlds of zones as simulations on {@link TickAgent} tick threads.
 * <p>
 * Each world lives on one of {@code tickThreads} tick agents (the one with the fewest worlds when it is created):
 * its control simulation ({@code WorldInstance}) and all its zones ({@code ZoneInstance}, one simulation each, at
 * the mode's {@code tickRateHz}), so a hand-over between zones is a plain call on one thread. Every event that
 * changes a world (join, leave, input, resync, connect, disconnect) enters through its agent's input ring, in one
 * order; replies travel in a side table keyed by a request id carried in the record. Worlds publish an immutable
 * view of their status, so {@link #list}, {@link #findOrCreate} and routing read them without touching the tick
 * threads.
 * <p>
 * Errors are answered through {@link WorldReply} with the legacy reasons of asobi-spec §4.3; besides those of
 * {@link WorldService} the runtime may answer {@code invalid_payload} (a missing or over-long player id),
 * {@code invalid_join_ctx} (a join context too large for the ring), {@code server_busy} (a full ring or control
 * queue: back pressure) and {@code internal}.
 * <p>
 * <b>Note:</b> every public method is thread safe and non-blocking, except {@link #doWork()} (invoker mode, one
 * thread) and {@link #close()}.
 */
public final class WorldRuntime implements WorldService
{
    /** Re-home hysteresis: an entity must pass its zone's edge by this fraction of the zone size to change zone. */
    public static final double REHOME_MARGIN = 0.15;

    /** Find-or-create tries this many worlds when the chosen one fills up before the join is applied. */
    static final int MAX_QUICK_PLAY_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(WorldRuntime.class);


    private final Context ctx;
    private final WorldModes modes;
    private final WorldOutbound outbound;
    private final WorldShard[] shards;
    private final AgentRunner[] runners;
    private final AgentInvoker[] invokers;
    private final RateWindow globalResyncs;
    private final Object lobbyLock = new Object();

    private final ConcurrentHashMap<String, WorldInstance> worldById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, WorldInstance> worldBySimulationId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PlayerState> playerById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> ownedWorlds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, PendingRequest> pendingRequests = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong();
    private final AtomicLong nextSimulationId = new AtomicLong();
    private final AtomicLong nextPlayerNo = new AtomicLong();
    private final AtomicLong nextCreationSequence = new AtomicLong();
    private final AtomicInteger liveWorldCount = new AtomicInteger();
    private volatile boolean isClosed;

    private WorldRuntime(final Context ctx)
    {
        this.ctx = ctx;
        this.modes = ctx.worldModes();
        this.outbound = ctx.outbound();
        this.globalResyncs = new RateWindow(ctx.resyncGlobalPerSecond(), TimeUnit.SECONDS.toNanos(1));

        final int threadCount = ctx.tickThreads();
        final int cpus = Runtime.getRuntime().availableProcessors();
        final int recordBytes = ctx.maxInputBytes() + WorldRecords.HEADER_BYTES;
        final io.asobi.persistence.SimulationJournalScan recovery = io.asobi.persistence.SimulationJournalScan.scan(
            ctx.journalDir(), io.asobi.sbe.journal.SimulationKind.ZONE, "world");
        nextSimulationId.set(recovery.maxSimulationId());
        shards = new WorldShard[threadCount];
        for (int i = 0; i < threadCount; i++)
        {
            final TickAgent.Context tickCtx = new TickAgent.Context()
                .nanoClock(ctx.nanoClock())
                .ringCapacity(ctx.inputRingCapacity())
                .maxInputBytes(recordBytes)
                .controlQueueCapacity(ctx.controlQueueCapacity())
                .roleName("world-tick-" + i)
                .cpuAffinity(ctx.cpuAffinity() ? i % cpus : TickAgent.Context.NO_CPU_AFFINITY)
                .idleStrategy(ctx.idleStrategySupplier().get())
                .errorHandler(ctx.errorHandler())
                .quarantineHandler(this::onQuarantine);
            final io.asobi.persistence.SimulationJournal journal = null == ctx.journalDir() ? null :
                io.asobi.persistence.SimulationJournal.open(new io.asobi.persistence.SimulationJournal.Context()
                    .dir(ctx.journalDir().resolve("tick-" + i))
                    .rollCycle(ctx.journalRollCycle())
                    .maxTickBytes(ctx.journalMaxTickBytes())
                    .epochClock(ctx.epochClock()));
            final WorldShard shard = new WorldShard(i, new TickAgent(tickCtx), recordBytes, journal);
            shard.nanoClock = ctx.nanoClock();
            shard.retention = new io.asobi.persistence.JournalRetention(journal, ctx.journalRetentionMs(),
                () -> retainFromIndex(shard), ctx.errorHandler(), ctx.nanoClock().nanoTime());
            shards[i] = shard;
        }
        for (final io.asobi.persistence.SimulationJournalScan.Unfinished unfinished : recovery.unfinished())
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
     * Start a runtime: its tick threads (or, in {@link Context#invokerMode()}, agents for {@link #doWork()}).
     *
     * @param ctx configuration; concluded here if it was not already.
     * @return the running runtime.
     */
    public static WorldRuntime launch(final Context ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        final WorldRuntime runtime = new WorldRuntime(ctx);
        for (int i = 0; i < runtime.shards.length; i++)
        {
            final WorldShard shard = runtime.shards[i];
            final CompositeAgent agent = new CompositeAgent(shard.tickAgent, shard);
            if (null != runtime.invokers)
            {
                runtime.invokers[i] = new AgentInvoker(ctx.errorHandler(), null, agent);
                runtime.invokers[i].start();
            }
            else
            {
                runtime.runners[i] = new AgentRunner(
                    shard.tickAgent.context().idleStrategy(), ctx.errorHandler(), null, agent);
                AgentRunner.startOnThread(runtime.runners[i]);
            }
        }
        return runtime;
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
     * Run one duty cycle of every tick agent and shard duty on the calling thread.
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
     * Worlds created and not yet finished.
     *
     * @return count, at most {@link Context#worldMax()}.
     */
    public int liveWorldCount()
    {
        return liveWorldCount.get();
    }

    /**
     * Tick-engine statistics of a live world's control simulation.
     *
     * @param worldId the world.
     * @return its stats, or null if no such world is live.
     */
    public SimulationStats stats(final String worldId)
    {
        final WorldInstance world = null == worldId ? null : worldById.get(worldId);
        return null == world ? null : world.stats();
    }

    /**
     * Step-time report of every live world since the previous report (each world's interval histogram is read and
     * reset), with the CPU time of each tick thread; the format is {@link WorldTickReport}'s. For operators and
     * benchmarks; allocates.
     *
     * @return a new object.
     */
    public ObjectNode tickReport()
    {
        final Thread[] threads = new Thread[shards.length];
        for (int i = 0; i < shards.length; i++)
        {
            threads[i] = null == runners ? null : runners[i].thread();
        }
        return WorldTickReport.build(worldById.values(), liveWorldCount.get(), shards, threads);
    }

    // ---------------------------------------------------------------------------------------------------------
    // WorldService

    /**
     * {@inheritDoc}
     */
    public ObjectNode list(final String mode, final Boolean hasCapacity)
    {
        final List<WorldInstance> selected = new ArrayList<>();
        for (final WorldInstance world : worldById.values())
        {
            final WorldConfig config = world.config;
            final WorldView view = world.view();
            if (!config.listed() || world.isRemoving() || view.isFinished() ||
                (null != mode && !mode.equals(config.name())) ||
                (null != hasCapacity && hasCapacity != (view.playerCount() < config.maxPlayers())))
            {
                continue;
            }
            selected.add(world);
        }
        selected.sort(Comparator.comparingLong(world -> world.creationSequence));

        final ObjectNode result = Json.object();
        final ArrayNode worlds = result.putArray("worlds");
        for (final WorldInstance world : selected)
        {
            worlds.add(listing(world));
        }
        return result;
    }

    private static ObjectNode listing(final WorldInstance world)
    {
        final WorldView view = world.view();
        final ObjectNode entry = Json.object();
        entry.put("world_id", world.worldId());
        entry.put("status", view.status());
        entry.put("player_count", view.playerCount());
        entry.put("max_players", world.config.maxPlayers());
        entry.put("mode", world.config.name());
        entry.put("grid_size", world.config.gridSize());
        entry.put("started_at", Json.iso(world.startedAtMs));
        return entry;
    }

    /**
     * {@inheritDoc}
     */
    public void create(final String playerId, final String mode, final WorldReply reply)
    {
        if (!checkRequest(playerId, reply))
        {
            return;
        }
        final PlayerState player = player(playerId);
        if (isInWorld(player))
        {
            replyError(reply, "already_in_world", null);
            return;
        }
        final WorldInstance world = createOrReply(playerId, mode, reply);
        if (null != world)
        {
            publishJoin(world, player, null, reply, null, 0);
            world.releaseRequest();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void createOwned(final String ownerId, final String mode, final WorldReply reply)
    {
        if (!checkRequest(ownerId, reply))
        {
            return;
        }
        final WorldInstance world = createOrReply(ownerId, mode, reply);
        if (null != world)
        {
            world.releaseRequest();
            replyOk(reply, Json.WORLD_CREATED, listing(world));
        }
    }

    /** Create a world of a mode owned by a player, or answer why not; the caller holds one request on it. */
    private WorldInstance createOrReply(final String ownerId, final String mode, final WorldReply reply)
    {
        final WorldMode worldMode = findMode(mode);
        if (null == worldMode)
        {
            replyError(reply, "not_found", null);
            return null;
        }
        try
        {
            return createWorld(worldMode, ownerId);
        }
        catch (final CreateFailure ex)
        {
            replyError(reply, ex.reason(), null);
            return null;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void findOrCreate(final String playerId, final String mode, final WorldReply reply)
    {
        if (!checkRequest(playerId, reply))
        {
            return;
        }
        final PlayerState player = player(playerId);
        if (isInWorld(player))
        {
            replyError(reply, "already_in_world", null);
            return;
        }
        findOrCreate(player, mode, reply, 0);
    }

    /**
     * {@inheritDoc}
     */
    public void join(final String playerId, final String worldId, final ObjectNode joinCtx, final WorldReply reply)
    {
        if (!checkRequest(playerId, reply))
        {
            return;
        }
        final WorldInstance world = null == worldId ? null : worldById.get(worldId);
        if (null == world || world.view().isFinished())
        {
            replyError(reply, "world_not_found", null);
            return;
        }
        final PlayerState player = player(playerId);
        if (isInWorld(player))
        {
            replyError(reply, "already_in_world", null);
            return;
        }
        publishJoin(world, player, joinCtx, reply, null, 0);
    }

    /**
     * {@inheritDoc}
     */
    public void leave(final String playerId, final WorldReply reply)
    {
        final PlayerState player = null == playerId ? null : playerById.get(playerId);
        final WorldInstance current = null == player ? null : player.world.get();
        final WorldInstance joining = null == player ? null : player.joining.get();
        if (null == current && null == joining)
        {
            replyOk(reply, Json.WORLD_LEFT, Json.success());
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
     *
     * @throws IllegalArgumentException if the range is not inside {@code json}.
     */
    public WorldInputResult input(
        final String playerId, final long seq, final byte[] json, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > json.length - length)
        {
            throw new IllegalArgumentException(
                "offset=" + offset + " length=" + length + " outside json of " + json.length + " bytes");
        }
        if (length > ctx.maxInputBytes())
        {
            return WorldInputResult.TOO_LARGE;
        }
        final PlayerState player = null == playerId ? null : playerById.get(playerId);
        final WorldInstance world = null == player ? null : player.world.get();
        if (null == world || world.isRemoving())
        {
            return WorldInputResult.NOT_IN_WORLD;
        }
        return world.shard.publish(world.simulationId, player.playerNo, WorldRecords.INPUT, seq < 0 ? -1 : seq,
            json, offset, length) ? WorldInputResult.ACCEPTED : WorldInputResult.BACK_PRESSURE;
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
    public ResyncResult resync(final String playerId, final int zoneX, final int zoneY)
    {
        final PlayerState player = null == playerId ? null : playerById.get(playerId);
        final WorldInstance world = null == player ? null : player.world.get();
        if (null == world || world.isRemoving())
        {
            return ResyncResult.NOT_IN_WORLD;
        }
        final int grid = world.config.gridSize();
        if (zoneX < 0 || zoneY < 0 || zoneX >= grid || zoneY >= grid)
        {
            return ResyncResult.INVALID_ZONE;
        }
        final long nowNs = ctx.nanoClock().nanoTime();
        if (!player.resyncs.tryAcquire(nowNs) || !globalResyncs.tryAcquire(nowNs))
        {
            return ResyncResult.RATE_LIMITED;
        }
        return world.shard.publish(world.simulationId, player.playerNo, WorldRecords.RESYNC,
            WorldRecords.zoneValue(zoneX, zoneY), Json.EMPTY, 0, 0) ?
            ResyncResult.ACCEPTED : ResyncResult.BACK_PRESSURE;
    }

    /**
     * {@inheritDoc}
     */
    public void playerConnected(final String playerId)
    {
        final PlayerState player = null == playerId ? null : playerById.get(playerId);
        final WorldInstance world = null == player ? null : player.world.get();
        if (null != world && !world.isRemoving())
        {
            world.shard.publishReliable(world.simulationId, player.playerNo, WorldRecords.CONNECT, 0);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void playerDisconnected(final String playerId)
    {
        final PlayerState player = null == playerId ? null : playerById.get(playerId);
        if (null == player)
        {
            return;
        }
        final WorldInstance current = player.world.get();
        final WorldInstance joining = player.joining.get();
        if (null != current)
        {
            current.shard.publishReliable(current.simulationId, player.playerNo, WorldRecords.DISCONNECT, 0);
        }
        if (null != joining && joining != current)
        {
            joining.shard.publishReliable(joining.simulationId, player.playerNo, WorldRecords.DISCONNECT, 0);
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
        for (final WorldInstance world : new ArrayList<>(worldById.values()))
        {
            world.closeForShutdown();
        }
        for (final WorldShard shard : shards)
        {
            if (null != shard.journal)
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
    }

    // ---------------------------------------------------------------------------------------------------------
    // Worlds, joins and leaves (any thread)

    /** A live world (tests). */
    WorldInstance world(final String worldId)
    {
        return worldById.get(worldId);
    }

    /** The world a player belongs to, or null (tests). */
    WorldInstance worldOf(final String playerId)
    {
        final PlayerState player = playerById.get(playerId);
        return null == player ? null : player.world.get();
    }

    private PlayerState player(final String playerId)
    {
        final PlayerState existing = playerById.get(playerId);
        return null != existing ? existing : playerById.computeIfAbsent(playerId, id -> new PlayerState(
            id, nextPlayerNo.incrementAndGet(),
            new RateWindow(ctx.resyncLimit(), TimeUnit.MILLISECONDS.toNanos(ctx.resyncWindowMs()))));
    }

    private static boolean isInWorld(final PlayerState player)
    {
        return null != player.world.get() || null != player.joining.get();
    }

    private void findOrCreate(final PlayerState player, final String modeName, final WorldReply reply, final int attempt)
    {
        final WorldMode mode = findMode(modeName);
        if (null == mode)
        {
            replyError(reply, "not_found", null);
            return;
        }
        final WorldConfig config = configOf(mode);
        if (null == config)
        {
            replyError(reply, "world_start_failed", null);
            return;
        }
        if (!config.quickPlay())
        {
            replyError(reply, "quick_play_disabled", null);
            return;
        }

        WorldInstance target;
        boolean isCreated = false;
        synchronized (lobbyLock)
        {
            target = findQuickPlayWorld(modeName);
            if (null == target)
            {
                try
                {
                    target = createWorld(mode, null);
                    isCreated = true;
                }
                catch (final CreateFailure ex)
                {
                    replyError(reply, ex.reason(), null);
                    return;
                }
            }
        }
        publishJoin(target, player, null, reply, modeName, attempt);
        if (isCreated)
        {
            target.releaseRequest();
        }
    }

    private WorldInstance findQuickPlayWorld(final String modeName)
    {
        WorldInstance first = null;
        for (final WorldInstance world : worldById.values())
        {
            final WorldConfig config = world.config;
            final WorldView view = world.view();
            if (config.quickPlay() && config.listed() && modeName.equals(config.name()) && !view.isFinished() &&
                view.playerCount() < config.maxPlayers() && !world.isRemoving() &&
                (null == first || world.creationSequence < first.creationSequence))
            {
                first = world;
            }
        }
        return first;
    }

    /**
     * Create a world of a mode and put it on the tick thread with the fewest worlds. The caller holds one request on
     * it (so it does not finish as empty before the caller's join is published) and must release it.
     *
     * @param ownerId the creating player (counted against {@code worldMaxPerPlayer}), or null.
     */
    private WorldInstance createWorld(final WorldMode mode, final String ownerId) throws CreateFailure
    {
        if (isClosed)
        {
            throw new CreateFailure("internal");
        }
        int count;
        do
        {
            count = liveWorldCount.get();
            if (count >= ctx.worldMax())
            {
                throw new CreateFailure("world_capacity_reached");
            }
        }
        while (!liveWorldCount.compareAndSet(count, count + 1));

        AtomicInteger owned = null;
        boolean isAdded = false;
        try
        {
            if (null != ownerId)
            {
                owned = ownedWorlds.computeIfAbsent(ownerId, id -> new AtomicInteger());
                if (owned.incrementAndGet() > ctx.worldMaxPerPlayer())
                {
                    throw new CreateFailure("player_world_limit_reached");
                }
            }
            final WorldConfig config = configOf(mode);
            final String problem = null == config ? "config() returned null" : config.problem();
            if (null != problem)
            {
                LOG.warn("world mode {}: {}", null == config ? null : config.name(), problem);
                throw new CreateFailure("world_start_failed");
            }
            final WorldLogic logic;
            final WorldSchema schema;
            try
            {
                logic = mode.newWorld();
                schema = WorldSchema.of(logic);
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("world mode {} could not create a world", config.name(), ex);
                throw new CreateFailure("world_start_failed");
            }

            final WorldShard shard = leastLoadedShard();
            final long simulationId = nextSimulationId();
            final WorldInstance world = new WorldInstance(this, shard, simulationId,
                nextCreationSequence.incrementAndGet(), ctx.idGenerator().get(), config, logic, schema,
                ctx.seedGenerator().getAsLong(), ownerId);
            world.startedAtMs = ctx.epochClock().time();
            world.acquireRequest();
            worldBySimulationId.put(simulationId, world);
            worldById.put(world.worldId(), world);
            shard.worldCount.incrementAndGet();
            final SimulationStats stats = shard.tickAgent.tryAdd(simulationId, config.tickRateHz(), world);
            if (null == stats)
            {
                shard.worldCount.decrementAndGet();
                worldById.remove(world.worldId(), world);
                worldBySimulationId.remove(simulationId, world);
                throw new CreateFailure("server_busy");
            }
            world.stats(stats);
            isAdded = true;
            return world;
        }
        finally
        {
            if (!isAdded)
            {
                liveWorldCount.decrementAndGet();
                if (null != owned)
                {
                    owned.decrementAndGet();
                }
            }
        }
    }

    private static WorldConfig configOf(final WorldMode mode)
    {
        try
        {
            return mode.config();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("world mode {} has no config", mode, ex);
            return null;
        }
    }

    private WorldShard leastLoadedShard()
    {
        WorldShard best = shards[0];
        for (int i = 1; i < shards.length; i++)
        {
            if (shards[i].worldCount.get() < best.worldCount.get())
            {
                best = shards[i];
            }
        }
        return best;
    }

    private void publishJoin(
        final WorldInstance world,
        final PlayerState player,
        final ObjectNode joinCtx,
        final WorldReply reply,
        final String quickPlayMode,
        final int attempt)
    {
        final long requestId = nextRequestId.incrementAndGet();
        final PendingRequest request = new PendingRequest(
            WorldRecords.JOIN, player, world, reply, joinCtx, quickPlayMode, attempt);
        if (null != joinCtx)
        {
            final int ctxBytes;
            try
            {
                ctxBytes = Json.encode(joinCtx).length;
            }
            catch (final RuntimeException ex)
            {
                replyError(reply, "invalid_join_ctx", null);
                return;
            }
            if (ctxBytes > ctx.maxInputBytes())
            {
                replyError(reply, "invalid_join_ctx", null);
                return;
            }
        }
        if (!player.joining.compareAndSet(null, world))
        {
            replyError(reply, "already_in_world", null);
            return;
        }
        pendingRequests.put(requestId, request);
        if (!world.acquireRequest())
        {
            player.joining.compareAndSet(world, null);
            if (null != pendingRequests.remove(requestId))
            {
                joinFailed(request, "world_not_found", null);
            }
            return;
        }
        if (!world.shard.publish(world.simulationId, player.playerNo, WorldRecords.JOIN, requestId, Json.EMPTY, 0, 0))
        {
            world.releaseRequest();
            player.joining.compareAndSet(world, null);
            if (null != pendingRequests.remove(requestId))
            {
                replyError(reply, "server_busy", null);
            }
        }
    }

    private void publishLeave(final WorldInstance world, final PlayerState player, final WorldReply reply)
    {
        final long requestId = nextRequestId.incrementAndGet();
        final PendingRequest request = new PendingRequest(WorldRecords.LEAVE, player, world, reply, null, null, 0);
        pendingRequests.put(requestId, request);
        if (!world.acquireRequest())
        {
            if (null != pendingRequests.remove(requestId))
            {
                replyOk(reply, Json.WORLD_LEFT, Json.success());
            }
            return;
        }
        world.shard.publishReliable(world.simulationId, player.playerNo, WorldRecords.LEAVE, requestId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Restore and replay

    /** Builds a world for a re-simulation from its journaled identity. */
    interface WorldFactory
    {
        /**
         * @throws IllegalArgumentException if the mode is unknown or cannot build a world.
         */
        WorldInstance create(String worldId, String mode, long seed, String ownerId);
    }

    private WorldFactory factoryFor(final WorldShard shard, final long simulationId)
    {
        return (worldId, modeName, seed, ownerId) ->
        {
            final WorldMode mode = findMode(modeName);
            if (null == mode)
            {
                throw new IllegalArgumentException("world mode " + modeName + " is not loaded");
            }
            final WorldConfig config = configOf(mode);
            final String problem = null == config ? "config() returned null" : config.problem();
            if (null != problem)
            {
                throw new IllegalArgumentException("world mode " + modeName + ": " + problem);
            }
            final WorldLogic logic = mode.newWorld();
            return new WorldInstance(this, shard, simulationId, nextCreationSequence.incrementAndGet(), worldId,
                config, logic, WorldSchema.of(logic), seed, ownerId);
        };
    }

    /**
     * Bring back a world that was running when the process stopped: re-simulated from its newest snapshot and the
     * journal after it, put on the tick thread of the same number (or another one if there are fewer now), its
     * players detached until they reconnect.
     */
    private void restore(final io.asobi.persistence.SimulationJournalScan.Unfinished unfinished)
    {
        final io.asobi.persistence.SimulationSummary summary = unfinished.summary();
        final String name = null == summary.name() || summary.name().isEmpty() ?
            "simulation " + summary.simulationId() : summary.name();
        final long fromIndex = summary.lastSnapshotIndex() >= 0 ? summary.lastSnapshotIndex() : summary.startedIndex();
        if (fromIndex < 0)
        {
            LOG.error("world {} cannot be restored from {}: neither its start nor a snapshot is left", name,
                unfinished.dir());
            return;
        }
        final WorldShard shard = shards[unfinished.dirIndex() % shards.length];
        final WorldReplay replay = new WorldReplay(this, factoryFor(shard, summary.simulationId()),
            summary.simulationId(), summary.lastSnapshotIndex(), -1);
        try (io.asobi.persistence.SimulationJournalReader reader =
            io.asobi.persistence.SimulationJournalReader.open(unfinished.dir()))
        {
            reader.read(replay, fromIndex);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("world {} cannot be restored from {}", name, unfinished.dir(), ex);
            return;
        }
        if (!replay.isFound() || null != replay.failure() || replay.world().isFinished())
        {
            LOG.error("world {} cannot be restored from {}", name, unfinished.dir(), replay.failure());
            return;
        }
        final WorldInstance world = replay.world();
        if (worldById.containsKey(world.worldId()))
        {
            LOG.warn("world {} is journaled twice; restoring only the first", world.worldId());
            return;
        }
        if (replay.firstDivergentTick() >= 0)
        {
            LOG.warn("world {} ({}): re-simulation differs from the journal from tick {} (code changed?)",
                world.worldId(), world.config.name(), replay.firstDivergentTick());
        }
        final boolean isSameJournal = shard.index == unfinished.dirIndex();
        world.markRestored(ctx.reconnectGraceMs(), isSameJournal, summary.nextSequence(),
            Math.max(summary.lastTick(), summary.lastSnapshotTick()), summary.startedIndex(),
            summary.lastSnapshotIndex());
        liveWorldCount.incrementAndGet();
        if (null != world.ownerId)
        {
            ownedWorlds.computeIfAbsent(world.ownerId, id -> new AtomicInteger()).incrementAndGet();
        }
        worldBySimulationId.put(world.simulationId, world);
        worldById.put(world.worldId(), world);
        shard.worldCount.incrementAndGet();
        final SimulationStats stats = shard.tickAgent.tryAdd(world.simulationId, world.config.tickRateHz(), world);
        if (null == stats)
        {
            LOG.error("world {} not restored: tick thread {} control queue full", world.worldId(), shard.index);
            world.closeForShutdown();
            return;
        }
        world.stats(stats);
        LOG.info("world {} ({}) restored at tick {} with {} players to wait for", world.worldId(), world.config.name(),
            world.worldTick(), world.memberIds().size());
    }

    /**
     * Re-simulate one journaled world offline ({@code asobi replay --world}): from its newest snapshot at or before
     * {@code toTick} (or its start), through its journal, verifying each journaled tick's frames.
     *
     * @param dir          the {@code tick-N} journal directory holding it.
     * @param simulationId its simulation id there.
     * @param fromSnapshot whether to start from its newest snapshot (else from its start).
     * @param toTick       last tick to re-simulate, or -1 for the journal's end.
     * @return the replay, read to the end (or to {@code toTick}); check {@link WorldReplay#failure()}.
     */
    public WorldReplay replay(
        final java.nio.file.Path dir, final long simulationId, final boolean fromSnapshot, final long toTick)
    {
        final io.asobi.persistence.SimulationSummary summary;
        long snapshotIndex = -1;
        try (io.asobi.persistence.SimulationJournalReader reader =
            io.asobi.persistence.SimulationJournalReader.open(dir))
        {
            summary = reader.simulations().stream().filter(s -> s.simulationId() == simulationId).findFirst()
                .orElse(null);
            if (null != summary && fromSnapshot)
            {
                snapshotIndex = snapshotIndexAtOrBefore(reader, simulationId, toTick);
            }
        }
        final WorldReplay replay = new WorldReplay(this, factoryFor(shards[0], simulationId), simulationId,
            snapshotIndex, toTick);
        if (null == summary)
        {
            return replay;
        }
        try (io.asobi.persistence.SimulationJournalReader reader =
            io.asobi.persistence.SimulationJournalReader.open(dir))
        {
            reader.read(replay, snapshotIndex >= 0 ? snapshotIndex : summary.startedIndex());
        }
        if (toTick > 0)
        {
            replay.stepOnTo(Math.min(toTick, Math.max(replay.lastTick(), summary.lastTick())));
        }
        return replay;
    }

    private static long snapshotIndexAtOrBefore(
        final io.asobi.persistence.SimulationJournalReader reader, final long simulationId, final long toTick)
    {
        final long[] found = { -1 };
        reader.read(new io.asobi.persistence.SimulationRecordHandler()
        {
            public void onSnapshot(
                final long index, final long id, final long tick, final long nextSequence, final long codeHash,
                final int payloadVersion, final String appVersion, final long createdEpochMs,
                final org.agrona.DirectBuffer payload, final int offset, final int length)
            {
                if (id == simulationId && (toTick < 0 || tick <= toTick))
                {
                    found[0] = index;
                }
            }
        }, 0);
        return found[0];
    }

    /** The first journal index a live world of a shard still needs to be restored (tick thread of the shard). */
    long retainFromIndex(final WorldShard shard)
    {
        long index = Long.MAX_VALUE;
        for (final WorldInstance world : worldBySimulationId.values())
        {
            if (world.shard == shard)
            {
                index = Math.min(index, world.retainFromIndex());
            }
        }
        return index;
    }

    PlayerState playerState(final String playerId)
    {
        return player(playerId);
    }

    SnapshotWriter snapshotWriter(final WorldShard shard)
    {
        return shard.snapshotWriter;
    }

    long zoneSweepIntervalTicks(final WorldConfig config)
    {
        return Math.max(1, (ctx.zoneSweepIntervalMs() * config.tickRateHz() + 999) / 1000);
    }

    static void logJournalFailure(final long simulationId, final long tick, final Throwable ex)
    {
        LOG.error("world simulation {}: tick {} could not be journaled; its frames are dropped and the world ends",
            simulationId, tick, ex);
    }

    static void logDeferredFailure(final Throwable ex)
    {
        LOG.warn("a world reply failed", ex);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Called by worlds on their tick thread

    PendingRequest takePendingRequest(final long requestId)
    {
        return pendingRequests.remove(requestId);
    }

    /**
     * A join could not be applied; a find-or-create join tries another world (bounded), others are answered.
     */
    void joinFailed(final PendingRequest request, final String reason, final ObjectNode details)
    {
        if (null != request.quickPlayMode() && request.attempt() + 1 < MAX_QUICK_PLAY_ATTEMPTS && !isClosed &&
            ("world_full".equals(reason) || "world_not_found".equals(reason)))
        {
            findOrCreate(request.player(), request.quickPlayMode(), request.reply(), request.attempt() + 1);
            return;
        }
        replyError(request.reply(), reason, details);
    }

    long nextSimulationId()
    {
        return nextSimulationId.incrementAndGet();
    }

    void unregister(final WorldInstance world)
    {
        worldById.remove(world.worldId(), world);
    }

    void onReleased(final WorldInstance world)
    {
        if (worldBySimulationId.remove(world.simulationId, world))
        {
            world.shard.worldCount.decrementAndGet();
            liveWorldCount.decrementAndGet();
            if (null != world.ownerId)
            {
                final AtomicInteger owned = ownedWorlds.get(world.ownerId);
                if (null != owned)
                {
                    owned.decrementAndGet();
                }
            }
        }
        failRequestsFor(world);
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

    void sendTick(final String playerId, final byte[] jsonFrame, final byte[] binaryFrame)
    {
        try
        {
            outbound.sendTick(playerId, jsonFrame, binaryFrame);
        }
        catch (final Throwable ex)
        {
            LOG.warn("outbound sendTick to {} failed", playerId, ex);
        }
    }

    boolean wantsBinaryTicks(final String playerId)
    {
        try
        {
            return outbound.wantsBinaryTicks(playerId);
        }
        catch (final Throwable ex)
        {
            LOG.warn("outbound wantsBinaryTicks({}) failed", playerId, ex);
            return false;
        }
    }

    void replyOk(final WorldReply reply, final String type, final ObjectNode payload)
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

    void replyError(final WorldReply reply, final String reason, final ObjectNode details)
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

    private void onQuarantine(final long simulationId, final long tick, final Throwable cause)
    {
        final WorldInstance world = worldBySimulationId.get(simulationId);
        LOG.error("world simulation {} ({}) quarantined at tick {}: world finished", simulationId, world, tick, cause);
        if (null != world)
        {
            world.finish("crashed", true);
        }
    }

    private void failRequestsFor(final WorldInstance world)
    {
        for (final Map.Entry<Long, PendingRequest> entry : pendingRequests.entrySet())
        {
            final PendingRequest request = entry.getValue();
            if (request.target() == world && pendingRequests.remove(entry.getKey(), request))
            {
                if (WorldRecords.JOIN == request.type())
                {
                    request.player().joining.compareAndSet(world, null);
                    joinFailed(request, "world_not_found", null);
                }
                else
                {
                    replyOk(request.reply(), Json.WORLD_LEFT, Json.success());
                }
            }
        }
    }

    private WorldMode findMode(final String name)
    {
        if (null == name)
        {
            return null;
        }
        try
        {
            return modes.find(name);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("world modes lookup of {} failed", name, ex);
            return null;
        }
    }

    private boolean checkRequest(final String playerId, final WorldReply reply)
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
        if (null == playerId || playerId.isEmpty() || playerId.length() > ZoneContext.MAX_ID_LENGTH)
        {
            replyError(reply, "invalid_payload", null);
            return false;
        }
        return true;
    }

    /**
     * Why a world could not be created: a legacy reason for the reply.
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
     * Configuration of a {@link WorldRuntime}: fluent accessors, validated once by {@link #conclude()}.
     */
    public static final class Context
    {
        /** Default tick threads. */
        public static final int TICK_THREADS_DEFAULT = 1;
        /** Default node cap on live worlds ({@code world_max}). */
        public static final int WORLD_MAX_DEFAULT = 1000;
        /** Default cap on live worlds a player created ({@code world_max_per_player}). */
        public static final int WORLD_MAX_PER_PLAYER_DEFAULT = 5;
        /** Default largest input map. */
        public static final int MAX_INPUT_BYTES_DEFAULT = 8192;
        /** Default input ring capacity per tick thread. */
        public static final int INPUT_RING_CAPACITY_DEFAULT = 4096;
        /** Default control queue capacity per tick thread (zone creations and removals). */
        public static final int CONTROL_QUEUE_CAPACITY_DEFAULT = 4096;
        /** Default bound on the input bytes one zone stages per tick. */
        public static final int MAX_STAGED_INPUT_BYTES_DEFAULT = 256 * 1024;
        /** Default largest grid whose zones are all created with the world (larger grids are lazy). */
        public static final int EAGER_GRID_SIZE_MAX_DEFAULT = 10;
        /** Default cap on live zones per world. */
        public static final int MAX_ZONES_PER_WORLD_DEFAULT = 10_000;
        /** Default divisor of a cold zone's step rate. */
        public static final int COLD_TICK_DIVISOR_DEFAULT = 10;
        /** Default time an idle zone of a lazy world lives on. */
        public static final long ZONE_IDLE_REAP_MS_DEFAULT = 30_000;
        /** Default interval between two idle-zone sweeps. */
        public static final long ZONE_SWEEP_INTERVAL_MS_DEFAULT = 10_000;
        /** Default resyncs per player per window. */
        public static final int RESYNC_LIMIT_DEFAULT = 2;
        /** Default resync window per player. */
        public static final long RESYNC_WINDOW_MS_DEFAULT = 10_000;
        /** Default resyncs per second on the node. */
        public static final int RESYNC_GLOBAL_PER_SECOND_DEFAULT = 20;
        /** Default initial entity capacity of a zone's ECS world. */
        public static final int ZONE_ENTITY_CAPACITY_DEFAULT = 64;
        /** Default zone changes per player per second (Asobi's {@code rehome} limit). */
        public static final int REHOME_PER_PLAYER_PER_SECOND_DEFAULT = 5;
        /** Default zone changes of players per world per second. */
        public static final int REHOME_PER_WORLD_PER_SECOND_DEFAULT = 200;
        /** Default largest journal document of one world tick (inputs past three quarters of it are dropped). */
        public static final int JOURNAL_MAX_TICK_BYTES_DEFAULT = 8 * 1024 * 1024;
        /** Default world ticks between two snapshots of a journaled world. */
        public static final int SNAPSHOT_INTERVAL_TICKS_DEFAULT = 300;
        /** Default time the players of a world restored after a restart have to reconnect. */
        public static final long RECONNECT_GRACE_MS_DEFAULT = 60_000;

        private boolean isConcluded;
        private WorldModes worldModes;
        private WorldOutbound outbound;
        private ZoneSubscriptionListener subscriptionListener = ZoneSubscriptionListener.NONE;
        private int tickThreads = TICK_THREADS_DEFAULT;
        private boolean cpuAffinity;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private int worldMax = WORLD_MAX_DEFAULT;
        private int worldMaxPerPlayer = WORLD_MAX_PER_PLAYER_DEFAULT;
        private int maxInputBytes = MAX_INPUT_BYTES_DEFAULT;
        private int inputRingCapacity = INPUT_RING_CAPACITY_DEFAULT;
        private int controlQueueCapacity = CONTROL_QUEUE_CAPACITY_DEFAULT;
        private int maxStagedInputBytes = MAX_STAGED_INPUT_BYTES_DEFAULT;
        private int eagerGridSizeMax = EAGER_GRID_SIZE_MAX_DEFAULT;
        private int maxZonesPerWorld = MAX_ZONES_PER_WORLD_DEFAULT;
        private int coldTickDivisor = COLD_TICK_DIVISOR_DEFAULT;
        private long zoneIdleReapMs = ZONE_IDLE_REAP_MS_DEFAULT;
        private long zoneSweepIntervalMs = ZONE_SWEEP_INTERVAL_MS_DEFAULT;
        private int resyncLimit = RESYNC_LIMIT_DEFAULT;
        private long resyncWindowMs = RESYNC_WINDOW_MS_DEFAULT;
        private int resyncGlobalPerSecond = RESYNC_GLOBAL_PER_SECOND_DEFAULT;
        private int zoneEntityCapacity = ZONE_ENTITY_CAPACITY_DEFAULT;
        private java.nio.file.Path journalDir;
        private io.asobi.persistence.JournalRollCycle journalRollCycle = io.asobi.persistence.JournalRollCycle.DAILY;
        private int snapshotIntervalTicks = SNAPSHOT_INTERVAL_TICKS_DEFAULT;
        private long journalRetentionMs;
        private int journalMaxTickBytes = JOURNAL_MAX_TICK_BYTES_DEFAULT;
        private int rehomePerPlayerPerSecond = REHOME_PER_PLAYER_PER_SECOND_DEFAULT;
        private int rehomePerWorldPerSecond = REHOME_PER_WORLD_PER_SECOND_DEFAULT;
        private long reconnectGraceMs = RECONNECT_GRACE_MS_DEFAULT;
        private String appVersion;
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
            requireNonNull(worldModes, "worldModes");
            requireNonNull(outbound, "outbound");
            requireNonNull(subscriptionListener, "subscriptionListener");
            requireNonNull(nanoClock, "nanoClock");
            requireNonNull(epochClock, "epochClock");
            requireRange("tickThreads", tickThreads, 1, 256);
            requireRange("worldMax", worldMax, 1, Integer.MAX_VALUE);
            requireRange("worldMaxPerPlayer", worldMaxPerPlayer, 1, Integer.MAX_VALUE);
            requireRange("maxInputBytes", maxInputBytes, 1,
                TickAgent.Context.MAX_INPUT_BYTES_LIMIT - WorldRecords.HEADER_BYTES);
            if (inputRingCapacity < 2 || Integer.bitCount(inputRingCapacity) != 1)
            {
                throw new IllegalArgumentException(
                    "inputRingCapacity must be a power of two >= 2: " + inputRingCapacity);
            }
            requireRange("controlQueueCapacity", controlQueueCapacity, 2, 1 << 20);
            requireRange("maxStagedInputBytes", maxStagedInputBytes, maxInputBytes + 12, 1 << 30);
            requireRange("eagerGridSizeMax", eagerGridSizeMax, 0, 32);
            requireRange("maxZonesPerWorld", maxZonesPerWorld, 1, 1 << 20);
            requireRange("coldTickDivisor", coldTickDivisor, 1, 1000);
            requireRange("zoneIdleReapMs", zoneIdleReapMs, 0, 86_400_000);
            requireRange("zoneSweepIntervalMs", zoneSweepIntervalMs, 1, 86_400_000);
            requireRange("resyncLimit", resyncLimit, 1, 1000);
            requireRange("resyncWindowMs", resyncWindowMs, 1, 3_600_000);
            requireRange("resyncGlobalPerSecond", resyncGlobalPerSecond, 1, 1_000_000);
            requireRange("zoneEntityCapacity", zoneEntityCapacity, 1, 1 << 24);
            requireNonNull(journalRollCycle, "journalRollCycle");
            requireRange("snapshotIntervalTicks", snapshotIntervalTicks, 0, Integer.MAX_VALUE);
            requireRange("journalRetentionMs", journalRetentionMs, 0, Long.MAX_VALUE);
            requireRange("journalMaxTickBytes", journalMaxTickBytes, 64 * 1024,
                io.asobi.persistence.Journal.Context.MAX_RECORD_BYTES_LIMIT);
            requireRange("rehomePerPlayerPerSecond", rehomePerPlayerPerSecond, 1, 1_000_000);
            requireRange("rehomePerWorldPerSecond", rehomePerWorldPerSecond, 1, 1_000_000);
            requireRange("reconnectGraceMs", reconnectGraceMs, -1, Long.MAX_VALUE);
            if (null == appVersion)
            {
                final String version = WorldRuntime.class.getPackage().getImplementationVersion();
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
                errorHandler = ex -> LOG.error("world runtime error", ex);
            }
            isConcluded = true;
            return this;
        }

        private static void requireNonNull(final Object value, final String name)
        {
            if (null == value)
            {
                throw new IllegalArgumentException(name + " is required");
            }
        }

        private static void requireRange(final String name, final long value, final long min, final long max)
        {
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
            }
        }

        /**
         * @return whether {@link #conclude()} has run.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * @return the modes offered; required.
         */
        public WorldModes worldModes()
        {
            return worldModes;
        }

        /**
         * @param worldModes the modes offered.
         * @return this for a fluent API.
         */
        public Context worldModes(final WorldModes worldModes)
        {
            this.worldModes = worldModes;
            return this;
        }

        /**
         * @return where server pushes go (the gateway); required.
         */
        public WorldOutbound outbound()
        {
            return outbound;
        }

        /**
         * @param outbound where server pushes go.
         * @return this for a fluent API.
         */
        public Context outbound(final WorldOutbound outbound)
        {
            this.outbound = outbound;
            return this;
        }

        /**
         * @return told of ring changes (terrain streaming); default {@link ZoneSubscriptionListener#NONE}.
         */
        public ZoneSubscriptionListener subscriptionListener()
        {
            return subscriptionListener;
        }

        /**
         * @param subscriptionListener told of ring changes.
         * @return this for a fluent API.
         */
        public Context subscriptionListener(final ZoneSubscriptionListener subscriptionListener)
        {
            this.subscriptionListener = subscriptionListener;
            return this;
        }

        /**
         * @return tick threads hosting the worlds; default {@value #TICK_THREADS_DEFAULT}.
         */
        public int tickThreads()
        {
            return tickThreads;
        }

        /**
         * @param tickThreads tick threads, 1..256.
         * @return this for a fluent API.
         */
        public Context tickThreads(final int tickThreads)
        {
            this.tickThreads = tickThreads;
            return this;
        }

        /**
         * @return whether tick threads are pinned to CPUs.
         */
        public boolean cpuAffinity()
        {
            return cpuAffinity;
        }

        /**
         * @param cpuAffinity pin tick thread i to CPU i modulo the CPU count.
         * @return this for a fluent API.
         */
        public Context cpuAffinity(final boolean cpuAffinity)
        {
            this.cpuAffinity = cpuAffinity;
            return this;
        }

        /**
         * @return the monotonic clock of tick schedules, grace periods and rate limits.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * @param nanoClock the monotonic clock.
         * @return this for a fluent API.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * @return the wall clock of {@code started_at} and world ids.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }

        /**
         * @param epochClock the wall clock.
         * @return this for a fluent API.
         */
        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * @return node cap on live worlds; default {@value #WORLD_MAX_DEFAULT}.
         */
        public int worldMax()
        {
            return worldMax;
        }

        /**
         * @param worldMax node cap on live worlds.
         * @return this for a fluent API.
         */
        public Context worldMax(final int worldMax)
        {
            this.worldMax = worldMax;
            return this;
        }

        /**
         * @return cap on live worlds created by one player; default {@value #WORLD_MAX_PER_PLAYER_DEFAULT}.
         */
        public int worldMaxPerPlayer()
        {
            return worldMaxPerPlayer;
        }

        /**
         * @param worldMaxPerPlayer cap on live worlds created by one player.
         * @return this for a fluent API.
         */
        public Context worldMaxPerPlayer(final int worldMaxPerPlayer)
        {
            this.worldMaxPerPlayer = worldMaxPerPlayer;
            return this;
        }

        /**
         * @return largest input map (and join context) in bytes; default {@value #MAX_INPUT_BYTES_DEFAULT}.
         */
        public int maxInputBytes()
        {
            return maxInputBytes;
        }

        /**
         * @param maxInputBytes largest input map in bytes.
         * @return this for a fluent API.
         */
        public Context maxInputBytes(final int maxInputBytes)
        {
            this.maxInputBytes = maxInputBytes;
            return this;
        }

        /**
         * @return input ring capacity per tick thread (a power of two).
         */
        public int inputRingCapacity()
        {
            return inputRingCapacity;
        }

        /**
         * @param inputRingCapacity input ring capacity per tick thread.
         * @return this for a fluent API.
         */
        public Context inputRingCapacity(final int inputRingCapacity)
        {
            this.inputRingCapacity = inputRingCapacity;
            return this;
        }

        /**
         * @return control queue capacity per tick thread.
         */
        public int controlQueueCapacity()
        {
            return controlQueueCapacity;
        }

        /**
         * @param controlQueueCapacity control queue capacity per tick thread.
         * @return this for a fluent API.
         */
        public Context controlQueueCapacity(final int controlQueueCapacity)
        {
            this.controlQueueCapacity = controlQueueCapacity;
            return this;
        }

        /**
         * @return input bytes one zone stages per tick; the excess is dropped and counted.
         */
        public int maxStagedInputBytes()
        {
            return maxStagedInputBytes;
        }

        /**
         * @param maxStagedInputBytes input bytes one zone stages per tick.
         * @return this for a fluent API.
         */
        public Context maxStagedInputBytes(final int maxStagedInputBytes)
        {
            this.maxStagedInputBytes = maxStagedInputBytes;
            return this;
        }

        /**
         * @return largest grid whose zones are all created with the world; larger grids are lazy.
         */
        public int eagerGridSizeMax()
        {
            return eagerGridSizeMax;
        }

        /**
         * @param eagerGridSizeMax largest eager grid, 0..32 (0: every world is lazy).
         * @return this for a fluent API.
         */
        public Context eagerGridSizeMax(final int eagerGridSizeMax)
        {
            this.eagerGridSizeMax = eagerGridSizeMax;
            return this;
        }

        /**
         * @return cap on live zones per world.
         */
        public int maxZonesPerWorld()
        {
            return maxZonesPerWorld;
        }

        /**
         * @param maxZonesPerWorld cap on live zones per world.
         * @return this for a fluent API.
         */
        public Context maxZonesPerWorld(final int maxZonesPerWorld)
        {
            this.maxZonesPerWorld = maxZonesPerWorld;
            return this;
        }

        /**
         * @return a cold zone steps every this many ticks.
         */
        public int coldTickDivisor()
        {
            return coldTickDivisor;
        }

        /**
         * @param coldTickDivisor a cold zone steps every this many ticks.
         * @return this for a fluent API.
         */
        public Context coldTickDivisor(final int coldTickDivisor)
        {
            this.coldTickDivisor = coldTickDivisor;
            return this;
        }

        /**
         * @return how long an idle zone (no entities, no subscribers) of a lazy world lives on.
         */
        public long zoneIdleReapMs()
        {
            return zoneIdleReapMs;
        }

        /**
         * @param zoneIdleReapMs idle-zone lifetime.
         * @return this for a fluent API.
         */
        public Context zoneIdleReapMs(final long zoneIdleReapMs)
        {
            this.zoneIdleReapMs = zoneIdleReapMs;
            return this;
        }

        /**
         * @return interval between two idle-zone sweeps of a lazy world.
         */
        public long zoneSweepIntervalMs()
        {
            return zoneSweepIntervalMs;
        }

        /**
         * @param zoneSweepIntervalMs interval between sweeps.
         * @return this for a fluent API.
         */
        public Context zoneSweepIntervalMs(final long zoneSweepIntervalMs)
        {
            this.zoneSweepIntervalMs = zoneSweepIntervalMs;
            return this;
        }

        /**
         * @return resyncs one player may ask for per {@link #resyncWindowMs()}.
         */
        public int resyncLimit()
        {
            return resyncLimit;
        }

        /**
         * @param resyncLimit resyncs per player per window.
         * @return this for a fluent API.
         */
        public Context resyncLimit(final int resyncLimit)
        {
            this.resyncLimit = resyncLimit;
            return this;
        }

        /**
         * @return the per-player resync window.
         */
        public long resyncWindowMs()
        {
            return resyncWindowMs;
        }

        /**
         * @param resyncWindowMs the per-player resync window.
         * @return this for a fluent API.
         */
        public Context resyncWindowMs(final long resyncWindowMs)
        {
            this.resyncWindowMs = resyncWindowMs;
            return this;
        }

        /**
         * @return resyncs per second on the node.
         */
        public int resyncGlobalPerSecond()
        {
            return resyncGlobalPerSecond;
        }

        /**
         * @param resyncGlobalPerSecond resyncs per second on the node.
         * @return this for a fluent API.
         */
        public Context resyncGlobalPerSecond(final int resyncGlobalPerSecond)
        {
            this.resyncGlobalPerSecond = resyncGlobalPerSecond;
            return this;
        }

        /**
         * @return initial entity capacity of a zone's ECS world.
         */
        public int zoneEntityCapacity()
        {
            return zoneEntityCapacity;
        }

        /**
         * @param zoneEntityCapacity initial entity capacity of a zone's ECS world.
         * @return this for a fluent API.
         */
        public Context zoneEntityCapacity(final int zoneEntityCapacity)
        {
            this.zoneEntityCapacity = zoneEntityCapacity;
            return this;
        }

        /**
         * @return where each tick thread journals its worlds ({@code <journalDir>/tick-N}), or null not to journal.
         */
        public java.nio.file.Path journalDir()
        {
            return journalDir;
        }

        /**
         * Journal every world (one simulation per world, kind {@code ZONE}: its joins, leaves, connects, detaches
         * and inputs, one document per tick that applied one or encoded a frame, and snapshots), so worlds that did
         * not end come back after a restart. A tick's frames and replies leave once its document is journaled.
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
         * @return how often the world journals start a new file.
         */
        public io.asobi.persistence.JournalRollCycle journalRollCycle()
        {
            return journalRollCycle;
        }

        /**
         * @param journalRollCycle how often the world journals start a new file.
         * @return this for a fluent API.
         */
        public Context journalRollCycle(final io.asobi.persistence.JournalRollCycle journalRollCycle)
        {
            this.journalRollCycle = journalRollCycle;
            return this;
        }

        /**
         * @return zone changes allowed per player per second of world ticks.
         */
        public int rehomePerPlayerPerSecond()
        {
            return rehomePerPlayerPerSecond;
        }

        /**
         * @param rehomePerPlayerPerSecond zone changes allowed per player per second of world ticks (Asobi: 5); a
         *                                 player past its zone's edge over the limit stays and is retried next tick.
         * @return this for a fluent API.
         */
        public Context rehomePerPlayerPerSecond(final int rehomePerPlayerPerSecond)
        {
            this.rehomePerPlayerPerSecond = rehomePerPlayerPerSecond;
            return this;
        }

        /**
         * @return zone changes of players allowed per world per second of world ticks.
         */
        public int rehomePerWorldPerSecond()
        {
            return rehomePerWorldPerSecond;
        }

        /**
         * @param rehomePerWorldPerSecond zone changes of players allowed per world per second of world ticks (Asobi
         *                                has 200/s per node; per world keeps replays exact).
         * @return this for a fluent API.
         */
        public Context rehomePerWorldPerSecond(final int rehomePerWorldPerSecond)
        {
            this.rehomePerWorldPerSecond = rehomePerWorldPerSecond;
            return this;
        }

        /**
         * @return the largest journal document of one world tick.
         */
        public int journalMaxTickBytes()
        {
            return journalMaxTickBytes;
        }

        /**
         * @param journalMaxTickBytes the largest journal document of one world tick; inputs that would take its
         *                            records past three quarters of it are dropped (a late or flooded world) so the
         *                            tick can always be journaled.
         * @return this for a fluent API.
         */
        public Context journalMaxTickBytes(final int journalMaxTickBytes)
        {
            this.journalMaxTickBytes = journalMaxTickBytes;
            return this;
        }

        /**
         * @return age after which world journal files are deleted (unless a live world still needs them), 0 to keep
         * them.
         */
        public long journalRetentionMs()
        {
            return journalRetentionMs;
        }

        /**
         * @param journalRetentionMs world journal files whose roll cycle ended longer ago than this are deleted about
         *                           once a minute, except those a live world needs to be restored (its newest
         *                           snapshot, else its start) and the newest; 0 keeps everything (the default).
         * @return this for a fluent API.
         */
        public Context journalRetentionMs(final long journalRetentionMs)
        {
            this.journalRetentionMs = journalRetentionMs;
            return this;
        }

        /**
         * @return world ticks between two snapshots of a journaled world, 0 for none.
         */
        public int snapshotIntervalTicks()
        {
            return snapshotIntervalTicks;
        }

        /**
         * @param snapshotIntervalTicks world ticks between two snapshots (taken only if something was journaled
         *                              since the last one), 0 for none.
         * @return this for a fluent API.
         */
        public Context snapshotIntervalTicks(final int snapshotIntervalTicks)
        {
            this.snapshotIntervalTicks = snapshotIntervalTicks;
            return this;
        }

        /**
         * @return how long the players of a world restored after a restart have to reconnect, -1 for ever.
         */
        public long reconnectGraceMs()
        {
            return reconnectGraceMs;
        }

        /**
         * @param reconnectGraceMs how long the players of a restored world have to reconnect (the world's own
         *                         {@code player_ttl_ms} applies if longer), -1 for ever.
         * @return this for a fluent API.
         */
        public Context reconnectGraceMs(final long reconnectGraceMs)
        {
            this.reconnectGraceMs = reconnectGraceMs;
            return this;
        }

        /**
         * @return the application version journaled with snapshots.
         */
        public String appVersion()
        {
            return appVersion;
        }

        /**
         * @param appVersion the application version journaled with snapshots (default: the jar's, else "dev").
         * @return this for a fluent API.
         */
        public Context appVersion(final String appVersion)
        {
            this.appVersion = appVersion;
            return this;
        }

        /**
         * @return world id generator; default UUIDv7 from the epoch clock.
         */
        public Supplier<String> idGenerator()
        {
            return idGenerator;
        }

        /**
         * @param idGenerator world id generator.
         * @return this for a fluent API.
         */
        public Context idGenerator(final Supplier<String> idGenerator)
        {
            this.idGenerator = idGenerator;
            return this;
        }

        /**
         * @return seed generator of new worlds; default a {@link SecureRandom}.
         */
        public LongSupplier seedGenerator()
        {
            return seedGenerator;
        }

        /**
         * @param seedGenerator seed generator of new worlds.
         * @return this for a fluent API.
         */
        public Context seedGenerator(final LongSupplier seedGenerator)
        {
            this.seedGenerator = seedGenerator;
            return this;
        }

        /**
         * @return whether the caller drives the agents with {@link WorldRuntime#doWork()} (tests) instead of threads.
         */
        public boolean invokerMode()
        {
            return invokerMode;
        }

        /**
         * @param invokerMode drive the agents by hand.
         * @return this for a fluent API.
         */
        public Context invokerMode(final boolean invokerMode)
        {
            this.invokerMode = invokerMode;
            return this;
        }

        /**
         * @return idle strategy of each tick thread.
         */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /**
         * @param idleStrategySupplier idle strategy of each tick thread.
         * @return this for a fluent API.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
        {
            this.idleStrategySupplier = idleStrategySupplier;
            return this;
        }

        /**
         * @return where agent errors go.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * @param errorHandler where agent errors go.
         * @return this for a fluent API.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }
}

package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.Simulation;
import io.asobi.ecs.tick.SimulationStats;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One world: the control {@link Simulation} on its shard's tick thread (joins, leaves, connects, disconnects,
 * resyncs, reconnect grace, zone reaping, the empty-world lifecycle), the owner of its zones
 * ({@link ZoneInstance}s, each a simulation of its own on the same tick thread), and the {@link WorldContext} of its
 * logic.
 * <p>
 * Inputs arrive through the ring addressed to the world and are staged straight into the zone that owns the
 * player's entity at that moment; control records are staged and applied, in ring order, at the world's next step.
 * <p>
 * Interest: a member is subscribed to the {@code (2r+1)²} zones around the zone owning its entity ({@link #rehome}).
 * A newly covered zone sends its keyframe (unless it never sent a frame: then there is nothing a client could hold
 * stale, and its first delta is contiguous from nothing); a zone leaving the ring sends the leave-removal frame if
 * the subscriber holds entities of it.
 * <p>
 * <b>Note:</b> created on any thread, then used on its tick thread only, except {@link #view()},
 * {@link #acquireRequest()}, {@link #releaseRequest()} and {@link #isRemoving()}.
 */
final class WorldInstance implements Simulation, WorldContext
{
    private static final Logger LOG = LoggerFactory.getLogger(WorldInstance.class);

    final WorldRuntime runtime;
    final WorldShard shard;
    final long simulationId;
    final long creationSequence;
    final WorldConfig config;
    final WorldLogic logic;
    final WorldSchema schema;
    final String ownerId;
    final long startedAtMs;
    final double rehomeMargin;
    final FrameEncoder encoder = new FrameEncoder();
    private final String worldId;
    private final long seed;
    private final boolean isLazy;
    private final ZoneSubscriptionListener listener;

    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private volatile boolean isRemoving;
    private volatile WorldView view = new WorldView(WorldView.RUNNING, 0);
    private volatile SimulationStats stats;

    private final Long2ObjectHashMap<ZoneInstance> zones = new Long2ObjectHashMap<>();
    private final Long2LongHashMap retiredFrameSeqs = new Long2LongHashMap(0);
    private final ArrayList<ZoneInstance> zoneList = new ArrayList<>();
    private final ArrayList<Member> members = new ArrayList<>();
    private final HashMap<String, Member> memberById = new HashMap<>();
    private final Long2ObjectHashMap<Member> memberByNo = new Long2ObjectHashMap<>();
    private final HashMap<String, ZoneInstance> zoneOfEntity = new HashMap<>();
    private final LongArrayList stagedControls = new LongArrayList();
    private final ArrayList<ZoneInstance> ringScratch = new ArrayList<>();
    private final LogLimiter logicErrors;
    /** Terrain streaming, or null in a world without terrain. */
    final TerrainStreamer terrain;

    private ObjectNode requestedResult;
    private boolean isInitialised;
    private boolean isFinished;
    private long emptySinceNs = Long.MIN_VALUE;
    private long nextSweepNs;
    private int detachedCount;
    private long controlTicks;
    long encodedFrames;

    WorldInstance(
        final WorldRuntime runtime,
        final WorldShard shard,
        final long simulationId,
        final long creationSequence,
        final String worldId,
        final WorldConfig config,
        final WorldLogic logic,
        final WorldSchema schema,
        final long seed,
        final String ownerId)
    {
        this.runtime = runtime;
        this.shard = shard;
        this.simulationId = simulationId;
        this.creationSequence = creationSequence;
        this.worldId = worldId;
        this.config = config;
        this.logic = logic;
        this.schema = schema;
        this.seed = seed;
        this.ownerId = ownerId;
        this.startedAtMs = runtime.context().epochClock().time();
        this.rehomeMargin = WorldRuntime.REHOME_MARGIN * config.zoneSize();
        this.isLazy = config.gridSize() > runtime.context().eagerGridSizeMax();
        this.listener = runtime.context().subscriptionListener();
        this.logicErrors = new LogLimiter(LOG, runtime.context().nanoClock());
        this.terrain = null == config.terrain() ? null : new TerrainStreamer(this, config.terrain());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Any thread

    WorldView view()
    {
        return view;
    }

    boolean acquireRequest()
    {
        requestsInFlight.incrementAndGet();
        if (isRemoving)
        {
            requestsInFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void releaseRequest()
    {
        requestsInFlight.decrementAndGet();
    }

    boolean isRemoving()
    {
        return isRemoving;
    }

    void stats(final SimulationStats stats)
    {
        this.stats = stats;
    }

    SimulationStats stats()
    {
        return stats;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Simulation

    public void onInput(
        final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (isFinished)
        {
            return;
        }
        if (WorldRecords.INPUT == inputType)
        {
            final Member member = memberByNo.get(sourceId);
            if (null != member && !member.isDetached && null != member.zone)
            {
                member.zone.stageInput(member, WorldRecords.value(buffer, offset), buffer,
                    offset + WorldRecords.HEADER_BYTES, length - WorldRecords.HEADER_BYTES);
            }
            return;
        }
        stagedControls.addLong(inputType);
        stagedControls.addLong(sourceId);
        stagedControls.addLong(WorldRecords.value(buffer, offset));
    }

    public void onTick(final long tick)
    {
        if (isFinished)
        {
            return;
        }
        if (!isInitialised)
        {
            initialise();
            if (isFinished)
            {
                return;
            }
        }
        if (null != terrain)
        {
            terrain.beginStep(); // terrain hook: renews the per-tick edit budget and the step's edit list
        }
        for (int i = 0, n = stagedControls.size(); i < n; i += 3)
        {
            applyControl((int)stagedControls.getLong(i), stagedControls.getLong(i + 1), stagedControls.getLong(i + 2));
        }
        stagedControls.clear();
        try
        {
            logic.postTick(tick);
        }
        catch (final RuntimeException ex)
        {
            logicError("postTick", ex);
        }

        final long nowNs = runtime.context().nanoClock().nanoTime();
        if (detachedCount > 0)
        {
            expireDetached(nowNs);
        }
        if (isLazy && nowNs - nextSweepNs >= 0)
        {
            nextSweepNs = nowNs + runtime.zoneSweepIntervalNs;
            reapIdleZones(nowNs);
        }
        if (null != terrain && 0 == controlTicks++ % config.broadcastInterval())
        {
            streamTerrain();
        }
        checkEmpty(nowNs);
        if (null != requestedResult && !isFinished)
        {
            finish(requestedResult, true);
            return;
        }
        publishView();
    }

    private void streamTerrain()
    {
        terrain.beginTick();
        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            final ZoneInstance zone = member.zone;
            if (member.isDetached || member.isRemoved || null == zone || !zone.entities().isAlive(member.entity))
            {
                continue;
            }
            try
            {
                terrain.stream(member, zone.entities().get(member.entity, zone.positionX()),
                    zone.entities().get(member.entity, zone.positionY()));
            }
            catch (final RuntimeException ex)
            {
                logicError("terrain stream", ex);
            }
        }
    }

    private void initialise()
    {
        isInitialised = true;
        nextSweepNs = runtime.context().nanoClock().nanoTime() + runtime.zoneSweepIntervalNs;
        if (!isLazy)
        {
            for (int y = 0; y < config.gridSize(); y++)
            {
                for (int x = 0; x < config.gridSize(); x++)
                {
                    ensureZone(x, y);
                }
            }
        }
        try
        {
            logic.init(this);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("world {} ({}): init failed", worldId, config.name(), ex);
            finish("crashed", true);
        }
    }

    private void applyControl(final int type, final long playerNo, final long value)
    {
        switch (type)
        {
            case WorldRecords.JOIN -> applyJoin(value);
            case WorldRecords.LEAVE -> applyLeave(playerNo, value);
            case WorldRecords.CONNECT -> applyConnect(playerNo);
            case WorldRecords.DISCONNECT -> applyDisconnect(playerNo);
            case WorldRecords.RESYNC -> applyResync(playerNo, value);
            default -> LOG.warn("world {}: unknown record type {}", worldId, type);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Joins and leaves

    private void applyJoin(final long requestId)
    {
        final PendingRequest request = runtime.takePendingRequest(requestId);
        if (null == request)
        {
            return;
        }
        try
        {
            join(request);
        }
        finally
        {
            releaseRequest();
        }
    }

    private void join(final PendingRequest request)
    {
        final PlayerState player = request.player();
        final String playerId = player.id;
        if (isFinished)
        {
            player.joining.compareAndSet(this, null);
            runtime.joinFailed(request, "world_not_found", null);
            return;
        }
        final WorldInstance current = player.world.get();
        if (null != current || memberById.containsKey(playerId))
        {
            player.joining.compareAndSet(this, null);
            runtime.joinFailed(request, "already_in_world", null);
            return;
        }
        if (members.size() >= config.maxPlayers())
        {
            player.joining.compareAndSet(this, null);
            runtime.joinFailed(request, "world_full", null);
            return;
        }
        if (zoneOfEntity.containsKey(playerId))
        {
            LOG.warn("world {}: player id {} is already an entity id", worldId, playerId);
            player.joining.compareAndSet(this, null);
            runtime.joinFailed(request, "internal", null);
            return;
        }

        final String refusal;
        final Position spawn;
        try
        {
            refusal = logic.join(playerId, request.ctx());
            spawn = null == refusal ? logic.spawnPosition(playerId) : null;
        }
        catch (final RuntimeException ex)
        {
            logicError("join", ex);
            player.joining.compareAndSet(this, null);
            runtime.joinFailed(request, "internal", null);
            return;
        }
        if (null != refusal)
        {
            player.joining.compareAndSet(this, null);
            runtime.joinFailed(request, "join_refused", Json.object().put("refused_reason", refusal));
            return;
        }
        final double x = null == spawn ? 0 : spawn.x();
        final double y = null == spawn ? 0 : spawn.y();
        final ZoneInstance zone = zoneAt(x, y);
        if (null == zone || !player.world.compareAndSet(null, this))
        {
            leaveLogic(playerId);
            player.joining.compareAndSet(this, null);
            runtime.joinFailed(request, null == zone ? "zone_unavailable" : "already_in_world", null);
            return;
        }

        final Member member = new Member(player);
        member.terrainStream = null == terrain ? null : terrain.newStream();
        member.zone = zone;
        member.entity = zone.spawnEntity(playerId, 0, x, y);
        members.add(member);
        memberById.put(playerId, member);
        memberByNo.put(player.playerNo, member);
        zoneOfEntity.put(playerId, zone);
        player.joining.compareAndSet(this, null);
        try
        {
            logic.playerSpawned(zone, member.entity, playerId);
        }
        catch (final RuntimeException ex)
        {
            logicError("playerSpawned", ex);
        }
        emptySinceNs = Long.MIN_VALUE;
        publishView();
        runtime.replyOk(request.reply(), Json.WORLD_JOINED, joinedPayload());
        rehome(member);
    }

    ObjectNode joinedPayload()
    {
        final ObjectNode payload = Json.object();
        payload.put("world_id", worldId);
        payload.put("mode", config.name());
        payload.put("status", WorldView.RUNNING);
        payload.put("player_count", members.size());
        payload.put("max_players", config.maxPlayers());
        payload.put("grid_size", config.gridSize());
        payload.put("zone_size", config.zoneSize());
        payload.put("view_radius", config.viewRadius());
        payload.put("started_at", Json.iso(startedAtMs));
        payload.put("listed", config.listed());
        payload.put("quick_play", config.quickPlay());
        final List<String> ids = new ArrayList<>(members.size());
        for (final Member member : members)
        {
            ids.add(member.id);
        }
        payload.set("players", Json.array(ids));
        return payload;
    }

    private void applyLeave(final long playerNo, final long requestId)
    {
        final PendingRequest request = 0 == requestId ? null : runtime.takePendingRequest(requestId);
        try
        {
            final Member member = memberByNo.get(playerNo);
            if (null != member)
            {
                removeMember(member);
            }
            if (null != request)
            {
                runtime.replyOk(request.reply(), Json.WORLD_LEFT, Json.success());
            }
        }
        finally
        {
            if (null != request)
            {
                releaseRequest();
            }
        }
    }

    private void applyDisconnect(final long playerNo)
    {
        final Member member = memberByNo.get(playerNo);
        if (null == member || member.isDetached)
        {
            return;
        }
        if (0 == config.playerTtlMs())
        {
            removeMember(member);
            return;
        }
        member.isDetached = true;
        detachedCount++;
        member.detachDeadlineNs = config.playerTtlMs() < 0 ? Long.MAX_VALUE :
            runtime.context().nanoClock().nanoTime() + config.playerTtlMs() * 1_000_000L;
        unsubscribeAll(member, false);
    }

    public void broadcastFrame(final byte[] frame)
    {
        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            if (!member.isDetached && !member.isRemoved)
            {
                runtime.send(member.id, frame);
            }
        }
    }

    public void sendFrame(final String playerId, final byte[] frame)
    {
        final Member member = memberById.get(playerId);
        if (null != member && !member.isDetached && !member.isRemoved)
        {
            runtime.send(member.id, frame);
        }
    }

    private void applyConnect(final long playerNo)
    {
        final Member member = memberByNo.get(playerNo);
        if (null == member || !member.isDetached)
        {
            return;
        }
        member.isDetached = false;
        member.detachDeadlineNs = Long.MAX_VALUE;
        detachedCount--;
        member.pendingAckSeq = Math.max(member.pendingAckSeq, member.lastAckedSeq);
        if (null != member.terrainStream)
        {
            member.terrainStream.reset();
        }
        runtime.send(member.id, Json.frame(Json.WORLD_JOINED, joinedPayload()));
        rehome(member);
    }

    private void expireDetached(final long nowNs)
    {
        for (int i = members.size() - 1; i >= 0; i--)
        {
            final Member member = members.get(i);
            if (member.isDetached && nowNs - member.detachDeadlineNs >= 0)
            {
                removeMember(member);
            }
        }
    }

    private void removeMember(final Member member)
    {
        if (member.isDetached)
        {
            detachedCount--;
        }
        leaveLogic(member.id);
        unsubscribeAll(member, false);
        member.isRemoved = true;
        if (null != member.zone && member.zone.entities().isAlive(member.entity))
        {
            member.zone.removeEntity(member.entity);
        }
        zoneOfEntity.remove(member.id);
        member.zone = null;
        members.remove(member);
        memberById.remove(member.id);
        memberByNo.remove(member.player.playerNo);
        member.player.world.compareAndSet(this, null);
        publishView();
    }

    private void leaveLogic(final String playerId)
    {
        try
        {
            logic.leave(playerId);
        }
        catch (final RuntimeException ex)
        {
            logicError("leave", ex);
        }
    }

    private void applyResync(final long playerNo, final long value)
    {
        final Member member = memberByNo.get(playerNo);
        if (null == member || member.isDetached)
        {
            return;
        }
        final ZoneInstance zone = zones.get(ZoneInstance.key(WorldRecords.zoneX(value), WorldRecords.zoneY(value)));
        if (null != zone && member.ring.contains(zone))
        {
            sendKeyframe(member, zone);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Interest

    /**
     * Re-compute a member's ring around the zone owning its entity: zones that left it send their leave-removal
     * frame, zones that entered it send their keyframe.
     */
    void rehome(final Member member)
    {
        if (member.isDetached || member.isRemoved || null == member.zone)
        {
            return;
        }
        final ArrayList<ZoneInstance> ring = ringScratch;
        ring.clear();
        final int r = config.viewRadius();
        final int cx = member.zone.zoneX;
        final int cy = member.zone.zoneY;
        for (int y = Math.max(0, cy - r), maxY = Math.min(config.gridSize() - 1, cy + r); y <= maxY; y++)
        {
            for (int x = Math.max(0, cx - r), maxX = Math.min(config.gridSize() - 1, cx + r); x <= maxX; x++)
            {
                final ZoneInstance zone = ensureZone(x, y);
                if (null != zone)
                {
                    ring.add(zone);
                }
            }
        }
        final ArrayList<ZoneInstance> current = member.ring;
        for (int i = current.size() - 1; i >= 0; i--)
        {
            final ZoneInstance zone = current.get(i);
            if (!ring.contains(zone))
            {
                current.remove(i);
                unsubscribe(member, zone, true);
            }
        }
        for (int i = 0, n = ring.size(); i < n; i++)
        {
            final ZoneInstance zone = ring.get(i);
            if (!current.contains(zone))
            {
                current.add(zone);
                zone.subscribers.add(member);
                if (zone.hasSentFrames())
                {
                    sendKeyframe(member, zone);
                }
                notifySubscribed(member, zone, true);
            }
        }
        ring.clear();
    }

    private void unsubscribeAll(final Member member, final boolean sendRemovals)
    {
        final ArrayList<ZoneInstance> current = member.ring;
        for (int i = current.size() - 1; i >= 0; i--)
        {
            unsubscribe(member, current.remove(i), sendRemovals);
        }
    }

    private void unsubscribe(final Member member, final ZoneInstance zone, final boolean sendRemoval)
    {
        zone.subscribers.remove(member);
        if (sendRemoval && !zone.isBaselineEmpty())
        {
            try
            {
                runtime.send(member.id, zone.removalFrame());
            }
            catch (final IOException | RuntimeException ex)
            {
                encoder.reset();
                logicError("removal frame", ex);
            }
        }
        notifySubscribed(member, zone, false);
    }

    private void sendKeyframe(final Member member, final ZoneInstance zone)
    {
        try
        {
            runtime.send(member.id, zone.keyframe());
        }
        catch (final IOException | RuntimeException ex)
        {
            encoder.reset();
            logicError("keyframe", ex);
        }
    }

    private void notifySubscribed(final Member member, final ZoneInstance zone, final boolean isSubscribed)
    {
        if (ZoneSubscriptionListener.NONE == listener)
        {
            return;
        }
        try
        {
            if (isSubscribed)
            {
                listener.zoneSubscribed(worldId, member.id, zone.zoneX, zone.zoneY);
            }
            else
            {
                listener.zoneUnsubscribed(worldId, member.id, zone.zoneX, zone.zoneY);
            }
        }
        catch (final RuntimeException ex)
        {
            logicError("subscription listener", ex);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Zones

    int zoneCoord(final double position)
    {
        final double cell = Math.floor(position / config.zoneSize());
        if (!(cell >= 0))
        {
            return 0;
        }
        return cell >= config.gridSize() - 1 ? config.gridSize() - 1 : (int)cell;
    }

    /**
     * The live zone at a grid cell, created (and put on the tick thread) if needed.
     *
     * @return the zone, or null at the live-zone cap or when the tick thread refused it.
     */
    ZoneInstance ensureZone(final int zoneX, final int zoneY)
    {
        final long key = ZoneInstance.key(zoneX, zoneY);
        final ZoneInstance existing = zones.get(key);
        if (null != existing)
        {
            return existing;
        }
        if (isFinished || zones.size() >= runtime.context().maxZonesPerWorld())
        {
            logicErrors.warn("world {}: no zone {},{} (live-zone cap {} reached)", worldId, zoneX, zoneY,
                runtime.context().maxZonesPerWorld());
            return null;
        }
        final long simulationId = runtime.nextSimulationId();
        final ZoneInstance zone = new ZoneInstance(this, zoneX, zoneY, simulationId,
            retiredFrameSeqs.remove(key), runtime.context().zoneEntityCapacity());
        final SimulationStats zoneStats = shard.tickAgent.tryAdd(simulationId, config.tickRateHz(), zone);
        if (null == zoneStats)
        {
            logicErrors.warn("world {}: zone {},{} not created: tick thread control queue full", worldId, zoneX,
                zoneY);
            return null;
        }
        zone.lastBusyNs = runtime.context().nanoClock().nanoTime();
        zones.put(key, zone);
        zoneList.add(zone);
        runtime.zoneAdded(simulationId, this);
        return zone;
    }

    private void reapIdleZones(final long nowNs)
    {
        final long idleNs = runtime.zoneIdleReapNs;
        for (int i = zoneList.size() - 1; i >= 0; i--)
        {
            final ZoneInstance zone = zoneList.get(i);
            if (!zone.isIdle())
            {
                zone.lastBusyNs = nowNs;
            }
            else if (nowNs - zone.lastBusyNs >= idleNs)
            {
                zoneList.remove(i);
                zones.remove(zone.key);
                if (zone.frameSeq > 0)
                {
                    retiredFrameSeqs.put(zone.key, zone.frameSeq);
                }
                shard.remove(zone.simulationId);
                runtime.zoneRemoved(zone.simulationId);
            }
        }
    }

    /** Live zones (tests). */
    int zoneCount()
    {
        return zones.size();
    }

    /** A live zone, or null (tests). */
    ZoneInstance liveZone(final int zoneX, final int zoneY)
    {
        return zones.get(ZoneInstance.key(zoneX, zoneY));
    }

    /** A member (tests). */
    Member member(final String playerId)
    {
        return memberById.get(playerId);
    }

    // Entity bookkeeping, called by zones.

    boolean hasEntity(final String id)
    {
        return zoneOfEntity.containsKey(id);
    }

    boolean isMember(final String id)
    {
        return memberById.containsKey(id);
    }

    void entitySpawned(final String id, final ZoneInstance zone)
    {
        zoneOfEntity.put(id, zone);
    }

    void entityDestroyed(final String id)
    {
        zoneOfEntity.remove(id);
    }

    void entityMoved(final String id, final ZoneInstance target, final int entity)
    {
        zoneOfEntity.put(id, target);
        final Member member = memberById.get(id);
        if (null != member)
        {
            member.zone = target;
            member.entity = entity;
            rehome(member);
        }
    }

    void logicError(final String callback, final Throwable ex)
    {
        logicErrors.warn("world {} ({}): {} failed", worldId, config.name(), callback, ex);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lifecycle

    private void checkEmpty(final long nowNs)
    {
        if (!members.isEmpty() || config.persistent())
        {
            emptySinceNs = Long.MIN_VALUE;
            return;
        }
        if (Long.MIN_VALUE == emptySinceNs)
        {
            emptySinceNs = nowNs;
        }
        final long graceNs = config.emptyGraceMs() * 1_000_000L;
        if (0 == graceNs)
        {
            finish("empty", false);
        }
        else if (nowNs - emptySinceNs >= graceNs)
        {
            finish("empty_grace_expired", false);
        }
    }

    /**
     * End the world: {@code world.finished} to its attached members, every member released, zones and the world
     * taken off the tick thread. Without {@code force}, waits (returns false) while requests are in flight to it.
     */
    boolean finish(final String status, final boolean force)
    {
        final ObjectNode result = Json.object();
        result.put("status", status);
        return finish(result, force);
    }

    public void finish(final ObjectNode result)
    {
        if (null == requestedResult)
        {
            requestedResult = null == result ? Json.object() : result.deepCopy();
            if (!requestedResult.has("status"))
            {
                requestedResult.put("status", "finished");
            }
        }
    }

    private boolean finish(final ObjectNode result, final boolean force)
    {
        if (isFinished)
        {
            return true;
        }
        isRemoving = true;
        if (!force && requestsInFlight.get() > 0)
        {
            isRemoving = false;
            return false;
        }
        isFinished = true;
        view = new WorldView(WorldView.FINISHED, members.size());
        runtime.unregister(this);

        final ObjectNode payload = Json.object();
        payload.put("world_id", worldId);
        payload.set("result", result);
        final byte[] frame = Json.frame(Json.WORLD_FINISHED, payload);
        for (final Member member : members)
        {
            if (!member.isDetached)
            {
                runtime.send(member.id, frame);
            }
            member.isRemoved = true;
            member.player.world.compareAndSet(this, null);
        }
        members.clear();
        memberById.clear();
        memberByNo.clear();
        try
        {
            logic.close();
        }
        catch (final RuntimeException ex)
        {
            logicError("close", ex);
        }
        for (final ZoneInstance zone : zoneList)
        {
            zone.subscribers.clear();
            shard.remove(zone.simulationId);
            runtime.zoneRemoved(zone.simulationId);
        }
        zoneList.clear();
        zones.clear();
        if (null != terrain)
        {
            terrain.close();
        }
        shard.remove(simulationId);
        runtime.onReleased(this);
        LOG.debug("world {} ({}) finished: {}", worldId, config.name(), result);
        return true;
    }

    boolean isFinished()
    {
        return isFinished;
    }

    private void publishView()
    {
        final WorldView current = view;
        if (!isFinished && current.playerCount() != members.size())
        {
            view = new WorldView(WorldView.RUNNING, members.size());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // WorldContext

    public String worldId()
    {
        return worldId;
    }

    public WorldConfig config()
    {
        return config;
    }

    public long seed()
    {
        return seed;
    }

    // terrain hook (WorldContext accessor)
    public WorldTerrainAccess terrain()
    {
        return terrain;
    }

    public ZoneContext zone(final int zoneX, final int zoneY)
    {
        if (zoneX < 0 || zoneY < 0 || zoneX >= config.gridSize() || zoneY >= config.gridSize())
        {
            throw new IllegalArgumentException("zone " + zoneX + "," + zoneY + " outside the " + config.gridSize() +
                "x" + config.gridSize() + " grid");
        }
        return ensureZone(zoneX, zoneY);
    }

    public ZoneInstance zoneAt(final double x, final double y)
    {
        return ensureZone(zoneCoord(x), zoneCoord(y));
    }

    public String toString()
    {
        return "World{" + worldId + ", " + config.name() + "}";
    }
}

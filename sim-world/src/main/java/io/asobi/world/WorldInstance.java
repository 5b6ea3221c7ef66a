package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.Simulation;
import io.asobi.ecs.tick.SimulationStats;
import io.asobi.sbe.journal.SimulationKind;
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
    long startedAtMs;
    final double rehomeMargin;
    final FrameEncoder encoder = new FrameEncoder();
    private BinaryTickEncoder binaryEncoder;
    private final String worldId;
    private final long seed;
    private final boolean isLazy;
    private final ZoneSubscriptionListener listener;

    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private volatile boolean isRemoving;
    private volatile WorldView view = new WorldView(WorldView.RUNNING, 0);
    private volatile SimulationStats stats;

    final Long2ObjectHashMap<ZoneInstance> zones = new Long2ObjectHashMap<>();
    final Long2LongHashMap retiredFrameSeqs = new Long2LongHashMap(0);
    final ArrayList<ZoneInstance> zoneList = new ArrayList<>();
    final ArrayList<Member> members = new ArrayList<>();
    final HashMap<String, Member> memberById = new HashMap<>();
    final Long2ObjectHashMap<Member> memberByNo = new Long2ObjectHashMap<>();
    final HashMap<String, ZoneInstance> zoneOfEntity = new HashMap<>();
    private final LongArrayList stagedControls = new LongArrayList();
    private final ArrayList<ZoneInstance> ringScratch = new ArrayList<>();
    private final LogLimiter logicErrors;
    /** Terrain streaming, or null in a world without terrain. */
    final TerrainStreamer terrain;

    private ObjectNode requestedResult;
    boolean isInitialised;
    private boolean isFinished;
    long emptySinceTick = Long.MIN_VALUE;
    boolean hasHadMembers;
    long rehomeWindowStartTick;
    int rehomesInWindow;
    long rehomesDeferred;
    /** Inputs dropped because the tick's journal document was full (the world is late or flooded). */
    long journalDroppedInputs;
    /** Inputs its zones dropped (staging budget spent, or the player gone before the step). */
    long droppedInputs;
    /** Both counts, published each step for reports. */
    volatile long droppedInputsView;
    long nextSweepTick;
    int detachedCount;
    long encodedFrames;

    // Journal and determinism (tick thread). The world is one simulation: its step applies the controls, steps
    // every zone in zoneList order, then postTick; every timer counts world ticks, so a re-simulation of the
    // journaled records is exact.
    final WorldJournaling journaling;
    private final ArrayList<ReplayControl> replayControls = new ArrayList<>();
    /** The world's last stepped tick (0 before the first step). */
    long worldTick;
    /** Re-simulating journaled ticks (restore or replay): nothing is journaled, the world never ends itself. */
    private boolean isReplaying;
    /** Restored after a restart and not stepped live yet: the first live step continues the journal. */
    private boolean isRestoredPending;
    private long restoreGraceMs;
    private boolean isJournalStarted;
    private boolean isClosing;
    long lastSnapshotTick;
    private long startedIndex = -1;
    private long lastSnapshotIndex = -1;
    private long journaledTicksSinceSnapshot;
    long snapshotCount;

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
        this.journaling = new WorldJournaling(shard.journal);
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
                final long seq = WorldRecords.value(buffer, offset);
                final int jsonOffset = offset + WorldRecords.HEADER_BYTES;
                final int jsonLength = length - WorldRecords.HEADER_BYTES;
                if (!journaling.hasRoomForInput(Short.BYTES + member.idBytes.length + Long.BYTES + jsonLength))
                {
                    journalDroppedInputs++;
                    return;
                }
                if (member.zone.stageInput(member, seq, buffer, jsonOffset, jsonLength) && journaling.isJournaling())
                {
                    final int at = journaling.beginRecord(WorldJournalRecords.INPUT);
                    int position = at + WorldJournalRecords.putId(journaling.buffer(), at, member.idBytes);
                    journaling.buffer().putLong(position, seq, java.nio.ByteOrder.LITTLE_ENDIAN);
                    position += Long.BYTES;
                    journaling.buffer().putBytes(position, buffer, jsonOffset, jsonLength);
                    journaling.endRecord(at, position + jsonLength - at);
                }
            }
            return;
        }
        stagedControls.addLong(inputType);
        stagedControls.addLong(sourceId);
        stagedControls.addLong(WorldRecords.value(buffer, offset));
    }

    /**
     * One world step. The engine's tick number is not used: the world counts its own ticks, which continue across
     * a restore.
     */
    public void onTick(final long engineTick)
    {
        if (isFinished)
        {
            return;
        }
        final long tick = worldTick + 1;
        journaling.beginTick();
        try
        {
            if (isRestoredPending)
            {
                goLive();
                if (isFinished)
                {
                    journaling.abandon();
                    return;
                }
            }
            worldTick = tick;
            if (!isInitialised)
            {
                initialise();
                if (isFinished)
                {
                    journaling.abandon();
                    return;
                }
            }
            step(tick);
            if (isFinished)
            {
                return; // finish() journaled the step and the end
            }
        }
        catch (final RuntimeException | Error ex)
        {
            journaling.abandon();
            throw ex;
        }
        if (null != terrain && journaling.isJournaling())
        {
            terrain.drainEdits(this::journalTerrainEdit);
        }
        if (!journaling.commit(runtime, simulationId, tick))
        {
            finish("crashed", true);
            return;
        }
        if (journaling.isJournaling() && isJournalStarted)
        {
            journaledTicksSinceSnapshot++;
            maybeSnapshot(tick);
        }
        if (null != requestedResult && !isFinished)
        {
            finish(requestedResult, true);
            return;
        }
        publishView();
    }

    /** The deterministic part of a step: controls, zones in order, postTick, timers. */
    private void step(final long tick)
    {
        if (null != terrain)
        {
            terrain.beginStep(); // terrain hook: renews the per-tick edit budget and the step's edit list
        }
        for (int i = 0, n = stagedControls.size(); i < n; i += 3)
        {
            applyControl((int)stagedControls.getLong(i), stagedControls.getLong(i + 1), stagedControls.getLong(i + 2));
        }
        stagedControls.clear();
        if (!replayControls.isEmpty())
        {
            applyReplayControls();
        }

        if (0 == tick % config.broadcastInterval() && !isReplaying)
        {
            refreshWires(); // binary wire: before the zones broadcast
        }
        for (int i = 0, n = zoneList.size(); i < n && !isFinished; i++)
        {
            zoneList.get(i).step(tick);
        }
        if (isFinished)
        {
            return;
        }
        try
        {
            logic.postTick(tick);
        }
        catch (final RuntimeException ex)
        {
            logicError("postTick", ex);
        }

        if (detachedCount > 0)
        {
            expireDetached(tick);
        }
        if (isLazy && tick >= nextSweepTick)
        {
            nextSweepTick = tick + runtime.zoneSweepIntervalTicks(config);
            reapIdleZones(tick);
        }
        if (null != terrain && !isReplaying && 0 == tick % config.broadcastInterval())
        {
            streamTerrain();
        }
        checkEmpty(tick);
    }

    /**
     * Whether a player's entity may change zone now: at most {@code rehomePerPlayerPerSecond} per player and
     * {@code rehomePerWorldPerSecond} per world, in windows of one second of world ticks (Asobi's 5/s per player;
     * its 200/s is node wide, ours is per world so that a replay decides the same).
     */
    boolean tryRehome(final Member member)
    {
        final long tick = worldTick;
        final long window = config.tickRateHz();
        if (tick - rehomeWindowStartTick >= window)
        {
            rehomeWindowStartTick = tick;
            rehomesInWindow = 0;
        }
        if (tick - member.rehomeWindowStartTick >= window)
        {
            member.rehomeWindowStartTick = tick;
            member.rehomesInWindow = 0;
        }
        if (member.rehomesInWindow >= runtime.context().rehomePerPlayerPerSecond() ||
            rehomesInWindow >= runtime.context().rehomePerWorldPerSecond())
        {
            rehomesDeferred++;
            return false;
        }
        member.rehomesInWindow++;
        rehomesInWindow++;
        return true;
    }

    /** Milliseconds as world ticks, rounded up (a positive duration is at least one tick). */
    long ticksFor(final long ms)
    {
        if (ms <= 0)
        {
            return 0;
        }
        return Math.max(1, (ms * config.tickRateHz() + 999) / 1000);
    }

    /** The world's last stepped tick. */
    long worldTick()
    {
        return worldTick;
    }

    /** A frame for a player, through the journal's outbox. */
    void emit(final String playerId, final byte[] frame)
    {
        journaling.send(runtime, playerId, frame);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Binary wire (asobi-spec §4.7)

    /** The world's binary {@code world.tick} encoder (made by the first zone: every zone has the same slot kinds). */
    BinaryTickEncoder binaryEncoder(final io.asobi.ecs.FieldKind[] slotKinds)
    {
        if (null == binaryEncoder)
        {
            binaryEncoder = new BinaryTickEncoder(schema, slotKinds);
        }
        return binaryEncoder;
    }

    /**
     * A {@code world.tick} for a member, through the journal's outbox: the binary twin goes with the JSON frame when
     * the member has a binary session and the zone could encode it (the gateway picks per session).
     */
    void emitTick(final Member member, final byte[] jsonFrame, final byte[] binaryFrame)
    {
        if (member.isBinaryWire && null != binaryFrame)
        {
            journaling.sendTick(runtime, member.id, jsonFrame, binaryFrame);
        }
        else
        {
            emit(member.id, jsonFrame);
        }
    }

    /**
     * Ask the gateway whether the member holds a binary session. A member turning binary while attached is sent the
     * keyframes of its ring first, so its binary deltas always follow a binary keyframe of their zone.
     */
    private void refreshWire(final Member member)
    {
        final boolean isBinary = runtime.wantsBinaryTicks(member.id);
        final boolean isTurningBinary = isBinary && !member.isBinaryWire;
        member.isBinaryWire = isBinary;
        if (isTurningBinary && !member.isDetached && !member.isRemoved)
        {
            for (int i = 0, n = member.ring.size(); i < n; i++)
            {
                final ZoneInstance zone = member.ring.get(i);
                if (zone.hasSentFrames())
                {
                    sendKeyframe(member, zone);
                }
            }
        }
    }

    private void refreshWires()
    {
        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            if (!member.isDetached)
            {
                refreshWire(member);
            }
        }
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
        nextSweepTick = worldTick + runtime.zoneSweepIntervalTicks(config);
        startJournal();
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
            join(request, -1);
        }
        finally
        {
            releaseRequest();
        }
    }

    /**
     * Apply a join. Live ({@code replayOutcome} -1): once the player is known to be in no other world, the join is
     * journaled, with a patched outcome if it loses the race for the player after the logic admitted it. Replayed:
     * the same decisions are taken again from the world's state, and the journaled outcome stands for the race.
     */
    private void join(final PendingRequest request, final int replayOutcome)
    {
        final PlayerState player = request.player();
        final String playerId = player.id;
        if (isFinished)
        {
            player.joining.compareAndSet(this, null);
            failJoin(request, "world_not_found", null);
            return;
        }
        final WorldInstance current = player.world.get();
        if ((replayOutcome < 0 && null != current) || memberById.containsKey(playerId))
        {
            player.joining.compareAndSet(this, null);
            failJoin(request, "already_in_world", null);
            return;
        }
        final int outcomeAt = replayOutcome < 0 ? journalJoin(playerId, request.ctx()) : -1;
        if (members.size() >= config.maxPlayers())
        {
            player.joining.compareAndSet(this, null);
            failJoin(request, "world_full", null);
            return;
        }
        if (zoneOfEntity.containsKey(playerId))
        {
            LOG.warn("world {}: player id {} is already an entity id", worldId, playerId);
            player.joining.compareAndSet(this, null);
            failJoin(request, "internal", null);
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
            failJoin(request, "internal", null);
            return;
        }
        if (null != refusal)
        {
            player.joining.compareAndSet(this, null);
            failJoin(request, "join_refused", Json.object().put("refused_reason", refusal));
            return;
        }
        final double x = null == spawn ? 0 : spawn.x();
        final double y = null == spawn ? 0 : spawn.y();
        final ZoneInstance zone = zoneAt(x, y);
        final boolean isRaceLost;
        if (null == zone)
        {
            isRaceLost = false;
        }
        else if (replayOutcome < 0)
        {
            isRaceLost = !player.world.compareAndSet(null, this);
        }
        else
        {
            isRaceLost = WorldJournalRecords.JOIN_LOST_RACE == replayOutcome;
            if (!isRaceLost && !player.world.compareAndSet(null, this))
            {
                LOG.warn("world {}: replayed member {} is also in world {}", worldId, playerId, player.world.get());
            }
        }
        if (null == zone || isRaceLost)
        {
            if (isRaceLost && outcomeAt >= 0)
            {
                journaling.buffer().putByte(outcomeAt, (byte)WorldJournalRecords.JOIN_LOST_RACE);
            }
            leaveLogic(playerId);
            player.joining.compareAndSet(this, null);
            failJoin(request, null == zone ? "zone_unavailable" : "already_in_world", null);
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
        emptySinceTick = Long.MIN_VALUE;
        hasHadMembers = true;
        publishView();
        if (null != request.reply())
        {
            final ObjectNode joined = joinedPayload();
            journaling.defer(() -> runtime.replyOk(request.reply(), Json.WORLD_JOINED, joined));
        }
        rehome(member);
    }

    private void failJoin(final PendingRequest request, final String reason, final ObjectNode details)
    {
        if (null != request.reply())
        {
            journaling.defer(() -> runtime.joinFailed(request, reason, details));
        }
    }

    /**
     * Journal a join about to be decided by the world; returns the offset of its outcome byte, or -1 when not
     * journaling.
     */
    private int journalJoin(final String playerId, final ObjectNode joinCtx)
    {
        if (!journaling.isJournaling())
        {
            return -1;
        }
        final byte[] ctxJson = null == joinCtx ? Json.EMPTY : Json.encode(joinCtx);
        final int at = journaling.beginRecord(WorldJournalRecords.JOIN);
        int position = at + WorldJournalRecords.putId(journaling.buffer(), at, WorldJournalRecords.utf8(playerId));
        final int outcomeAt = position;
        journaling.buffer().putByte(position++, (byte)WorldJournalRecords.JOIN_DECIDED);
        journaling.buffer().putBytes(position, ctxJson);
        journaling.endRecord(at, position + ctxJson.length - at);
        return outcomeAt;
    }

    /**
     * Journal a terrain edit the step made (an audit trail for {@code asobi journal cat}: a replay makes the same
     * edits again through the logic, and snapshots carry the whole overlay).
     */
    private void journalTerrainEdit(final io.asobi.terrain.TerrainEdit edit)
    {
        final org.agrona.ExpandableArrayBuffer buffer = journaling.buffer();
        final int at = journaling.beginRecord(WorldJournalRecords.TERRAIN_EDIT);
        buffer.putInt(at, edit.cx() * io.asobi.terrain.Chunk.SIZE + edit.x(), java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(at + 4, edit.cy() * io.asobi.terrain.Chunk.SIZE + edit.y(), java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(at + 8, (short)edit.tileId(), java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(at + 10, (byte)edit.flags());
        buffer.putByte(at + 11, (byte)edit.elevation());
        journaling.endRecord(at, 12);
    }

    /** Journal a control record that carries only the player id (and an optional deadline). */
    private void journalControl(final int type, final Member member, final long deadlineTick)
    {
        if (!journaling.isJournaling() || isReplaying)
        {
            return;
        }
        final int at = journaling.beginRecord(type);
        int position = at + WorldJournalRecords.putId(journaling.buffer(), at, member.idBytes);
        if (WorldJournalRecords.DETACH == type)
        {
            journaling.buffer().putLong(position, deadlineTick, java.nio.ByteOrder.LITTLE_ENDIAN);
            position += Long.BYTES;
        }
        journaling.endRecord(at, position - at);
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
                journalControl(WorldJournalRecords.LEAVE, member, 0);
                removeMember(member);
            }
            if (null != request && null != request.reply())
            {
                journaling.defer(() -> runtime.replyOk(request.reply(), Json.WORLD_LEFT, Json.success()));
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
            journalControl(WorldJournalRecords.LEAVE, member, 0);
            removeMember(member);
            return;
        }
        final long deadlineTick =
            config.playerTtlMs() < 0 ? Long.MAX_VALUE : worldTick + ticksFor(config.playerTtlMs());
        journalControl(WorldJournalRecords.DETACH, member, deadlineTick);
        detach(member, deadlineTick);
    }

    private void detach(final Member member, final long deadlineTick)
    {
        if (member.isDetached)
        {
            member.detachDeadlineTick = deadlineTick;
            return;
        }
        member.isDetached = true;
        detachedCount++;
        member.detachDeadlineTick = deadlineTick;
        unsubscribeAll(member, false);
    }

    public void broadcastFrame(final byte[] frame)
    {
        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            if (!member.isDetached && !member.isRemoved)
            {
                emit(member.id, frame);
            }
        }
    }

    public void sendFrame(final String playerId, final byte[] frame)
    {
        final Member member = memberById.get(playerId);
        if (null != member && !member.isDetached && !member.isRemoved)
        {
            emit(member.id, frame);
        }
    }

    private void applyConnect(final long playerNo)
    {
        final Member member = memberByNo.get(playerNo);
        if (null == member || !member.isDetached)
        {
            return;
        }
        journalControl(WorldJournalRecords.CONNECT, member, 0);
        attach(member);
    }

    private void attach(final Member member)
    {
        member.isDetached = false;
        member.detachDeadlineTick = Long.MAX_VALUE;
        detachedCount--;
        member.pendingAckSeq = Math.max(member.pendingAckSeq, member.lastAckedSeq);
        if (null != member.terrainStream)
        {
            member.terrainStream.reset();
        }
        emit(member.id, Json.frame(Json.WORLD_JOINED, joinedPayload()));
        rehome(member);
    }

    private void expireDetached(final long tick)
    {
        for (int i = members.size() - 1; i >= 0; i--)
        {
            final Member member = members.get(i);
            if (member.isDetached && tick >= member.detachDeadlineTick)
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
        refreshWire(member);
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
                final byte[] binaryFrame = member.isBinaryWire ? zone.binaryRemovalFrame() : null;
                zone.isBinaryStale |= member.isBinaryWire && null == binaryFrame;
                emitTick(member, zone.removalFrame(), binaryFrame);
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
            final byte[] binaryFrame = member.isBinaryWire ? zone.binaryKeyframe() : null;
            zone.isBinaryStale |= member.isBinaryWire && null == binaryFrame;
            emitTick(member, zone.keyframe(), binaryFrame);
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
        final ZoneInstance zone = new ZoneInstance(this, zoneX, zoneY, retiredFrameSeqs.remove(key),
            runtime.context().zoneEntityCapacity());
        zone.lastBusyTick = worldTick;
        zones.put(key, zone);
        zoneList.add(zone);
        return zone;
    }

    private void reapIdleZones(final long tick)
    {
        final long idleTicks = ticksFor(runtime.context().zoneIdleReapMs());
        for (int i = zoneList.size() - 1; i >= 0; i--)
        {
            final ZoneInstance zone = zoneList.get(i);
            if (!zone.isIdle())
            {
                zone.lastBusyTick = tick;
            }
            else if (tick - zone.lastBusyTick >= idleTicks)
            {
                zoneList.remove(i);
                zones.remove(zone.key);
                if (zone.frameSeq > 0)
                {
                    retiredFrameSeqs.put(zone.key, zone.frameSeq);
                }
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

    private void checkEmpty(final long tick)
    {
        if (!members.isEmpty() || config.persistent())
        {
            emptySinceTick = Long.MIN_VALUE;
            return;
        }
        if (Long.MIN_VALUE == emptySinceTick)
        {
            emptySinceTick = tick;
        }
        if (isReplaying)
        {
            return; // a re-simulated world ends only where its journal says so
        }
        if (0 == config.emptyGraceMs() && !hasHadMembers)
        {
            return; // created without a player (POST /worlds): it ends when its last player leaves
        }
        if (0 == config.emptyGraceMs())
        {
            finish("empty", false);
        }
        else if (tick - emptySinceTick >= ticksFor(config.emptyGraceMs()))
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
        if (journaling.isInTick())
        {
            journaling.commit(runtime, simulationId, worldTick); // the ending step's records, replies and frames
        }
        journalEnded(result.path("status").asText("finished"));

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

    // ---------------------------------------------------------------------------------------------------------
    // Journal, snapshots, restore and replay (tick thread, or the restoring thread before the world is handed over)

    /** First step of a new world: its {@code SimulationStarted}. */
    private void startJournal()
    {
        if (!journaling.isJournaling() || isReplaying || isJournalStarted)
        {
            return;
        }
        try
        {
            startedIndex = journaling.journal().started(simulationId, SimulationKind.ZONE, worldId, config.name(),
                seed, config.tickRateHz(), 0, startedAtMs);
            isJournalStarted = true;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("world {} ({}): cannot start its journal; the world is not persisted", worldId, config.name(),
                ex);
        }
    }

    private void journalEnded(final String status)
    {
        if (!journaling.isJournaling() || !isJournalStarted || isReplaying || isClosing)
        {
            return;
        }
        try
        {
            journaling.journal().ended(simulationId, status);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("world {}: cannot journal its end ({})", worldId, status, ex);
        }
        isJournalStarted = false;
    }

    /** The runtime is closing: finish without journaling an end, so the world comes back after a restart. */
    void closeForShutdown()
    {
        isClosing = true;
        finish("cancelled", true);
    }

    private void maybeSnapshot(final long tick)
    {
        final int interval = runtime.context().snapshotIntervalTicks();
        if (interval <= 0 || journaledTicksSinceSnapshot <= 0 || tick - lastSnapshotTick < interval)
        {
            return;
        }
        writeJournalSnapshot(tick);
    }

    /** Write a snapshot of the world as of {@code tick} (its last stepped tick) to the journal. */
    void writeJournalSnapshot(final long tick)
    {
        final byte[] logicState;
        try
        {
            logicState = logic.snapshot();
        }
        catch (final RuntimeException ex)
        {
            logicError("snapshot", ex);
            lastSnapshotTick = tick; // retried one interval later
            return;
        }
        final SnapshotWriter out = runtime.snapshotWriter(shard);
        out.reset();
        writeSnapshot(out, logicState);
        try
        {
            lastSnapshotIndex = journaling.journal().snapshot(simulationId, tick, 0, SNAPSHOT_VERSION,
                runtime.context().appVersion(), out.buffer(), 0, out.position());
            snapshotCount++;
            journaledTicksSinceSnapshot = 0;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("world {}: snapshot at tick {} not written ({} bytes)", worldId, tick, out.position(), ex);
        }
        lastSnapshotTick = tick;
    }

    static final int SNAPSHOT_MAGIC = WorldSnapshotCodec.MAGIC;
    static final int SNAPSHOT_VERSION = WorldSnapshotCodec.VERSION;

    /** The whole world as a snapshot ({@link WorldSnapshotCodec}). */
    void writeSnapshot(final SnapshotWriter out, final byte[] logicState)
    {
        WorldSnapshotCodec.write(this, out, logicState);
    }

    /**
     * Put a snapshot back into this new world instead of its {@code init} ({@link WorldSnapshotCodec}).
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of this world, or the mode's shape changed.
     */
    void restoreSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        WorldSnapshotCodec.restore(this, buffer, offset, length);
    }

    /**
     * Feed one journaled record of the tick about to be re-simulated: inputs are staged at once (as when they
     * arrived), controls are applied at the start of the step (as live).
     *
     * @throws IllegalArgumentException if the record is malformed.
     */
    void replayRecord(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (WorldJournalRecords.TERRAIN_EDIT == type)
        {
            return; // the re-simulated logic makes the same edit again
        }
        final int idLength = WorldJournalRecords.idPrefixLength(buffer, offset, length);
        final String playerId = buffer.getStringWithoutLengthUtf8(offset + Short.BYTES, idLength - Short.BYTES);
        final int rest = offset + idLength;
        final int restLength = length - idLength;
        switch (type)
        {
            case WorldJournalRecords.INPUT ->
            {
                if (restLength < Long.BYTES)
                {
                    throw new IllegalArgumentException("INPUT record without seq");
                }
                final Member member = memberById.get(playerId);
                if (null != member && !member.isDetached && null != member.zone)
                {
                    member.zone.stageInput(member, buffer.getLong(rest, java.nio.ByteOrder.LITTLE_ENDIAN), buffer,
                        rest + Long.BYTES, restLength - Long.BYTES);
                }
            }
            case WorldJournalRecords.JOIN ->
            {
                if (restLength < 1)
                {
                    throw new IllegalArgumentException("JOIN record without outcome");
                }
                final int outcome = buffer.getByte(rest) & 0xFF;
                ObjectNode joinCtx = null;
                if (restLength > 1)
                {
                    final byte[] json = new byte[restLength - 1];
                    buffer.getBytes(rest + 1, json);
                    joinCtx = Json.parseObject(json);
                }
                replayControls.add(new ReplayControl(type, playerId, joinCtx, outcome, 0));
            }
            case WorldJournalRecords.LEAVE, WorldJournalRecords.CONNECT ->
                replayControls.add(new ReplayControl(type, playerId, null, 0, 0));
            case WorldJournalRecords.DETACH ->
            {
                if (restLength < Long.BYTES)
                {
                    throw new IllegalArgumentException("DETACH record without deadline");
                }
                replayControls.add(new ReplayControl(
                    type, playerId, null, 0, buffer.getLong(rest, java.nio.ByteOrder.LITTLE_ENDIAN)));
            }
            default -> throw new IllegalArgumentException("unknown world record type " + type);
        }
    }

    private void applyReplayControls()
    {
        for (final ReplayControl control : replayControls)
        {
            final Member member = memberById.get(control.playerId());
            switch (control.type())
            {
                case WorldJournalRecords.JOIN -> join(new PendingRequest(WorldRecords.JOIN,
                    runtime.playerState(control.playerId()), this, null, control.joinCtx(), null, 0),
                    control.joinOutcome());
                case WorldJournalRecords.LEAVE ->
                {
                    if (null != member)
                    {
                        removeMember(member);
                    }
                }
                case WorldJournalRecords.CONNECT ->
                {
                    if (null != member && member.isDetached)
                    {
                        attach(member);
                    }
                }
                case WorldJournalRecords.DETACH ->
                {
                    if (null != member)
                    {
                        detach(member, control.deadlineTick());
                    }
                }
                default -> throw new IllegalStateException("replay control " + control.type());
            }
        }
        replayControls.clear();
    }

    /**
     * A journaled control record fed for the next re-simulated step.
     *
     * @param type         a {@link WorldJournalRecords} type: JOIN, LEAVE, CONNECT or DETACH.
     * @param playerId     the player.
     * @param joinCtx      JOIN: the join context, or null.
     * @param joinOutcome  JOIN: {@link WorldJournalRecords#JOIN_DECIDED} or {@link WorldJournalRecords#JOIN_LOST_RACE}.
     * @param deadlineTick DETACH: the tick its grace runs out.
     */
    private record ReplayControl(int type, String playerId, ObjectNode joinCtx, int joinOutcome, long deadlineTick)
    {
    }

    /** Re-simulate journaled ticks from now on (nothing is journaled or sent, the world does not end itself). */
    void replaying(final boolean isReplaying)
    {
        this.isReplaying = isReplaying;
        journaling.replaying(isReplaying);
    }

    /** Step one journaled tick again (records already fed through {@link #replayRecord}). */
    void replayTick()
    {
        onTick(worldTick);
    }

    /**
     * Make this re-simulated world the live continuation of its journal: the next step continues the journal (or
     * starts it again in another directory with a snapshot) and detaches every attached member, who then has
     * {@code graceMs} (or the world's own {@code player_ttl_ms} if longer) to reconnect.
     */
    void markRestored(
        final long graceMs,
        final boolean isSameJournal,
        final long nextSequence,
        final long lastTick,
        final long journaledStartedIndex,
        final long journaledSnapshotIndex)
    {
        if (isSameJournal)
        {
            startedIndex = journaledStartedIndex;
            lastSnapshotIndex = journaledSnapshotIndex;
        }
        replaying(false);
        isRestoredPending = true;
        restoreGraceMs = graceMs;
        this.restoreSameJournal = isSameJournal;
        this.restoreNextSequence = nextSequence;
        this.restoreLastTick = lastTick;
    }

    private boolean restoreSameJournal;
    private long restoreNextSequence;
    private long restoreLastTick;

    private void goLive()
    {
        isRestoredPending = false;
        if (journaling.isJournaling())
        {
            try
            {
                if (restoreSameJournal)
                {
                    journaling.journal().resume(simulationId, restoreNextSequence, restoreLastTick);
                    isJournalStarted = true;
                }
                else
                {
                    startedIndex = journaling.journal().started(simulationId, SimulationKind.ZONE, worldId,
                        config.name(), seed, config.tickRateHz(), 0, startedAtMs);
                    lastSnapshotIndex = -1;
                    isJournalStarted = true;
                    writeJournalSnapshot(worldTick);
                }
            }
            catch (final RuntimeException ex)
            {
                LOG.error("world {}: restored, but its journal cannot go on; the world is not persisted", worldId, ex);
            }
        }
        final long ttlMs = config.playerTtlMs();
        final long graceMs = ttlMs < 0 ? -1 : Math.max(ttlMs, restoreGraceMs);
        final long deadline = graceMs < 0 ? Long.MAX_VALUE : worldTick + 1 + ticksFor(graceMs);
        for (final Member member : members)
        {
            if (!member.isDetached)
            {
                journalControl(WorldJournalRecords.DETACH, member, deadline);
                detach(member, deadline);
            }
        }
    }

    /** The entities of every zone, as JSON text (see {@link WorldReplay#dumpEntities()}). */
    String dumpEntities()
    {
        final ObjectNode root = Json.object();
        root.put("world_id", worldId);
        root.put("tick", worldTick);
        final com.fasterxml.jackson.databind.node.ArrayNode out = root.putArray("zones");
        for (final ZoneInstance zone : zoneList)
        {
            if (0 == zone.entityCount())
            {
                continue;
            }
            final ObjectNode entry = out.addObject();
            entry.putArray("zone").add(zone.zoneX).add(zone.zoneY);
            zone.dumpEntities(entry.putArray("entities"));
        }
        return new String(Json.encode(root), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first journal index this world needs to be restored: its newest snapshot, else its start. */
    long retainFromIndex()
    {
        if (!isJournalStarted && !isRestoredPending)
        {
            return Long.MAX_VALUE;
        }
        return lastSnapshotIndex >= 0 ? lastSnapshotIndex : (startedIndex >= 0 ? startedIndex : Long.MAX_VALUE);
    }

    /** Members' ids (tests and restore logging). */
    List<String> memberIds()
    {
        final List<String> ids = new ArrayList<>(members.size());
        for (final Member member : members)
        {
            ids.add(member.id);
        }
        return ids;
    }

    boolean isFinished()
    {
        return isFinished;
    }

    private void publishView()
    {
        droppedInputsView = droppedInputs + journalDroppedInputs;
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

package io.asobi.world;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world snapshot format (payload version {@value #VERSION} of the journal's {@code SnapshotBegin}), written on the
 * world's tick thread and read into a new world before it is handed to one:
 * <pre>
 *   magic "AWS1", world tick, world id, mode, seed, owner, start time, grid size, zone size,
 *   initialised, has had members, re-home window (start, count), empty-since tick, next sweep tick,
 *   type table (count, names by code),
 *   zones in step order (x, y, then {@link ZoneInstance#writeSnapshot}: tick, frame_seq, idle tick, ECS world,
 *     entity ids by handle, broadcast baseline),
 *   retired zones' frame_seq (count, key, seq),
 *   members (id, zone x, y, entity, detached, deadline tick, last acked seq, re-home window),
 *   the logic's own bytes ({@link WorldLogic#snapshot()}, or none), the terrain edit overlay (or none)
 * </pre>
 * Little-endian primitives and length-prefixed strings ({@link SnapshotWriter}). Reading checks every count, id
 * and length against the bytes and the world ({@link SnapshotReader}): a snapshot that is truncated, of another
 * world, or of a mode whose grid changed is refused with {@link IllegalArgumentException}.
 */
final class WorldSnapshotCodec
{
    static final int MAGIC = 0x31535741; // "AWS1"
    static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(WorldSnapshotCodec.class);

    private WorldSnapshotCodec()
    {
    }

    /**
     * Write the whole world as of its last step.
     */
    static void write(final WorldInstance world, final SnapshotWriter out, final byte[] logicState)
    {
        out.putInt(MAGIC);
        out.putLong(world.worldTick);
        out.putString(world.worldId());
        out.putString(world.config.name());
        out.putLong(world.seed());
        out.putString(world.ownerId);
        out.putLong(world.startedAtMs);
        out.putInt(world.config.gridSize());
        out.putLong(Double.doubleToLongBits(world.config.zoneSize()));
        out.putBoolean(world.isInitialised);
        out.putBoolean(world.hasHadMembers);
        out.putLong(world.rehomeWindowStartTick);
        out.putInt(world.rehomesInWindow);
        out.putLong(world.emptySinceTick);
        out.putLong(world.nextSweepTick);
        out.putInt(world.schema.typeCount());
        for (int code = 0; code < world.schema.typeCount(); code++)
        {
            out.putString(world.schema.typeName(code));
        }
        out.putInt(world.zoneList.size());
        for (final ZoneInstance zone : world.zoneList)
        {
            out.putInt(zone.zoneX);
            out.putInt(zone.zoneY);
            zone.writeSnapshot(out);
        }
        out.putInt(world.retiredFrameSeqs.size());
        final Long2LongHashMap.KeyIterator keys = world.retiredFrameSeqs.keySet().iterator();
        while (keys.hasNext())
        {
            final long key = keys.nextValue();
            out.putLong(key);
            out.putLong(world.retiredFrameSeqs.get(key));
        }
        out.putInt(world.members.size());
        for (final Member member : world.members)
        {
            out.putString(member.id);
            out.putInt(member.zone.zoneX);
            out.putInt(member.zone.zoneY);
            out.putInt(member.entity);
            out.putBoolean(member.isDetached);
            out.putLong(member.detachDeadlineTick);
            out.putLong(member.lastAckedSeq);
            out.putLong(member.rehomeWindowStartTick);
            out.putInt(member.rehomesInWindow);
        }
        out.putBytes(logicState);
        out.putBytes(null == world.terrain ? null : world.terrain.snapshotEdits());
    }

    /**
     * Put a snapshot back into a new world (not stepped yet, not on a tick thread), instead of its {@code init}.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of this world, or the mode's shape changed.
     */
    static void restore(final WorldInstance world, final DirectBuffer buffer, final int offset, final int length)
    {
        if (world.isInitialised || !world.zoneList.isEmpty() || !world.members.isEmpty())
        {
            throw new IllegalStateException("restore needs a new world");
        }
        final SnapshotReader in = new SnapshotReader(buffer, offset, length);
        if (MAGIC != in.getInt())
        {
            throw new IllegalArgumentException("not a world snapshot");
        }
        final long tick = in.getLong();
        final String id = in.getString(256);
        final String mode = in.getString(1024);
        final long snapshotSeed = in.getLong();
        final String owner = in.getString(1024);
        final long startedMs = in.getLong();
        final int gridSize = in.getInt();
        final double zoneSize = Double.longBitsToDouble(in.getLong());
        if (!world.worldId().equals(id) || !world.config.name().equals(mode) || world.seed() != snapshotSeed)
        {
            throw new IllegalArgumentException(
                "snapshot of world " + id + " (" + mode + "), not of " + world.worldId());
        }
        if (gridSize != world.config.gridSize() || zoneSize != world.config.zoneSize())
        {
            throw new IllegalArgumentException("the mode's grid changed since the snapshot: " + gridSize + "x" +
                zoneSize + " then, " + world.config.gridSize() + "x" + world.config.zoneSize() + " now");
        }
        if (tick < 0)
        {
            throw new IllegalArgumentException("snapshot tick " + tick);
        }
        world.worldTick = tick;
        world.startedAtMs = startedMs;
        final boolean wasInitialised = in.getBoolean();
        world.hasHadMembers = in.getBoolean();
        world.rehomeWindowStartTick = in.getLong();
        world.rehomesInWindow = in.getInt(0, Integer.MAX_VALUE, "re-homes in window");
        world.emptySinceTick = in.getLong();
        world.nextSweepTick = in.getLong();
        final int typeCount = in.getInt(1, 1 << 16, "type count");
        for (int code = 0; code < typeCount; code++)
        {
            final String name = in.getString(1024);
            if (null == name || world.schema.typeCode(name) != code)
            {
                throw new IllegalArgumentException("snapshot type table differs at " + code + ": " + name);
            }
        }
        final int zoneCount = in.getInt(0, world.config.gridSize() * world.config.gridSize(), "zone count");
        for (int i = 0; i < zoneCount; i++)
        {
            final int x = in.getInt(0, world.config.gridSize() - 1, "zone x");
            final int y = in.getInt(0, world.config.gridSize() - 1, "zone y");
            if (world.zones.containsKey(ZoneInstance.key(x, y)))
            {
                throw new IllegalArgumentException("snapshot has zone " + x + "," + y + " twice");
            }
            final ZoneInstance zone = new ZoneInstance(world, x, y, 0, world.runtime.context().zoneEntityCapacity());
            world.zones.put(zone.key, zone);
            world.zoneList.add(zone);
            for (final String entityId : zone.restoreSnapshot(in))
            {
                if (null != world.zoneOfEntity.put(entityId, zone))
                {
                    throw new IllegalArgumentException("snapshot has entity " + entityId + " twice");
                }
            }
        }
        final int retired = in.getInt(0, world.config.gridSize() * world.config.gridSize(), "retired zone count");
        for (int i = 0; i < retired; i++)
        {
            final long key = in.getLong();
            final long frameSeq = in.getLong();
            if (frameSeq < 0)
            {
                throw new IllegalArgumentException("snapshot: retired frame_seq " + frameSeq);
            }
            world.retiredFrameSeqs.put(key, frameSeq);
        }
        final int memberCount = in.getInt(0, world.config.maxPlayers(), "member count");
        for (int i = 0; i < memberCount; i++)
        {
            final String playerId = in.getString(4 * ZoneContext.MAX_ID_LENGTH);
            final int x = in.getInt(0, world.config.gridSize() - 1, "member zone x");
            final int y = in.getInt(0, world.config.gridSize() - 1, "member zone y");
            final int entity = in.getInt();
            final boolean isDetached = in.getBoolean();
            final long deadline = in.getLong();
            final long lastAcked = in.getLong();
            final long rehomeWindowStart = in.getLong();
            final int rehomes = in.getInt(0, Integer.MAX_VALUE, "member re-homes in window");
            final ZoneInstance zone = world.zones.get(ZoneInstance.key(x, y));
            if (null == playerId || null == zone || world.memberById.containsKey(playerId) ||
                zone.entity(playerId) != entity)
            {
                throw new IllegalArgumentException("snapshot: bad member " + playerId);
            }
            final PlayerState player = world.runtime.playerState(playerId);
            if (!player.world.compareAndSet(null, world))
            {
                LOG.warn("world {}: restored member {} is also in world {}", world.worldId(), playerId,
                    player.world.get());
            }
            final Member member = new Member(player);
            member.terrainStream = null == world.terrain ? null : world.terrain.newStream();
            member.zone = zone;
            member.entity = entity;
            member.isDetached = isDetached;
            member.detachDeadlineTick = deadline;
            member.lastAckedSeq = lastAcked;
            member.pendingAckSeq = lastAcked;
            member.rehomeWindowStartTick = rehomeWindowStart;
            member.rehomesInWindow = rehomes;
            world.detachedCount += isDetached ? 1 : 0;
            world.members.add(member);
            world.memberById.put(playerId, member);
            world.memberByNo.put(player.playerNo, member);
        }
        final byte[] logicState = in.getBytes();
        final byte[] terrainEdits = in.getBytes();
        in.expectEnd();
        if (null != terrainEdits && null != world.terrain)
        {
            world.terrain.restoreEdits(terrainEdits);
        }
        world.isInitialised = wasInitialised;
        if (world.isInitialised)
        {
            world.logic.restore(world, logicState);
        }
        for (final Member member : world.members)
        {
            world.rehome(member);
        }
        world.lastSnapshotTick = tick;
    }
}

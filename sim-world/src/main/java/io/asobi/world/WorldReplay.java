package io.asobi.world;

import io.asobi.persistence.SimulationRecordHandler;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;

/**
 * Re-simulates one journaled world: from its newest snapshot (or its start), each journaled tick's records are fed
 * to the world and the tick is stepped again, ticks the journal skipped (nothing applied, nothing encoded) are
 * stepped in between, and every re-simulated tick's frame hash is compared with the journaled one. Used to restore
 * worlds after a restart and by {@code asobi replay --world}.
 * <p>
 * <b>Note:</b> single threaded; the world is not on a tick thread while it is replayed.
 */
public final class WorldReplay implements SimulationRecordHandler
{
    private final WorldRuntime runtime;
    private final WorldRuntime.WorldFactory factory;
    private final long simulationId;
    private final long snapshotIndex;
    private final long toTick;

    private WorldInstance world;
    private RuntimeException failure;
    private long ticksReplayed;
    private long ticksVerified;
    private long firstDivergentTick = -1;
    private long journaledHashAtDivergence;
    private long replayedHashAtDivergence;
    private String endReason;
    private long lastTick;

    WorldReplay(
        final WorldRuntime runtime,
        final WorldRuntime.WorldFactory factory,
        final long simulationId,
        final long snapshotIndex,
        final long toTick)
    {
        this.runtime = runtime;
        this.factory = factory;
        this.simulationId = simulationId;
        this.snapshotIndex = snapshotIndex;
        this.toTick = toTick;
    }

    public void onStarted(
        final long index,
        final long simulationId,
        final SimulationKind kind,
        final String name,
        final String mode,
        final long rngSeed,
        final int tickRateHz,
        final long codeHash,
        final long startEpochMs)
    {
        if (simulationId != this.simulationId || snapshotIndex >= 0 || null != world || null != failure)
        {
            return;
        }
        try
        {
            world = factory.create(name, mode, rngSeed, null);
            world.startedAtMs = startEpochMs;
            world.replaying(true);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }

    public void onSnapshot(
        final long index,
        final long simulationId,
        final long tick,
        final long nextSequence,
        final long codeHash,
        final int payloadVersion,
        final String appVersion,
        final long createdEpochMs,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        if (simulationId != this.simulationId || index != snapshotIndex || null != world || null != failure)
        {
            return;
        }
        try
        {
            if (WorldInstance.SNAPSHOT_VERSION != payloadVersion)
            {
                throw new IllegalArgumentException("world snapshot version " + payloadVersion + " is not " +
                    WorldInstance.SNAPSHOT_VERSION);
            }
            final WorldSnapshotHeader header = WorldSnapshotHeader.read(payload, offset, length);
            world = factory.create(header.worldId(), header.mode(), header.seed(), header.ownerId());
            world.replaying(true);
            world.restoreSnapshot(payload, offset, length);
            lastTick = tick;
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            world = null;
        }
    }

    public void onInput(
        final long index,
        final long simulationId,
        final long tick,
        final long sequence,
        final long sourceId,
        final int inputType,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        if (simulationId != this.simulationId || null == world || null != failure || isPastEnd(tick))
        {
            return;
        }
        try
        {
            stepTo(tick - 1);
            world.replayRecord(inputType, payload, offset, length);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }

    public void onTickEnd(
        final long index, final long simulationId, final long tick, final int inputCount, final long stateHash)
    {
        if (simulationId != this.simulationId || null == world || null != failure || isPastEnd(tick))
        {
            return;
        }
        try
        {
            stepTo(tick - 1);
            if (world.worldTick() != tick - 1)
            {
                throw new IllegalStateException("journal tick " + tick + " does not follow world tick " +
                    world.worldTick());
            }
            world.replayTick();
            ticksReplayed++;
            ticksVerified++;
            lastTick = tick;
            final long replayed = world.journaling.lastFrameHash();
            if (replayed != stateHash && firstDivergentTick < 0)
            {
                firstDivergentTick = tick;
                journaledHashAtDivergence = stateHash;
                replayedHashAtDivergence = replayed;
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }

    public void onEnded(
        final long index, final long simulationId, final long tick, final String reason, final long endEpochMs)
    {
        if (simulationId == this.simulationId)
        {
            endReason = reason;
        }
    }

    private boolean isPastEnd(final long tick)
    {
        return toTick >= 0 && tick > toTick;
    }

    /** Step unjournaled ticks (nothing applied, nothing sent) up to {@code tick}. */
    private void stepTo(final long tick)
    {
        while (world.worldTick() < tick && !world.isFinished())
        {
            world.replayTick();
            ticksReplayed++;
        }
    }

    /**
     * Step the world on to {@code tick} without journal records (for {@code --to-tick} past the journal's last
     * record).
     */
    public void stepOnTo(final long tick)
    {
        if (null != world && null == failure)
        {
            stepTo(tick);
            lastTick = Math.max(lastTick, world.worldTick());
        }
    }

    /**
     * The world a snapshot payload belongs to: how a world whose {@code SimulationStarted} retention deleted is
     * found by its id.
     *
     * @return the world id, or null if the bytes are not a world snapshot.
     */
    public static String worldIdOf(final DirectBuffer payload, final int offset, final int length)
    {
        try
        {
            return WorldSnapshotHeader.read(payload, offset, length).worldId();
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /**
     * One journaled world record in words, for {@code asobi journal cat}: {@code input player P seq S {...}},
     * {@code join player P ctx {...}}, {@code leave player P}, {@code connect player P},
     * {@code detach player P until tick N}, {@code terrain edit x,y tile T flags F elevation E}.
     *
     * @return the description, or a note that the record is malformed.
     */
    public static String describeRecord(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            if (WorldJournalRecords.TERRAIN_EDIT == type)
            {
                if (length < 12)
                {
                    return "terrain edit (malformed: " + length + " bytes)";
                }
                final java.nio.ByteOrder le = java.nio.ByteOrder.LITTLE_ENDIAN;
                return "terrain edit " + buffer.getInt(offset, le) + "," + buffer.getInt(offset + 4, le) + " tile " +
                    (buffer.getShort(offset + 8, le) & 0xFFFF) + " flags " + (buffer.getByte(offset + 10) & 0xFF) +
                    " elevation " + (buffer.getByte(offset + 11) & 0xFF);
            }
            final int prefix = WorldJournalRecords.idPrefixLength(buffer, offset, length);
            final String player = "player " + WorldJournalRecords.id(buffer, offset, length);
            final int rest = offset + prefix;
            final int restLength = length - prefix;
            return switch (type)
            {
                case WorldJournalRecords.INPUT -> "input " + player + " seq " +
                    buffer.getLong(rest, java.nio.ByteOrder.LITTLE_ENDIAN) + " " +
                    buffer.getStringWithoutLengthUtf8(rest + Long.BYTES, restLength - Long.BYTES);
                case WorldJournalRecords.JOIN -> "join " + player +
                    (WorldJournalRecords.JOIN_LOST_RACE == (buffer.getByte(rest) & 0xFF) ? " (lost the race)" : "") +
                    (restLength > 1 ? " ctx " + buffer.getStringWithoutLengthUtf8(rest + 1, restLength - 1) : "");
                case WorldJournalRecords.LEAVE -> "leave " + player;
                case WorldJournalRecords.CONNECT -> "connect " + player;
                case WorldJournalRecords.DETACH -> "detach " + player + " until tick " +
                    buffer.getLong(rest, java.nio.ByteOrder.LITTLE_ENDIAN);
                default -> WorldJournalRecords.typeName(type) + " " + player;
            };
        }
        catch (final RuntimeException ex)
        {
            return WorldJournalRecords.typeName(type) + " (malformed: " + ex.getMessage() + ")";
        }
    }

    WorldInstance world()
    {
        return world;
    }

    /** @return whether the world was found (its start, or the snapshot asked for). */
    public boolean isFound()
    {
        return null != world;
    }

    /** @return why the replay stopped early, or null. */
    public RuntimeException failure()
    {
        return failure;
    }

    /** @return ticks stepped again, journaled or not. */
    public long ticksReplayed()
    {
        return ticksReplayed;
    }

    /** @return journaled ticks whose frame hash was compared. */
    public long ticksVerified()
    {
        return ticksVerified;
    }

    /** @return the first tick whose frames differ from the journal's, or -1. */
    public long firstDivergentTick()
    {
        return firstDivergentTick;
    }

    /** @return the journaled frame hash at the first divergent tick. */
    public long journaledHashAtDivergence()
    {
        return journaledHashAtDivergence;
    }

    /** @return the replayed frame hash at the first divergent tick. */
    public long replayedHashAtDivergence()
    {
        return replayedHashAtDivergence;
    }

    /** @return the world's last re-simulated tick. */
    public long lastTick()
    {
        return null == world ? lastTick : world.worldTick();
    }

    /** @return the journaled end reason, or null if the world never ended. */
    public String endReason()
    {
        return endReason;
    }

    /** @return the replayed world's id, or null. */
    public String worldId()
    {
        return null == world ? null : world.worldId();
    }

    /** @return the replayed world's mode, or null. */
    public String mode()
    {
        return null == world ? null : world.config.name();
    }

    /** @return the replayed world's tick rate, or 0. */
    public int tickRateHz()
    {
        return null == world ? 0 : world.config.tickRateHz();
    }

    /** @return the replayed world's seed, or 0. */
    public long seed()
    {
        return null == world ? 0 : world.seed();
    }

    /** @return the replayed world's members. */
    public java.util.List<String> memberIds()
    {
        return null == world ? java.util.List.of() : world.memberIds();
    }

    /**
     * The entities of the replayed world, zone by zone, as JSON: {@code {"tick", "zones":[{"zone":[x,y],
     * "entities":[{id, x, y, type, ...wire fields}]}]}} (zones without entities are left out).
     *
     * @return the JSON text.
     */
    public String dumpEntities()
    {
        return null == world ? "{}" : world.dumpEntities();
    }
}

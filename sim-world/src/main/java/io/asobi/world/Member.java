package io.asobi.world;

import io.asobi.terrain.ViewerStream;

import java.util.ArrayList;

/**
 * A player in a world, on the world's tick thread: where its entity is, which zones it is subscribed to, whether it
 * is attached (has a connection) and what it is owed an ack for.
 */
final class Member
{
    final PlayerState player;
    final String id;
    /** The id in UTF-8, for journal records. */
    final byte[] idBytes;
    ZoneInstance zone;
    int entity;
    final ArrayList<ZoneInstance> ring = new ArrayList<>();
    boolean isDetached;
    boolean isRemoved;
    /** World tick at which a detached member is removed; {@link Long#MAX_VALUE}: never. */
    long detachDeadlineTick = Long.MAX_VALUE;
    /** Re-home rate window (world ticks): its start and the re-homes in it. */
    long rehomeWindowStartTick;
    int rehomesInWindow;
    long pendingAckSeq = -1;
    long lastAckedSeq = -1;
    boolean isAckQueued;
    /**
     * Whether one of the player's sessions negotiated the binary wire (asobi-spec §4.7): refreshed from the outbound
     * port at every broadcast tick and ring change ({@code WorldInstance.refreshWire}).
     */
    boolean isBinaryWire;
    /** The member's terrain plan, or null in a world without terrain. */
    ViewerStream terrainStream;

    Member(final PlayerState player)
    {
        this.player = player;
        this.id = player.id;
        this.idBytes = WorldJournalRecords.utf8(player.id);
    }

    public String toString()
    {
        return "Member{" + id + (isDetached ? ", detached" : "") + "}";
    }
}

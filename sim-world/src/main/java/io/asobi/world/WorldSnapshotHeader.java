package io.asobi.world;

import org.agrona.DirectBuffer;

/**
 * The identity at the head of a world snapshot, read before the world it belongs to is built.
 *
 * @param tick    the world tick the snapshot holds.
 * @param worldId the world.
 * @param mode    its mode.
 * @param seed    its seed.
 * @param ownerId the player who created it, or null.
 */
record WorldSnapshotHeader(long tick, String worldId, String mode, long seed, String ownerId)
{
    /**
     * @throws IllegalArgumentException if the bytes do not start a world snapshot.
     */
    static WorldSnapshotHeader read(final DirectBuffer buffer, final int offset, final int length)
    {
        final SnapshotReader in = new SnapshotReader(buffer, offset, length);
        if (WorldInstance.SNAPSHOT_MAGIC != in.getInt())
        {
            throw new IllegalArgumentException("not a world snapshot");
        }
        final long tick = in.getLong();
        final String worldId = in.getString(256);
        final String mode = in.getString(1024);
        final long seed = in.getLong();
        final String ownerId = in.getString(1024);
        if (null == worldId || null == mode)
        {
            throw new IllegalArgumentException("world snapshot without world id or mode");
        }
        return new WorldSnapshotHeader(tick, worldId, mode, seed, ownerId);
    }
}

package io.asobi.world;

/**
 * What the runtime offers the game logic of one world.
 * <p>
 * <b>Note:</b> use on the world's tick thread only.
 */
public interface WorldContext
{
    /**
     * The world id (a UUIDv7 string).
     *
     * @return never null.
     */
    String worldId();

    /**
     * The mode's shape when the world was created.
     *
     * @return never null.
     */
    WorldConfig config();

    /**
     * Seed of the world's random number generator, fixed at creation.
     *
     * @return the seed.
     */
    long seed();

    /**
     * A zone, loaded if it is not live (lazy worlds).
     *
     * @param zoneX zone x, {@code 0 ≤ zoneX < gridSize}.
     * @param zoneY zone y, {@code 0 ≤ zoneY < gridSize}.
     * @return the zone, or null if the world is at its live-zone cap.
     * @throws IllegalArgumentException if the coordinates are outside the grid.
     */
    ZoneContext zone(int zoneX, int zoneY);

    /**
     * The zone owning a world position (positions outside the world map to the nearest edge zone), loaded if needed.
     *
     * @param x world x.
     * @param y world y.
     * @return the zone, or null if the world is at its live-zone cap.
     */
    ZoneContext zoneAt(double x, double y);

    /**
     * Send a frame (an encoded {@code world.<event>} message) to every connected player of the world
     * ({@code game.broadcast}); detached players miss it.
     *
     * @param frame the encoded frame; not copied, not to be changed afterwards.
     */
    void broadcastFrame(byte[] frame);

    /**
     * Send a frame to one connected player of the world ({@code game.send}); nothing if the player is not in it or
     * is detached.
     *
     * @param playerId the player.
     * @param frame    the encoded frame; not copied, not to be changed afterwards.
     */
    void sendFrame(String playerId, byte[] frame);

    /**
     * The world's terrain: chunk and tile reads, tile edits ({@code game.terrain.*}).
     *
     * @return the terrain, or null if the world has none.
     */
    default WorldTerrainAccess terrain()
    {
        return null;
    }

    /**
     * End the world after the current step (a game rule: a win, a timer, {@code post_tick}'s {@code _finished}):
     * attached players get {@code world.finished {world_id, result}}. Idempotent; the first result wins.
     *
     * @param result the result object; its {@code status} defaults to {@code "finished"} when absent.
     */
    void finish(com.fasterxml.jackson.databind.node.ObjectNode result);
}

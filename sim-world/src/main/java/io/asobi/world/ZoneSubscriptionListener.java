package io.asobi.world;

/**
 * Told when a player's interest ring gains or loses a zone: the hook for streaming what belongs to a zone besides its
 * entities (terrain chunks through a {@code io.asobi.terrain.ViewerStream}, zone chat channels).
 * <p>
 * Called on the world's tick thread right after the zone's keyframe (or leave-removal frame) was handed to the
 * outbound port; must not block. Exceptions are caught and logged.
 */
public interface ZoneSubscriptionListener
{
    /** Listens to nothing. */
    ZoneSubscriptionListener NONE = new ZoneSubscriptionListener()
    {
        public void zoneSubscribed(final String worldId, final String playerId, final int zoneX, final int zoneY)
        {
        }

        public void zoneUnsubscribed(final String worldId, final String playerId, final int zoneX, final int zoneY)
        {
        }
    };

    /**
     * A zone entered the player's ring (on join, on re-attach, or because its entity changed zone).
     *
     * @param worldId  the world.
     * @param playerId the player.
     * @param zoneX    zone x.
     * @param zoneY    zone y.
     */
    void zoneSubscribed(String worldId, String playerId, int zoneX, int zoneY);

    /**
     * A zone left the player's ring (its entity moved away), or the player left or detached.
     *
     * @param worldId  the world.
     * @param playerId the player.
     * @param zoneX    zone x.
     * @param zoneY    zone y.
     */
    void zoneUnsubscribed(String worldId, String playerId, int zoneX, int zoneY);
}

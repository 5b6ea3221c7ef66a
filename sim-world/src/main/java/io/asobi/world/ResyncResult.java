package io.asobi.world;

/**
 * What happened to a {@code world.resync} handed to {@link WorldService#resync}. Asobi answers none of these on the
 * wire (a resync has no reply); the gateway may log or count them.
 */
public enum ResyncResult
{
    /** Queued: the zone re-sends its keyframe if the player is subscribed to it, else nothing happens. */
    ACCEPTED,
    /** The player is in no world. */
    NOT_IN_WORLD,
    /** The zone coordinates lie outside the world's grid. */
    INVALID_ZONE,
    /** Over the limit of resyncs per player (2 per 10 s) or per node (20 per second). */
    RATE_LIMITED,
    /** The tick thread's input ring is full. */
    BACK_PRESSURE
}

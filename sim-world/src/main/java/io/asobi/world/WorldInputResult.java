package io.asobi.world;

/**
 * What happened to a {@code world.input} handed to {@link WorldService#input}.
 */
public enum WorldInputResult
{
    /** Queued for the zone that owns the player's entity; applied on that zone's next tick. */
    ACCEPTED,
    /** The player is in no world: Asobi drops it silently. */
    NOT_IN_WORLD,
    /** The tick thread's input ring is full: dropped and counted; the client sees a lost input. */
    BACK_PRESSURE,
    /** The input is larger than {@link WorldService#maxInputBytes()}: the gateway answers {@code payload_too_large}. */
    TOO_LARGE
}

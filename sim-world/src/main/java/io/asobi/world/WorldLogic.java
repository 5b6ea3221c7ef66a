package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The game logic of one world, on the ECS: Asobi's {@code asobi_world} behaviour (asobi-spec §5.2) reduced to what
 * the runtime drives today. Lua world scripts will implement the same contract.
 * <p>
 * Entities live in the zone that owns them (see {@link ZoneContext}); each has a {@link Position}, an
 * {@link EntityKind} and whatever components the logic adds. Fields of the {@link #wireComponents()} are what
 * clients see ({@code world.tick} deltas, field name = record component name); other components stay on the
 * server. Entity ids: a player's entity id is its player id; NPC ids are the logic's.
 * <p>
 * Order within a zone tick: {@link #zoneTick}, then the zone's staged inputs in arrival order
 * ({@link #handleInput}), then zone crossings, then (every {@code broadcastInterval} ticks) the delta broadcast.
 * Joins and leaves are applied by the world between zone ticks.
 * <p>
 * Failure contract: an exception from a callback is caught and logged (rate limited); the zone keeps ticking, and
 * an exception from {@link #join} refuses the join with {@code internal}.
 * <p>
 * <b>Note:</b> called on the world's tick thread only; read no wall clock for game decisions and draw randomness
 * only from {@link WorldContext#seed()}. Do not spawn or destroy while iterating a query cursor (use
 * {@link ZoneContext#spawn} / {@link ZoneContext#destroy} after the loop).
 */
public interface WorldLogic
{
    /**
     * Record components whose fields are sent to clients, registered in every zone in this order. Field names must
     * not be {@code id}, {@code op}, {@code x}, {@code y} or {@code type}; at most
     * {@value ZoneContext#MAX_WIRE_FIELDS} fields in all.
     *
     * @return the classes; read once per world.
     */
    default List<Class<? extends Record>> wireComponents()
    {
        return List.of();
    }

    /**
     * Record components kept on the server only (velocities, timers), registered in every zone after the wire ones.
     *
     * @return the classes; read once per world.
     */
    default List<Class<? extends Record>> serverComponents()
    {
        return List.of();
    }

    /**
     * Set the world up, before any other call; may spawn NPCs through {@link WorldContext#zone}.
     *
     * @param ctx the world's services; valid for the life of the world.
     */
    default void init(final WorldContext ctx)
    {
    }

    /**
     * A player asks to join.
     *
     * @param playerId the player.
     * @param joinCtx  the join context from the client, or null.
     * @return null to admit the player, or a refusal reason (sent as {@code join_refused}).
     */
    default String join(final String playerId, final ObjectNode joinCtx)
    {
        return null;
    }

    /**
     * Where an admitted player's entity appears.
     *
     * @param playerId the player.
     * @return world coordinates; positions outside the world go to the nearest edge zone.
     */
    Position spawnPosition(String playerId);

    /**
     * A player's entity was just created ({@code x}, {@code y}, {@code type:"player"}): add game components here.
     *
     * @param zone     the zone that owns it.
     * @param entity   its handle in {@link ZoneContext#entities()}.
     * @param playerId the player.
     */
    default void playerSpawned(final ZoneContext zone, final int entity, final String playerId)
    {
    }

    /**
     * A player left, or its reconnect grace ran out; its entity is removed after this call. Cannot fail.
     *
     * @param playerId the player.
     */
    default void leave(final String playerId)
    {
    }

    /**
     * Apply one input of a player to its entity.
     *
     * @param zone     the zone that owns the entity.
     * @param entity   the player's entity.
     * @param playerId the sender.
     * @param json     buffer holding the UTF-8 JSON input map; valid only during the call.
     * @param offset   at which it starts.
     * @param length   its length in bytes.
     */
    void handleInput(ZoneContext zone, int entity, String playerId, byte[] json, int offset, int length);

    /**
     * A zone is about to apply its staged inputs ({@link #handleInput} once per input, in arrival order, then
     * {@link #endInputs}): a logic that prepares per-zone state for its inputs (a script's entity table) can do it
     * once here instead of once per input. Called only when the zone has inputs.
     *
     * @param zone the zone.
     */
    default void beginInputs(final ZoneContext zone)
    {
    }

    /**
     * The zone's inputs of this step were applied (also after a failing one).
     *
     * @param zone the zone.
     */
    default void endInputs(final ZoneContext zone)
    {
    }

    /**
     * Step one zone (NPC behaviour, timers). Cold zones (no entities, nothing to send) are stepped only every
     * {@code coldTickDivisor} ticks.
     *
     * @param zone the zone.
     * @param tick the zone's tick.
     */
    default void zoneTick(final ZoneContext zone, final long tick)
    {
    }

    /**
     * After every zone of the world stepped tick {@code tick} (Asobi's {@code post_tick}): world-level rules,
     * scoring, ending the world through {@link WorldContext#finish}. Zones are stepped by the world in a fixed
     * order, so this runs once per world tick.
     *
     * @param tick the world's tick (counting from 1, the same number the zones stepped).
     */
    default void postTick(final long tick)
    {
    }

    /**
     * The logic's own state that lives outside the zones' ECS worlds (scores, RNG, script tables), for world
     * snapshots. Entities and their components are snapshotted by the runtime.
     *
     * @return the bytes, or null when the logic keeps no state of its own.
     * @throws RuntimeException if the state cannot be captured now (the snapshot is skipped and retried later).
     */
    default byte[] snapshot()
    {
        return null;
    }

    /**
     * Put back the state {@link #snapshot()} returned, instead of {@link #init}, when a world is restored after a
     * restart. Called after the zones' entities are restored.
     *
     * @param ctx   the world's services.
     * @param state the bytes of {@link #snapshot()}, or null if it returned null.
     * @throws RuntimeException if the bytes are not this logic's (the restore is abandoned).
     */
    default void restore(final WorldContext ctx, final byte[] state)
    {
    }

    /**
     * The world ended; release resources.
     */
    default void close()
    {
    }
}

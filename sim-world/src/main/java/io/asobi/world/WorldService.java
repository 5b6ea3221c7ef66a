package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway's view of persistent worlds (asobi-spec §4.4 {@code world.*}, §4.6, §6).
 * <p>
 * Player ids are the account ids the gateway authenticated; a player is in at most one world at a time. Requests
 * that need the world's tick thread (create, join, leave) are answered asynchronously through their
 * {@link WorldReply} once applied. Server pushes ({@code world.tick}, {@code world.ack}, {@code world.joined} on a
 * re-attach, {@code world.finished}) go through {@link WorldOutbound}.
 * <p>
 * <b>Note:</b> every method is thread safe, non-blocking and callable from I/O threads.
 */
public interface WorldService extends AutoCloseable
{
    /**
     * Live worlds of listed modes, oldest first, as {@code {"worlds":[{world_id, status, player_count, max_players,
     * mode, grid_size, started_at}]}}.
     *
     * @param mode        only this mode, or null for all.
     * @param hasCapacity only worlds with room when true, only full ones when false, all when null.
     * @return a new object owned by the caller.
     */
    ObjectNode list(String mode, Boolean hasCapacity);

    /**
     * Create a world of a mode (the caller owns it) and join it: replies {@code world.joined} or an error reason
     * ({@code not_found} for an unknown mode, {@code already_in_world}, {@code world_capacity_reached},
     * {@code player_world_limit_reached}, {@code world_start_failed}, or a join error).
     *
     * @param playerId creating player.
     * @param mode     world mode name.
     * @param reply    for the answer.
     */
    void create(String playerId, String mode, WorldReply reply);

    /**
     * Create a world of a mode owned by a player without joining it ({@code POST /api/v1/worlds}): replies
     * {@code world.created} with the world's listing object ({@code world_id, status, player_count, max_players,
     * mode, grid_size, started_at}). Errors: {@code not_found}, {@code world_capacity_reached},
     * {@code player_world_limit_reached}, {@code world_start_failed}, {@code invalid_payload}. A world created so
     * stays until a player has joined and the last one left (or its empty grace runs out).
     *
     * @param ownerId the creating player, counted against the per-player cap.
     * @param mode    the world mode.
     * @param reply   answered once.
     */
    void createOwned(String ownerId, String mode, WorldReply reply);

    /**
     * Join the oldest listed, quick-play world of a mode with room, else create one and join it: replies
     * {@code world.joined} or an error reason (those of {@link #create}, and {@code quick_play_disabled}).
     *
     * @param playerId joining player.
     * @param mode     world mode name.
     * @param reply    for the answer.
     */
    void findOrCreate(String playerId, String mode, WorldReply reply);

    /**
     * Join a live world: replies {@code world.joined {world_id, mode, status, player_count, max_players, grid_size,
     * started_at, listed, quick_play, players}} followed by the keyframes of the ring, or an error reason
     * ({@code world_not_found}, {@code already_in_world}, {@code world_full}, {@code zone_unavailable},
     * {@code join_refused} with {@code details.refused_reason}).
     *
     * @param playerId joining player.
     * @param worldId  world to join.
     * @param ctx      validated join context (flat object), or null.
     * @param reply    for the answer.
     */
    void join(String playerId, String worldId, ObjectNode ctx, WorldReply reply);

    /**
     * Leave the player's world, if any; replies {@code world.left {"success":true}} in every case.
     *
     * @param playerId leaving player.
     * @param reply    for the answer, or null when nobody waits for one.
     */
    void leave(String playerId, WorldReply reply);

    /**
     * Route one input map to the zone owning the player's entity; the bytes are copied before return.
     *
     * @param playerId sender.
     * @param seq      the client's top-level {@code seq} (0..2^53-1), or -1 when it sent none; a stamped input is
     *                 acknowledged with {@code world.ack {tick, seq}} after the zone's next broadcast.
     * @param json     UTF-8 JSON object (already unwrapped from the deprecated shapes).
     * @param offset   at which it starts.
     * @param length   its length in bytes.
     * @return what happened to it.
     */
    WorldInputResult input(String playerId, long seq, byte[] json, int offset, int length);

    /**
     * Largest input map accepted by {@link #input}.
     *
     * @return bytes.
     */
    int maxInputBytes();

    /**
     * {@code world.resync {zone:[x,y]}}: the zone re-sends its keyframe to the player if the player is subscribed to
     * it. No reply on the wire in any case.
     *
     * @param playerId requesting player.
     * @param zoneX    zone x.
     * @param zoneY    zone y.
     * @return what happened to it.
     */
    ResyncResult resync(String playerId, int zoneX, int zoneY);

    /**
     * A player authenticated a connection ({@code session.connect}): if it is detached from a live world within its
     * reconnect grace, it is re-attached: pushed {@code world.joined}, then the keyframes of its ring.
     *
     * @param playerId the player.
     */
    void playerConnected(String playerId);

    /**
     * The player's last session closed: its entity is kept for the mode's {@code playerTtlMs} (0: it leaves at once).
     *
     * @param playerId who went away.
     */
    void playerDisconnected(String playerId);

    /**
     * Stop every world; pending requests are answered {@code internal}.
     */
    @Override
    void close();
}

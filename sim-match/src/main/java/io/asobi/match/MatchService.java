package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway's view of matches and the matchmaker (asobi-spec §4.4, §3.3, §3.4).
 * <p>
 * Player ids are the account ids the gateway authenticated; a player is in at most one match at a time. Requests
 * that need the match's game logic (join, leave) are answered asynchronously through their {@link Reply}, after the
 * tick thread that owns the match has applied them. Server pushes ({@code match.state}, {@code match.matched},
 * {@code match.finished}, custom {@code match.<name>} events) go through {@link MatchOutbound}.
 * <p>
 * <b>Note:</b> every method is thread safe, non-blocking and callable from I/O threads.
 */
public interface MatchService extends AutoCloseable
{
    /**
     * A player authenticated a connection ({@code session.connect}). If a match restored after a restart is waiting
     * for this player, the player is re-attached to it: it is pushed {@code match.joined} and {@code match.state}
     * resumes.
     *
     * @param playerId the player.
     */
    default void playerConnected(final String playerId)
    {
    }

    /**
     * Join a live match: replies {@code match.joined} or an error reason ({@code match_not_found},
     * {@code match_full}, {@code match_locked}, {@code join_refused} with {@code details.refused_reason}).
     *
     * @param playerId joining player.
     * @param matchId  match to join.
     * @param ctx      validated join context (flat object), or null.
     * @param reply    for the answer.
     */
    void join(String playerId, String matchId, ObjectNode ctx, Reply reply);

    /**
     * Join the first joinable match of a mode with room, else create one and join it: replies {@code match.joined}
     * or an error reason ({@code not_found} for an unknown mode, {@code quick_play_disabled},
     * {@code match_capacity_reached}, or a join error).
     *
     * @param playerId joining player.
     * @param mode     game mode name.
     * @param ctx      validated join context, or null.
     * @param reply    for the answer.
     */
    void findOrCreate(String playerId, String mode, ObjectNode ctx, Reply reply);

    /**
     * Live matches of listed modes, as {@code {"matches":[{match_id, mode, status, player_count, max_players,
     * joinable}]}}.
     *
     * @param mode        only this mode, or null for all.
     * @param hasCapacity only matches with room when true, only full ones when false, all when null.
     * @param joinable    filter on the joinable flag, or null.
     * @return a new object owned by the caller.
     */
    ObjectNode list(String mode, Boolean hasCapacity, Boolean joinable);

    /**
     * Route one input map to the player's match; the bytes are copied before return.
     *
     * @param playerId sender.
     * @param json     UTF-8 JSON object (already unwrapped from the deprecated shapes).
     * @param offset   at which it starts.
     * @param length   its length in bytes.
     * @return what happened to it.
     */
    InputResult input(String playerId, byte[] json, int offset, int length);

    /**
     * Largest input map accepted by {@link #input}.
     *
     * @return bytes.
     */
    int maxInputBytes();

    /**
     * Leave the player's match, if any; replies {@code match.left {"success":true}} in every case.
     *
     * @param playerId leaving player.
     * @param reply    for the answer, or null when nobody waits for one.
     */
    void leave(String playerId, Reply reply);

    /**
     * The player's last session closed: leave its match and drop its matchmaker tickets.
     *
     * @param playerId who went away.
     */
    void playerDisconnected(String playerId);

    /**
     * Queue the player for a mode: replies {@code matchmaker.queued {ticket_id, status, players_needed,
     * already_queued}} or an error reason ({@code unknown_mode}, {@code queue_full}).
     *
     * @param playerId   player to queue.
     * @param mode       game mode name (the gateway applies the {@code "default"} default).
     * @param properties ticket properties (for example {@code skill}), or null.
     * @param reply      for the answer.
     */
    void matchmakerAdd(String playerId, String mode, ObjectNode properties, Reply reply);

    /**
     * Cancel a ticket: replies {@code matchmaker.removed {"success":true}} or an error reason ({@code not_owner},
     * {@code not_found}).
     *
     * @param playerId requesting player.
     * @param ticketId ticket to cancel.
     * @param reply    for the answer.
     */
    void matchmakerRemove(String playerId, String ticketId, Reply reply);

    /**
     * Read a ticket: replies (type {@code matchmaker.ticket}) {@code {id, mode, status, properties, submitted_at}}
     * or an error reason ({@code not_owner}, {@code ticket_not_found}).
     *
     * @param playerId requesting player.
     * @param ticketId ticket to read.
     * @param reply    for the answer.
     */
    void matchmakerTicket(String playerId, String ticketId, Reply reply);

    /**
     * Stop every match and the matchmaker; pending requests are answered {@code internal}.
     */
    @Override
    void close();
}

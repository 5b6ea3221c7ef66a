package io.asobi.match;

import java.util.List;

/**
 * What the runtime offers the game logic of one match (the Java side of Lua's {@code game.*}).
 * <p>
 * <b>Note:</b> use on the match's tick thread only.
 */
public interface MatchContext
{
    /**
     * The match id (a UUIDv7 string).
     *
     * @return never null.
     */
    String matchId();

    /**
     * The mode's shape when the match was created.
     *
     * @return never null.
     */
    ModeConfig config();

    /**
     * Seed of the match's random number generator, fixed at creation (and journaled later).
     *
     * @return the seed.
     */
    long seed();

    /**
     * Players currently in the match, in join order.
     *
     * @return an unmodifiable view.
     */
    List<String> players();

    /**
     * Push a complete frame to every player of the match (for {@code match.<name>} events).
     *
     * @param frame complete UTF-8 JSON envelope; not changed afterwards.
     */
    void broadcastFrame(byte[] frame);

    /**
     * Push a complete frame to one player (for {@code module.message}).
     *
     * @param playerId the player.
     * @param frame    complete UTF-8 JSON envelope; not changed afterwards.
     */
    void sendFrame(String playerId, byte[] frame);

    /**
     * Open or close the match to new joins ({@code game.match.set_joinable}).
     *
     * @param joinable false to refuse joins with {@code match_locked}.
     */
    void setJoinable(boolean joinable);

    /**
     * Monotonic time for housekeeping that is not game state (script reload polling), never for game decisions.
     *
     * @return nanoseconds.
     */
    long nanoTime();

    /**
     * The logic now runs other code (a hot reload): the runtime journals the new code version in the current tick
     * and writes a snapshot after it, so recovery never re-runs ticks of the old code with the new one.
     *
     * @param codeHash hash of the code now running ({@link GameMode#codeHash()}'s scheme).
     */
    default void codeReloaded(final long codeHash)
    {
    }

    /**
     * Call a metagame service ({@link MetagameBridge}) from game logic, waiting for its answer (bounded by the
     * runtime's {@code metagameTimeoutMs}). The answer is journaled with the tick, and a replay or a restore gets
     * the journaled answer instead of calling again, so nothing is granted twice. Only inside the callbacks of a
     * tick ({@code join}, {@code leave}, {@code handleInput}, {@code tick}); elsewhere it answers an error.
     *
     * @param method e.g. {@code economy.grant}.
     * @param args   its arguments.
     * @return {@code {"ok": value}} or {@code {"error": "code"}}.
     */
    default com.fasterxml.jackson.databind.JsonNode metagame(
        final String method, final com.fasterxml.jackson.databind.node.ObjectNode args)
    {
        return Frames.object().put("error", "metagame_unavailable");
    }
}

package io.asobi.match;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;

/**
 * The game logic of one match: Asobi's match behaviour (asobi-spec §5.1) for Java and Lua alike.
 * <p>
 * Order within a tick: staged joins and leaves in arrival order, then staged inputs in arrival order
 * ({@link #handleInput}), then {@link #tick}, then {@link #writeState} for each audience. Inputs are only delivered
 * while the match is running.
 * <p>
 * Failure contract: an exception thrown by a callback is contained by the runtime: the callback's effect is
 * discarded where the implementation can do so (Lua restores the previous state), it is logged, and the match
 * keeps ticking.
 * <p>
 * <b>Note:</b> called on the match's tick thread only; implementations read no wall clock for game decisions and
 * draw randomness only from {@link MatchContext#seed()}.
 */
public interface MatchLogic
{
    /**
     * Set the match up, before any other call.
     *
     * @param ctx the match's services and identity; valid for the life of the match.
     */
    void init(MatchContext ctx);

    /**
     * A player asks to join.
     *
     * @param playerId the player.
     * @param joinCtx  the join context from the client, or null.
     * @return null to admit the player, or a refusal reason (at most 64 printable ASCII characters; may be empty).
     */
    String join(String playerId, ObjectNode joinCtx);

    /**
     * A player left (or disconnected); cannot fail.
     *
     * @param playerId the player.
     */
    void leave(String playerId);

    /**
     * Apply one input of a player.
     *
     * @param playerId the sender.
     * @param json     buffer holding a UTF-8 JSON object; valid only during the call.
     * @param offset   at which it starts.
     * @param length   its length in bytes.
     */
    void handleInput(String playerId, byte[] json, int offset, int length);

    /**
     * Step the game once.
     *
     * @param tick the match tick, from 0, counted while running.
     * @return null to go on, or the result to finish the match with (sent in {@code match.finished}).
     */
    ObjectNode tick(long tick);

    /**
     * Whether one state is built for all players ({@link #writeState} called with a null player).
     *
     * @return true for shared state.
     */
    boolean sharedState();

    /**
     * Write the {@code match.state} payload (a JSON object) for one player, or for all when shared.
     *
     * @param playerId the audience, or null for the shared state.
     * @param out      generator positioned where the payload value goes.
     * @throws IOException from the generator.
     */
    void writeState(String playerId, JsonGenerator out) throws IOException;

    /**
     * Write the game's complete state at the end of a tick, for crash recovery and restarts: everything
     * {@link #restore} needs to carry on exactly as this instance would (game state and random-number state).
     * Called on the tick thread between ticks, never during a callback. The bytes are opaque to the runtime and
     * journaled with the mode's code hash; only the same mode's {@link #restore} reads them.
     *
     * @param out    buffer to write into; it grows as needed.
     * @param offset where to start writing.
     * @return bytes written, or -1 if this logic cannot snapshot (now or ever); recovery then starts from an
     * older snapshot or from the start of the match and replays the journal.
     */
    default int snapshot(final ExpandableArrayBuffer out, final int offset)
    {
        return -1;
    }

    /**
     * Set the match up from a {@link #snapshot}, instead of {@link #init}: afterwards this instance behaves exactly
     * as the one that wrote the snapshot did at that moment. Must not send frames.
     *
     * @param ctx    the match's services and identity, as for {@link #init}.
     * @param src    holding the snapshot.
     * @param offset where it starts.
     * @param length its length in bytes.
     * @throws IllegalArgumentException if the bytes are not a snapshot this logic can read.
     * @throws UnsupportedOperationException if this logic does not snapshot.
     */
    default void restore(final MatchContext ctx, final DirectBuffer src, final int offset, final int length)
    {
        throw new UnsupportedOperationException(getClass().getName() + " does not restore from snapshots");
    }

    /**
     * The match ended; release resources.
     */
    default void close()
    {
    }
}

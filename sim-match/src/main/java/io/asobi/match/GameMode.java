package io.asobi.match;

/**
 * A game mode: its shape and a factory for the game logic of each match. Lua modes are loaded from the game
 * directory; Java modes implement this interface and have a public no-argument constructor.
 */
public interface GameMode
{
    /**
     * The mode's current shape.
     *
     * @return never null.
     */
    ModeConfig config();

    /**
     * Create the logic of one new match.
     *
     * @return a new instance, used by one tick thread only.
     */
    MatchLogic newMatch();

    /**
     * A hash of the mode's current code version, journaled when a match starts so that a replay can tell whether
     * it runs the same code (Lua: the bytes of the script and the modules it requires).
     *
     * @return the hash, or 0 when the mode does not know its version.
     */
    default long codeHash()
    {
        return 0L;
    }
}

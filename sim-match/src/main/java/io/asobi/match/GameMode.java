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
}

package io.asobi.match;

import java.util.Collection;

/**
 * The modes a server offers. Implementations may change their content at run time (a script's mode globals are
 * re-read when it changes).
 * <p>
 * <b>Note:</b> thread safe.
 */
public interface GameModes
{
    /**
     * Look a mode up by name.
     *
     * @param name mode name.
     * @return the mode, or null if there is none of that name.
     */
    GameMode find(String name);

    /**
     * All current modes.
     *
     * @return an unmodifiable snapshot.
     */
    Collection<GameMode> all();
}

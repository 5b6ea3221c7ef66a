package io.asobi.examples.arena;

import io.asobi.match.GameMode;
import io.asobi.match.MatchLogic;
import io.asobi.match.ModeConfig;

/**
 * The arena without a score limit: matches run until their players leave. For benchmarks and long sessions
 * ({@code "java:io.asobi.examples.arena.EndlessArenaMode"} in a {@code config.lua}).
 */
public final class EndlessArenaMode implements GameMode
{
    private final ArenaMode arena = new ArenaMode(0);

    /**
     * {@inheritDoc}
     */
    public ModeConfig config()
    {
        return arena.config();
    }

    /**
     * {@inheritDoc}
     */
    public MatchLogic newMatch()
    {
        return arena.newMatch();
    }
}

package io.asobi.examples.arena;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import io.asobi.match.MatchLogic;
import io.asobi.match.ModeConfig;

/**
 * The arena, a Java game mode written against the ECS: players move and shoot in an 800 × 600 arena, projectiles
 * fly, expire and hit; a hit takes hp from the target and scores a point for the shooter, and a player at 0 hp
 * respawns.
 * <p>
 * Mode {@value #NAME}: match size 2, 1 to 16 players, 60 Hz, shared state
 * {@code {tick, players:{id:{x,y,hp,score}}, projectiles:[{x,y}]}}, listed, quick play; the match finishes when a
 * player scores {@code score_to_win} (default {@value #SCORE_TO_WIN_DEFAULT}).
 */
public final class ArenaMode implements GameMode
{
    /** The mode's name. */
    public static final String NAME = "arena";

    /** Hits that win a match unless the mode says otherwise. */
    public static final int SCORE_TO_WIN_DEFAULT = 10;

    private final ModeConfig config;
    private final int scoreToWin;

    /**
     * The arena with its default settings.
     */
    public ArenaMode()
    {
        this(SCORE_TO_WIN_DEFAULT);
    }

    /**
     * The arena with another winning score.
     *
     * @param scoreToWin hits that win a match; 0 for matches that never finish on score.
     */
    public ArenaMode(final int scoreToWin)
    {
        if (scoreToWin < 0)
        {
            throw new IllegalArgumentException("scoreToWin must not be negative: " + scoreToWin);
        }
        this.scoreToWin = scoreToWin;
        final ObjectNode extra = JsonNodeFactory.instance.objectNode();
        extra.put("score_to_win", scoreToWin);
        extra.put("width", (int)ArenaSimulation.WIDTH);
        extra.put("height", (int)ArenaSimulation.HEIGHT);
        config = new ModeConfig(NAME, 2, 1, 16, ModeConfig.FILL, 0, 0, 60, true, true, true, extra);
    }

    /**
     * {@inheritDoc}
     */
    public ModeConfig config()
    {
        return config;
    }

    /**
     * {@inheritDoc}
     */
    public MatchLogic newMatch()
    {
        return new ArenaMatch(scoreToWin);
    }
}

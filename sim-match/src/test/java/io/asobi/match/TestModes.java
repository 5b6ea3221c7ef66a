package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A map-backed {@link GameModes} for tests.
 */
final class TestModes implements GameModes
{
    private final Map<String, GameMode> modes = Collections.synchronizedMap(new LinkedHashMap<>());

    TestModes add(final ModeConfig config, final Supplier<MatchLogic> factory)
    {
        modes.put(config.name(), new GameMode()
        {
            public ModeConfig config()
            {
                return config;
            }

            public MatchLogic newMatch()
            {
                return factory.get();
            }
        });
        return this;
    }

    public GameMode find(final String name)
    {
        return modes.get(name);
    }

    public Collection<GameMode> all()
    {
        synchronized (modes)
        {
            return Collections.unmodifiableList(new ArrayList<>(modes.values()));
        }
    }

    static ModeConfig config(
        final String name,
        final int matchSize,
        final int minPlayers,
        final int maxPlayers,
        final int tickRateHz,
        final boolean sharedState,
        final boolean listed,
        final boolean quickPlay)
    {
        return new ModeConfig(name, matchSize, minPlayers, maxPlayers, ModeConfig.FILL, 0, 0, tickRateHz,
            sharedState, listed, quickPlay, Frames.object());
    }

    static ModeConfig skillConfig(final String name, final int matchSize, final int window, final int expandPerSecond)
    {
        return new ModeConfig(name, matchSize, matchSize, matchSize, ModeConfig.SKILL_BASED, window, expandPerSecond,
            10, true, false, false, Frames.object());
    }

    static ObjectNode object()
    {
        return Frames.object();
    }
}

package io.asobi.match.lua;

import io.asobi.match.MatchContext;
import io.asobi.match.ModeConfig;
import io.asobi.world.WorldContext;
import org.agrona.concurrent.NanoClock;

import java.util.List;

/**
 * What a world script's {@code game} table sends through: {@code game.broadcast} becomes {@code world.<event>} to
 * every connected player of the world and {@code game.send} a {@code module.message} to one, through the world's
 * {@link WorldContext}. A world has no match shape, joinable flag or journaled metagame calls (yet):
 * {@link #config()} is null, {@link #setJoinable} does nothing, and metagame calls answer
 * {@code metagame_unavailable}.
 * <p>
 * <b>Note:</b> the world's tick thread only.
 */
final class WorldScriptHost implements MatchContext
{
    private final WorldContext world;
    private final NanoClock clock;

    WorldScriptHost(final WorldContext world, final NanoClock clock)
    {
        this.world = world;
        this.clock = clock;
    }

    public String matchId()
    {
        return world.worldId();
    }

    public ModeConfig config()
    {
        return null;
    }

    public long seed()
    {
        return world.seed();
    }

    public List<String> players()
    {
        return List.of();
    }

    public void broadcastFrame(final byte[] frame)
    {
        world.broadcastFrame(frame);
    }

    public void sendFrame(final String playerId, final byte[] frame)
    {
        world.sendFrame(playerId, frame);
    }

    public void setJoinable(final boolean joinable)
    {
    }

    public long nanoTime()
    {
        return clock.nanoTime();
    }
}

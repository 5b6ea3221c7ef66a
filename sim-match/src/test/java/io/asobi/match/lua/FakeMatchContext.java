package io.asobi.match.lua;

import io.asobi.match.MatchContext;
import io.asobi.match.ModeConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven {@link MatchContext}: records the frames pushed and steps its clock only when told.
 */
final class FakeMatchContext implements MatchContext
{
    final List<String> players = new ArrayList<>();
    final List<String> broadcasts = new ArrayList<>();
    final List<String> sent = new ArrayList<>();
    final List<Boolean> joinable = new ArrayList<>();
    private final String matchId;
    private final ModeConfig config;
    private final long seed;
    private long nowNs = TimeUnit.SECONDS.toNanos(1000);

    FakeMatchContext(final String matchId, final ModeConfig config, final long seed)
    {
        this.matchId = matchId;
        this.config = config;
        this.seed = seed;
    }

    void advanceMs(final long ms)
    {
        nowNs += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    public String matchId()
    {
        return matchId;
    }

    public ModeConfig config()
    {
        return config;
    }

    public long seed()
    {
        return seed;
    }

    public List<String> players()
    {
        return Collections.unmodifiableList(players);
    }

    public void broadcastFrame(final byte[] frame)
    {
        broadcasts.add(new String(frame, StandardCharsets.UTF_8));
    }

    public void sendFrame(final String playerId, final byte[] frame)
    {
        sent.add(playerId + " " + new String(frame, StandardCharsets.UTF_8));
    }

    public void setJoinable(final boolean joinable)
    {
        this.joinable.add(joinable);
    }

    public long nanoTime()
    {
        return nowNs;
    }
}

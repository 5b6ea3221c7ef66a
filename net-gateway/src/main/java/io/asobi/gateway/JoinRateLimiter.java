package io.asobi.gateway;

import org.agrona.concurrent.NanoClock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Joins per player per fixed window, shared by every socket of the player (asobi-spec §4.4: 10 per 60 s).
 * <p>
 * Windows that have ended are swept once the table holds more than {@value #SWEEP_THRESHOLD} players, at most once
 * per window, so the table stays bounded by the players who joined within about one window.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class JoinRateLimiter
{
    static final int SWEEP_THRESHOLD = 1024;

    private final NanoClock clock;
    private final int limit;
    private final long windowNs;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long nextSweepNs;

    private static final class Window
    {
        long startNs;
        int count;
    }

    JoinRateLimiter(final NanoClock clock, final int limit, final long windowMs)
    {
        this.clock = clock;
        this.limit = limit;
        this.windowNs = TimeUnit.MILLISECONDS.toNanos(windowMs);
        nextSweepNs = clock.nanoTime() + windowNs;
    }

    /**
     * Take one join from the player's window.
     *
     * @param playerId the joining player.
     * @return true if allowed, false if the player used up the window.
     */
    boolean tryAcquire(final String playerId)
    {
        final long nowNs = clock.nanoTime();
        sweepIfDue(nowNs);

        final boolean[] allowed = new boolean[1];
        windows.compute(playerId, (id, existing) ->
        {
            final Window window = null == existing ? new Window() : existing;
            if (null == existing || nowNs - window.startNs >= windowNs)
            {
                window.startNs = nowNs;
                window.count = 0;
            }
            if (window.count < limit)
            {
                window.count++;
                allowed[0] = true;
            }
            return window;
        });
        return allowed[0];
    }

    /**
     * Players currently tracked.
     *
     * @return the count.
     */
    int trackedPlayers()
    {
        return windows.size();
    }

    private void sweepIfDue(final long nowNs)
    {
        if (windows.size() <= SWEEP_THRESHOLD || nowNs - nextSweepNs < 0)
        {
            return;
        }
        nextSweepNs = nowNs + windowNs;
        for (final String playerId : windows.keySet())
        {
            windows.computeIfPresent(playerId, (id, window) -> nowNs - window.startNs >= windowNs ? null : window);
        }
    }
}

package io.asobi.gateway;

import org.agrona.concurrent.NanoClock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Events per key per fixed window: joins per player (asobi-spec §4.4: 10 per 60 s, shared by every socket of the
 * player) and HTTP requests per client address or player (§1.1: auth 5/s, register 3/s, api 300/s). A window
 * starts at the first event after the previous one ended.
 * <p>
 * Windows that have ended are swept once the table holds more than {@value #SWEEP_THRESHOLD} keys, at most once
 * per window, so the table stays bounded by the keys seen within about one window.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class KeyedRateLimiter
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

    KeyedRateLimiter(final NanoClock clock, final int limit, final long windowMs)
    {
        this.clock = clock;
        this.limit = limit;
        this.windowNs = TimeUnit.MILLISECONDS.toNanos(windowMs);
        nextSweepNs = clock.nanoTime() + windowNs;
    }

    /**
     * Take one event from the key's window.
     *
     * @param playerId the key (a player id, or a prefixed client address).
     * @return true if allowed, false if the key used up its window.
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

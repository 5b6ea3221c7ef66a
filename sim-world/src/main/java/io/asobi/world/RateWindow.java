package io.asobi.world;

/**
 * A sliding-window rate limit: at most {@code limit} events in any {@code windowNs}. Keeps the times of the last
 * {@code limit} events.
 * <p>
 * <b>Note:</b> thread safe (synchronised; used on request paths, not tick paths).
 */
final class RateWindow
{
    private final long[] timesNs;
    private final long windowNs;
    private int next;
    private int count;

    RateWindow(final int limit, final long windowNs)
    {
        if (limit < 1 || windowNs < 1)
        {
            throw new IllegalArgumentException("limit and windowNs must be positive: " + limit + ", " + windowNs);
        }
        this.timesNs = new long[limit];
        this.windowNs = windowNs;
    }

    /**
     * Take one event at {@code nowNs} if the window has room.
     *
     * @return true if allowed (and counted).
     */
    synchronized boolean tryAcquire(final long nowNs)
    {
        if (count == timesNs.length && nowNs - timesNs[next] < windowNs)
        {
            return false;
        }
        timesNs[next] = nowNs;
        next = (next + 1) % timesNs.length;
        count = Math.min(count + 1, timesNs.length);
        return true;
    }
}

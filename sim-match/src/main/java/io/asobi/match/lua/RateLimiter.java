package io.asobi.match.lua;

/**
 * At most {@code limit} events per fixed window of time, counting what it refused; for log lines.
 * <p>
 * Time comes from the caller, so tests step it by hand; time going backwards starts a new window.
 * <p>
 * <b>Note:</b> not thread safe; callers that share one synchronize on it.
 */
final class RateLimiter
{
    private final int limit;
    private final long windowNs;
    private long windowStartNs;
    private int count;
    private boolean started;
    private long refused;

    /**
     * @param limit    events allowed per window, at least 1.
     * @param windowNs window length in nanoseconds, at least 1.
     */
    RateLimiter(final int limit, final long windowNs)
    {
        if (limit < 1 || windowNs < 1)
        {
            throw new IllegalArgumentException("limit and windowNs must be >= 1: " + limit + ", " + windowNs);
        }
        this.limit = limit;
        this.windowNs = windowNs;
    }

    /**
     * Ask for one event.
     *
     * @param nowNs current time in nanoseconds.
     * @return true if allowed, false if the window's allowance is spent.
     */
    boolean tryAcquire(final long nowNs)
    {
        if (!started || nowNs - windowStartNs >= windowNs || nowNs - windowStartNs < 0)
        {
            started = true;
            windowStartNs = nowNs;
            count = 0;
        }
        if (count < limit)
        {
            count++;
            return true;
        }
        refused++;
        return false;
    }

    /**
     * Events refused since the last call, and reset the count.
     *
     * @return refused events.
     */
    long takeRefused()
    {
        final long n = refused;
        refused = 0;
        return n;
    }
}

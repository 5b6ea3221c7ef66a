package io.asobi.match;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;

/**
 * Logs at most one warning per interval and counts the ones it suppressed, so a game script that throws on every
 * tick cannot flood the log.
 * <p>
 * <b>Note:</b> single threaded (one per match, used on its tick thread).
 */
final class LogLimiter
{
    static final long DEFAULT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final long intervalNs;
    private long lastLogNs;
    private boolean hasLogged;
    private long suppressedCount;
    private long totalCount;

    LogLimiter(final Logger log, final long intervalNs)
    {
        this.log = log;
        this.intervalNs = intervalNs;
    }

    /**
     * Report one failure; logged unless another was logged less than an interval ago.
     *
     * @param nowNs   monotonic time.
     * @param what    which callback failed.
     * @param matchId the match.
     * @param cause   the failure.
     */
    void warn(final long nowNs, final String what, final String matchId, final Throwable cause)
    {
        totalCount++;
        if (!hasLogged || nowNs - lastLogNs >= intervalNs)
        {
            hasLogged = true;
            lastLogNs = nowNs;
            final long suppressed = suppressedCount;
            suppressedCount = 0;
            log.warn("{} failed in match {} ({} similar reports suppressed)", what, matchId, suppressed, cause);
        }
        else
        {
            suppressedCount++;
        }
    }

    /**
     * Failures reported so far, logged or not.
     *
     * @return count.
     */
    long totalCount()
    {
        return totalCount;
    }
}

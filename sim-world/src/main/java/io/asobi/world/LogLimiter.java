package io.asobi.world;

import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;

/**
 * Logs at most one warning per second and counts the ones it suppressed, so game logic that throws on every tick
 * cannot flood the log.
 * <p>
 * <b>Note:</b> single threaded (one per world, used on its tick thread).
 */
final class LogLimiter
{
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final NanoClock clock;
    private long lastLogNs;
    private boolean hasLogged;
    private long suppressedCount;
    long totalCount;

    LogLimiter(final Logger log, final NanoClock clock)
    {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Report one failure (the last argument may be a throwable, as with slf4j).
     */
    void warn(final String format, final Object... args)
    {
        totalCount++;
        final long nowNs = clock.nanoTime();
        if (!hasLogged || nowNs - lastLogNs >= INTERVAL_NS)
        {
            hasLogged = true;
            lastLogNs = nowNs;
            if (suppressedCount > 0)
            {
                log.warn("({} similar reports suppressed)", suppressedCount);
                suppressedCount = 0;
            }
            log.warn(format, args);
        }
        else
        {
            suppressedCount++;
        }
    }
}

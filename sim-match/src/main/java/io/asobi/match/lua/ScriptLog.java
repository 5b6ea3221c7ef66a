package io.asobi.match.lua;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * The log of one mode's script across all its matches: callback failures ("lua callback failed"), hot reload
 * failures ("lua hot reload failed") and reloads. Each kind of line (per callback for failures) is limited to
 * {@link #LINES_PER_WINDOW} per {@link #WINDOW_NS}, as Asobi limits its failure log, so a hundred matches reloading
 * one edit write three lines, not a hundred; the next line written says how many were left out.
 * <p>
 * <b>Note:</b> thread safe (matches of one mode run on several tick threads).
 */
final class ScriptLog
{
    /** Lines per kind per window. */
    static final int LINES_PER_WINDOW = 3;

    /** Window length. */
    static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(10);

    private static final Logger LOG = LoggerFactory.getLogger(ScriptLog.class);
    private static final String RELOADED = "\0reloaded";
    private static final String RELOAD_FAILED = "\0reload failed";
    private static final String SNAPSHOT_REFUSED = "\0snapshot refused";

    private final String script;
    private final HashMap<String, RateLimiter> limiters = new HashMap<>();

    /**
     * @param script main script of the mode, for the log lines.
     */
    ScriptLog(final String script)
    {
        this.script = script;
    }

    /**
     * A callback failed; its effect was undone.
     *
     * @param callback the callback ({@code tick}, {@code handle_input}, ...).
     * @param matchId  the match, or null while loading modes.
     * @param message  what went wrong, with file and line.
     * @param nowNs    current time.
     * @return true if a line was written.
     */
    boolean callbackFailed(final String callback, final String matchId, final String message, final long nowNs)
    {
        final long skipped = tryLine(callback, nowNs);
        if (skipped < 0)
        {
            return false;
        }
        LOG.warn("lua callback failed: {} in {} (match {}): {}{}", callback, script, matchId, message, note(skipped));
        return true;
    }

    /**
     * A hot reload failed; the old code stays.
     *
     * @param matchId the match, or null for the mode watcher.
     * @param message what went wrong, with file and line.
     * @param nowNs   current time.
     * @return true if a line was written.
     */
    boolean reloadFailed(final String matchId, final String message, final long nowNs)
    {
        final long skipped = tryLine(RELOAD_FAILED, nowNs);
        if (skipped < 0)
        {
            return false;
        }
        LOG.warn("lua hot reload failed: {} (match {}){}", message, matchId, note(skipped));
        return true;
    }

    /**
     * A hot reload succeeded.
     *
     * @param matchId the match.
     * @param nowNs   current time.
     * @return true if a line was written.
     */
    boolean reloaded(final String matchId, final long nowNs)
    {
        final long skipped = tryLine(RELOADED, nowNs);
        if (skipped < 0)
        {
            return false;
        }
        LOG.info("lua script reloaded: {} (match {}){}", script, matchId, note(skipped));
        return true;
    }

    /**
     * A match's state cannot be snapshotted; recovery falls back to an older snapshot or to the start.
     *
     * @param matchId the match.
     * @param reason  why, naming the offending path of the state where there is one.
     * @param nowNs   current time.
     * @return true if a line was written.
     */
    boolean snapshotRefused(final String matchId, final String reason, final long nowNs)
    {
        final long skipped = tryLine(SNAPSHOT_REFUSED, nowNs);
        if (skipped < 0)
        {
            return false;
        }
        LOG.warn("lua snapshot refused: {} (match {}): {}{}", script, matchId, reason, note(skipped));
        return true;
    }

    /** Lines of this kind left out before this one, or -1 if this one is left out too. */
    private long tryLine(final String kind, final long nowNs)
    {
        synchronized (limiters)
        {
            final RateLimiter limiter =
                limiters.computeIfAbsent(kind, (key) -> new RateLimiter(LINES_PER_WINDOW, WINDOW_NS));
            return limiter.tryAcquire(nowNs) ? limiter.takeRefused() : -1;
        }
    }

    private static String note(final long skipped)
    {
        return 0 == skipped ? "" : " [" + skipped + " similar lines not logged]";
    }
}

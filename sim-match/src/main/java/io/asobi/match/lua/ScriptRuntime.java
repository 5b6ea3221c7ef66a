package io.asobi.match.lua;

import io.asobi.match.UuidV7;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;

import java.util.concurrent.TimeUnit;

/**
 * What every Lua VM of one {@link LuaGameModes} shares: the compiler and its cache, the settings from the context,
 * the id generator and the node-wide {@code game.log} limit.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class ScriptRuntime
{
    /** {@code game.log} lines per second for the whole node (Asobi: 300). */
    static final int NODE_LOG_LINES_PER_SECOND = 300;

    private final ScriptCompiler compiler;
    private final NanoClock nanoClock;
    private final long instructionBudget;
    private final long reloadPollIntervalNs;
    private final boolean reloadEnabled;
    private final boolean legacyGameFrames;
    private final boolean devErrors;
    private final boolean rollbackOnFailure;
    private final UuidV7 ids = new UuidV7(SystemEpochClock.INSTANCE);
    private final RateLimiter nodeLogLimiter = new RateLimiter(NODE_LOG_LINES_PER_SECOND, TimeUnit.SECONDS.toNanos(1));

    ScriptRuntime(final ScriptCompiler compiler, final LuaGameModes.Context ctx)
    {
        this.compiler = compiler;
        nanoClock = ctx.nanoClock();
        instructionBudget = ctx.instructionBudget();
        reloadPollIntervalNs = TimeUnit.MILLISECONDS.toNanos(ctx.reloadPollIntervalMs());
        reloadEnabled = ctx.reloadEnabled();
        legacyGameFrames = ctx.legacyGameFrames();
        devErrors = ctx.devErrors();
        rollbackOnFailure = ctx.rollbackOnFailure();
    }

    ScriptCompiler compiler()
    {
        return compiler;
    }

    NanoClock nanoClock()
    {
        return nanoClock;
    }

    long instructionBudget()
    {
        return instructionBudget;
    }

    long reloadPollIntervalNs()
    {
        return reloadPollIntervalNs;
    }

    boolean reloadEnabled()
    {
        return reloadEnabled;
    }

    boolean legacyGameFrames()
    {
        return legacyGameFrames;
    }

    boolean devErrors()
    {
        return devErrors;
    }

    boolean rollbackOnFailure()
    {
        return rollbackOnFailure;
    }

    UuidV7 ids()
    {
        return ids;
    }

    /**
     * Take one line of the node-wide {@code game.log} allowance.
     *
     * @param nowNs current time.
     * @return true if the line may be written.
     */
    boolean tryNodeLogLine(final long nowNs)
    {
        synchronized (nodeLogLimiter)
        {
            return nodeLogLimiter.tryAcquire(nowNs);
        }
    }
}

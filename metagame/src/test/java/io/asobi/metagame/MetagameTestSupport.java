package io.asobi.metagame;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Launching machines with a cheap Argon2 cost and a hand-driven clock, and reading futures' outcomes. */
final class MetagameTestSupport
{
    static final long START_MS = 1_780_000_000_000L;
    static final long TIMEOUT_S = 20;

    private MetagameTestSupport()
    {
    }

    static MetagameStateMachine.Context cheapContext(
        final Path dataDir, final CachedEpochClock clock, final List<Throwable> errors)
    {
        return new MetagameStateMachine.Context()
            .dataDir(dataDir)
            .epochClock(clock)
            .argon2MemoryKiB(64)
            .argon2Iterations(1)
            .hashThreads(1)
            .idleStrategy(new SleepingIdleStrategy(TimeUnit.MILLISECONDS.toNanos(1)))
            .errorHandler(errors::add);
    }

    static <T> T await(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new AssertionError("expected success, failed with " + ex.getCause(), ex.getCause());
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            throw new AssertionError(ex);
        }
    }

    static AccountException failureOf(final CompletableFuture<?> future)
    {
        try
        {
            final Object value = future.get(TIMEOUT_S, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, completed with " + value);
        }
        catch (final ExecutionException ex)
        {
            assertThat(ex.getCause()).isInstanceOf(AccountException.class);
            return (AccountException)ex.getCause();
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            throw new AssertionError(ex);
        }
    }

    static String codeOf(final CompletableFuture<?> future)
    {
        return failureOf(future).code();
    }

    /**
     * Wait until the writer has begun a duty cycle after this call: the second of two queries is drained by a cycle
     * that started after the first completed, so it saw the clock as it is now (and pruned if due).
     */
    static void awaitFreshWriterCycle(final MetagameStateMachine machine)
    {
        await(machine.query(state -> null));
        await(machine.query(state -> null));
    }
}

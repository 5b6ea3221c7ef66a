package io.asobi.world;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The small executor shared by every terrain world of the JVM that generates and compresses chunks off the tick
 * threads: {@value #THREADS} daemon threads and a queue of {@value #QUEUE_CAPACITY} loads (a full queue refuses a
 * load, which the world requests again on a later tick). Reference counted: created by the first world that needs
 * it, shut down when the last such world closes.
 * <p>
 * Tests replace it with {@link #executorOverride(Executor)} (e.g. {@code Runnable::run}, or a queue they drain by
 * hand) so that no test waits for a thread.
 */
public final class TerrainLoader
{
    /** Loader threads. */
    public static final int THREADS = 2;

    /** Loads queued at most. */
    public static final int QUEUE_CAPACITY = 1024;

    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
    private static volatile Executor override;
    private static ThreadPoolExecutor pool;
    private static int users;

    private TerrainLoader()
    {
    }

    /**
     * Make worlds created from now on load chunks through {@code executor} instead of the shared pool.
     *
     * @param executor the executor, or null to go back to the shared pool.
     */
    public static void executorOverride(final Executor executor)
    {
        override = executor;
    }

    /**
     * The executor for a new user; pair with {@link #release(Executor)}.
     *
     * @return the override if set, else the shared pool (started if needed).
     */
    static synchronized Executor acquire()
    {
        final Executor executor = override;
        if (null != executor)
        {
            return executor;
        }
        if (null == pool)
        {
            pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), task ->
                {
                    final Thread thread = new Thread(task, "asobi-terrain-" + THREAD_NUMBERS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        }
        users++;
        return pool;
    }

    /**
     * A user of {@link #acquire()} is done; the last user of the shared pool shuts it down.
     *
     * @param executor what {@link #acquire()} returned.
     */
    static synchronized void release(final Executor executor)
    {
        if (executor != pool || null == pool)
        {
            return;
        }
        if (--users == 0)
        {
            pool.shutdownNow();
            pool = null;
        }
    }

    /**
     * Is the shared pool running?
     *
     * @return true while some world uses it.
     */
    static synchronized boolean isPoolRunning()
    {
        return null != pool;
    }
}

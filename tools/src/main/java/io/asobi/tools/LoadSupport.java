package io.asobi.tools;

import io.asobi.client.AsobiClient;
import io.asobi.client.AsobiException;
import io.asobi.client.Session;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shared pieces of the load generators: player registration and histogram printing.
 */
final class LoadSupport
{
    private LoadSupport()
    {
    }

    static AsobiClient client(final URI url)
    {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new AsobiClient(url, http, Duration.ofSeconds(60));
    }

    static List<Session> registerPlayers(final AsobiClient client, final int count)
    {
        final String prefix = "load" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL);
        final List<Session> players = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            players.add(registerPaced(client, prefix + "_" + i));
        }
        return players;
    }

    /**
     * Register {@code count} fresh players on {@code threads} threads (sign-ups are dominated by the server's
     * password hashing, which runs off its event loop).
     *
     * @return the sessions, in order.
     */
    static List<Session> registerPlayers(final AsobiClient client, final int count, final int threads)
        throws InterruptedException
    {
        final String prefix = "load" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL);
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final List<Future<Session>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final String username = prefix + "_" + i;
                futures.add(pool.submit(() -> registerPaced(client, username)));
            }
            final List<Session> players = new ArrayList<>(count);
            for (final Future<Session> f : futures)
            {
                try
                {
                    players.add(f.get());
                }
                catch (final ExecutionException ex)
                {
                    throw ex.getCause() instanceof RuntimeException rt ? rt : new IllegalStateException(ex.getCause());
                }
            }
            return players;
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /** Register, waiting out the server's registration rate limit (429 with retry_after) when it answers one. */
    private static Session registerPaced(final AsobiClient client, final String username)
    {
        while (true)
        {
            try
            {
                return client.register(username, "load-test-password");
            }
            catch (final AsobiException ex)
            {
                if (429 != ex.status())
                {
                    throw ex;
                }
                try
                {
                    Thread.sleep(1_000);
                }
                catch (final InterruptedException ie)
                {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
            }
        }
    }

    static String percentilesUs(final Histogram h)
    {
        return String.format("n=%d p50=%.1f µs p90=%.1f µs p99=%.1f µs p99.9=%.1f µs max=%.1f µs",
            h.getTotalCount(),
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(90) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0,
            h.getMaxValue() / 1000.0);
    }
}

package io.asobi.tools;

import io.asobi.client.AsobiClient;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heartbeat round trips at N authenticated connections: each connection sends {@code session.heartbeat} with a
 * {@code cid} at a fixed rate and times the echo.
 */
@Command(name = "heartbeat", mixinStandardHelpOptions = true,
    description = "Heartbeat round-trip latency at N connections (loopback).")
final class HeartbeatLoad implements Callable<Integer>
{
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--connections", defaultValue = "1000", description = "Sockets to open (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--players", defaultValue = "10",
        description = "Accounts to spread the sockets over (a player may hold several; default ${DEFAULT-VALUE}).")
    int players;

    @Option(names = "--rate", defaultValue = "1", description = "Heartbeats per second per connection (default ${DEFAULT-VALUE}).")
    double ratePerConnection;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Not recorded (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "30", description = "Recorded (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--idle-seconds", defaultValue = "0",
        description = "Hold the connections idle this long before the heartbeats (to measure memory; default ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Override
    public Integer call() throws Exception
    {
        final AsobiClient client = LoadSupport.client(url);
        final List<Session> accounts = LoadSupport.registerPlayers(client, players);
        final List<RealtimeConnection> sockets = new ArrayList<>(connections);
        final long openStartNs = System.nanoTime();
        for (int i = 0; i < connections; i++)
        {
            sockets.add(client.connect(accounts.get(i % players).accessToken()).recording(false));
        }
        System.out.printf("opened and authenticated %d connections for %d players in %.1f s%n",
            connections, players, (System.nanoTime() - openStartNs) / 1e9);
        if (idleSeconds > 0)
        {
            System.out.println("IDLE " + connections + " connections for " + idleSeconds + " s");
            System.out.flush();
            TimeUnit.SECONDS.sleep(idleSeconds);
        }

        final Recorder fromScheduled = new Recorder(3);
        final Recorder fromSent = new Recorder(3);
        final AtomicLong errors = new AtomicLong();
        final long intervalNs = (long)(1e9 / (ratePerConnection * connections));
        run(sockets, fromScheduled, fromSent, errors, intervalNs, warmupSeconds);
        fromScheduled.getIntervalHistogram();
        fromSent.getIntervalHistogram();
        final long measuredStartNs = System.nanoTime();
        final long sent = run(sockets, fromScheduled, fromSent, errors, intervalNs, seconds);
        final double elapsedS = (System.nanoTime() - measuredStartNs) / 1e9;

        System.out.printf("heartbeat RTT at %d connections, %.0f msg/s offered, %.0f msg/s sent, errors=%d%n" +
            "  from the scheduled send time (includes generator lag): %s%n" +
            "  from the actual send:                                  %s%n",
            connections, ratePerConnection * connections, sent / elapsedS, errors.get(),
            LoadSupport.percentilesUs(fromScheduled.getIntervalHistogram()),
            LoadSupport.percentilesUs(fromSent.getIntervalHistogram()));
        sockets.forEach(RealtimeConnection::close);
        return 0 == errors.get() ? 0 : 1;
    }

    private static long run(
        final List<RealtimeConnection> sockets,
        final Recorder fromScheduled,
        final Recorder fromSent,
        final AtomicLong errors,
        final long intervalNs,
        final int seconds) throws InterruptedException
    {
        // The cid carries both time stamps, so a reply is matched without a table of pending requests or futures.
        final AtomicLong received = new AtomicLong();
        for (final RealtimeConnection socket : sockets)
        {
            socket.onFrame(frame ->
            {
                final String cid = null == frame.cid() ? null : frame.cid().asText(null);
                final int dot = null == cid ? -1 : cid.indexOf('.');
                if (!"session.heartbeat".equals(frame.type()) || dot < 0)
                {
                    errors.incrementAndGet();
                    return;
                }
                final long scheduledNs = Long.parseLong(cid, 0, dot, 10);
                final long sentNs = Long.parseLong(cid, dot + 1, cid.length(), 10);
                fromScheduled.recordValue(Math.max(0, frame.receivedNs() - scheduledNs));
                fromSent.recordValue(Math.max(0, frame.receivedNs() - sentNs));
                received.incrementAndGet();
            });
        }

        final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long nextNs = System.nanoTime();
        long sent = 0;
        int i = 0;
        while (System.nanoTime() < endNs)
        {
            final long waitNs = nextNs - System.nanoTime();
            if (waitNs > 0)
            {
                TimeUnit.NANOSECONDS.sleep(waitNs);
            }
            final RealtimeConnection socket = sockets.get(i++ % sockets.size());
            socket.sendText("{\"type\":\"session.heartbeat\",\"cid\":\"" + nextNs + "." + System.nanoTime() + "\"}");
            sent++;
            nextNs += intervalNs;
        }
        final long drainEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() + errors.get() < sent && System.nanoTime() < drainEndNs)
        {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        errors.addAndGet(Math.max(0, sent - received.get() - errors.get()));
        return sent;
    }
}

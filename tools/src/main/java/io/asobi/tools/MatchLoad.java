package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Players queue for a mode, get matched and send inputs at a fixed rate; the server's own tick-time statistics
 * (from {@code /health}) are printed at the end, with the state frames and bytes each player received.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
    description = "N players in matches of a mode, sending inputs; reports the server's tick times.")
final class MatchLoad implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--mode", required = true, description = "Game mode to queue for.")
    String mode;

    @Option(names = "--players", defaultValue = "10", description = "Players (default ${DEFAULT-VALUE}).")
    int players;

    @Option(names = "--input-rate", defaultValue = "10", description = "Inputs per second per player (default ${DEFAULT-VALUE}).")
    double inputRate;

    @Option(names = "--seconds", defaultValue = "30", description = "How long to play (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "15",
        description = "Played first and not reported (JIT warm-up; default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--join", defaultValue = "matchmaker",
        description = "matchmaker (groups of the mode's match_size) or find_or_create (one match; default ${DEFAULT-VALUE}).")
    String join;

    @Override
    public Integer call() throws Exception
    {
        final AsobiClient client = LoadSupport.client(url);
        final List<Session> accounts = LoadSupport.registerPlayers(client, players);
        final List<RealtimeConnection> sockets = new ArrayList<>();
        final AtomicLong stateFrames = new AtomicLong();
        final AtomicLong stateBytes = new AtomicLong();
        for (final Session s : accounts)
        {
            final RealtimeConnection c = client.connect(s.accessToken());
            sockets.add(c);
            final boolean quick = "find_or_create".equals(join);
            final Frame reply = c.request(quick ? "match.find_or_create" : "matchmaker.add",
                JSON.createObjectNode().put("mode", mode)).join();
            if (!(quick ? "match.joined" : "matchmaker.queued").equals(reply.type()))
            {
                System.err.println(join + " failed: " + reply.payload());
                return 1;
            }
        }
        for (final RealtimeConnection c : sockets)
        {
            if (!"find_or_create".equals(join))
            {
                c.await("match.matched", Duration.ofSeconds(30));
            }
            c.recording(false).onFrame(f ->
            {
                if ("match.state".equals(f.type()))
                {
                    stateFrames.incrementAndGet();
                    stateBytes.addAndGet(f.payload().toString().length());
                }
            });
        }
        System.out.printf("%d players matched in mode %s; sending %.0f inputs/s each for %d s (+%d s warm-up)%n",
            players, mode, inputRate, seconds, warmupSeconds);

        final SplittableRandom random = new SplittableRandom(42);
        play(sockets, random, warmupSeconds);
        client.request("GET", "/health", null, null); // reading the statistics resets the interval histograms
        stateFrames.set(0);
        stateBytes.set(0);
        final long sent = play(sockets, random, seconds);

        final JsonNode health = client.request("GET", "/health", null, null).body();
        System.out.println("inputs sent: " + sent + "; match.state frames received: " + stateFrames.get() +
            " (" + (stateFrames.get() == 0 ? 0 : stateBytes.get() / stateFrames.get()) + " B payload each)");
        System.out.println("server tick statistics: " + health.path("details").path("matches"));
        sockets.forEach(RealtimeConnection::close);
        return 0;
    }

    private long play(final List<RealtimeConnection> sockets, final SplittableRandom random, final int forSeconds)
        throws InterruptedException
    {
        final long intervalNs = (long)(1e9 / (inputRate * players));
        final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(forSeconds);
        long nextNs = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() < endNs)
        {
            final long waitNs = nextNs - System.nanoTime();
            if (waitNs > 0)
            {
                TimeUnit.NANOSECONDS.sleep(waitNs);
            }
            sockets.get((int)(sent % players)).send("match.input", input(random));
            sent++;
            nextNs += intervalNs;
        }
        return sent;
    }

    private static ObjectNode input(final SplittableRandom random)
    {
        final int dx = random.nextInt(3) - 1;
        final int dy = random.nextInt(3) - 1;
        return JSON.createObjectNode()
            .put("move_x", dx).put("move_y", dy)
            .put("left", dx < 0).put("right", dx > 0).put("up", dy < 0).put("down", dy > 0)
            .put("shoot", random.nextInt(4) == 0)
            .put("aim_x", random.nextInt(800)).put("aim_y", random.nextInt(600));
    }
}

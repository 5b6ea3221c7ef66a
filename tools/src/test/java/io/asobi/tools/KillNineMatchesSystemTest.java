package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System test of match recovery: two players play the SDK demo mode on a server in a child JVM while it is killed
 * with SIGKILL at random moments and restarted on the same data dir. Each time, both players connect again
 * ({@code session.connect} with the tokens they had), are pushed {@code match.joined} for the same match, and its
 * {@code match.state} goes on from after the last tick they saw: no tick a player saw is lost, and nothing starts
 * over.
 */
class KillNineMatchesSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int SPEED = 4; // demo.lua

    @TempDir
    Path tempDir;

    @Test
    void runningMatchesResumeAfterSigkill() throws Exception
    {
        final Path data = tempDir.resolve("data");
        final SplittableRandom random = new SplittableRandom(20261126);
        Process server = start(data);
        try
        {
            AsobiClient client = new AsobiClient(URI.create(ChildServer.url(server)));
            final Session a = client.register("kill9_match_a", "kill-nine-password");
            final Session b = client.register("kill9_match_b", "kill-nine-password");
            final AtomicReference<JsonNode> lastSeen = new AtomicReference<>();
            RealtimeConnection wsA = watched(client.connect(a.accessToken()), lastSeen);
            RealtimeConnection wsB = client.connect(b.accessToken());
            client.matchmakerAdd(a.accessToken(), "demo");
            client.matchmakerAdd(b.accessToken(), "demo");
            final String matchId = wsA.await("match.matched", WAIT).payload().path("match_id").asText();
            wsA.await("match.state", WAIT);

            for (int round = 0; round < 3; round++)
            {
                final AtomicBoolean stop = new AtomicBoolean();
                final RealtimeConnection driveA = wsA;
                final RealtimeConnection driveB = wsB;
                final long inputSeed = random.nextLong();
                final Thread driver = new Thread(() -> drive(driveA, driveB, inputSeed, stop), "driver");
                driver.start();
                TimeUnit.MILLISECONDS.sleep(300 + random.nextInt(1_500)); // a random moment of play
                server.destroyForcibly(); // SIGKILL
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                driver.join(30_000);
                wsA.close();
                wsB.close();
                final JsonNode seen = lastSeen.get();
                final long seenTick = seen.path("tick").asLong();

                server = start(data);
                client = new AsobiClient(URI.create(ChildServer.url(server)));
                lastSeen.set(null);
                wsA = watched(client.connect(a.accessToken()), lastSeen);
                final Frame joined = wsA.await("match.joined", WAIT);
                assertThat(joined.payload().path("match_id").asText()).as("round %d", round).isEqualTo(matchId);
                assertThat(joined.cid()).isNull();

                final JsonNode resumed = wsA.await("match.state", WAIT).payload();
                final long resumedTick = resumed.path("tick").asLong();
                assertThat(resumedTick).as("round %d: the match goes on after tick %d, it does not start over",
                    round, seenTick).isGreaterThan(seenTick);
                for (final Session player : new Session[] { a, b })
                {
                    final JsonNode before = seen.path("players").path(player.playerId());
                    final JsonNode after = resumed.path("players").path(player.playerId());
                    assertThat(after.isObject()).as("round %d: %s still in the match", round, player.username())
                        .isTrue();
                    final long maxMove = SPEED * (resumedTick - seenTick);
                    assertThat(Math.abs(after.path("x").asDouble() - before.path("x").asDouble()))
                        .isLessThanOrEqualTo(maxMove);
                    assertThat(Math.abs(after.path("y").asDouble() - before.path("y").asDouble()))
                        .isLessThanOrEqualTo(maxMove);
                }

                wsB = client.connect(b.accessToken());
                assertThat(wsB.await("match.joined", WAIT).payload().path("match_id").asText()).isEqualTo(matchId);
                wsB.await("match.state", WAIT);
            }
            wsA.close();
            wsB.close();
        }
        finally
        {
            server.destroyForcibly();
        }
    }

    private static Process start(final Path data) throws Exception
    {
        return ChildServer.start(data, "examples/sdk-demo", "--reconnect-grace-ms", "60000",
            "--snapshot-interval-ticks", "7");
    }

    /** Keep the newest {@code match.state} payload the connection received. */
    private static RealtimeConnection watched(final RealtimeConnection ws, final AtomicReference<JsonNode> lastSeen)
    {
        return ws.onFrame(frame ->
        {
            if ("match.state".equals(frame.type()))
            {
                lastSeen.set(frame.payload());
            }
        });
    }

    private static void drive(
        final RealtimeConnection a, final RealtimeConnection b, final long seed, final AtomicBoolean stop)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        while (!stop.get())
        {
            try
            {
                final RealtimeConnection who = random.nextBoolean() ? a : b;
                who.send("match.input", JSON.createObjectNode()
                    .put("move_x", random.nextInt(-1, 2)).put("move_y", random.nextInt(-1, 2)));
                TimeUnit.MILLISECONDS.sleep(30);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final RuntimeException ex)
            {
                return; // the server is gone
            }
        }
    }
}

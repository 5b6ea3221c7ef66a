package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System test of world recovery: two players walk in one {@code world_terrain} world (examples/world-terrain: a
 * persistent Lua world with deer and wolves) on a server in a child JVM while it is killed with SIGKILL at three
 * seeded random moments and restarted on the same data dir. Each time: the same world is listed again and pushed
 * ({@code world.joined}) to each player's {@code session.connect}, with keyframes holding the player's entity and
 * the NPCs; every zone's deltas go on past the last tick a player saw; and no acknowledged input is lost.
 * <p>
 * Inputs are walk targets ({@code {tx, ty}}, each one new and stamped with an increasing {@code seq}); an entity
 * walks to its latest target and stops there. So once a restored entity has come to rest it must stand on the
 * target of an input whose seq is at least the highest {@code world.ack} seq the player received before the kill:
 * resting on an older target would mean an acknowledged input was lost.
 */
class KillNineWorldsSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MODE = "world_terrain";
    /** Targets stay inside zone (4, 4) of world_terrain (128-tile zones), away from its edges. */
    private static final int CENTRE = 4 * 128 + 64;
    private static final int SPREAD = 20;
    /** World ticks (10 Hz) an entity must keep still to count as resting. */
    private static final long REST_TICKS = 5;

    @TempDir
    Path tempDir;

    @Test
    void runningWorldsResumeAfterSigkill() throws Exception
    {
        final Path data = tempDir.resolve("data");
        final SplittableRandom random = new SplittableRandom(20261207);
        Process server = start(data);
        try
        {
            AsobiClient client = new AsobiClient(URI.create(ChildServer.url(server)));
            final Walker a = new Walker(client.register("kill9_world_a", "kill-nine-password"), random.split());
            final Walker b = new Walker(client.register("kill9_world_b", "kill-nine-password"), random.split());
            a.connect(client);
            b.connect(client);
            final Frame created = a.ws.request("world.find_or_create",
                JSON.createObjectNode().put("mode", MODE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(created.type()).as("%s", created.payload()).isEqualTo("world.joined");
            final String worldId = created.payload().path("world_id").asText();
            final Frame joined = b.ws.request("world.join",
                JSON.createObjectNode().put("world_id", worldId)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(joined.type()).as("%s", joined.payload()).isEqualTo("world.joined");
            a.sendTarget();
            b.sendTarget();
            for (final Walker w : new Walker[] { a, b })
            {
                awaitTrue(() -> Arrays.equals(w.lastTarget(), w.view.restingSelf(REST_TICKS)),
                    w.name() + " walking to its first target " + Arrays.toString(w.lastTarget()));
            }

            for (int round = 0; round < 3; round++)
            {
                final AtomicBoolean stop = new AtomicBoolean();
                final Thread driver = new Thread(() -> drive(a, b, stop), "driver");
                driver.start();
                TimeUnit.MILLISECONDS.sleep(500 + random.nextInt(1_500)); // a random moment of play
                server.destroyForcibly(); // SIGKILL
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                driver.join(30_000);
                for (final Walker w : new Walker[] { a, b })
                {
                    w.ws.close();
                    w.endOfLife(round);
                }

                server = start(data);
                client = new AsobiClient(URI.create(ChildServer.url(server)));
                final JsonNode listed = client.request("GET", "/api/v1/worlds", null, a.session.accessToken()).body();
                assertThat(listed.path("worlds").findValuesAsText("world_id")).as("round %d", round)
                    .contains(worldId);
                for (final Walker w : new Walker[] { a, b })
                {
                    w.connect(client);
                    final String what = "round " + round + ", " + w.name();
                    awaitTrue(() -> null != w.view.joined(), what + ": world.joined pushed on session.connect");
                    assertThat(w.view.joined().path("world_id").asText()).as(what).isEqualTo(worldId);
                    awaitTrue(() -> null != w.view.find(w.session.playerId()), what + ": its entity in a keyframe");
                    assertThat(w.view.count("deer") + w.view.count("wolf")).as(what + ": NPCs in the keyframes")
                        .isPositive();
                    w.checkRestored(what);
                }
            }
            for (final Walker w : new Walker[] { a, b })
            {
                assertThat(w.view.violations()).as(w.name()).isEmpty();
                w.ws.close();
            }
        }
        finally
        {
            server.destroyForcibly();
        }
    }

    private static Process start(final Path data) throws Exception
    {
        return ChildServer.start(data, "examples/world-terrain", "--reconnect-grace-ms", "60000",
            "--snapshot-interval-ticks", "13");
    }

    private static void drive(final Walker a, final Walker b, final AtomicBoolean stop)
    {
        boolean first = true;
        while (!stop.get())
        {
            try
            {
                (first ? a : b).sendTarget();
                first = !first;
                TimeUnit.MILLISECONDS.sleep(40);
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

    private static double[] awaitRest(final Walker w) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadlineNs)
        {
            final double[] rest = w.view.restingSelf(REST_TICKS);
            if (null != rest)
            {
                return rest;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError(w.name() + " never came to rest within " + WAIT);
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** One player: its session, its current connection and view, and every walk target it sent by seq. */
    private static final class Walker
    {
        private final Session session;
        private final SplittableRandom random;
        private final Map<Long, double[]> targets = new ConcurrentHashMap<>();
        private final Set<Long> used = new HashSet<>();
        private volatile long nextSeq;
        private RealtimeConnection ws;
        private WorldView view;
        private long ackedSeq = -1;
        private Map<String, Long> seenTicks = Map.of();

        Walker(final Session session, final SplittableRandom random)
        {
            this.session = session;
            this.random = random;
        }

        String name()
        {
            return session.username();
        }

        /** Open a connection with a fresh view listening before {@code session.connect}, so it misses nothing. */
        void connect(final AsobiClient client) throws Exception
        {
            view = new WorldView(session.playerId());
            ws = client.connect().onFrame(view::accept).recording(false);
            final Frame reply = ws.request("session.connect", JSON.createObjectNode()
                .put("token", session.accessToken())).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reply.type()).as("%s", reply.payload()).isEqualTo("session.connected");
        }

        /** Send a walk target never sent before, stamped with the next seq (recorded before it leaves). */
        void sendTarget()
        {
            int x;
            int y;
            do
            {
                x = CENTRE + random.nextInt(-SPREAD, SPREAD + 1);
                y = CENTRE + random.nextInt(-SPREAD, SPREAD + 1);
            }
            while (!used.add((long)x << 32 | y));
            final long seq = nextSeq;
            targets.put(seq, new double[] { x, y });
            nextSeq = seq + 1;
            final ObjectNode frame = JSON.createObjectNode().put("type", "world.input").put("seq", seq);
            frame.putObject("payload").put("tx", x).put("ty", y);
            ws.sendText(frame.toString());
        }

        double[] lastTarget()
        {
            return targets.get(nextSeq - 1);
        }

        /** The connection died with the server: keep what it was told. */
        void endOfLife(final int round)
        {
            assertThat(view.violations()).as("round %d, %s", round, name()).isEmpty();
            final long acked = view.ackedSeq();
            assertThat(acked).as("round %d, %s: some input was acknowledged before the kill", round, name())
                .isGreaterThan(ackedSeq);
            ackedSeq = acked;
            seenTicks = view.deltaTicks();
        }

        /**
         * After re-attaching: the world goes on past the ticks seen before the kill, and the entity comes to rest
         * on the target of an input at or after the last acknowledged one.
         */
        void checkRestored(final String what) throws InterruptedException
        {
            final Set<String> seenZones = seenTicks.keySet();
            awaitTrue(() -> view.firstDeltaTicks().keySet().stream().anyMatch(seenZones::contains),
                what + ": a delta from a zone seen before the kill");
            final Map<String, Long> first = view.firstDeltaTicks();
            for (final Map.Entry<String, Long> zone : first.entrySet())
            {
                final Long before = seenTicks.get(zone.getKey());
                if (null != before)
                {
                    assertThat(zone.getValue()).as("%s: zone %s goes on after tick %d, it does not start over",
                        what, zone.getKey(), before).isGreaterThan(before);
                }
            }

            final double[] rest = awaitRest(this);
            long restingSeq = -1;
            for (long seq = 0; seq < nextSeq; seq++)
            {
                final double[] t = targets.get(seq);
                if (t[0] == rest[0] && t[1] == rest[1])
                {
                    restingSeq = seq;
                }
            }
            assertThat(restingSeq)
                .as("%s: resting at (%s, %s), the target of seq %d; acknowledged up to seq %d, sent up to %d",
                    what, rest[0], rest[1], restingSeq, ackedSeq, nextSeq - 1)
                .isGreaterThanOrEqualTo(ackedSeq);
        }
    }
}

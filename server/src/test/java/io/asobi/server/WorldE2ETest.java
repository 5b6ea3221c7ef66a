package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persistent worlds through the real protocol (asobi-spec §4.4 {@code world.*}, §4.6, §3.3): a real server with the
 * e2e game dir's Java world mode {@link TestWorldMode} ({@code walk}), real WebSocket clients keeping per-zone
 * entity tables ({@link WorldClientModel}).
 */
class WorldE2ETest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    private TestServer server;

    @BeforeEach
    void start()
    {
        server = TestServer.e2e(tempDir);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    private static ObjectNode mode()
    {
        return JSON.createObjectNode().put("mode", TestWorldMode.NAME);
    }

    private static ObjectNode move(final double dx, final double dy)
    {
        return JSON.createObjectNode().put("dx", dx).put("dy", dy);
    }

    /** A {@code world.input} with a top-level {@code seq}. */
    private static String input(final ObjectNode payload, final long seq)
    {
        return JSON.createObjectNode().put("type", "world.input").put("seq", seq).set("payload", payload).toString();
    }

    private static String errorReason(final Frame frame)
    {
        assertThat(frame.type()).isEqualTo("error");
        return frame.payload().path("reason").asText();
    }

    @Test
    void joinWalkAcrossZonesAndSeeEachOther()
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        final WorldClientModel modelA = new WorldClientModel();
        final WorldClientModel modelB = new WorldClientModel();
        try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b))
        {
            wsA.onFrame(modelA::accept);
            wsB.onFrame(modelB::accept);

            final Frame joined = wsA.request("world.find_or_create", mode()).join();
            assertThat(joined.type()).isEqualTo("world.joined");
            final JsonNode info = joined.payload();
            final String worldId = info.path("world_id").asText();
            assertThat(info.path("mode").asText()).isEqualTo(TestWorldMode.NAME);
            assertThat(info.path("grid_size").asInt()).isEqualTo(TestWorldMode.GRID_SIZE);
            assertThat(info.path("max_players").asInt()).isEqualTo(2);
            assertThat(info.path("player_count").asInt()).isEqualTo(1);
            assertThat(info.path("players").get(0).asText()).isEqualTo(a.playerId());

            // A's ring around zone (0,0): its own entity and the NPCs of the four zones arrive as additions.
            await().atMost(WAIT).until(() -> null != modelA.entity(0, 0, a.playerId()) &&
                4 == countZones(modelA, 0, 1, 0, 1));
            final ObjectNode self = modelA.entity(0, 0, a.playerId());
            assertThat(self.path("type").asText()).isEqualTo("player");
            assertThat(self.path("x").asDouble()).isEqualTo(50.0);
            assertThat(self.path("hp").asInt()).isEqualTo(10);
            assertThat(modelA.size(2, 0)).isZero();

            // B joins at (350, 50), zone (3,0): the zones of its ring have not sent anything yet.
            final ObjectNode join = JSON.createObjectNode().put("world_id", worldId);
            join.putObject("ctx").put("x", 350).put("y", 50);
            final Frame joinedB = wsB.request("world.join", join).join();
            assertThat(joinedB.type()).isEqualTo("world.joined");
            assertThat(joinedB.payload().path("player_count").asInt()).isEqualTo(2);
            await().atMost(WAIT).until(() -> null != modelB.entity(3, 0, b.playerId()) &&
                null != modelB.entity(2, 1, "npc-2-1"));

            // A walks to (150, 50): zone (1,0) once past the hysteresis; its ring gains x = 2, which B's ring has
            // been broadcasting, so those zones arrive as keyframes.
            wsA.sendText(input(move(100, 0), 1));
            await().atMost(WAIT).until(() -> hasAck(modelA, 1));
            await().atMost(WAIT).until(() -> modelA.keyframes().contains("2,0") &&
                modelA.keyframes().contains("2,1"));
            assertThat(modelA.entity(2, 0, "npc-2-0")).isNotNull();

            // On to (250, 50), zone (2,0): x = 0 leaves the ring (removal frames), x = 3 enters (keyframes with B).
            wsA.sendText(input(move(100, 0), 2));
            await().atMost(WAIT).until(() -> hasAck(modelA, 2));
            await().atMost(WAIT).until(() -> modelA.removals().contains("0,0") &&
                modelA.removals().contains("0,1") && null != modelA.entity(3, 0, b.playerId()));
            assertThat(modelA.size(0, 0)).isZero();
            assertThat(modelA.size(0, 1)).isZero();
            assertThat(modelA.keyframes()).contains("3,0", "3,1");
            await().atMost(WAIT).until(() -> null != modelA.entity(2, 0, a.playerId()));
            assertThat(modelA.entity(2, 0, a.playerId()).path("x").asDouble()).isEqualTo(250.0);

            // B sees A walk into zone (2,0), which is in its ring.
            await().atMost(WAIT).until(() -> null != modelB.entity(2, 0, a.playerId()));

            // Acks never go backwards and carry the highest seq applied.
            final JsonNode lastAck = modelA.acks().getLast();
            assertThat(lastAck.path("seq").asLong()).isEqualTo(2);
            assertThat(lastAck.path("tick").asLong()).isPositive();

            // match.input from a player in no match goes to its world zone.
            wsA.send("match.input", move(0, 20));
            await().atMost(WAIT).until(() ->
            {
                final ObjectNode e = modelA.entity(2, 0, a.playerId());
                return null != e && 70.0 == e.path("y").asDouble();
            });

            assertThat(modelA.violations()).isEmpty();
            assertThat(modelB.violations()).isEmpty();

            final Frame left = wsA.request("world.leave", null).join();
            assertThat(left.type()).isEqualTo("world.left");
            assertThat(left.payload().path("success").asBoolean()).isTrue();
            await().atMost(WAIT).until(() -> null == modelB.entity(2, 0, a.playerId()));
            assertThat(modelB.violations()).isEmpty();
        }
    }

    @Test
    void resyncSendsTheKeyframeAndBadZonesAreIgnored() throws TimeoutException
    {
        final Session a = server.newPlayer();
        final WorldClientModel model = new WorldClientModel();
        try (RealtimeConnection ws = server.connected(a))
        {
            ws.onFrame(model::accept);
            assertThat(ws.request("world.find_or_create", mode()).join().type()).isEqualTo("world.joined");
            await().atMost(WAIT).until(() -> model.frameSeq(1, 1) >= 2);

            ws.send("world.resync", zone(1, 1));
            await().atMost(WAIT).until(() -> model.keyframes().contains("1,1"));
            assertThat(model.entity(1, 1, "npc-1-1")).isNotNull();

            // Outside the grid: silently ignored (no reply, no keyframe, the connection still serves requests).
            ws.drain();
            ws.send("world.resync", zone(9, 9));
            ws.send("world.resync", zone(-1, 0));
            final Frame beat = ws.request("session.heartbeat", null).join();
            assertThat(beat.type()).isEqualTo("session.heartbeat");
            assertThat(ws.drain()).noneMatch(f -> "error".equals(f.type()));
            assertThat(model.keyframes()).containsExactly("1,1");

            // Malformed zones are invalid_payload.
            assertThat(errorReason(ws.request("world.resync", JSON.createObjectNode().put("zone", "1,1")).join()))
                .isEqualTo("invalid_payload");
            final ObjectNode three = JSON.createObjectNode();
            three.putArray("zone").add(1).add(1).add(1);
            assertThat(errorReason(ws.request("world.resync", three).join())).isEqualTo("invalid_payload");
            assertThat(model.violations()).isEmpty();
        }
    }

    private static ObjectNode zone(final int x, final int y)
    {
        final ObjectNode payload = JSON.createObjectNode();
        payload.putArray("zone").add(x).add(y);
        return payload;
    }

    @Test
    void badRequestsAnswerTheirErrorsAndChangeNothing() throws TimeoutException
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        final Session c = server.newPlayer();
        try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b);
            RealtimeConnection wsC = server.connected(c))
        {
            final Frame unknownWorld = wsA.request("world.join",
                JSON.createObjectNode().put("world_id", "no-such-world")).join();
            assertThat(errorReason(unknownWorld)).isEqualTo("world_not_found");
            assertThat(unknownWorld.payload().path("error").path("code").asText()).isEqualTo("world.not_found");

            final Frame unknownMode = wsA.request("world.create", JSON.createObjectNode().put("mode", "nope")).join();
            assertThat(errorReason(unknownMode)).isEqualTo("not_found");
            assertThat(unknownMode.payload().path("error").path("code").asText()).isEqualTo("ws.request_failed");
            assertThat(errorReason(wsA.request("world.find_or_create", JSON.createObjectNode()).join()))
                .isEqualTo("missing_field");
            assertThat(errorReason(wsA.request("world.join", JSON.createArrayNode()).join()))
                .isEqualTo("invalid_payload");

            final Frame created = wsA.request("world.create", mode()).join();
            assertThat(created.type()).isEqualTo("world.joined");
            final String worldId = created.payload().path("world_id").asText();

            final Frame again = wsA.request("world.join", JSON.createObjectNode().put("world_id", worldId)).join();
            assertThat(errorReason(again)).isEqualTo("already_in_world");
            assertThat(again.payload().path("error").path("code").asText()).isEqualTo("world.already_joined");
            assertThat(errorReason(wsA.request("world.create", mode()).join())).isEqualTo("already_in_world");

            final ObjectNode badCtx = JSON.createObjectNode().put("world_id", worldId);
            badCtx.putObject("ctx").putObject("nested");
            assertThat(errorReason(wsB.request("world.join", badCtx).join())).isEqualTo("invalid_join_ctx_value");

            assertThat(wsB.request("world.join", JSON.createObjectNode().put("world_id", worldId)).join().type())
                .isEqualTo("world.joined");
            final Frame full = wsC.request("world.join", JSON.createObjectNode().put("world_id", worldId)).join();
            assertThat(errorReason(full)).isEqualTo("world_full");
            assertThat(full.payload().path("error").path("details").path("reason").asText()).isEqualTo("world_full");

            // Inputs: not an object, too large.
            assertThat(errorReason(wsA.request("world.input", JSON.getNodeFactory().textNode("x")).join()))
                .isEqualTo("invalid_payload");
            final ObjectNode big = JSON.createObjectNode().put("dx", 1).put("pad", "p".repeat(9_000));
            assertThat(errorReason(wsA.request("world.input", big).join())).isEqualTo("payload_too_large");

            // Nothing changed: still the one world with A and B.
            final Frame list = wsC.request("world.list", mode()).join();
            assertThat(list.type()).isEqualTo("world.list");
            assertThat(list.payload().path("worlds")).hasSize(1);
            final JsonNode listed = list.payload().path("worlds").get(0);
            assertThat(listed.path("world_id").asText()).isEqualTo(worldId);
            assertThat(listed.path("player_count").asInt()).isEqualTo(2);
            assertThat(wsC.request("world.list", JSON.createObjectNode().put("has_capacity", true)).join()
                .payload().path("worlds")).isEmpty();
            assertThat(errorReason(wsC.request("world.list", JSON.createObjectNode().put("has_capacity", "yes"))
                .join())).isEqualTo("invalid_has_capacity_filter");

            // world.input outside a world is dropped silently; match.input outside both answers the hint.
            wsC.drain();
            wsC.send("world.input", move(1, 1));
            wsC.send("match.input", move(1, 1));
            final Frame hint = wsC.await("error", WAIT); // the hint carries no cid
            assertThat(errorReason(hint)).isEqualTo("not_in_match");
            assertThat(hint.payload().path("type").asText()).isEqualTo("match.input");
            assertThat(wsC.request("world.leave", null).join().type()).isEqualTo("world.left");
        }
    }

    @Test
    void restListsAndFindsWorlds()
    {
        final Session a = server.newPlayer();
        try (RealtimeConnection ws = server.connected(a))
        {
            final String worldId = ws.request("world.find_or_create", mode()).join().payload().path("world_id")
                .asText();
            final AsobiClient.Response all = server.client.request("GET", "/api/v1/worlds?mode=walk", null,
                a.accessToken());
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().path("worlds").findValuesAsText("world_id")).containsExactly(worldId);
            final JsonNode listed = all.body().path("worlds").get(0);
            assertThat(listed.path("mode").asText()).isEqualTo(TestWorldMode.NAME);
            assertThat(listed.path("player_count").asInt()).isEqualTo(1);
            assertThat(listed.path("max_players").asInt()).isEqualTo(2);
            assertThat(listed.path("grid_size").asInt()).isEqualTo(TestWorldMode.GRID_SIZE);
            assertThat(listed.path("started_at").asText()).isNotEmpty();

            assertThat(server.client.request("GET", "/api/v1/worlds?mode=walk&has_capacity=true", null,
                a.accessToken()).body().path("worlds")).hasSize(1);
            assertThat(server.client.request("GET", "/api/v1/worlds?mode=other", null, a.accessToken()).body()
                .path("worlds")).isEmpty();
            assertThat(server.client.request("GET", "/api/v1/worlds?has_capacity=maybe", null, a.accessToken())
                .status()).isEqualTo(400);
            assertThat(server.client.request("GET", "/api/v1/worlds", null, null).status()).isEqualTo(401);

            final AsobiClient.Response one = server.client.request("GET", "/api/v1/worlds/" + worldId, null,
                a.accessToken());
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.body().path("world_id").asText()).isEqualTo(worldId);
            final AsobiClient.Response missing = server.client.request("GET", "/api/v1/worlds/nope", null,
                a.accessToken());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.errorCode()).isEqualTo("world.not_found");
        }
    }

    @Test
    void restCreatesWorldsWithoutJoiningThemUpToThePlayersCap() throws TimeoutException
    {
        final Session owner = server.newPlayer();
        final ObjectNode body = mode();
        final AsobiClient.Response created = server.client.request("POST", "/api/v1/worlds", body,
            owner.accessToken());
        assertThat(created.status()).isEqualTo(201);
        final String worldId = created.body().path("world_id").asText();
        assertThat(created.body().path("mode").asText()).isEqualTo(TestWorldMode.NAME);
        assertThat(created.body().path("player_count").asInt()).isZero();

        // nobody joined: the world stays (it ends when its last player leaves), listed and joinable
        final Session guest = server.newPlayer();
        try (RealtimeConnection ws = server.connected(guest))
        {
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> 200 == server.client.request("GET",
                "/api/v1/worlds/" + worldId, null, owner.accessToken()).status());
            final Frame joined = ws.request("world.join", JSON.createObjectNode().put("world_id", worldId)).join();
            assertThat(joined.type()).isEqualTo("world.joined");
            assertThat(joined.payload().path("player_count").asInt()).isEqualTo(1);
            assertThat(ws.request("world.leave", null).join().type()).isEqualTo("world.left");
            await().atMost(WAIT).until(() -> 404 == server.client.request("GET", "/api/v1/worlds/" + worldId, null,
                owner.accessToken()).status());
        }

        for (int i = 0; i < 5; i++)
        {
            assertThat(server.client.request("POST", "/api/v1/worlds", body, owner.accessToken()).status())
                .isEqualTo(201);
        }
        final AsobiClient.Response sixth = server.client.request("POST", "/api/v1/worlds", body, owner.accessToken());
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.errorCode()).isEqualTo("world.player_limit_reached");

        final AsobiClient.Response unknown = server.client.request("POST", "/api/v1/worlds",
            JSON.createObjectNode().put("mode", "nope"), guest.accessToken());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("world.create_failed");
        assertThat(unknown.body().path("error").path("details").path("reason").asText()).isEqualTo("not_found");
        final AsobiClient.Response noMode = server.client.request("POST", "/api/v1/worlds",
            JSON.createObjectNode().put("mode", 7), guest.accessToken());
        assertThat(noMode.status()).isEqualTo(400);
        assertThat(noMode.errorCode()).isEqualTo("invalid_payload");
        assertThat(server.client.request("POST", "/api/v1/worlds", body, null).status()).isEqualTo(401);
        assertThat(server.client.request("PUT", "/api/v1/worlds", body, owner.accessToken()).status())
            .isEqualTo(405);
    }

    @Test
    void reconnectInsideTheGraceReattaches() throws TimeoutException
    {
        final Session a = server.newPlayer();
        final String worldId;
        try (RealtimeConnection ws = server.connected(a))
        {
            final WorldClientModel model = new WorldClientModel();
            ws.onFrame(model::accept);
            worldId = ws.request("world.find_or_create", mode()).join().payload().path("world_id").asText();
            await().atMost(WAIT).until(() -> model.frameSeq(0, 0) >= 2 && model.frameSeq(1, 1) >= 2);
            ws.sendText(input(move(20, 0), 7));
            await().atMost(WAIT).until(() -> hasAck(model, 7));
        }

        // The socket is gone: the entity stays for the grace (5 s) and the world with it.
        assertThat(server.server.worlds().list(TestWorldMode.NAME, null).path("worlds").findValuesAsText("world_id"))
            .containsExactly(worldId);

        final WorldClientModel model = new WorldClientModel();
        try (RealtimeConnection ws = server.client.connect())
        {
            ws.onFrame(model::accept);
            final Frame connected = ws.request("session.connect",
                JSON.createObjectNode().put("token", a.accessToken())).join();
            assertThat(connected.type()).isEqualTo("session.connected");
            final Frame rejoined = ws.await("world.joined", WAIT);
            assertThat(rejoined.cid()).isNull();
            assertThat(rejoined.payload().path("world_id").asText()).isEqualTo(worldId);
            await().atMost(WAIT).until(() -> model.keyframes().contains("0,0") && model.keyframes().contains("1,1"));
            final ObjectNode self = model.entity(0, 0, a.playerId());
            assertThat(self).isNotNull();
            assertThat(self.path("x").asDouble()).isEqualTo(70.0);

            // Inputs flow again on the new socket.
            ws.sendText(input(move(5, 0), 8));
            await().atMost(WAIT).until(() -> hasAck(model, 8));
            await().atMost(WAIT).until(() -> 75.0 == model.entity(0, 0, a.playerId()).path("x").asDouble());
            assertThat(model.violations()).isEmpty();
        }
    }

    private static boolean hasAck(final WorldClientModel model, final long seq)
    {
        return model.acks().stream().anyMatch(ack -> ack.path("seq").asLong() == seq);
    }

    private static int countZones(final WorldClientModel model, final int x0, final int x1, final int y0,
        final int y1)
    {
        int count = 0;
        for (int x = x0; x <= x1; x++)
        {
            for (int y = y0; y <= y1; y++)
            {
                if (model.size(x, y) > 0)
                {
                    count++;
                }
            }
        }
        return count;
    }
}

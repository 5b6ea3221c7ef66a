package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.world.ResyncResult;
import io.asobi.world.WorldInputResult;
import io.asobi.world.WorldReply;
import io.asobi.world.WorldService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the gateway hands {@code world.*} frames to the {@link WorldService}: the {@code seq} rules of
 * {@code world.input}, the unwrapping of the deprecated shape, {@code match.input} falling back to the world,
 * {@code world.resync} validation, and the connect/disconnect notifications.
 */
class WsWorldRoutingTest
{
    private final RecordingWorlds worlds = new RecordingWorlds();
    private final GatewayFixture fixture = new GatewayFixture(ctx -> ctx.worlds(worlds));

    @AfterEach
    void close()
    {
        fixture.close();
    }

    @Test
    void worldInputCarriesItsSeqOnlyWhenValid()
    {
        final WsClient ws = fixture.authenticated("walker");
        ws.send("{\"type\":\"world.input\",\"seq\":5,\"payload\":{\"dx\":1}}");
        ws.send("{\"type\":\"world.input\",\"seq\":9007199254740991,\"payload\":{\"dx\":2}}");
        ws.send("{\"type\":\"world.input\",\"seq\":9007199254740992,\"payload\":{\"dx\":3}}");
        ws.send("{\"type\":\"world.input\",\"seq\":-1,\"payload\":{\"dx\":4}}");
        ws.send("{\"type\":\"world.input\",\"seq\":\"6\",\"payload\":{\"dx\":5}}");
        ws.send("{\"type\":\"world.input\",\"seq\":1.5,\"payload\":{\"dx\":6}}");
        ws.send("{\"type\":\"world.input\",\"payload\":{\"data\":{\"dx\":7}}}");
        assertThat(ws.drainUntilBarrier()).isEmpty();
        assertThat(worlds.calls).containsExactly(
            "connected:" + ws.playerId,
            "input:" + ws.playerId + ":5:{\"dx\":1}",
            "input:" + ws.playerId + ":9007199254740991:{\"dx\":2}",
            "input:" + ws.playerId + ":-1:{\"dx\":3}",
            "input:" + ws.playerId + ":-1:{\"dx\":4}",
            "input:" + ws.playerId + ":-1:{\"dx\":5}",
            "input:" + ws.playerId + ":-1:{\"dx\":6}",
            "input:" + ws.playerId + ":-1:{\"dx\":7}");
    }

    @Test
    void worldInputErrors()
    {
        final WsClient ws = fixture.authenticated("walker");
        assertThat(ws.request("{\"type\":\"world.input\",\"payload\":[1]}").path("payload").path("reason").asText())
            .isEqualTo("invalid_payload");
        worlds.inputResult = WorldInputResult.TOO_LARGE;
        assertThat(ws.request("{\"type\":\"world.input\",\"payload\":{\"a\":1}}").path("payload").path("reason")
            .asText()).isEqualTo("payload_too_large");
        worlds.inputResult = WorldInputResult.BACK_PRESSURE;
        ws.send("{\"type\":\"world.input\",\"payload\":{\"a\":1}}");
        assertThat(ws.drainUntilBarrier()).isEmpty();
    }

    @Test
    void matchInputOutsideAMatchGoesToTheWorld()
    {
        final WsClient ws = fixture.authenticated("walker");
        worlds.inputResult = WorldInputResult.ACCEPTED;
        ws.send("{\"type\":\"match.input\",\"payload\":{\"data\":{\"dx\":1}}}");
        assertThat(ws.drainUntilBarrier()).isEmpty(); // no not_in_match hint
        assertThat(worlds.calls).contains("input:" + ws.playerId + ":-1:{\"dx\":1}");

        worlds.inputResult = WorldInputResult.NOT_IN_WORLD;
        ws.send("{\"type\":\"match.input\",\"payload\":{\"dx\":2}}");
        final List<JsonNode> hint = ws.drainUntilBarrier();
        assertThat(hint).hasSize(1);
        assertThat(hint.getFirst().path("payload").path("reason").asText()).isEqualTo("not_in_match");
    }

    @Test
    void resyncIsValidatedAndNeverAnswered()
    {
        final WsClient ws = fixture.authenticated("walker");
        worlds.resyncResult = ResyncResult.INVALID_ZONE;
        ws.send("{\"type\":\"world.resync\",\"payload\":{\"zone\":[3,-4]}}");
        assertThat(ws.drainUntilBarrier()).isEmpty();
        assertThat(worlds.calls).contains("resync:" + ws.playerId + ":3:-4");
        for (final String bad : List.of("{}", "{\"zone\":[1]}", "{\"zone\":[1,\"2\"]}", "{\"zone\":[1,2.5]}",
            "{\"zone\":[1,4294967296]}", "[1,2]"))
        {
            final JsonNode error = ws.request("{\"type\":\"world.resync\",\"payload\":" + bad + "}");
            assertThat(error.path("payload").path("reason").asText()).as(bad).isEqualTo("invalid_payload");
        }
        assertThat(worlds.calls.stream().filter(c -> c.startsWith("resync"))).hasSize(1);
    }

    @Test
    void requestsReachTheService()
    {
        final WsClient ws = fixture.authenticated("walker");
        assertThat(ws.request("{\"type\":\"world.create\",\"payload\":{\"mode\":\"m\"},\"cid\":\"1\"}")
            .path("type").asText()).isEqualTo("world.joined");
        ws.request("{\"type\":\"world.find_or_create\",\"payload\":{\"mode\":\"m\",\"ctx\":{\"a\":1}}}");
        ws.request("{\"type\":\"world.join\",\"payload\":{\"world_id\":\"w\",\"ctx\":{\"team\":\"red\"}}}");
        final JsonNode badCtx = ws.request("{\"type\":\"world.join\",\"payload\":{\"world_id\":\"w\",\"ctx\":[]}}");
        assertThat(badCtx.path("payload").path("reason").asText()).isEqualTo("invalid_join_ctx");
        assertThat(ws.request("{\"type\":\"world.leave\"}").path("type").asText()).isEqualTo("world.left");
        assertThat(worlds.calls).containsExactly(
            "connected:" + ws.playerId,
            "create:" + ws.playerId + ":m",
            "findOrCreate:" + ws.playerId + ":m",
            "join:" + ws.playerId + ":w:{\"team\":\"red\"}",
            "leave:" + ws.playerId);
    }

    @Test
    void onlyTheLastSocketDisconnects()
    {
        final io.asobi.metagame.AuthTokens tokens = fixture.accounts.registerNow("walker");
        final WsClient first = fixture.authenticated(tokens);
        final WsClient second = fixture.authenticated(tokens);
        first.close();
        waitUntil(() -> 1 == fixture.sessions.sessionCount());
        assertThat(worlds.calls).noneMatch(c -> c.startsWith("disconnected"));
        second.close();
        waitUntil(() -> worlds.calls.contains("disconnected:" + first.playerId));
        assertThat(worlds.calls.stream().filter(c -> c.startsWith("connected"))).hasSize(2);
    }

    /** Spin until the server has processed a socket close (an I/O event, not a clock). */
    private static void waitUntil(final java.util.function.BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("condition not met in 5 s").isLessThan(deadlineNs);
            Thread.yield();
        }
    }

    /** Records every call; answers replies at once. */
    static final class RecordingWorlds implements WorldService
    {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile WorldInputResult inputResult = WorldInputResult.NOT_IN_WORLD;
        volatile ResyncResult resyncResult = ResyncResult.ACCEPTED;

        public ObjectNode list(final String mode, final Boolean hasCapacity)
        {
            calls.add("list:" + mode + ":" + hasCapacity);
            final ObjectNode list = Json.NODES.objectNode();
            list.putArray("worlds");
            return list;
        }

        public void create(final String playerId, final String mode, final WorldReply reply)
        {
            calls.add("create:" + playerId + ":" + mode);
            reply.ok("world.joined", Json.NODES.objectNode().put("world_id", "w"));
        }

        public void createOwned(final String ownerId, final String mode, final WorldReply reply)
        {
            calls.add("createOwned:" + ownerId + ":" + mode);
            reply.error("not_found", null);
        }

        public void findOrCreate(final String playerId, final String mode, final WorldReply reply)
        {
            calls.add("findOrCreate:" + playerId + ":" + mode);
            reply.ok("world.joined", Json.NODES.objectNode().put("world_id", "w"));
        }

        public void join(final String playerId, final String worldId, final ObjectNode ctx, final WorldReply reply)
        {
            calls.add("join:" + playerId + ":" + worldId + ":" + ctx);
            reply.ok("world.joined", Json.NODES.objectNode().put("world_id", worldId));
        }

        public void leave(final String playerId, final WorldReply reply)
        {
            calls.add("leave:" + playerId);
            reply.ok("world.left", Json.NODES.objectNode().put("success", true));
        }

        public WorldInputResult input(
            final String playerId, final long seq, final byte[] json, final int offset, final int length)
        {
            calls.add("input:" + playerId + ":" + seq + ":" + new String(json, offset, length, StandardCharsets.UTF_8));
            return inputResult;
        }

        public int maxInputBytes()
        {
            return 8192;
        }

        public ResyncResult resync(final String playerId, final int zoneX, final int zoneY)
        {
            calls.add("resync:" + playerId + ":" + zoneX + ":" + zoneY);
            return resyncResult;
        }

        public void playerConnected(final String playerId)
        {
            calls.add("connected:" + playerId);
        }

        public void playerDisconnected(final String playerId)
        {
            calls.add("disconnected:" + playerId);
        }

        public void close()
        {
        }
    }
}

package io.asobi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every WebSocket error path of the issue, through the real server: each bad frame gets its documented error code
 * and the socket stays usable.
 */
class WebSocketErrorsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path tempDir;

    private static TestServer server;

    @BeforeAll
    static void start()
    {
        server = TestServer.e2e(tempDir);
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private static void assertError(final Frame frame, final String reason, final String code)
    {
        assertThat(frame.type()).isEqualTo("error");
        assertThat(frame.payload().path("reason").asText()).isEqualTo(reason);
        assertThat(frame.payload().path("error").path("code").asText()).isEqualTo(code);
        assertThat(frame.payload().path("error").path("message").asText()).isNotEmpty();
        assertThat(frame.payload().path("error").path("details").isObject()).isTrue();
    }

    private static void assertStillAlive(final RealtimeConnection ws)
    {
        final Frame beat = ws.request("session.heartbeat", null).join();
        assertThat(beat.type()).isEqualTo("session.heartbeat");
        assertThat(beat.payload().path("ts").asLong()).isPositive();
    }

    @Test
    void heartbeatWorksBeforeAuthAndEchoesNonStringCid() throws Exception
    {
        try (RealtimeConnection ws = server.client.connect())
        {
            ws.sendText("{\"type\":\"session.heartbeat\",\"cid\":{\"n\":7}}");
            final Frame beat = ws.await("session.heartbeat", WAIT);
            assertThat(beat.cid().path("n").asInt()).isEqualTo(7);
        }
    }

    @Test
    void badTokenIsRefusedAndTheSocketStaysOpenForARetry()
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.client.connect())
        {
            assertError(ws.request("session.connect", JSON.createObjectNode().put("token", "nope")).join(),
                "invalid_token", "unauthenticated");
            assertThat(ws.request("session.connect", JSON.createObjectNode().put("token", player.accessToken()))
                .join().type()).isEqualTo("session.connected");
        }
    }

    @Test
    void framesBeforeAuthOtherThanConnectAndHeartbeatAreUnknownType()
    {
        try (RealtimeConnection ws = server.client.connect())
        {
            assertError(ws.request("match.list", JSON.createObjectNode()).join(), "unknown_type", "unknown_type");
            assertStillAlive(ws);
        }
    }

    @Test
    void malformedFramesGetTheirCodes() throws Exception
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            ws.sendText("{not json");
            assertError(ws.await("error", WAIT), "invalid_json", "invalid_json");
            ws.sendText("[1,2,3]");
            assertError(ws.await("error", WAIT), "invalid_message", "invalid_message");
            ws.sendText("{\"type\":42}");
            assertError(ws.await("error", WAIT), "invalid_message", "invalid_message");
            ws.sendText("{\"type\":\"no.such.type\",\"payload\":{}}");
            assertError(ws.await("error", WAIT), "unknown_type", "unknown_type");
            ws.sendBinary(new byte[]{ 1, 2, 3 });
            final Frame binary = ws.await("error", WAIT);
            assertThat(binary.payload().path("reason").asText()).isEqualTo("binary_uplink_unsupported");
            assertThat(binary.payload().path("error").path("code").asText()).isEqualTo("ws.request_failed");
            assertThat(binary.payload().path("error").path("details").path("reason").asText())
                .isEqualTo("binary_uplink_unsupported");
            assertStillAlive(ws);
        }
    }

    @Test
    void oversizedFrameIsRefusedWithPayloadTooLarge() throws Exception
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            final String big = "{\"type\":\"session.heartbeat\",\"payload\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}";
            ws.sendText(big);
            assertError(ws.await("error", WAIT), "payload_too_large", "payload_too_large");
            assertStillAlive(ws);
        }
    }

    @Test
    void moreThanSixtyFramesASecondAreRateLimited() throws Exception
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            for (int i = 0; i < 130; i++) // split over two fixed windows, one of them still holds more than 60
            {
                ws.send("session.heartbeat", null);
            }
            final Frame limited = ws.await("error", WAIT);
            assertError(limited, "rate_limited", "rate_limited");
            TimeUnit.MILLISECONDS.sleep(1_100); // the fixed one-second window has to pass: real time, e2e
            assertStillAlive(ws);
        }
    }

    @Test
    void unauthenticatedSocketIsClosedWith1008AfterTheIdleAuthTimeout()
    {
        try (RealtimeConnection ws = server.client.connect())
        {
            final RealtimeConnection.Close close = ws.closed().orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).isEqualTo("idle_auth_timeout");
        }
    }

    @Test
    void matchErrors() throws Exception
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            final Frame notFound = ws.request("match.join", JSON.createObjectNode()
                .put("match_id", "0198a0a0-0000-7000-8000-000000000000")).join();
            assertError(notFound, "match_not_found", "match.not_found");

            ws.send("match.input", JSON.createObjectNode().put("move_x", 1));
            final Frame hint = ws.await("error", WAIT);
            assertError(hint, "not_in_match", "match.not_in_match");
            assertThat(hint.payload().path("type").asText()).isEqualTo("match.input");
            ws.send("match.input", JSON.createObjectNode().put("move_x", 1));
            assertThat(ws.request("session.heartbeat", null).join().type()).isEqualTo("session.heartbeat");
            assertThat(ws.drain()).noneMatch(f -> "error".equals(f.type())); // throttled: once per 5 s

            ws.sendText("{\"type\":\"match.input\",\"payload\":[1,2]}");
            assertError(ws.await("error", WAIT), "invalid_payload", "invalid_payload");

            final Frame unknownMode = ws.request("matchmaker.add", JSON.createObjectNode().put("mode", "nope")).join();
            assertError(unknownMode, "unknown_mode", "matchmaker.unknown_mode");
            assertThat(unknownMode.payload().path("type").asText()).isEqualTo("matchmaker.add");

            final Frame unknownFind = ws.request("match.find_or_create", JSON.createObjectNode().put("mode", "nope"))
                .join();
            assertError(unknownFind, "not_found", "ws.request_failed");

            final ObjectNode badCtx = JSON.createObjectNode().put("mode", "demo");
            badCtx.putObject("ctx").putObject("nested");
            assertError(ws.request("match.find_or_create", badCtx).join(), "invalid_join_ctx_value",
                "ws.request_failed");

            final Frame left = ws.request("match.leave", null).join();
            assertThat(left.type()).isEqualTo("match.left");
            assertThat(left.payload().path("success").asBoolean()).isTrue();

            final Frame removed = ws.request("matchmaker.remove", JSON.createObjectNode().put("ticket_id", "nope"))
                .join();
            assertThat(removed.payload().path("reason").asText()).isEqualTo("not_found");
            assertStillAlive(ws);
        }
    }

    @Test
    void joinsAreRateLimitedPerPlayer()
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            Frame last = null;
            for (int i = 0; i < 11; i++)
            {
                last = ws.request("match.join", JSON.createObjectNode()
                    .put("match_id", "0198a0a0-0000-7000-8000-00000000000" + (i % 10))).join();
            }
            assertError(last, "join_rate_limited", "join_rate_limited");
        }
    }

    @Test
    void fullAndLockedAndListed() throws Exception
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        final Session c = server.newPlayer();
        try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b);
            RealtimeConnection wsC = server.connected(c))
        {
            final Frame joined = wsA.request("match.find_or_create", JSON.createObjectNode().put("mode", "demo"))
                .join();
            assertThat(joined.type()).isEqualTo("match.joined");
            final String matchId = joined.payload().path("match_id").asText();
            assertThat(joined.payload().path("status").asText()).isEqualTo("waiting");
            assertThat(joined.payload().path("max_players").asInt()).isEqualTo(2);

            final Frame list = wsC.request("match.list", JSON.createObjectNode().put("mode", "demo")).join();
            assertThat(list.type()).isEqualTo("match.list");
            assertThat(list.payload().path("matches").findValuesAsText("match_id")).contains(matchId);

            assertThat(wsB.request("match.join", JSON.createObjectNode().put("match_id", matchId)).join().type())
                .isEqualTo("match.joined");
            assertError(wsC.request("match.join", JSON.createObjectNode().put("match_id", matchId)).join(),
                "match_full", "match.full");
        }
    }
}

package io.asobi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-SDK smoke of asobi-spec §4.8 (sdk_demo_backend SMOKE.md), through the real server and protocol.
 */
class CrossSdkSmokeTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Test
    void twoPlayersAreMatchedAndDeprecatedInputMovesPlayerA() throws Exception
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        try (RealtimeConnection wsA = server.client.connect(); RealtimeConnection wsB = server.client.connect())
        {
            final Frame connectedA = wsA.request("session.connect", JSON.createObjectNode()
                .put("token", a.accessToken())).join();
            assertThat(connectedA.type()).isEqualTo("session.connected");
            assertThat(connectedA.cid().asText()).isNotEmpty();
            assertThat(connectedA.payload().path("player_id").asText()).isEqualTo(a.playerId());
            assertThat(connectedA.payload().path("wire").asText()).isEqualTo("json");
            assertThat(wsB.request("session.connect", JSON.createObjectNode().put("token", b.accessToken()))
                .join().type()).isEqualTo("session.connected");

            final Frame queuedA = wsA.request("matchmaker.add", JSON.createObjectNode().put("mode", "demo")).join();
            assertThat(queuedA.type()).isEqualTo("matchmaker.queued");
            assertThat(queuedA.payload().path("status").asText()).isEqualTo("pending");
            assertThat(queuedA.payload().path("already_queued").asBoolean(true)).isFalse();
            assertThat(queuedA.payload().path("ticket_id").asText()).isNotEmpty();
            assertThat(wsB.request("matchmaker.add", JSON.createObjectNode().put("mode", "demo")).join().type())
                .isEqualTo("matchmaker.queued");

            final Frame matchedA = wsA.await("match.matched", Duration.ofSeconds(10));
            final Frame matchedB = wsB.await("match.matched", Duration.ofSeconds(10));
            final String matchId = matchedA.payload().path("match_id").asText();
            assertThat(matchId).isNotEmpty().isEqualTo(matchedB.payload().path("match_id").asText());
            assertThat(matchedA.payload().path("players")).hasSize(2);

            final Frame first = wsA.await("match.state", Duration.ofSeconds(3));
            final double x0 = first.payload().path("players").path(a.playerId()).path("x").asDouble(Double.NaN);
            assertThat(x0).isNotNaN();

            final ObjectNode deprecated = JSON.createObjectNode();
            deprecated.putObject("data").put("move_x", 1).put("move_y", 0);
            wsA.send("match.input", deprecated);

            final Frame moved = wsA.await(f -> "match.state".equals(f.type()) &&
                f.payload().path("players").path(a.playerId()).path("x").asDouble() > x0 + 10,
                Duration.ofSeconds(3));
            assertThat(moved.payload().path("players").has(b.playerId())).isTrue();
        }
    }

    @Test
    void stringEncodedDeprecatedInputIsDecoded() throws Exception
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b))
        {
            server.client.matchmakerAdd(a.accessToken(), "demo");
            server.client.matchmakerAdd(b.accessToken(), "demo");
            wsA.await("match.matched", Duration.ofSeconds(10));
            final double x0 = wsA.await("match.state", Duration.ofSeconds(3))
                .payload().path("players").path(a.playerId()).path("x").asDouble();

            wsA.send("match.input", JSON.createObjectNode().put("data", "{\"move_x\":1,\"move_y\":0}"));

            wsA.await(f -> "match.state".equals(f.type()) &&
                f.payload().path("players").path(a.playerId()).path("x").asDouble() > x0 + 10,
                Duration.ofSeconds(3));
            wsB.await("match.state", Duration.ofSeconds(3));
        }
    }
}

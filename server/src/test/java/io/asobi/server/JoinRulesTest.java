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
 * Join rules decided by game logic and by the matchmaker's clock, through the real protocol: {@code join_refused}
 * with the script's reason, {@code match_locked} after {@code game.match.set_joinable(false)}, and
 * {@code match.matchmaker_expired} for a ticket nobody matched.
 */
class JoinRulesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    private TestServer server;

    @BeforeEach
    void start()
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        server = new TestServer(game, tempDir.resolve("data"), AsobiServer.launch(
            TestServer.context(game, tempDir.resolve("data")).matchmakerTicketMaxWaitMs(1_000)));
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void scriptRefusesAndLocks()
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        final Session c = server.newPlayer();
        try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b);
            RealtimeConnection wsC = server.connected(c))
        {
            final Frame joined = wsA.request("match.find_or_create", JSON.createObjectNode().put("mode", "gated"))
                .join();
            assertThat(joined.type()).isEqualTo("match.joined");
            final String matchId = joined.payload().path("match_id").asText();

            final ObjectNode red = JSON.createObjectNode().put("match_id", matchId);
            red.putObject("ctx").put("team", "red");
            final Frame refused = wsB.request("match.join", red).join();
            assertThat(refused.payload().path("reason").asText()).isEqualTo("join_refused");
            assertThat(refused.payload().path("error").path("code").asText()).isEqualTo("match.join_refused");
            assertThat(refused.payload().path("error").path("details").path("refused_reason").asText())
                .isEqualTo("no_red_team");

            final Frame second = wsB.request("match.join", JSON.createObjectNode().put("match_id", matchId)).join();
            assertThat(second.type()).isEqualTo("match.joined");
            assertThat(second.payload().path("player_count").asInt()).isEqualTo(2);

            final Frame locked = wsC.request("match.join", JSON.createObjectNode().put("match_id", matchId)).join();
            assertThat(locked.payload().path("reason").asText()).isEqualTo("match_locked");
            assertThat(locked.payload().path("error").path("code").asText()).isEqualTo("match.locked");

            final Frame listed = wsC.request("match.list", JSON.createObjectNode().put("mode", "gated")
                .put("joinable", false)).join();
            assertThat(listed.payload().path("matches").findValuesAsText("match_id")).containsExactly(matchId);
        }
    }

    @Test
    void unmatchedTicketExpires() throws Exception
    {
        final Session a = server.newPlayer();
        try (RealtimeConnection ws = server.connected(a))
        {
            final Frame queued = ws.request("matchmaker.add", JSON.createObjectNode().put("mode", "demo")).join();
            final String ticketId = queued.payload().path("ticket_id").asText();
            final Frame expired = ws.await("match.matchmaker_expired", Duration.ofSeconds(10));
            assertThat(expired.payload().path("ticket_id").asText()).isEqualTo(ticketId);
            assertThat(server.client.request("GET", "/api/v1/matchmaker/" + ticketId, null, a.accessToken())
                .status()).isEqualTo(404);
        }
    }
}

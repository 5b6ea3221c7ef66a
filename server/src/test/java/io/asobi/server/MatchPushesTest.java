package io.asobi.server;

import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server pushes from game logic, as an SDK sees them: a custom {@code match.<name>} broadcast, {@code game.send}
 * ({@code game.message} then {@code module.message}), the end of the match ({@code match.finished} with the
 * script's result), and no state frames after it.
 */
class MatchPushesTest
{
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
    void broadcastSendAndFinishReachThePlayer() throws Exception
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            server.client.matchmakerAdd(player.accessToken(), "short");
            final Frame matched = ws.await("match.matched", Duration.ofSeconds(10));
            final String matchId = matched.payload().path("match_id").asText();
            assertThat(matched.payload().path("players").get(0).asText()).isEqualTo(player.playerId());

            final List<Frame> frames = new ArrayList<>();
            final Frame finished = ws.await(f ->
            {
                frames.add(f);
                return "match.finished".equals(f.type());
            }, Duration.ofSeconds(10));

            assertThat(finished.payload().path("match_id").asText()).isEqualTo(matchId);
            assertThat(finished.payload().path("result").path("winner").asText()).isEqualTo(player.playerId());
            assertThat(finished.payload().path("result").path("ticks").asInt()).isEqualTo(6);

            final List<String> types = frames.stream().map(Frame::type).filter(t -> !"match.state".equals(t))
                .toList();
            assertThat(types).containsExactly("match.ping", "game.message", "module.message", "match.finished");
            final Frame ping = frames.stream().filter(f -> "match.ping".equals(f.type())).findFirst().orElseThrow();
            assertThat(ping.payload().path("n").asInt()).isEqualTo(3);
            assertThat(ping.payload().path("match_id").asText()).isEqualTo(matchId);
            assertThat(ping.cid()).isNull();
            final Frame module = frames.stream().filter(f -> "module.message".equals(f.type())).findFirst()
                .orElseThrow();
            assertThat(module.payload().path("module").asText()).isEqualTo("lua");
            assertThat(module.payload().path("message").path("hello").asText()).isEqualTo("you");

            // Finished: no more state; the player is no longer in a match for inputs.
            ws.drain();
            ws.send("match.input", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("x", 1));
            assertThat(ws.request("session.heartbeat", null).join().type()).isEqualTo("session.heartbeat");
            assertThat(ws.drain()).noneMatch(f -> "match.state".equals(f.type()));
        }
    }
}

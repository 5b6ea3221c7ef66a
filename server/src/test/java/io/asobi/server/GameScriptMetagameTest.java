package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Game scripts reach the metagame through the real server: a Lua mode grants coins, submits a score and stores a
 * player object, and the player sees the results through the REST API.
 */
class GameScriptMetagameTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void aLuaModeGrantsSubmitsAndStoresForItsPlayer() throws Exception
    {
        try (TestServer server = TestServer.start(TestServer.e2eGameDir(tempDir.resolve("game")),
            tempDir.resolve("data")))
        {
            final Session player = server.newPlayer();
            try (RealtimeConnection ws = server.connected(player))
            {
                ws.request("match.find_or_create", JSON.createObjectNode().put("mode", "shop")).join();
                ws.send("match.input", JSON.createObjectNode().put("reward", 25));
                ws.send("match.input", JSON.createObjectNode().put("reward", 5).put("score", 1234).put("save", 7));
                final JsonNode state = ws.await(f -> "match.state".equals(f.type()) &&
                    30 == f.payload().path("coins").asLong(), WAIT).payload();
                assertThat(state.path("error").isMissingNode() || state.path("error").isNull()).isTrue();
                assertThat(state.path("saved").asBoolean()).isTrue();
            }

            final AsobiClient.Response wallets = server.client.request("GET", "/api/v1/wallets", null,
                player.accessToken());
            assertThat(wallets.status()).isEqualTo(200);
            assertThat(wallets.body().path("wallets").toString()).contains("\"currency\":\"coins\"")
                .contains("\"balance\":30");

            final AsobiClient.Response history = server.client.request("GET", "/api/v1/wallets/coins/history", null,
                player.accessToken());
            assertThat(history.body().path("transactions")).hasSize(2);
            assertThat(history.body().path("transactions").toString()).contains("shop_reward");

            final AsobiClient.Response board = server.client.request("GET", "/api/v1/leaderboards/shop", null,
                player.accessToken());
            assertThat(board.status()).isEqualTo(200);
            assertThat(board.body().path("entries").get(0).path("player_id").asText()).isEqualTo(player.playerId());
            assertThat(board.body().path("entries").get(0).path("score").asLong()).isEqualTo(1234);
            assertThat(board.body().path("entries").get(0).path("rank").asLong()).isEqualTo(1);

            final AsobiClient.Response stored = server.client.request("GET", "/api/v1/storage/progress/level",
                null, player.accessToken());
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.body().toString()).contains("\"level\":7");
        }
    }
}

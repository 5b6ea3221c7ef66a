package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A world survives a server restart (issue 6, "Persistence"): a player walks in the e2e {@code walk} world among
 * its orbiting NPCs; the server stops and starts again on the same data directory; the world is restored from its
 * journal with the same id, the player's {@code session.connect} re-attaches it ({@code world.joined} with the same
 * world, then keyframes), and its entity is where it was, among the same NPCs.
 */
class WorldRestartE2ETest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void aWorldAndItsEntitiesComeBackAfterARestart()
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path data = tempDir.resolve("data");
        final String username;
        final String worldId;
        final double x;
        final double y;
        try (TestServer first = TestServer.start(game, data))
        {
            final Session a = first.newPlayer();
            username = a.username();
            final WorldClientModel model = new WorldClientModel();
            try (RealtimeConnection ws = first.connected(a))
            {
                ws.onFrame(model::accept);
                final Frame joined = ws.request("world.find_or_create",
                    JSON.createObjectNode().put("mode", TestWorldMode.NAME)).join();
                assertThat(joined.type()).isEqualTo("world.joined");
                worldId = joined.payload().path("world_id").asText();
                for (int i = 1; i <= 4; i++)
                {
                    ws.sendText(JSON.createObjectNode().put("type", "world.input").put("seq", i)
                        .set("payload", JSON.createObjectNode().put("dx", 30).put("dy", 10)).toString());
                }
                await().atMost(WAIT).until(() -> null != model.find(a.playerId()) &&
                    170.0 == model.find(a.playerId()).path("x").asDouble() && null != model.find("npc-1-0"));
                x = model.find(a.playerId()).path("x").asDouble();
                y = model.find(a.playerId()).path("y").asDouble();
                assertThat(y).isEqualTo(90.0);
            }
        }

        try (TestServer second = TestServer.start(game, data))
        {
            final JsonNode listed = second.client.request("GET", "/api/v1/worlds", null,
                second.client.login(username, TestServer.PASSWORD).accessToken()).body();
            assertThat(listed.path("worlds").findValuesAsText("world_id")).contains(worldId);

            final Session again = second.client.login(username, TestServer.PASSWORD);
            final WorldClientModel model = new WorldClientModel();
            try (RealtimeConnection ws = second.connected(again))
            {
                ws.onFrame(model::accept);
                await().atMost(WAIT).until(() -> null != model.lastJoined());
                assertThat(model.lastJoined().path("world_id").asText()).isEqualTo(worldId);
                await().atMost(WAIT).until(() -> null != model.find(again.playerId()) && null != model.find("npc-1-0"));
                final ObjectNode self = model.find(again.playerId());
                assertThat(self.path("x").asDouble()).isEqualTo(x);
                assertThat(self.path("y").asDouble()).isEqualTo(y);

                ws.sendText(JSON.createObjectNode().put("type", "world.input").put("seq", 6)
                    .set("payload", JSON.createObjectNode().put("dx", 1)).toString());
                await().atMost(WAIT).until(() -> x + 1 == model.find(again.playerId()).path("x").asDouble());
            }
        }
    }
}

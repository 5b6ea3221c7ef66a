package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Player self-erase and the operator player API through the real server: confirmation, authorization (players
 * never reach /ops), export contents, audit, and erasure surviving a restart.
 */
class PlayerAdminApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "e2e-password-1";

    @TempDir
    Path tempDir;

    private static AsobiClient.Response ops(final TestServer server, final String method, final String path,
        final String body)
    {
        return server.client.requestRaw(method, "/api/v1/ops/" + path, body, TestServer.OPS_SECRET);
    }

    @Test
    void selfEraseNeedsThePasswordAndRemovesEverythingAcrossARestart()
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path data = tempDir.resolve("data");
        final Session ann;
        final Session bob;
        try (TestServer server = TestServer.start(game, data))
        {
            final AsobiClient client = server.client;
            ann = server.newPlayer();
            bob = server.newPlayer();
            assertThat(client.requestRaw("PUT", "/api/v1/saves/main", "{\"data\":{\"hp\":1}}", ann.accessToken())
                .status()).isEqualTo(200);
            assertThat(client.requestRaw("PUT", "/api/v1/storage/erase-test/ann",
                "{\"value\":1,\"read_perm\":\"public\"}", ann.accessToken()).status()).isEqualTo(200);
            assertThat(client.requestRaw("PUT", "/api/v1/storage/erase-test/bob", "{\"value\":2}",
                bob.accessToken()).status()).isEqualTo(200);

            final AsobiClient.Response missing = client.requestRaw("POST", "/api/v1/players/me/erase", "{}",
                ann.accessToken());
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.errorCode()).isEqualTo("missing_field");
            final AsobiClient.Response wrong = client.requestRaw("POST", "/api/v1/players/me/erase",
                "{\"password\":\"not-the-password\"}", ann.accessToken());
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.errorCode()).isEqualTo("player.confirmation_failed");
            assertThat(client.requestRaw("POST", "/api/v1/players/me/erase", "{\"password\":\"x\"}", null).status())
                .isEqualTo(401);
            assertThat(client.request("GET", "/api/v1/players/me/erase", null, ann.accessToken()).status())
                .isEqualTo(405);

            final AsobiClient.Response erased = client.requestRaw("POST", "/api/v1/players/me/erase",
                "{\"password\":\"" + PASSWORD + "\"}", ann.accessToken());
            assertThat(erased.status()).isEqualTo(200);
            assertThat(erased.body().path("deleted").asBoolean()).isTrue();
            assertErased(server, ann);

            final JsonNode audit = ops(server, "GET", "audit?limit=5", null).body().path("data");
            assertThat(audit.get(0).path("action").asText()).isEqualTo("players.erase_self");
            assertThat(audit.get(0).path("target").asText()).isEqualTo(ann.playerId());
        }

        try (TestServer server = TestServer.start(game, data))
        {
            assertErased(server, ann);
            assertThat(server.client.request("GET", "/api/v1/storage/erase-test", null, bob.accessToken()).body()
                .path("objects")).extracting(node -> node.path("key").asText()).containsExactly("bob");
        }
    }

    private static void assertErased(final TestServer server, final Session player)
    {
        final AsobiClient client = server.client;
        assertThat(client.request("GET", "/api/v1/saves", null, player.accessToken()).status())
            .as("the erased player's tokens are revoked").isEqualTo(401);
        assertThat(client.request("POST", "/api/v1/auth/login", JSON.createObjectNode()
            .put("username", player.username()).put("password", PASSWORD), null).status()).isEqualTo(401);
        assertThat(client.request("POST", "/api/v1/auth/refresh", JSON.createObjectNode()
            .put("refresh_token", player.refreshToken()), null).status()).isEqualTo(401);
        assertThat(ops(server, "GET", "players/" + player.playerId(), null).errorCode()).isEqualTo("ops.not_found");
        final Session other = server.newPlayer();
        assertThat(client.request("GET", "/api/v1/players/" + player.playerId(), null, other.accessToken())
            .status()).isEqualTo(404);
        assertThat(client.request("GET", "/api/v1/storage/erase-test/ann", null, other.accessToken()).status())
            .as("the erased player's objects are gone").isEqualTo(404);
    }

    @Test
    void playersNeverReachTheOperatorPlayerApi()
    {
        try (TestServer server = TestServer.e2e(tempDir))
        {
            final Session ann = server.newPlayer();
            final String id = ann.playerId();
            for (final String[] request : new String[][]{
                {"GET", "players"}, {"GET", "players/" + id}, {"GET", "players/" + id + "/export"},
                {"POST", "players/" + id + "/erase"}})
            {
                final AsobiClient.Response asPlayer = server.client.requestRaw(request[0], "/api/v1/ops/" + request[1],
                    "POST".equals(request[0]) ? "{\"username\":\"" + ann.username() + "\"}" : null,
                    ann.accessToken());
                assertThat(asPlayer.status()).as(request[0] + " " + request[1]).isEqualTo(403);
                assertThat(asPlayer.errorCode()).isEqualTo("forbidden");
                assertThat(server.client.requestRaw(request[0], "/api/v1/ops/" + request[1], null, null).status())
                    .isEqualTo(403);
            }
            assertThat(server.client.request("GET", "/api/v1/players/" + id, null, ann.accessToken()).status())
                .as("the player survived every attempt").isEqualTo(200);
        }
    }

    @Test
    void theOperatorListsReadsExportsAndErasesPlayers()
    {
        try (TestServer server = TestServer.e2e(tempDir))
        {
            final AsobiClient client = server.client;
            final Session ann = server.newPlayer();
            final Session bob = server.newPlayer();
            client.requestRaw("PUT", "/api/v1/saves/main", "{\"data\":{\"gold\":7}}", ann.accessToken());
            client.requestRaw("PUT", "/api/v1/storage/prefs/" + ann.playerId().substring(0, 8),
                "{\"value\":{\"theme\":\"dark\"}}", ann.accessToken());

            final AsobiClient.Response list = ops(server, "GET", "players?limit=1", null);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body().path("data")).hasSize(1);
            assertThat(list.body().path("data").get(0).path("id").asText()).as("newest first")
                .isEqualTo(bob.playerId());
            assertThat(list.body().path("page").path("limit").asInt()).isEqualTo(1);
            assertThat(list.body().path("page").path("offset").asInt()).isEqualTo(0);
            assertThat(list.body().path("page").path("total").asLong()).isEqualTo(2);
            final JsonNode search = ops(server, "GET", "players?q=" + ann.username().toUpperCase(), null).body();
            assertThat(search.path("data")).extracting(node -> node.path("id").asText())
                .containsExactly(ann.playerId());
            assertThat(ops(server, "GET", "players?sort=username&order=asc", null).body().path("data")).hasSize(2);
            final AsobiClient.Response badSort = ops(server, "GET", "players?sort=password", null);
            assertThat(badSort.status()).isEqualTo(400);
            assertThat(badSort.errorCode()).isEqualTo("ops.unknown_sort_field");
            assertThat(badSort.body().path("field").asText()).isEqualTo("password");
            assertThat(ops(server, "GET", "players?order=up", null).errorCode()).isEqualTo("ops.unknown_sort_order");
            assertThat(ops(server, "GET", "players?limit=500", null).errorCode()).isEqualTo("invalid_payload");

            final AsobiClient.Response one = ops(server, "GET", "players/" + ann.playerId(), null);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.body().path("data").path("username").asText()).isEqualTo(ann.username());
            assertThat(one.body().path("data").has("password")).isFalse();
            assertThat(ops(server, "GET", "players/not-a-uuid", null).errorCode()).isEqualTo("ops.invalid_id");
            assertThat(ops(server, "GET", "players/0190a5f0-0000-7000-8000-000000000000", null).status())
                .isEqualTo(404);

            final AsobiClient.Response export = ops(server, "GET", "players/" + ann.playerId() + "/export", null);
            assertThat(export.status()).isEqualTo(200);
            final JsonNode exported = export.body().path("data");
            assertThat(exported.path("player").path("id").asText()).isEqualTo(ann.playerId());
            assertThat(exported.path("storage").path("saves").get(0).path("data").path("gold").asInt()).isEqualTo(7);
            assertThat(exported.path("storage").path("objects").get(0).path("value").path("theme").asText())
                .isEqualTo("dark");
            assertThat(export.body().toString()).doesNotContain(ann.accessToken()).doesNotContain("argon2");

            final String erasePath = "players/" + ann.playerId() + "/erase";
            assertThat(ops(server, "POST", erasePath, "{}").errorCode()).isEqualTo("ops.confirmation_required");
            final AsobiClient.Response mismatch = ops(server, "POST", erasePath, "{\"username\":\"someone\"}");
            assertThat(mismatch.status()).isEqualTo(400);
            assertThat(mismatch.errorCode()).isEqualTo("ops.confirmation_mismatch");
            assertThat(client.request("GET", "/api/v1/saves", null, ann.accessToken()).status()).isEqualTo(200);

            final AsobiClient.Response erased = server.client.requestRaw("POST", "/api/v1/ops/" + erasePath,
                "{\"username\":\"" + ann.username() + "\"}", TestServer.OPS_SECRET);
            assertThat(erased.status()).isEqualTo(200);
            assertThat(erased.body().path("data").path("player_id").asText()).isEqualTo(ann.playerId());
            assertThat(erased.body().path("data").path("erased").asBoolean()).isTrue();
            assertThat(client.request("GET", "/api/v1/saves", null, ann.accessToken()).status()).isEqualTo(401);
            assertThat(ops(server, "GET", "players/" + ann.playerId() + "/export", null).status()).isEqualTo(404);
            assertThat(ops(server, "GET", "players", null).body().path("page").path("total").asLong()).isEqualTo(1);

            final JsonNode audit = ops(server, "GET", "audit?limit=1", null).body().path("data").get(0);
            assertThat(audit.path("action").asText()).isEqualTo("players.erase");
            assertThat(audit.path("target").asText()).isEqualTo(ann.playerId());
        }
    }
}

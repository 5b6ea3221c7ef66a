package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST contract of cloud saves and generic storage (asobi-spec §3.8) through the real server: shapes, status codes,
 * limits, version conflicts and authorization.
 */
class StorageApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private static TestServer server;
    private static AsobiClient client;

    @BeforeAll
    static void start()
    {
        server = TestServer.e2e(tempDir);
        client = server.client;
    }

    @AfterAll
    static void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    private static JsonNode json(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static AsobiClient.Response putSave(final Session player, final String slot, final String body)
    {
        return client.requestRaw("PUT", "/api/v1/saves/" + slot, body, player.accessToken());
    }

    @Test
    void savesAreCreatedUpdatedAndListedWithVersions()
    {
        final Session ann = server.newPlayer();
        assertThat(client.request("GET", "/api/v1/saves", null, ann.accessToken()).body().path("saves")).isEmpty();

        final AsobiClient.Response created = putSave(ann, "slot1", "{\"data\":{\"level\":3,\"items\":[1,2]}}");
        assertThat(created.status()).isEqualTo(200);
        final JsonNode row = created.body();
        assertThat(row.path("id").asText()).hasSize(36);
        assertThat(row.path("player_id").asText()).isEqualTo(ann.playerId());
        assertThat(row.path("slot").asText()).isEqualTo("slot1");
        assertThat(row.path("data")).isEqualTo(json("{\"level\":3,\"items\":[1,2]}"));
        assertThat(row.path("version").asLong()).isEqualTo(1);
        assertThat(row.path("updated_at").asText()).endsWith("Z");

        final AsobiClient.Response updated = putSave(ann, "slot1", "{\"data\":{\"level\":4},\"version\":1}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("version").asLong()).isEqualTo(2);
        assertThat(updated.body().path("id").asText()).isEqualTo(row.path("id").asText());

        final AsobiClient.Response stale = putSave(ann, "slot1", "{\"data\":{\"level\":5},\"version\":1}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("save.version_conflict");
        assertThat(stale.body().path("error").path("details").path("current_version").asLong()).isEqualTo(2);

        assertThat(putSave(ann, "slot1", "{\"data\":[\"no version: last write wins\"]}").body().path("version")
            .asLong()).isEqualTo(3);
        assertThat(putSave(ann, "empty", "{}").body().path("data")).isEqualTo(json("{}"));

        final AsobiClient.Response list = client.request("GET", "/api/v1/saves", null, ann.accessToken());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("saves")).hasSize(2);
        final JsonNode first = list.body().path("saves").get(0);
        assertThat(first.path("slot").asText()).isEqualTo("empty");
        assertThat(first.has("data")).as("the list carries no data").isFalse();
        assertThat(list.body().path("saves").get(1).path("version").asLong()).isEqualTo(3);

        final AsobiClient.Response one = client.request("GET", "/api/v1/saves/slot1", null, ann.accessToken());
        assertThat(one.body().path("data")).isEqualTo(json("[\"no version: last write wins\"]"));
        assertThat(client.request("GET", "/api/v1/saves/nothing", null, ann.accessToken()).errorCode())
            .isEqualTo("save.not_found");
        assertThat(client.request("GET", "/api/v1/saves/nothing", null, ann.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void saveVersionsStayReadable()
    {
        final Session ann = server.newPlayer();
        for (int i = 1; i <= 7; i++)
        {
            assertThat(putSave(ann, "hist", "{\"data\":{\"n\":" + i + "}}").status()).isEqualTo(200);
        }
        final JsonNode versions = client.request("GET", "/api/v1/saves/hist/versions", null, ann.accessToken()).body();
        assertThat(versions.path("slot").asText()).isEqualTo("hist");
        assertThat(versions.path("versions")).hasSize(5);
        assertThat(versions.path("versions").get(0).path("version").asLong()).isEqualTo(7);
        assertThat(versions.path("versions").get(4).path("version").asLong()).isEqualTo(3);

        final AsobiClient.Response v4 = client.request("GET", "/api/v1/saves/hist/versions/4", null,
            ann.accessToken());
        assertThat(v4.status()).isEqualTo(200);
        assertThat(v4.body().path("data").path("n").asInt()).isEqualTo(4);
        assertThat(client.request("GET", "/api/v1/saves/hist/versions/1", null, ann.accessToken()).errorCode())
            .isEqualTo("save.version_not_found");
        assertThat(client.request("GET", "/api/v1/saves/hist/versions/abc", null, ann.accessToken()).errorCode())
            .isEqualTo("invalid_payload");
    }

    @Test
    void savesEnforceLimitsAndInput()
    {
        final Session ann = server.newPlayer();
        final ObjectNode big = JSON.createObjectNode();
        big.putObject("data").put("blob", "x".repeat(256 * 1024));
        final AsobiClient.Response tooLarge = client.request("PUT", "/api/v1/saves/big", big, ann.accessToken());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("save.too_large");

        for (int i = 0; i < 10; i++)
        {
            assertThat(putSave(ann, "s" + i, "{\"data\":" + i + "}").status()).isEqualTo(200);
        }
        final AsobiClient.Response full = putSave(ann, "s10", "{\"data\":1}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.errorCode()).isEqualTo("save.slot_limit_reached");

        assertThat(putSave(ann, "bad%20slot", "{}").errorCode()).isEqualTo("save.invalid_slot");
        assertThat(putSave(ann, "x".repeat(65), "{}").status()).isEqualTo(400);
        assertThat(putSave(ann, "s1", "{\"data\":1,\"version\":\"two\"}").errorCode()).isEqualTo("invalid_payload");
        assertThat(putSave(ann, "s1", "{\"data\":1,\"version\":-1}").errorCode()).isEqualTo("invalid_payload");
        assertThat(putSave(ann, "s1", "[1]").errorCode()).isEqualTo("invalid_payload");
        assertThat(putSave(ann, "s1", "{nope").errorCode()).isEqualTo("invalid_json");
        assertThat(client.request("DELETE", "/api/v1/saves/s1", null, ann.accessToken()).status()).isEqualTo(405);
    }

    @Test
    void savesArePrivateAndNeedABearer()
    {
        final Session ann = server.newPlayer();
        final Session bob = server.newPlayer();
        assertThat(putSave(ann, "mine", "{\"data\":{\"secret\":true}}").status()).isEqualTo(200);

        assertThat(client.request("GET", "/api/v1/saves/mine", null, bob.accessToken()).status())
            .as("another player's slot is simply not there").isEqualTo(404);
        assertThat(client.request("GET", "/api/v1/saves", null, bob.accessToken()).body().path("saves")).isEmpty();
        assertThat(putSave(bob, "mine", "{\"data\":1,\"version\":1}").body().path("player_id").asText())
            .as("the same slot name is bob's own slot").isEqualTo(bob.playerId());
        assertThat(client.request("GET", "/api/v1/saves/mine", null, ann.accessToken()).body().path("data")
            .path("secret").asBoolean()).isTrue();

        assertThat(client.request("GET", "/api/v1/saves", null, null).status()).isEqualTo(401);
        assertThat(client.request("GET", "/api/v1/saves/mine", null, "not-a-token").status()).isEqualTo(401);
        assertThat(client.requestRaw("PUT", "/api/v1/saves/mine", "{}", null).status()).isEqualTo(401);
    }

    @Test
    void storageObjectsHavePermissionsAndVersions()
    {
        final Session ann = server.newPlayer();
        final Session bob = server.newPlayer();
        final String path = "/api/v1/storage/decks/" + ann.playerId().substring(0, 8);

        final AsobiClient.Response created = client.requestRaw("PUT", path, "{\"value\":{\"cards\":[1,2,3]}}",
            ann.accessToken());
        assertThat(created.status()).isEqualTo(200);
        final JsonNode row = created.body();
        assertThat(row.path("collection").asText()).isEqualTo("decks");
        assertThat(row.path("player_id").asText()).isEqualTo(ann.playerId());
        assertThat(row.path("value").path("cards")).hasSize(3);
        assertThat(row.path("version").asLong()).isEqualTo(1);
        assertThat(row.path("read_perm").asText()).isEqualTo("owner");
        assertThat(row.path("write_perm").asText()).isEqualTo("owner");

        assertThat(client.request("GET", path, null, bob.accessToken()).errorCode()).isEqualTo("storage.forbidden");
        assertThat(client.request("GET", path, null, bob.accessToken()).status()).isEqualTo(403);
        assertThat(client.requestRaw("PUT", path, "{\"value\":1}", bob.accessToken()).status()).isEqualTo(403);
        assertThat(client.request("DELETE", path, null, bob.accessToken()).status()).isEqualTo(403);
        assertThat(client.request("GET", path, null, ann.accessToken()).body().path("value").path("cards"))
            .hasSize(3);

        final AsobiClient.Response opened = client.requestRaw("PUT", path,
            "{\"value\":{\"cards\":[]},\"read_perm\":\"public\",\"version\":1}", ann.accessToken());
        assertThat(opened.body().path("version").asLong()).isEqualTo(2);
        assertThat(opened.body().path("read_perm").asText()).isEqualTo("public");
        assertThat(client.request("GET", path, null, bob.accessToken()).status()).isEqualTo(200);
        assertThat(client.requestRaw("PUT", path, "{\"value\":1}", bob.accessToken()).errorCode())
            .as("public read is not public write").isEqualTo("storage.forbidden");

        final AsobiClient.Response conflict = client.requestRaw("PUT", path, "{\"value\":1,\"version\":1}",
            ann.accessToken());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("storage.conflict");
        assertThat(conflict.body().path("error").path("details").path("current_version").asLong()).isEqualTo(2);

        final AsobiClient.Response deleted = client.request("DELETE", path, null, ann.accessToken());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("success").asBoolean()).isTrue();
        assertThat(client.request("GET", path, null, ann.accessToken()).errorCode()).isEqualTo("storage.not_found");
        assertThat(client.request("GET", path, null, ann.accessToken()).status()).isEqualTo(404);
        assertThat(client.request("DELETE", path, null, ann.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void publicWriteObjectsAcceptOtherPlayersButNotPermissionChanges()
    {
        final Session ann = server.newPlayer();
        final Session bob = server.newPlayer();
        final String path = "/api/v1/storage/boards/" + ann.playerId().substring(0, 8);
        assertThat(client.requestRaw("PUT", path,
            "{\"value\":[\"ann\"],\"read_perm\":\"public\",\"write_perm\":\"public\"}", ann.accessToken()).status())
            .isEqualTo(200);

        final AsobiClient.Response byBob = client.requestRaw("PUT", path, "{\"value\":[\"ann\",\"bob\"]}",
            bob.accessToken());
        assertThat(byBob.status()).isEqualTo(200);
        assertThat(byBob.body().path("player_id").asText()).as("the owner stays").isEqualTo(ann.playerId());
        assertThat(byBob.body().path("version").asLong()).isEqualTo(2);
        assertThat(client.requestRaw("PUT", path, "{\"value\":[],\"write_perm\":\"owner\"}", bob.accessToken())
            .errorCode()).isEqualTo("storage.forbidden");
    }

    @Test
    void storageListsOnlyWhatTheCallerMayRead()
    {
        final Session ann = server.newPlayer();
        final Session bob = server.newPlayer();
        final String collection = "list" + ann.playerId().substring(0, 8);
        client.requestRaw("PUT", "/api/v1/storage/" + collection + "/a-private", "{\"value\":1}", ann.accessToken());
        client.requestRaw("PUT", "/api/v1/storage/" + collection + "/b-public",
            "{\"value\":2,\"read_perm\":\"public\"}", ann.accessToken());
        client.requestRaw("PUT", "/api/v1/storage/" + collection + "/c-bob", "{\"value\":3}", bob.accessToken());

        final JsonNode asBob = client.request("GET", "/api/v1/storage/" + collection, null, bob.accessToken()).body();
        assertThat(asBob.path("objects")).extracting(node -> node.path("key").asText())
            .containsExactly("b-public", "c-bob");
        final JsonNode asAnn = client.request("GET", "/api/v1/storage/" + collection + "?limit=1&offset=1", null,
            ann.accessToken()).body();
        assertThat(asAnn.path("objects")).extracting(node -> node.path("key").asText()).containsExactly("b-public");
        assertThat(client.request("GET", "/api/v1/storage/" + collection + "?limit=abc", null, ann.accessToken())
            .body().path("objects")).as("a non-numeric limit means the default").hasSize(2);
        assertThat(client.request("GET", "/api/v1/storage/empty-collection", null, ann.accessToken()).body()
            .path("objects")).isEmpty();
        assertThat(client.request("GET", "/api/v1/storage/" + collection, null, null).status()).isEqualTo(401);
    }

    @Test
    void storageValidatesInput()
    {
        final Session ann = server.newPlayer();
        final String path = "/api/v1/storage/valid/k1";
        assertThat(client.requestRaw("PUT", path, "{\"value\":1,\"read_perm\":\"everyone\"}", ann.accessToken())
            .errorCode()).isEqualTo("storage.invalid_perm");
        assertThat(client.requestRaw("PUT", path, "{\"value\":1,\"write_perm\":7}", ann.accessToken()).status())
            .isEqualTo(400);
        assertThat(client.requestRaw("PUT", path, "[1,2]", ann.accessToken()).errorCode())
            .isEqualTo("storage.invalid_request");
        assertThat(client.requestRaw("PUT", path, "{\"value\":1,\"version\":\"x\"}", ann.accessToken())
            .errorCode()).isEqualTo("storage.invalid_request");
        assertThat(client.requestRaw("PUT", "/api/v1/storage/bad%20name/k", "{\"value\":1}", ann.accessToken())
            .errorCode()).isEqualTo("storage.invalid_request");

        final ObjectNode big = JSON.createObjectNode().put("value", "x".repeat(256 * 1024));
        final AsobiClient.Response tooLarge = client.request("PUT", path, big, ann.accessToken());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("storage.value_too_large");
        assertThat(client.requestRaw("PUT", path, "{}", ann.accessToken()).body().path("value"))
            .as("a bare body stores an empty object").isEqualTo(json("{}"));
        assertThat(client.request("POST", path, null, ann.accessToken()).status()).isEqualTo(405);
    }
}

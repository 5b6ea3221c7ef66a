package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient.Response;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST auth, players, matchmaker and health through the real server (asobi-spec §3.1, §3.2, §3.4, §3.10).
 */
class RestApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static Response post(final String path, final String body, final String token)
    {
        return server.client.requestRaw("POST", path, body, token);
    }

    private static void assertError(final Response r, final int status, final String code)
    {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.body().path("error").path("message").asText()).isNotEmpty();
    }

    @Test
    void registerLoginRefreshLogout()
    {
        final String name = "rest_" + System.nanoTime() % 1_000_000_000L;
        final Response reg = post("/api/v1/auth/register",
            "{\"username\":\"" + name + "\",\"password\":\"secret-pass\"}", null);
        assertThat(reg.status()).isEqualTo(200);
        final JsonNode body = reg.body();
        assertThat(body.fieldNames()).toIterable()
            .containsExactlyInAnyOrder("player_id", "access_token", "refresh_token", "username");
        assertThat(body.path("username").asText()).isEqualTo(name);

        assertError(post("/api/v1/auth/register",
            "{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"secret-pass\"}", null),
            409, "auth.username_taken");
        assertError(post("/api/v1/auth/login", "{\"username\":\"" + name + "\",\"password\":\"wrong-pass\"}", null),
            401, "auth.invalid_credentials");

        final Session login = server.client.login(name, "secret-pass");
        assertThat(login.playerId()).isEqualTo(body.path("player_id").asText());

        final Response refreshed = post("/api/v1/auth/refresh",
            "{\"refresh_token\":\"" + login.refreshToken() + "\"}", null);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().has("access_token")).isTrue();
        assertThat(refreshed.body().has("refresh_token")).isTrue();
        final String newAccess = refreshed.body().path("access_token").asText();
        assertThat(server.client.request("GET", "/api/v1/players/" + login.playerId(), null, newAccess).status())
            .isEqualTo(200);

        // Reusing the spent refresh token burns the whole family, including the access token it produced.
        assertError(post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + login.refreshToken() + "\"}", null),
            401, "unauthenticated");
        assertError(server.client.request("GET", "/api/v1/players/" + login.playerId(), null, newAccess),
            401, "unauthenticated");

        final Response logout = post("/api/v1/auth/logout",
            "{\"refresh_token\":\"" + refreshed.body().path("refresh_token").asText() + "\"}",
            body.path("access_token").asText());
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.body().path("success").asBoolean()).isTrue();
        assertError(server.client.request("GET", "/api/v1/players/" + login.playerId(), null,
            body.path("access_token").asText()), 401, "unauthenticated");
    }

    @Test
    void registrationValidation()
    {
        final Response shortName = post("/api/v1/auth/register", "{\"username\":\"ab\",\"password\":\"secret-pass\"}",
            null);
        assertError(shortName, 422, "validation_failed");
        assertThat(shortName.body().path("error").path("details").path("fields").has("username")).isTrue();
        assertError(post("/api/v1/auth/register", "{\"username\":\"valid_name_1\",\"password\":\"short\"}", null),
            422, "validation_failed");
        assertError(post("/api/v1/auth/register", "{\"username\":\"bad name!\",\"password\":\"secret-pass\"}", null),
            422, "validation_failed");
        assertError(post("/api/v1/auth/register", "{\"password\":\"secret-pass\"}", null), 400, "missing_field");
        assertError(post("/api/v1/auth/register", "{\"username\":", null), 400, "invalid_json");
        assertError(post("/api/v1/auth/register", "[1]", null), 400, "invalid_payload");
    }

    @Test
    void playersNeedBearerAndOnlyOwnerUpdates()
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        assertError(server.client.request("GET", "/api/v1/players/" + a.playerId(), null, null),
            401, "unauthenticated");
        assertError(server.client.request("GET", "/api/v1/players/" + a.playerId(), null, "bogus"),
            401, "unauthenticated");

        final Response read = server.client.request("GET", "/api/v1/players/" + a.playerId(), null, b.accessToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().fieldNames()).toIterable().contains(
            "id", "username", "display_name", "avatar_url", "metadata", "inserted_at", "updated_at");
        assertThat(read.body().path("inserted_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");

        assertError(server.client.request("PUT", "/api/v1/players/" + a.playerId(),
            JSON.createObjectNode().put("display_name", "hijack"), b.accessToken()), 403, "forbidden");

        final Response updated = server.client.request("PUT", "/api/v1/players/" + a.playerId(),
            JSON.createObjectNode().put("display_name", "Alice").set("metadata",
                JSON.createObjectNode().put("level", 3)), a.accessToken());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("display_name").asText()).isEqualTo("Alice");
        assertThat(updated.body().path("metadata").path("level").asInt()).isEqualTo(3);

        assertError(server.client.request("PUT", "/api/v1/players/" + a.playerId(),
            JSON.createObjectNode().put("display_name", "x".repeat(65)), a.accessToken()), 422, "validation_failed");
        assertError(server.client.request("GET", "/api/v1/players/0198a0a0-0000-7000-8000-000000000000", null,
            a.accessToken()), 404, "player.not_found");
    }

    @Test
    void matchmakerOverRest()
    {
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        final Response queued = server.client.request("POST", "/api/v1/matchmaker",
            JSON.createObjectNode().put("mode", "runaway_unknown"), a.accessToken());
        assertError(queued, 400, "matchmaker.unknown_mode");

        final JsonNode ticket = server.client.matchmakerAdd(a.accessToken(), "demo");
        assertThat(ticket.path("status").asText()).isEqualTo("pending");
        final String ticketId = ticket.path("ticket_id").asText();
        final JsonNode again = server.client.matchmakerAdd(a.accessToken(), "demo");
        assertThat(again.path("ticket_id").asText()).isEqualTo(ticketId);
        assertThat(again.path("already_queued").asBoolean()).isTrue();

        final Response read = server.client.request("GET", "/api/v1/matchmaker/" + ticketId, null, a.accessToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("id").asText()).isEqualTo(ticketId);
        assertThat(read.body().path("mode").asText()).isEqualTo("demo");
        assertError(server.client.request("GET", "/api/v1/matchmaker/" + ticketId, null, b.accessToken()),
            403, "forbidden");
        assertError(server.client.request("DELETE", "/api/v1/matchmaker/" + ticketId, null, b.accessToken()),
            403, "forbidden");
        final Response deleted = server.client.request("DELETE", "/api/v1/matchmaker/" + ticketId, null,
            a.accessToken());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("success").asBoolean()).isTrue();
        assertError(server.client.request("GET", "/api/v1/matchmaker/" + ticketId, null, a.accessToken()),
            404, "matchmaker.ticket_not_found");
    }

    @Test
    void healthEndpointsAndDemoPage()
    {
        assertThat(server.client.request("GET", "/live", null, null).body().path("status").asText())
            .isEqualTo("alive");
        final Response ready = server.client.request("GET", "/ready", null, null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("status").asText()).isEqualTo("ready");
        assertThat(server.client.request("GET", "/health", null, null).status()).isEqualTo(200);
        assertError(server.client.request("GET", "/api/v1/nothing-here", null, server.newPlayer().accessToken()),
            404, "not_found");
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.metagame.AuthTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.asobi.gateway.GatewayFixture.assertError;
import static io.asobi.gateway.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest
{
    private final AtomicBoolean readiness = new AtomicBoolean(true);
    private GatewayFixture fx;

    @BeforeAll
    void startGateway()
    {
        fx = new GatewayFixture(ctx -> ctx
            .webRoot("io/asobi/gateway/web")
            .readiness(readiness::get)
            .healthDetails(() -> Map.of("tick_threads", 2, "build", "test")));
    }

    @AfterAll
    void stopGateway()
    {
        fx.close();
    }

    @AfterEach
    void reset()
    {
        readiness.set(true);
        fx.accounts.isReady = true;
        fx.accounts.isBroken = false;
    }

    @Test
    void shouldRegisterAndAnswerTheAsobiShape()
    {
        final HttpResponse<String> response =
            fx.post("/api/v1/auth/register", "{\"username\":\"alice\",\"password\":\"secret-123\"}", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        final JsonNode body = json(response);
        assertThat(body.properties()).extracting(Map.Entry::getKey)
            .containsExactlyInAnyOrder("player_id", "access_token", "refresh_token", "username");
        assertThat(body.path("username").asText()).isEqualTo("alice");
        assertThat(fx.accounts.authenticate(body.path("access_token").asText()))
            .isEqualTo(body.path("player_id").asText());
    }

    @Test
    void shouldRefuseRegistrationErrors()
    {
        assertError(fx.post("/api/v1/auth/register", "{\"password\":\"secret-123\"}", null), 400, "missing_field");
        assertError(fx.post("/api/v1/auth/register", "{\"username\":\"bob\"}", null), 400, "missing_field");
        assertError(fx.post("/api/v1/auth/register", "{\"username\":", null), 400, "invalid_json");
        assertError(fx.post("/api/v1/auth/register", "[1,2]", null), 400, "invalid_payload");
        assertError(fx.post("/api/v1/auth/register", "", null), 400, "missing_field");

        final JsonNode typed = assertError(
            fx.post("/api/v1/auth/register", "{\"username\":5,\"password\":\"secret-123\"}", null),
            422, "validation_failed");
        assertThat(typed.path("fields").path("username").isArray()).isTrue();
        assertThat(typed.path("error").path("details").path("fields")).isEqualTo(typed.path("fields"));

        final JsonNode invalid = assertError(
            fx.post("/api/v1/auth/register", "{\"username\":\"x\",\"password\":\"secret-123\"}", null),
            422, "validation_failed");
        assertThat(invalid.path("fields").path("username").get(0).asText()).contains("3-32");
        assertThat(invalid.path("error").path("details").path("fields")).isEqualTo(invalid.path("fields"));

        fx.accounts.registerNow("carol");
        assertError(fx.post("/api/v1/auth/register", "{\"username\":\"CAROL\",\"password\":\"secret-123\"}", null),
            409, "auth.username_taken");
    }

    @Test
    void shouldAnswerInternalWhenTheAccountsServiceFails()
    {
        fx.accounts.isBroken = true;
        assertError(fx.post("/api/v1/auth/register", "{\"username\":\"dave\",\"password\":\"secret-123\"}", null),
            500, "internal");
    }

    @Test
    void shouldLoginRefreshAndLogout()
    {
        fx.accounts.registerNow("erin");
        final HttpResponse<String> login =
            fx.post("/api/v1/auth/login", "{\"username\":\"erin\",\"password\":\"password-123\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        final JsonNode tokens = json(login);
        assertThat(tokens.path("username").asText()).isEqualTo("erin");

        assertError(fx.post("/api/v1/auth/login", "{\"username\":\"erin\",\"password\":\"nope-nope\"}", null),
            401, "auth.invalid_credentials");
        assertError(fx.post("/api/v1/auth/login", "{\"username\":\"erin\"}", null), 400, "missing_field");

        final String refreshBody = "{\"refresh_token\":\"" + tokens.path("refresh_token").asText() + "\"}";
        final HttpResponse<String> refreshed = fx.post("/api/v1/auth/refresh", refreshBody, null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(json(refreshed).properties()).extracting(Map.Entry::getKey)
            .containsExactlyInAnyOrder("access_token", "refresh_token");
        assertError(fx.post("/api/v1/auth/refresh", refreshBody, null), 401, "unauthenticated");
        assertError(fx.post("/api/v1/auth/refresh", "{}", null), 400, "missing_field");

        final String access = json(refreshed).path("access_token").asText();
        final String refresh = json(refreshed).path("refresh_token").asText();
        final HttpResponse<String> logout =
            fx.post("/api/v1/auth/logout", "{\"refresh_token\":\"" + refresh + "\"}", access);
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(json(logout).path("success").asBoolean()).isTrue();
        assertThat(fx.accounts.logouts).contains(refresh + "|" + access);
        assertThat(fx.accounts.authenticate(access)).isNull();

        assertThat(fx.post("/api/v1/auth/logout", null, null).statusCode()).isEqualTo(200);
        assertThat(fx.post("/api/v1/auth/logout", "{not json", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRequireABearerTokenOutsideAuth()
    {
        assertError(fx.get("/api/v1/players/someone", null), 401, "unauthenticated");
        assertError(fx.get("/api/v1/players/someone", "bogus"), 401, "unauthenticated");
        assertError(fx.post("/api/v1/matchmaker", "{}", null), 401, "unauthenticated");
        assertError(fx.get("/api/v1/matchmaker/t-1", null), 401, "unauthenticated");
        assertError(fx.send("DELETE", "/api/v1/matchmaker/t-1", null, null), 401, "unauthenticated");
        assertError(fx.get("/api/v1/matches/live", null), 401, "unauthenticated");
        assertError(fx.send("PUT", "/api/v1/players/someone", "{}", "bogus"), 401, "unauthenticated");
    }

    @Test
    void shouldReadAndUpdatePlayers()
    {
        final AuthTokens frank = fx.accounts.registerNow("frank");
        final AuthTokens gina = fx.accounts.registerNow("gina");

        final HttpResponse<String> read = fx.get("/api/v1/players/" + frank.playerId(), gina.accessToken());
        assertThat(read.statusCode()).isEqualTo(200);
        final JsonNode profile = json(read);
        assertThat(profile.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
            "id", "username", "display_name", "avatar_url", "metadata", "inserted_at", "updated_at");
        assertThat(profile.path("id").asText()).isEqualTo(frank.playerId());
        assertThat(profile.path("display_name").asText()).isEqualTo("frank");
        assertThat(profile.path("avatar_url").isNull()).isTrue();
        assertThat(profile.path("metadata").isObject()).isTrue();
        assertThat(profile.path("inserted_at").asText()).isEqualTo("2026-08-03T12:00:00Z");

        assertError(fx.get("/api/v1/players/no-such-player", gina.accessToken()), 404, "player.not_found");

        final String path = "/api/v1/players/" + frank.playerId();
        final HttpResponse<String> updated = fx.send("PUT", path,
            "{\"display_name\":\"Frankie\",\"avatar_url\":\"https://a/b.png\",\"metadata\":{\"level\":3}}",
            frank.accessToken());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).path("display_name").asText()).isEqualTo("Frankie");
        assertThat(json(updated).path("avatar_url").asText()).isEqualTo("https://a/b.png");
        assertThat(json(updated).path("metadata").path("level").asInt()).isEqualTo(3);
        assertThat(json(updated).path("updated_at").asText()).isEqualTo("2026-08-03T12:01:00Z");

        assertError(fx.send("PUT", path, "{\"display_name\":\"x\"}", gina.accessToken()), 403, "forbidden");

        final JsonNode typed = assertError(
            fx.send("PUT", path, "{\"display_name\":7,\"metadata\":[1]}", frank.accessToken()),
            422, "validation_failed");
        assertThat(typed.path("errors").path("display_name").isArray()).isTrue();
        assertThat(typed.path("errors").path("metadata").isArray()).isTrue();
        assertThat(typed.path("error").path("details").path("fields")).isEqualTo(typed.path("errors"));

        final JsonNode tooLong = assertError(
            fx.send("PUT", path, "{\"display_name\":\"" + "x".repeat(65) + "\"}", frank.accessToken()),
            422, "validation_failed");
        assertThat(tooLong.path("errors").path("display_name").isArray()).isTrue();
    }

    @Test
    void shouldQueueReadAndCancelMatchmakerTickets()
    {
        final AuthTokens hank = fx.accounts.registerNow("hank");
        final String token = hank.accessToken();

        final HttpResponse<String> queued = fx.post("/api/v1/matchmaker", "{}", token);
        assertThat(queued.statusCode()).isEqualTo(200);
        assertThat(json(queued).path("ticket_id").asText()).isEqualTo("t-1");
        assertThat(json(queued).path("status").asText()).isEqualTo("pending");
        assertThat(fx.matches.calls).contains("matchmakerAdd:" + hank.playerId() + ":default:{}");

        assertThat(fx.post("/api/v1/matchmaker", "{\"mode\":\"arena\",\"properties\":{\"skill\":3}}", token)
            .statusCode()).isEqualTo(200);
        assertThat(fx.matches.calls).contains("matchmakerAdd:" + hank.playerId() + ":arena:{\"skill\":3}");

        assertError(fx.post("/api/v1/matchmaker", "{\"mode\":\"unknown\"}", token), 400, "matchmaker.unknown_mode");
        assertError(fx.post("/api/v1/matchmaker", "{\"mode\":\"busy\"}", token), 503, "matchmaker.queue_full");
        assertError(fx.post("/api/v1/matchmaker", "{\"mode\":5}", token), 400, "invalid_payload");
        assertError(fx.post("/api/v1/matchmaker", "{\"properties\":[]}", token), 400, "invalid_payload");

        final HttpResponse<String> ticket = fx.get("/api/v1/matchmaker/t-1", token);
        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(json(ticket).path("id").asText()).isEqualTo("t-1");
        assertThat(json(ticket).path("submitted_at").asLong()).isPositive();
        assertError(fx.get("/api/v1/matchmaker/t-other", token), 403, "forbidden");
        assertError(fx.get("/api/v1/matchmaker/t-gone", token), 404, "matchmaker.ticket_not_found");

        final HttpResponse<String> removed = fx.send("DELETE", "/api/v1/matchmaker/t-1", null, token);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).path("success").asBoolean()).isTrue();
        assertError(fx.send("DELETE", "/api/v1/matchmaker/t-other", null, token), 403, "forbidden");
        assertError(fx.send("DELETE", "/api/v1/matchmaker/t-gone", null, token), 404,
            "matchmaker.ticket_not_found");
    }

    @Test
    void shouldListLiveMatchesWithFilters()
    {
        final AuthTokens ivy = fx.accounts.registerNow("ivy");

        final HttpResponse<String> all = fx.get("/api/v1/matches/live", ivy.accessToken());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(json(all).path("matches").get(0).path("match_id").asText()).isEqualTo("m1");
        assertThat(fx.matches.calls).contains("list:null:null:null");

        assertThat(fx.get("/api/v1/matches/live?mode=arena&has_capacity=true&joinable=false", ivy.accessToken())
            .statusCode()).isEqualTo(200);
        assertThat(fx.matches.calls).contains("list:arena:true:false");

        final JsonNode bad = assertError(
            fx.get("/api/v1/matches/live?has_capacity=maybe", ivy.accessToken()), 400, "ws.request_failed");
        assertThat(bad.path("error").path("details").path("reason").asText()).isEqualTo("invalid_has_capacity_filter");
        assertError(fx.get("/api/v1/matches/live?joinable=1", ivy.accessToken()), 400, "ws.request_failed");
        assertError(fx.get("/api/v1/matches/live?mode=" + "m".repeat(65), ivy.accessToken()), 400,
            "ws.request_failed");
    }

    @Test
    void shouldServeHealthEndpointsWithoutAuth()
    {
        final HttpResponse<String> live = fx.get("/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).path("status").asText()).isEqualTo("alive");

        final HttpResponse<String> ready = fx.get("/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("status").asText()).isEqualTo("ready");

        final HttpResponse<String> health = fx.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("healthy");
        assertThat(json(health).path("details").path("tick_threads").asInt()).isEqualTo(2);
        assertThat(json(health).path("details").path("build").asText()).isEqualTo("test");
        assertThat(json(health).path("details").has("sessions")).isTrue();
        assertThat(json(health).path("details").path("connections").asInt()).isPositive();

        readiness.set(false);
        final HttpResponse<String> draining = fx.get("/ready", null);
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(json(draining).path("status").asText()).isEqualTo("not_ready");
        assertThat(fx.get("/health", null).statusCode()).isEqualTo(503);
        assertThat(json(fx.get("/health", null)).path("status").asText()).isEqualTo("unhealthy");

        readiness.set(true);
        fx.accounts.isReady = false;
        assertThat(fx.get("/ready", null).statusCode()).isEqualTo(503);
        assertThat(fx.get("/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerUnknownRoutesWrongMethodsAndPreflights()
    {
        assertError(fx.get("/nope/nested", null), 404, "not_found");
        assertError(fx.get("/api/v1/nope", null), 404, "not_found");
        assertError(fx.get("/api/v1/players/", null), 404, "not_found");
        assertError(fx.get("/api/v2/auth/login", null), 404, "not_found");

        final HttpResponse<String> wrong = fx.get("/api/v1/auth/login", null);
        assertError(wrong, 405, "method_not_allowed");
        assertThat(wrong.headers().firstValue("allow")).hasValue("POST, OPTIONS");
        assertError(fx.send("DELETE", "/api/v1/players/x", null, null), 405, "method_not_allowed");
        assertError(fx.post("/live", "{}", null), 405, "method_not_allowed");

        final HttpResponse<String> preflight = fx.send("OPTIONS", "/api/v1/players/x", null, null);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("allow")).hasValue("GET, PUT, OPTIONS");
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow())
            .contains("Authorization");
    }

    @Test
    void shouldRefuseAPlainRequestToTheWebSocketPath()
    {
        assertError(fx.get("/ws", null), 426, "upgrade_required");
        assertError(fx.post("/ws", "{}", null), 405, "method_not_allowed");
    }

    @Test
    void shouldServeStaticFiles()
    {
        final HttpResponse<String> index = fx.get("/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("<p>index</p>");

        assertThat(fx.get("/index.html", null).body()).isEqualTo(index.body());
        final HttpResponse<String> script = fx.get("/app.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(fx.get("/style.css", null).headers().firstValue("content-type"))
            .hasValue("text/css; charset=utf-8");

        assertError(fx.get("/missing.txt", null), 404, "not_found");
        assertError(fx.get("/assets", null), 404, "not_found");
        assertError(fx.get("/assets/logo.txt", null), 404, "not_found");
        assertError(fx.get("/%2e%2e%2fsecret.txt", null), 404, "not_found");
        assertError(fx.get("/..%2Fsecret.txt", null), 404, "not_found");
        assertError(fx.post("/index.html", "{}", null), 405, "method_not_allowed");
    }

    @Test
    void shouldServeNoStaticFilesWithoutAWebRoot()
    {
        try (GatewayFixture bare = new GatewayFixture())
        {
            assertError(bare.get("/", null), 404, "not_found");
            assertError(bare.get("/index.html", null), 404, "not_found");
        }
    }

    @Test
    void shouldRefuseAnOversizedBodyWithJson()
    {
        try (GatewayFixture small = new GatewayFixture(ctx -> ctx.httpMaxBodyBytes(1024)))
        {
            final String big = "{\"username\":\"" + "x".repeat(4096) + "\",\"password\":\"secret-123\"}";
            assertError(small.post("/api/v1/auth/register", big, null), 413, "payload_too_large");
            // The connection (or a new one) still serves requests.
            assertThat(small.get("/live", null).statusCode()).isEqualTo(200);
        }
    }
}

package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST contract of leaderboards and tournaments through the real server (asobi-spec §3.5, §3.9): shapes, statuses,
 * limits, the client-submit policy, operator-only mutations and their audit, and state kept across a restart.
 */
class LeaderboardApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS = TestServer.OPS_SECRET;

    @TempDir
    Path tempDir;

    private static ObjectNode json(final String text)
    {
        try
        {
            return (ObjectNode)JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }

    private static AsobiClient.Response call(
        final TestServer server, final String method, final String path, final String body, final String token)
    {
        return server.client.request(method, path, null == body ? null : json(body), token);
    }

    private static List<String> players(final JsonNode entries)
    {
        final List<String> ids = new ArrayList<>();
        entries.forEach(entry -> ids.add(entry.path("player_id").asText()));
        return ids;
    }

    @Test
    void leaderboardEndpoints()
    {
        try (TestServer server = TestServer.e2e(tempDir))
        {
            final Session ann = server.newPlayer();
            final Session bob = server.newPlayer();
            final String lb = "/api/v1/leaderboards/arena";

            assertThat(call(server, "GET", lb, null, null).status()).isEqualTo(401);
            final AsobiClient.Response unknown = call(server, "GET", "/api/v1/leaderboards/nothing", null,
                ann.accessToken());
            assertThat(unknown.status()).isEqualTo(200);
            assertThat(unknown.body().path("entries").isArray()).isTrue();
            assertThat(unknown.body().path("entries").size()).isZero();

            final AsobiClient.Response refused = call(server, "POST", lb, "{\"score\":10}", ann.accessToken());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("leaderboard.client_submit_disabled");
            assertThat(call(server, "GET", "/api/v1/ops/leaderboards/arena", null, OPS).errorCode())
                .isEqualTo("leaderboard.not_found");

            // Operator creates the board; players may not.
            final String config = "{\"id\":\"arena\",\"client_submit\":true,\"reset\":\"daily\",\"order\":\"desc\"}";
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards", config, ann.accessToken()).status())
                .isEqualTo(403);
            final AsobiClient.Response created = call(server, "POST", "/api/v1/ops/leaderboards", config, OPS);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().path("id").asText()).isEqualTo("arena");
            assertThat(created.body().path("client_submit").asBoolean()).isTrue();
            assertThat(created.body().path("reset").asText()).isEqualTo("daily");
            assertThat(created.body().path("order").asText()).isEqualTo("desc");
            assertThat(created.body().path("period").asLong()).isEqualTo(1);
            assertThat(created.body().path("next_reset_at").asText()).endsWith("T00:00:00Z");
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards", config, OPS).status()).isEqualTo(200);
            final AsobiClient.Response every = call(server, "POST", "/api/v1/ops/leaderboards",
                "{\"id\":\"hourly\",\"reset\":{\"every_ms\":3600000}}", OPS);
            assertThat(every.status()).isEqualTo(201);
            assertThat(every.body().path("reset").path("every_ms").asLong()).isEqualTo(3_600_000);
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards", "{\"id\":\"x\",\"reset\":\"hourly\"}", OPS)
                .errorCode()).isEqualTo("invalid_payload");
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards", "{\"id\":\"x\",\"reset\":{\"every_ms\":5}}",
                OPS).errorCode()).isEqualTo("validation_failed");
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards", "{\"id\":\"bad id\"}", OPS).status())
                .isEqualTo(422);
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards", "{\"client_submit\":true}", OPS).errorCode())
                .isEqualTo("missing_field");
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards", "{\"id\":\"x\",\"order\":\"up\"}", OPS)
                .errorCode()).isEqualTo("invalid_payload");

            // Submits: the caller's own score, replaced by the next one.
            final AsobiClient.Response first = call(server, "POST", lb, "{\"score\":10,\"sub_score\":3}",
                ann.accessToken());
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().path("leaderboard_id").asText()).isEqualTo("arena");
            assertThat(first.body().path("player_id").asText()).isEqualTo(ann.playerId());
            assertThat(first.body().path("score").asLong()).isEqualTo(10);
            assertThat(first.body().path("sub_score").asLong()).isEqualTo(3);
            assertThat(first.body().path("rank").asLong()).isEqualTo(1);
            assertThat(first.body().path("updated_at").isTextual()).isTrue();
            assertThat(call(server, "POST", lb, "{\"score\":20}", bob.accessToken()).body().path("rank").asLong())
                .isEqualTo(1);
            assertThat(call(server, "POST", lb, "{\"score\":30}", ann.accessToken()).body().path("rank").asLong())
                .isEqualTo(1);
            assertThat(call(server, "POST", lb, "{}", ann.accessToken()).errorCode()).isEqualTo("missing_field");
            assertThat(call(server, "POST", lb, "{\"score\":\"lots\"}", ann.accessToken()).errorCode())
                .isEqualTo("invalid_payload");
            assertThat(server.client.requestRaw("POST", lb, "{nope", ann.accessToken()).errorCode())
                .isEqualTo("invalid_json");
            assertThat(call(server, "DELETE", lb, null, ann.accessToken()).status()).isEqualTo(405);

            final AsobiClient.Response top = call(server, "GET", lb + "?limit=100", null, ann.accessToken());
            assertThat(players(top.body().path("entries"))).containsExactly(ann.playerId(), bob.playerId());
            final JsonNode row = top.body().path("entries").get(1);
            assertThat(row.path("rank").asLong()).isEqualTo(2);
            assertThat(row.path("score").asLong()).isEqualTo(20);
            assertThat(row.path("sub_score").asLong()).isZero();
            assertThat(call(server, "GET", lb + "?limit=1", null, ann.accessToken()).body().path("entries").size())
                .isEqualTo(1);
            assertThat(call(server, "GET", lb + "?limit=0", null, ann.accessToken()).errorCode())
                .isEqualTo("invalid_payload");
            assertThat(call(server, "GET", lb + "?limit=101", null, ann.accessToken()).status()).isEqualTo(400);

            final AsobiClient.Response around = call(server, "GET", lb + "/around/" + bob.playerId() + "?range=1",
                null, bob.accessToken());
            assertThat(around.status()).isEqualTo(200);
            assertThat(players(around.body().path("entries"))).containsExactly(ann.playerId(), bob.playerId());
            assertThat(call(server, "GET", lb + "/around/" + bob.playerId() + "?range=51", null, bob.accessToken())
                .errorCode()).isEqualTo("invalid_payload");
            assertThat(call(server, "GET", lb + "/around/nobody", null, bob.accessToken()).body().path("entries")
                .size()).isZero();

            final AsobiClient.Response periods = call(server, "GET", lb + "/periods", null, ann.accessToken());
            assertThat(periods.status()).isEqualTo(200);
            assertThat(periods.body().path("current_period").asLong()).isEqualTo(1);
            assertThat(periods.body().path("periods").size()).isZero();
            assertThat(call(server, "GET", "/api/v1/leaderboards/nothing/periods", null, ann.accessToken())
                .errorCode()).isEqualTo("leaderboard.not_found");
            assertThat(call(server, "GET", lb + "?period=1", null, ann.accessToken()).body().path("entries").size())
                .isEqualTo(2);
            assertThat(call(server, "GET", lb + "?period=7", null, ann.accessToken()).errorCode())
                .isEqualTo("leaderboard.period_not_found");
            assertThat(call(server, "GET", lb + "?period=x", null, ann.accessToken()).errorCode())
                .isEqualTo("invalid_payload");

            // Server-side (operator) submit creates a board with client submit off.
            final AsobiClient.Response opsSubmit = call(server, "POST", "/api/v1/ops/leaderboards/season/scores",
                "{\"player_id\":\"" + bob.playerId() + "\",\"score\":5}", OPS);
            assertThat(opsSubmit.status()).isEqualTo(200);
            assertThat(opsSubmit.body().path("rank").asLong()).isEqualTo(1);
            assertThat(call(server, "POST", "/api/v1/leaderboards/season", "{\"score\":1}", ann.accessToken())
                .errorCode()).isEqualTo("leaderboard.client_submit_disabled");
            assertThat(call(server, "POST", "/api/v1/ops/leaderboards/season/scores", "{\"score\":5}", OPS)
                .errorCode()).isEqualTo("missing_field");

            // Operator reads.
            final AsobiClient.Response boards = call(server, "GET", "/api/v1/ops/leaderboards?limit=10", null, OPS);
            assertThat(boards.status()).isEqualTo(200);
            assertThat(boards.body().path("page").path("total").asLong()).isEqualTo(3);
            assertThat(boards.body().path("data").get(0).path("id").asText()).isEqualTo("arena");
            assertThat(call(server, "GET", "/api/v1/ops/leaderboards", null, ann.accessToken()).status())
                .isEqualTo(403);
            final AsobiClient.Response entries = call(server, "GET",
                "/api/v1/ops/leaderboards/arena/entries?limit=1&offset=1", null, OPS);
            assertThat(entries.body().path("page").path("total").asLong()).isEqualTo(2);
            assertThat(players(entries.body().path("data"))).containsExactly(bob.playerId());
            assertThat(call(server, "GET", "/api/v1/ops/leaderboards/nothing/entries", null, OPS).status())
                .isEqualTo(404);
            assertThat(call(server, "GET", "/api/v1/ops/leaderboards/arena", null, OPS).body().path("entries")
                .asInt()).isEqualTo(2);

            final AsobiClient.Response audit = call(server, "GET", "/api/v1/ops/audit?limit=50", null, OPS);
            final List<String> actions = new ArrayList<>();
            audit.body().path("data").forEach(entry -> actions.add(entry.path("action").asText()));
            assertThat(actions).containsExactly("leaderboards.submit", "leaderboards.configure",
                "leaderboards.configure", "leaderboards.configure");
        }
    }

    @Test
    void tournamentEndpoints()
    {
        try (TestServer server = TestServer.e2e(tempDir))
        {
            final Session ann = server.newPlayer();
            final Session bob = server.newPlayer();
            final Session cy = server.newPlayer();
            final Instant now = Instant.now();

            final String body = "{\"name\":\"Weekend cup\",\"start_at\":\"" + now.minusSeconds(60) +
                "\",\"end_at\":\"" + now.plusSeconds(3600) + "\",\"max_entries\":2,\"client_submit\":true," +
                "\"rewards\":[{\"rank_from\":1,\"rank_to\":1,\"currency\":\"gold\",\"amount\":100}]," +
                "\"metadata\":{\"map\":\"dunes\"}}";
            assertThat(call(server, "POST", "/api/v1/ops/tournaments", body, ann.accessToken()).status())
                .isEqualTo(403);
            final AsobiClient.Response created = call(server, "POST", "/api/v1/ops/tournaments", body, OPS);
            assertThat(created.status()).isEqualTo(201);
            final JsonNode t = created.body();
            final String id = t.path("id").asText();
            assertThat(t.path("name").asText()).isEqualTo("Weekend cup");
            assertThat(t.path("status").asText()).isEqualTo("active");
            assertThat(t.path("leaderboard_id").asText()).isEqualTo("tournament:" + id);
            assertThat(t.path("max_entries").asInt()).isEqualTo(2);
            assertThat(t.path("entries").asInt()).isZero();
            assertThat(t.path("entry_fee").isNull()).isTrue();
            assertThat(t.path("rewards").get(0).path("amount").asLong()).isEqualTo(100);
            assertThat(t.path("metadata").path("map").asText()).isEqualTo("dunes");

            final AsobiClient.Response pending = call(server, "POST", "/api/v1/ops/tournaments",
                "{\"name\":\"Later\",\"start_at\":" + now.plusSeconds(7200).toEpochMilli() + ",\"end_at\":" +
                now.plusSeconds(9000).toEpochMilli() + ",\"max_entries\":10}", OPS);
            assertThat(pending.status()).isEqualTo(201);
            assertThat(pending.body().path("status").asText()).isEqualTo("pending");

            assertThat(call(server, "POST", "/api/v1/ops/tournaments", "{\"start_at\":1}", OPS).errorCode())
                .isEqualTo("missing_field");
            assertThat(call(server, "POST", "/api/v1/ops/tournaments", "{\"name\":\"x\",\"start_at\":\"" +
                now.plusSeconds(60) + "\",\"end_at\":\"" + now + "\",\"max_entries\":2}", OPS).errorCode())
                .isEqualTo("validation_failed");
            assertThat(call(server, "POST", "/api/v1/ops/tournaments", "{\"name\":\"x\",\"start_at\":\"soon\"," +
                "\"end_at\":\"later\",\"max_entries\":2}", OPS).errorCode()).isEqualTo("invalid_payload");

            final AsobiClient.Response list = call(server, "GET", "/api/v1/tournaments", null, ann.accessToken());
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body().path("tournaments").size()).isEqualTo(2);
            assertThat(list.body().path("tournaments").get(0).path("id").asText()).isEqualTo(id);
            final AsobiClient.Response pendingOnly = call(server, "GET", "/api/v1/tournaments?status=pending&limit=5",
                null, ann.accessToken());
            assertThat(pendingOnly.body().path("tournaments").size()).isEqualTo(1);
            assertThat(call(server, "GET", "/api/v1/tournaments?status=open", null, ann.accessToken()).errorCode())
                .isEqualTo("invalid_payload");
            assertThat(call(server, "GET", "/api/v1/tournaments", null, null).status()).isEqualTo(401);

            assertThat(call(server, "GET", "/api/v1/tournaments/" + id, null, ann.accessToken()).body().path("id")
                .asText()).isEqualTo(id);
            assertThat(call(server, "GET", "/api/v1/tournaments/missing", null, ann.accessToken()).errorCode())
                .isEqualTo("tournament.not_found");

            final String join = "/api/v1/tournaments/" + id + "/join";
            final AsobiClient.Response joined = call(server, "POST", join, null, ann.accessToken());
            assertThat(joined.status()).isEqualTo(200);
            assertThat(joined.body().path("success").asBoolean()).isTrue();
            assertThat(joined.body().path("tournament_id").asText()).isEqualTo(id);
            assertThat(call(server, "POST", join, null, ann.accessToken()).errorCode())
                .isEqualTo("tournament.already_joined");
            assertThat(call(server, "POST", join, null, bob.accessToken()).status()).isEqualTo(200);
            final AsobiClient.Response full = call(server, "POST", join, null, cy.accessToken());
            assertThat(full.status()).isEqualTo(409);
            assertThat(full.errorCode()).isEqualTo("tournament.full");
            assertThat(call(server, "POST", "/api/v1/tournaments/missing/join", null, cy.accessToken()).status())
                .isEqualTo(404);
            assertThat(call(server, "GET", join, null, cy.accessToken()).status()).isEqualTo(405);

            final String board = "/api/v1/leaderboards/tournament:" + id;
            assertThat(call(server, "POST", board, "{\"score\":7}", ann.accessToken()).body().path("rank").asLong())
                .isEqualTo(1);
            assertThat(call(server, "POST", board, "{\"score\":9}", cy.accessToken()).errorCode())
                .isEqualTo("tournament.not_joined");
            final String pendingBoard = "/api/v1/leaderboards/tournament:" + pending.body().path("id").asText();
            assertThat(call(server, "POST", pendingBoard, "{\"score\":9}", cy.accessToken()).errorCode())
                .isEqualTo("leaderboard.client_submit_disabled");

            final AsobiClient.Response opsRow = call(server, "GET", "/api/v1/ops/tournaments/" + id, null, OPS);
            assertThat(opsRow.body().path("entries").asInt()).isEqualTo(2);
            assertThat(opsRow.body().path("entrants").size()).isEqualTo(2);
            assertThat(opsRow.body().path("entrants").get(0).asText()).isEqualTo(ann.playerId());
            assertThat(call(server, "GET", "/api/v1/ops/tournaments/" + id, null, ann.accessToken()).status())
                .isEqualTo(403);
            assertThat(call(server, "GET", "/api/v1/ops/tournaments?status=active", null, OPS).body().path("page")
                .path("total").asLong()).isEqualTo(1);
        }
    }

    @Test
    void boardsTournamentsAndScoresSurviveARestart()
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path data = tempDir.resolve("data");
        final String top;
        final String tournaments;
        final Session ann;
        try (TestServer server = TestServer.start(game, data))
        {
            ann = server.newPlayer();
            call(server, "POST", "/api/v1/ops/leaderboards", "{\"id\":\"kept\",\"client_submit\":true}", OPS);
            call(server, "POST", "/api/v1/leaderboards/kept", "{\"score\":42,\"sub_score\":1}", ann.accessToken());
            call(server, "POST", "/api/v1/ops/leaderboards/kept/scores", "{\"player_id\":\"bot_1\",\"score\":42}",
                OPS);
            final Instant now = Instant.now();
            final String id = call(server, "POST", "/api/v1/ops/tournaments", "{\"name\":\"Cup\",\"start_at\":\"" +
                now.minusSeconds(1) + "\",\"end_at\":\"" + now.plusSeconds(3600) + "\",\"max_entries\":5}", OPS)
                .body().path("id").asText();
            call(server, "POST", "/api/v1/tournaments/" + id + "/join", null, ann.accessToken());
            top = call(server, "GET", "/api/v1/leaderboards/kept", null, ann.accessToken()).body().toString();
            tournaments = call(server, "GET", "/api/v1/tournaments", null, ann.accessToken()).body().toString();
        }
        try (TestServer server = TestServer.start(game, data))
        {
            final Session again = server.client.login(ann.username(), "e2e-password-1");
            assertThat(call(server, "GET", "/api/v1/leaderboards/kept", null, again.accessToken()).body().toString())
                .isEqualTo(top);
            assertThat(call(server, "GET", "/api/v1/tournaments", null, again.accessToken()).body().toString())
                .isEqualTo(tournaments);
            assertThat(top).contains("\"rank\":2");
        }
    }
}

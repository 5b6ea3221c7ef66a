package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tournament with an entry fee and rewards against the real economy, through the real server: joining debits the
 * fee, a player who cannot pay is refused, and when the tournament ends the winner is paid automatically, once,
 * and the payout survives a restart.
 */
class TournamentEconomyTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    @Test
    void entryFeesAreDebitedAndRewardsPaidByFinalRank() throws Exception
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path data = tempDir.resolve("data");
        final Session winner;
        try (TestServer server = TestServer.start(game, data))
        {
            winner = server.newPlayer();
            final Session second = server.newPlayer();
            final Session broke = server.newPlayer();
            for (final Session s : new Session[] { winner, second })
            {
                assertThat(ops(server, "POST", "/api/v1/ops/economy/grant", "{\"player_id\":\"" + s.playerId() +
                    "\",\"currency\":\"gold\",\"amount\":50,\"reason\":\"seed\"}").status()).isEqualTo(200);
            }
            final Instant now = Instant.now();
            final AsobiClient.Response created = ops(server, "POST", "/api/v1/ops/tournaments",
                "{\"name\":\"Cup\",\"start_at\":\"" + now.minusSeconds(5) + "\",\"end_at\":\"" + now.plusSeconds(3) +
                "\",\"max_entries\":10,\"client_submit\":true,\"entry_fee\":{\"currency\":\"gold\",\"amount\":10}," +
                "\"rewards\":[{\"rank_from\":1,\"rank_to\":1,\"currency\":\"gold\",\"amount\":100}," +
                "{\"rank_from\":2,\"rank_to\":2,\"currency\":\"gold\",\"amount\":5}]}");
            assertThat(created.status()).isEqualTo(201);
            final String id = created.body().path("id").asText();
            final String join = "/api/v1/tournaments/" + id + "/join";

            assertThat(server.client.request("POST", join, null, winner.accessToken()).status()).isEqualTo(200);
            assertThat(server.client.request("POST", join, null, second.accessToken()).status()).isEqualTo(200);
            final AsobiClient.Response refused = server.client.request("POST", join, null, broke.accessToken());
            assertThat(refused.status()).isEqualTo(402);
            assertThat(refused.errorCode()).isEqualTo("economy.insufficient_funds");
            assertThat(gold(server, winner)).as("fee debited").isEqualTo(40);

            final String board = "/api/v1/leaderboards/tournament:" + id;
            server.client.request("POST", board, JSON.readTree("{\"score\":90}"), winner.accessToken());
            server.client.request("POST", board, JSON.readTree("{\"score\":30}"), second.accessToken());

            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (gold(server, winner) != 140 && System.nanoTime() < deadlineNs)
            {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertThat(gold(server, winner)).as("rank 1 paid 100").isEqualTo(140);
            assertThat(gold(server, second)).as("rank 2 paid 5").isEqualTo(45);
            assertThat(gold(server, broke)).isZero();
            final JsonNode history = server.client.request("GET", "/api/v1/wallets/gold/history", null,
                winner.accessToken()).body().path("transactions");
            assertThat(history).hasSize(3);
        }
        try (TestServer server = TestServer.start(game, data))
        {
            final Session again = server.client.login(winner.username(), TestServer.PASSWORD);
            TimeUnit.MILLISECONDS.sleep(1500); // a timer cycle after the restart must not pay again
            assertThat(gold(server, again)).isEqualTo(140);
        }
    }

    private static AsobiClient.Response ops(
        final TestServer server, final String method, final String path, final String body) throws Exception
    {
        return server.client.request(method, path, JSON.readTree(body), TestServer.OPS_SECRET);
    }

    private static long gold(final TestServer server, final Session player)
    {
        for (final JsonNode wallet : server.client.request("GET", "/api/v1/wallets", null, player.accessToken())
            .body().path("wallets"))
        {
            if ("gold".equals(wallet.path("currency").asText()))
            {
                return wallet.path("balance").asLong();
            }
        }
        return 0;
    }
}

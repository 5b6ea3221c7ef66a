package io.asobi.server;

import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator API's guard and audit list through the real server: closed to players and wrong secrets, open to
 * the operator secret.
 */
class OpsApiTest
{
    @TempDir
    Path tempDir;

    @Test
    void theOperatorApiAnswersOnlyTheOperatorSecret()
    {
        try (TestServer server = TestServer.start(TestServer.e2eGameDir(tempDir.resolve("game")),
            tempDir.resolve("data")))
        {
            final Session player = server.newPlayer();
            final AsobiClient.Response asPlayer = server.client.request("GET", "/api/v1/ops/audit", null,
                player.accessToken());
            assertThat(asPlayer.status()).isEqualTo(403);
            assertThat(asPlayer.errorCode()).isEqualTo("forbidden");
            assertThat(server.client.request("GET", "/api/v1/ops/audit", null, null).status()).isEqualTo(403);
            assertThat(server.client.request("GET", "/api/v1/ops/audit", null, TestServer.OPS_SECRET + "x")
                .status()).isEqualTo(403);

            final AsobiClient.Response audit = server.client.request("GET", "/api/v1/ops/audit?limit=10", null,
                TestServer.OPS_SECRET);
            assertThat(audit.status()).isEqualTo(200);
            assertThat(audit.body().path("data").isArray()).isTrue();
            assertThat(audit.body().path("page").path("limit").asInt()).isEqualTo(10);
            assertThat(server.client.request("GET", "/api/v1/ops/audit?limit=1000", null, TestServer.OPS_SECRET)
                .errorCode()).isEqualTo("invalid_payload");
        }
    }
}

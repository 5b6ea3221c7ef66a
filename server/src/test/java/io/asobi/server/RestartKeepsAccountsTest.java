package io.asobi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts live in the journaled metagame state machine: after a restart on the same data dir every
 * acknowledged registration, profile update and token rotation is there.
 */
class RestartKeepsAccountsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    @Test
    void accountsProfilesAndTokensSurviveARestart()
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path data = tempDir.resolve("data");

        final Session alice;
        final Session rotated;
        final String spentRefresh;
        try (TestServer first = TestServer.start(game, data))
        {
            alice = first.client.register("restart_alice", "alice-password");
            first.client.register("restart_bob", "bob-password");
            assertThat(first.client.request("PUT", "/api/v1/players/" + alice.playerId(),
                JSON.createObjectNode().put("display_name", "Alice A."), alice.accessToken()).status()).isEqualTo(200);
            spentRefresh = alice.refreshToken();
            rotated = first.client.refresh(spentRefresh);
        }

        try (TestServer second = TestServer.start(game, data))
        {
            final AsobiClient client = second.client;
            assertThat(client.login("restart_bob", "bob-password").username()).isEqualTo("restart_bob");
            final AsobiClient.Response profile = client.request("GET", "/api/v1/players/" + alice.playerId(), null,
                rotated.accessToken());
            assertThat(profile.status()).as("an access token issued before the restart still works").isEqualTo(200);
            assertThat(profile.body().path("display_name").asText()).isEqualTo("Alice A.");
            assertThat(client.request("POST", "/api/v1/auth/register", JSON.createObjectNode()
                .put("username", "restart_alice").put("password", "other-password"), null).status())
                .isEqualTo(409);
            assertThat(client.request("POST", "/api/v1/auth/refresh", JSON.createObjectNode()
                .put("refresh_token", spentRefresh), null).status())
                .as("a refresh token spent before the restart stays spent").isEqualTo(401);
        }
    }
}

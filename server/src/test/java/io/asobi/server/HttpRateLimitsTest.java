package io.asobi.server;

import io.asobi.client.AsobiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server applies Asobi's HTTP rate limits by default: the fourth registration from one address within a
 * second is refused with 429 {@code rate_limited} and {@code retry_after}.
 */
class HttpRateLimitsTest
{
    @TempDir
    Path tempDir;

    @Test
    void registrationsFromOneAddressAreLimited()
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path data = tempDir.resolve("data");
        try (TestServer server = new TestServer(game, data,
            AsobiServer.launch(TestServer.context(game, data).httpRateLimits(true))))
        {
            AsobiClient.Response last = null;
            for (int i = 0; i < 4 && (null == last || 200 == last.status()); i++)
            {
                last = server.client.requestRaw("POST", "/api/v1/auth/register",
                    "{\"username\":\"limited_" + i + "\",\"password\":\"limited-password\"}", null);
            }
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.errorCode()).isEqualTo("rate_limited");
            assertThat(last.body().path("retry_after").asInt()).isEqualTo(1);
        }
    }
}

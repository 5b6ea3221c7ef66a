package io.asobi.gateway;

import io.asobi.metagame.AuthTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP rate limits of asobi-spec §1.1 with the gateway's injected clock: register 3/s and auth 5/s per client
 * address, 300/s per player for the rest; 429 {@code rate_limited} with {@code retry_after} and a
 * {@code retry-after} header; the window reopens when the clock moves on.
 */
class HttpRateLimitTest
{
    private final GatewayFixture fixture = new GatewayFixture(ctx -> ctx
        .httpAuthPerSecond(Gateway.Context.HTTP_AUTH_PER_SECOND_DEFAULT)
        .httpRegisterPerSecond(Gateway.Context.HTTP_REGISTER_PER_SECOND_DEFAULT)
        .httpApiPerSecond(5));

    @AfterEach
    void close()
    {
        fixture.close();
    }

    private HttpResponse<String> register(final int i)
    {
        return fixture.post("/api/v1/auth/register",
            "{\"username\":\"limit_" + i + "\",\"password\":\"password-123\"}", null);
    }

    private static void assertLimited(final HttpResponse<String> response)
    {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(GatewayFixture.json(response).path("error").path("code").asText()).isEqualTo("rate_limited");
        assertThat(GatewayFixture.json(response).path("error").path("details").path("retry_after").asInt())
            .isEqualTo(1);
        assertThat(GatewayFixture.json(response).path("retry_after").asInt()).isEqualTo(1);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    }

    @Test
    void registrationsPerAddressAreLimitedAndTheWindowReopens()
    {
        for (int i = 0; i < 3; i++)
        {
            assertThat(register(i).statusCode()).isEqualTo(200);
        }
        assertLimited(register(3));

        fixture.nanoClock.advance(1_000_000_000L);
        assertThat(register(4).statusCode()).isEqualTo(200);
    }

    @Test
    void authRoutesShareTheirLimit()
    {
        assertThat(register(10).statusCode()).isEqualTo(200);
        for (int i = 0; i < 4; i++)
        {
            assertThat(fixture.post("/api/v1/auth/login",
                "{\"username\":\"limit_10\",\"password\":\"password-123\"}", null).statusCode()).isEqualTo(200);
        }
        assertLimited(fixture.post("/api/v1/auth/login",
            "{\"username\":\"limit_10\",\"password\":\"password-123\"}", null));
    }

    @Test
    void otherRoutesAreLimitedPerPlayer()
    {
        final AuthTokens a = fixture.accounts.registerNow("limit_a");
        final AuthTokens b = fixture.accounts.registerNow("limit_b");
        for (int i = 0; i < 5; i++)
        {
            assertThat(fixture.get("/api/v1/players/" + a.playerId(), a.accessToken()).statusCode()).isEqualTo(200);
        }
        assertLimited(fixture.get("/api/v1/players/" + a.playerId(), a.accessToken()));
        assertThat(fixture.get("/api/v1/players/" + a.playerId(), b.accessToken()).statusCode())
            .as("another player has a window of its own").isEqualTo(200);
        assertThat(fixture.get("/live", null).statusCode()).as("health is never limited").isEqualTo(200);
    }
}

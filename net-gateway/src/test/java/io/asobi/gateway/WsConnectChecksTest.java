package io.asobi.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connect-time checks of asobi-spec §4.2.1, with the gateway's injected clock: upgrades per client address per
 * second (the socket opens, then closes with 1008 {@code rate_limited}) and the Origin allowlist (1008
 * {@code origin_rejected}; no Origin header is allowed).
 */
class WsConnectChecksTest
{
    private final GatewayFixture fixture = new GatewayFixture(ctx -> ctx
        .wsConnectsPerSecond(2)
        .wsAllowedOrigins(Set.of("https://game.example")));

    @AfterEach
    void close()
    {
        fixture.close();
    }

    @Test
    void upgradesBeyondTheRateAreClosedWith1008()
    {
        final WsClient first = WsClient.connect(fixture.http, fixture.wsUri());
        final WsClient second = WsClient.connect(fixture.http, fixture.wsUri());
        final WsClient third = WsClient.connect(fixture.http, fixture.wsUri());

        assertThat(third.awaitClose()).isEqualTo(new WsClient.Closed(1008, "rate_limited"));
        assertThat(first.isClosed()).isFalse();
        assertThat(second.isClosed()).isFalse();

        fixture.nanoClock.advance(1_000_000_000L);
        final WsClient fourth = WsClient.connect(fixture.http, fixture.wsUri());
        assertThat(fourth.isClosed()).isFalse();
        first.close();
        second.close();
        fourth.close();
    }

    @Test
    void originsOutsideTheAllowlistAreClosedWith1008()
    {
        final WsClient allowed = WsClient.connect(fixture.http, fixture.wsUri(), "https://game.example");
        final WsClient rejected = WsClient.connect(fixture.http, fixture.wsUri(), "https://evil.example");

        assertThat(rejected.awaitClose()).isEqualTo(new WsClient.Closed(1008, "origin_rejected"));
        assertThat(allowed.isClosed()).isFalse();
        allowed.close();
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.metagame.AuthTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WsLimitsTest
{
    private static final String HEARTBEAT = "{\"type\":\"session.heartbeat\"}";

    private static String reason(final JsonNode frame)
    {
        return frame.path("payload").path("reason").asText();
    }

    @Test
    void shouldRateLimitAFixedWindowAndKeepTheSocketOpen()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.wsFramesPerWindow(3).wsRateWindowMs(1_000)))
        {
            final WsClient ws = fx.ws();
            for (int i = 0; i < 3; i++)
            {
                assertThat(ws.request(HEARTBEAT).path("type").asText()).isEqualTo("session.heartbeat");
            }
            final JsonNode limited = ws.request("{\"type\":\"session.heartbeat\",\"cid\":\"x\"}");
            assertThat(limited.path("type").asText()).isEqualTo("error");
            assertThat(reason(limited)).isEqualTo("rate_limited");
            assertThat(limited.path("payload").path("error").path("code").asText()).isEqualTo("rate_limited");
            assertThat(reason(ws.request("{"))).isEqualTo("rate_limited");

            fx.nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(999));
            assertThat(reason(ws.request(HEARTBEAT))).isEqualTo("rate_limited");
            fx.nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(1));
            assertThat(ws.request(HEARTBEAT).path("type").asText()).isEqualTo("session.heartbeat");
            assertThat(ws.isClosed()).isFalse();
        }
    }

    @Test
    void shouldNotCountOversizedFramesButCountBinaryOnes()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.wsFramesPerWindow(3).wsMaxFrameBytes(1_024)))
        {
            final WsClient ws = fx.ws();
            final String big = "{\"type\":\"session.heartbeat\",\"pad\":\"" + "x".repeat(2_000) + "\"}";
            for (int i = 0; i < 5; i++)
            {
                assertThat(reason(ws.request(big))).isEqualTo("payload_too_large");
            }
            ws.sendBinary(new byte[]{42});
            assertThat(reason(ws.next())).isEqualTo("binary_uplink_unsupported");
            assertThat(ws.request(HEARTBEAT).path("type").asText()).isEqualTo("session.heartbeat");
            assertThat(ws.request(HEARTBEAT).path("type").asText()).isEqualTo("session.heartbeat");
            assertThat(reason(ws.request(HEARTBEAT))).isEqualTo("rate_limited");
            ws.sendBinary(new byte[]{42});
            assertThat(reason(ws.next())).isEqualTo("rate_limited");
            assertThat(reason(ws.request(big))).isEqualTo("payload_too_large");
        }
    }

    @Test
    void shouldAggregateFragmentedMessagesUpToTheHardLimitAndCloseBeyondIt()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.wsMaxFrameBytes(1_024).wsHardMaxFrameBytes(4_096)))
        {
            final WsClient ws = fx.ws();
            assertThat(ws.requestFragments("{\"type\":\"session.heartbeat\",", "\"cid\":\"frag\"}")
                .path("cid").asText()).isEqualTo("frag");
            assertThat(reason(ws.requestFragments("{\"pad\":\"", "x".repeat(1_500), "\"}")))
                .isEqualTo("payload_too_large");

            ws.sendFragments("{\"pad\":\"", "x".repeat(3_000), "x".repeat(3_000), "\"}");
            final WsClient.Closed closed = ws.awaitClose();
            assertThat(closed.status()).isEqualTo(1009);
        }
    }

    @Test
    void shouldCloseWith1009WhenOneFrameExceedsTheHardLimit()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.wsMaxFrameBytes(1_024).wsHardMaxFrameBytes(4_096)))
        {
            final WsClient ws = fx.ws();
            assertThat(reason(ws.request("{\"pad\":\"" + "x".repeat(3_000) + "\"}"))).isEqualTo("payload_too_large");

            ws.send("{\"pad\":\"" + "x".repeat(10_000) + "\"}");
            assertThat(ws.awaitClose().status()).isEqualTo(1009);
        }
    }

    @Test
    void shouldCloseASocketThatNeverAuthenticates()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.wsIdleAuthTimeoutMs(300)))
        {
            final AuthTokens tokens = fx.accounts.registerNow("quick");
            final WsClient authenticated = fx.authenticated(tokens);
            final WsClient idle = fx.ws();
            assertThat(idle.request(HEARTBEAT).path("type").asText()).isEqualTo("session.heartbeat");

            final WsClient.Closed closed = idle.awaitClose();

            assertThat(closed.status()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("idle_auth_timeout");
            // The authenticated socket, opened earlier, outlived the timeout.
            assertThat(authenticated.request(HEARTBEAT).path("type").asText()).isEqualTo("session.heartbeat");
            assertThat(authenticated.isClosed()).isFalse();
        }
    }

    @Test
    void shouldThrottleTheNotInMatchHintPerSocket()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.notInMatchHintIntervalMs(5_000)))
        {
            final WsClient ws = fx.authenticated("wanderer");
            final String input = "{\"type\":\"match.input\",\"cid\":\"i\",\"payload\":{\"x\":1}}";

            final JsonNode hint = ws.request(input);
            assertThat(hint.path("type").asText()).isEqualTo("error");
            assertThat(hint.has("cid")).isFalse();
            assertThat(reason(hint)).isEqualTo("not_in_match");
            assertThat(hint.path("payload").path("type").asText()).isEqualTo("match.input");
            assertThat(hint.path("payload").path("error").path("code").asText()).isEqualTo("match.not_in_match");

            ws.send(input);
            ws.send(input);
            assertThat(ws.drainUntilBarrier()).isEmpty();

            fx.nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(4_999));
            ws.send(input);
            assertThat(ws.drainUntilBarrier()).isEmpty();

            fx.nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(1));
            ws.send(input);
            final List<JsonNode> again = ws.drainUntilBarrier();
            assertThat(again).hasSize(1);
            assertThat(reason(again.getFirst())).isEqualTo("not_in_match");

            // Another socket has its own throttle.
            final WsClient other = fx.authenticated("wanderer2");
            assertThat(reason(other.request(input))).isEqualTo("not_in_match");
        }
    }

    @Test
    void shouldLimitJoinsPerPlayerAcrossSockets()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.joinsPerWindow(3).joinWindowMs(60_000)))
        {
            final AuthTokens tokens = fx.accounts.registerNow("joiner");
            final WsClient first = fx.authenticated(tokens);
            final WsClient second = fx.authenticated(tokens);
            final String join = "{\"type\":\"match.join\",\"cid\":\"j\",\"payload\":{\"match_id\":\"m1\"}}";
            final String quick = "{\"type\":\"match.find_or_create\",\"payload\":{\"mode\":\"arena\"}}";

            assertThat(first.request(join).path("type").asText()).isEqualTo("match.joined");
            assertThat(second.request(quick).path("type").asText()).isEqualTo("match.joined");
            assertThat(reason(first.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"full\"}}")))
                .isEqualTo("match_full");

            final JsonNode limited = first.request(join);
            assertThat(reason(limited)).isEqualTo("join_rate_limited");
            assertThat(limited.path("payload").path("error").path("code").asText()).isEqualTo("join_rate_limited");
            assertThat(limited.path("cid").asText()).isEqualTo("j");
            assertThat(reason(second.request(quick))).isEqualTo("join_rate_limited");

            final WsClient stranger = fx.authenticated("stranger");
            assertThat(stranger.request(join).path("type").asText()).isEqualTo("match.joined");

            fx.nanoClock.advance(TimeUnit.SECONDS.toNanos(60));
            assertThat(second.request(join).path("type").asText()).isEqualTo("match.joined");
        }
    }
}

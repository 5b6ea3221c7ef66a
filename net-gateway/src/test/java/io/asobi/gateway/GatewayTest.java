package io.asobi.gateway;

import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayTest
{
    @Test
    void shouldFailClearlyWhenThePortIsTaken()
    {
        try (GatewayFixture first = new GatewayFixture())
        {
            final int port = first.gateway.localAddress().getPort();
            final Gateway second = new Gateway(new Gateway.Context()
                .port(port)
                .accounts(first.accounts)
                .matches(first.matches));

            assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot bind 127.0.0.1:" + port);
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
            second.close();
        }
    }

    @Test
    void shouldCloseWebSocketsWithGoingAwayAndReleaseEverything()
    {
        final GatewayFixture fx = new GatewayFixture();
        final WsClient ws = fx.authenticated("leaver");
        assertThat(fx.gateway.connectionCount()).isPositive();

        fx.gateway.close();

        final WsClient.Closed closed = ws.awaitClose();
        assertThat(closed.status()).isEqualTo(1001);
        assertThat(closed.reason()).isEqualTo("server_shutdown");
        assertThat(fx.matches.nextDisconnected()).isEqualTo(ws.playerId);
        assertThat(fx.gateway.connectionCount()).isZero();
        fx.gateway.close();
        fx.close();
    }

    @Test
    void shouldRejectLifecycleMisuse()
    {
        final FakeAccounts accounts = new FakeAccounts();
        final FakeMatchService matches = new FakeMatchService();
        final Gateway gateway = new Gateway(new Gateway.Context().port(0).accounts(accounts).matches(matches));
        assertThatThrownBy(gateway::localAddress).isInstanceOf(IllegalStateException.class);
        gateway.start();
        assertThatThrownBy(gateway::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
        gateway.close();
        assertThatThrownBy(gateway::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        accounts.close();
        matches.close();
    }

    @Test
    void shouldServeOverNioToo()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.preferNativeTransport(false).ioThreads(2)))
        {
            assertThat(fx.get("/live", null).statusCode()).isEqualTo(200);
            assertThat(fx.authenticated("nio").request("{\"type\":\"session.heartbeat\"}").path("type").asText())
                .isEqualTo("session.heartbeat");
        }
    }

    private static Gateway.Context valid()
    {
        return new Gateway.Context().accounts(new FakeAccounts()).matches(new FakeMatchService());
    }

    private static void assertRejected(final Consumer<Gateway.Context> change, final String option)
    {
        final Gateway.Context ctx = valid();
        change.accept(ctx);
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(option);
    }

    @Test
    void shouldConcludeWithDefaults()
    {
        final Gateway.Context ctx = valid().webRoot("/io/asobi/server/web").conclude();

        assertThat(ctx.isConcluded()).isTrue();
        assertThat(ctx.host()).isEqualTo("127.0.0.1");
        assertThat(ctx.port()).isEqualTo(8080);
        assertThat(ctx.webRoot()).isEqualTo("io/asobi/server/web/");
        assertThat(ctx.sessions()).isNotNull();
        assertThat(ctx.readiness().getAsBoolean()).isTrue();
        assertThat(ctx.healthDetails().get()).isEmpty();
        assertThat(ctx.wsMaxFrameBytes()).isEqualTo(65_536);
        assertThat(ctx.wsFramesPerWindow()).isEqualTo(60);
        assertThat(ctx.wsIdleAuthTimeoutMs()).isEqualTo(10_000);
        assertThat(ctx.joinsPerWindow()).isEqualTo(10);
        assertThat(ctx.joinWindowMs()).isEqualTo(60_000);
        assertThat(ctx.notInMatchHintIntervalMs()).isEqualTo(5_000);
        assertThat(ctx.httpMaxBodyBytes()).isEqualTo(1024 * 1024);
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectInvalidOptions()
    {
        assertThatThrownBy(() -> new Gateway.Context().matches(new FakeMatchService()).conclude())
            .isInstanceOf(NullPointerException.class).hasMessageContaining("accounts");
        assertThatThrownBy(() -> new Gateway.Context().accounts(new FakeAccounts()).conclude())
            .isInstanceOf(NullPointerException.class).hasMessageContaining("matches");
        assertRejected(ctx -> ctx.host(" "), "host");
        assertRejected(ctx -> ctx.port(65_536), "port");
        assertRejected(ctx -> ctx.ioThreads(0), "ioThreads");
        assertRejected(ctx -> ctx.wsIdleAuthTimeoutMs(0), "wsIdleAuthTimeoutMs");
        assertRejected(ctx -> ctx.wsMaxFrameBytes(0), "wsMaxFrameBytes");
        assertRejected(ctx -> ctx.wsMaxFrameBytes(2_000_000), "wsHardMaxFrameBytes");
        assertRejected(ctx -> ctx.wsFramesPerWindow(0), "wsFramesPerWindow");
        assertRejected(ctx -> ctx.wsRateWindowMs(0), "wsRateWindowMs");
        assertRejected(ctx -> ctx.joinsPerWindow(0), "joinsPerWindow");
        assertRejected(ctx -> ctx.joinWindowMs(0), "joinWindowMs");
        assertRejected(ctx -> ctx.notInMatchHintIntervalMs(-1), "notInMatchHintIntervalMs");
        assertRejected(ctx -> ctx.httpMaxBodyBytes(0), "httpMaxBodyBytes");
        assertRejected(ctx -> ctx.writeBufferLowWaterMarkBytes(100).writeBufferHighWaterMarkBytes(10),
            "writeBufferHighWaterMarkBytes");
        assertRejected(ctx -> ctx.shutdownTimeoutMs(0), "shutdownTimeoutMs");
    }
}

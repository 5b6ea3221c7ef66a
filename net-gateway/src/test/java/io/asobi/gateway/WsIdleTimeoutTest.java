package io.asobi.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket that stays silent longer than {@code wsIdleTimeoutMs} is closed with 1001 {@code idle_timeout}
 * (Netty's idle timer runs on real time, so the timeout here is short); a heartbeating one is kept.
 */
class WsIdleTimeoutTest
{
    private final GatewayFixture fixture = new GatewayFixture(ctx -> ctx.wsIdleTimeoutMs(400));

    @AfterEach
    void close()
    {
        fixture.close();
    }

    @Test
    void silentSocketsAreClosedAndHeartbeatingOnesKept()
    {
        final WsClient silent = fixture.authenticated("idle_silent");
        final WsClient beating = fixture.authenticated("idle_beating");

        WsClient.Closed closed = null;
        for (int i = 0; i < 50 && null == closed; i++)
        {
            // one heartbeat per 100 ms keeps the other socket busy, well under the 60 frames/s limit
            assertThat(beating.request("{\"type\":\"session.heartbeat\",\"cid\":\"b\"}").path("type").asText())
                .isEqualTo("session.heartbeat");
            closed = silent.awaitCloseWithin(100);
        }
        assertThat(closed).isEqualTo(new WsClient.Closed(1001, "idle_timeout"));
        assertThat(beating.isClosed()).isFalse();
    }
}

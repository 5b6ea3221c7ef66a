package io.asobi.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WsSessionTest
{
    private static Gateway.Context context(final int framesPerWindow, final int maxPendingBytes)
    {
        return new Gateway.Context()
            .accounts(new FakeAccounts())
            .matches(new FakeMatchService())
            .wsFramesPerWindow(framesPerWindow)
            .wsRateWindowMs(1_000)
            .notInMatchHintIntervalMs(5_000)
            .wsMaxPendingBytes(maxPendingBytes)
            .conclude();
    }

    @Test
    void shouldCountFramesInAFixedWindowThatRestartsOnTheFirstFrameAfterIt()
    {
        final WsSession session = new WsSession(new EmbeddedChannel(), context(2, 1_000));
        final long start = 5_000_000_000L;

        assertThat(session.tryAcquireFrame(start)).isTrue();
        assertThat(session.tryAcquireFrame(start + 10)).isTrue();
        assertThat(session.tryAcquireFrame(start + 20)).isFalse();
        final long later = start + TimeUnit.MILLISECONDS.toNanos(1_500);
        assertThat(session.tryAcquireFrame(later)).isTrue();
        assertThat(session.tryAcquireFrame(later + TimeUnit.MILLISECONDS.toNanos(999))).isTrue();
        assertThat(session.tryAcquireFrame(later + TimeUnit.MILLISECONDS.toNanos(999))).isFalse();
        assertThat(session.tryAcquireFrame(later + TimeUnit.MILLISECONDS.toNanos(1_000))).isTrue();
    }

    @Test
    void shouldHintAtMostOncePerInterval()
    {
        final WsSession session = new WsSession(new EmbeddedChannel(), context(2, 1_000));

        assertThat(session.tryHintNotInMatch(-7)).isTrue();
        assertThat(session.tryHintNotInMatch(-7 + TimeUnit.MILLISECONDS.toNanos(4_999))).isFalse();
        assertThat(session.tryHintNotInMatch(-7 + TimeUnit.MILLISECONDS.toNanos(5_000))).isTrue();
        assertThat(session.tryHintNotInMatch(-7 + TimeUnit.MILLISECONDS.toNanos(5_001))).isFalse();
    }

    @Test
    void shouldCloseAConnectionWhoseRepliesPileUp()
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
        final WsSession session = new WsSession(channel, context(2, 50));

        session.write("{\"type\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        final TextWebSocketFrame written = channel.readOutbound();
        assertThat(written.text()).isEqualTo("{\"type\":\"a\"}");
        written.release();

        channel.write(Unpooled.wrappedBuffer(new byte[100]));
        assertThat(channel.isWritable()).isFalse();
        session.write("{\"type\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        channel.runPendingTasks();

        assertThat(channel.isActive()).isFalse();
        Object message;
        boolean sawClose = false;
        while (null != (message = channel.readOutbound()))
        {
            if (message instanceof final CloseWebSocketFrame close)
            {
                sawClose = true;
                assertThat(close.statusCode()).isEqualTo(1008);
                assertThat(close.reasonText()).isEqualTo("slow_consumer");
            }
            assertThat(message).isNotInstanceOf(TextWebSocketFrame.class);
            ReferenceCountUtil.release(message);
        }
        assertThat(sawClose).isTrue();
    }
}

package io.asobi.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest
{
    private static final byte[] FRAME = "{\"type\":\"match.state\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldWriteTheSharedArrayToEverySocketOfThePlayerWithoutCopying()
    {
        final Sessions sessions = new Sessions();
        final EmbeddedChannel a = new EmbeddedChannel();
        final EmbeddedChannel b = new EmbeddedChannel();
        final EmbeddedChannel other = new EmbeddedChannel();
        assertThat(sessions.bind("p1", a)).isTrue();
        assertThat(sessions.bind("p1", b)).isTrue();
        assertThat(sessions.bind("p1", b)).isFalse();
        sessions.bind("p2", other);

        sessions.send("p1", FRAME);

        for (final EmbeddedChannel channel : new EmbeddedChannel[]{a, b})
        {
            final TextWebSocketFrame frame = channel.readOutbound();
            final ByteBuf content = frame.content();
            assertThat(content.hasArray()).isTrue();
            assertThat(content.array()).isSameAs(FRAME);
            assertThat(frame.text()).isEqualTo(new String(FRAME, StandardCharsets.UTF_8));
            frame.release();
        }
        final Object nothing = other.readOutbound();
        assertThat(nothing).isNull();
        assertThat(sessions.sessionCount()).isEqualTo(3);
        assertThat(sessions.playerCount()).isEqualTo(2);
        assertThat(sessions.sentFrameCount()).isEqualTo(2);
    }

    @Test
    void shouldDropAndCountFramesForASocketThatIsNotWritable()
    {
        final Sessions sessions = new Sessions();
        final EmbeddedChannel slow = new EmbeddedChannel();
        final EmbeddedChannel fast = new EmbeddedChannel();
        sessions.bind("p1", slow);
        sessions.bind("p1", fast);
        slow.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(slow.isWritable()).isFalse();

        sessions.send("p1", FRAME);
        sessions.send("p1", FRAME);

        final Object nothing = slow.readOutbound();
        assertThat(nothing).isNull();
        assertThat(fast.outboundMessages()).hasSize(2);
        assertThat(sessions.droppedFrameCount()).isEqualTo(2);
        assertThat(sessions.sentFrameCount()).isEqualTo(2);
        fast.finishAndReleaseAll();
    }

    @Test
    void shouldReportOnlyTheLastUnbindOfAPlayer()
    {
        final Sessions sessions = new Sessions();
        final EmbeddedChannel a = new EmbeddedChannel();
        final EmbeddedChannel b = new EmbeddedChannel();
        sessions.bind("p1", a);
        sessions.bind("p1", b);

        assertThat(sessions.unbind("p1", new EmbeddedChannel())).isFalse();
        assertThat(sessions.unbind("p1", a)).isFalse();
        assertThat(sessions.isOnline("p1")).isTrue();
        assertThat(sessions.unbind("p1", b)).isTrue();
        assertThat(sessions.unbind("p1", b)).isFalse();
        assertThat(sessions.isOnline("p1")).isFalse();
        assertThat(sessions.sessionCount()).isZero();
        assertThat(sessions.playerCount()).isZero();
    }

    @Test
    void shouldIgnoreUnknownPlayersAndNullArguments()
    {
        final Sessions sessions = new Sessions();
        sessions.send("nobody", FRAME);
        sessions.send(null, FRAME);
        sessions.send("nobody", null);
        assertThat(sessions.sentFrameCount()).isZero();
        assertThat(sessions.droppedFrameCount()).isZero();
    }

    @Test
    void shouldDropFramesForAClosedSocket()
    {
        final Sessions sessions = new Sessions();
        final EmbeddedChannel closed = new EmbeddedChannel();
        sessions.bind("p1", closed);
        closed.close();

        sessions.send("p1", FRAME);

        assertThat(sessions.droppedFrameCount()).isEqualTo(1);
    }
}

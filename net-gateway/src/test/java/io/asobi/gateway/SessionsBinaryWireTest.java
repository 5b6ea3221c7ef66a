package io.asobi.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Sessions} as the world's outbound port for the binary wire (asobi-spec §4.7): each socket of a player gets
 * the form of {@code world.tick} it negotiated, and the world asks whether any socket of a player is binary.
 */
class SessionsBinaryWireTest
{
    private static final byte[] JSON = "{\"type\":\"world.tick\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BINARY = {1, 2, 3};

    private static EmbeddedChannel socket(final boolean isBinary)
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.attr(Sessions.BINARY_WIRE).set(isBinary);
        return channel;
    }

    @Test
    void eachSocketGetsTheFormItNegotiated()
    {
        final Sessions sessions = new Sessions();
        final EmbeddedChannel binary = socket(true);
        final EmbeddedChannel text = socket(false);
        assertThat(sessions.wantsBinaryTicks("p1")).isFalse();
        sessions.bind("p1", text);
        assertThat(sessions.wantsBinaryTicks("p1")).isFalse();
        sessions.bind("p1", binary);
        assertThat(sessions.wantsBinaryTicks("p1")).isTrue();

        sessions.sendTick("p1", JSON, BINARY);
        final WebSocketFrame toBinary = binary.readOutbound();
        final WebSocketFrame toText = text.readOutbound();
        assertThat(toBinary).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(ByteBufUtil.getBytes(toBinary.content())).isEqualTo(BINARY);
        assertThat(toText).isInstanceOf(TextWebSocketFrame.class);
        assertThat(ByteBufUtil.getBytes(toText.content())).isEqualTo(JSON);
        toBinary.release();
        toText.release();

        // no binary twin (the encoder refused the frame): the binary socket gets the JSON text
        sessions.sendTick("p1", JSON, null);
        final WebSocketFrame fallback = binary.readOutbound();
        assertThat(fallback).isInstanceOf(TextWebSocketFrame.class);
        fallback.release();
        ((WebSocketFrame)text.readOutbound()).release();

        // plain sends stay text everywhere
        sessions.send("p1", JSON);
        final WebSocketFrame ack = binary.readOutbound();
        assertThat(ack).isInstanceOf(TextWebSocketFrame.class);
        ack.release();
        ((WebSocketFrame)text.readOutbound()).release();

        sessions.unbind("p1", binary);
        assertThat(sessions.wantsBinaryTicks("p1")).isFalse();
        assertThat(sessions.sentFrameCount()).isEqualTo(6);
        binary.finishAndReleaseAll();
        text.finishAndReleaseAll();
    }
}

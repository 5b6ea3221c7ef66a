package io.asobi.tools;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WorldFrameKindTest
{
    @Test
    void worldTickFramesByTheirHeader()
    {
        assertThat(kind("{\"type\":\"world.tick\",\"payload\":{\"zone\":[3,4],\"frame_seq\":12,\"kf\":false," +
            "\"tick\":90,\"updates\":[{\"op\":\"u\",\"id\":\"p1\",\"x\":10.5,\"kf\":true}]}}"))
            .isEqualTo(WorldFrameKind.TICK_DELTA);
        assertThat(kind("{\"type\":\"world.tick\",\"payload\":{\"zone\":[3,4],\"frame_seq\":12,\"kf\":true," +
            "\"tick\":0,\"updates\":[]}}")).isEqualTo(WorldFrameKind.TICK_KEYFRAME);
        assertThat(kind("{\"type\":\"world.tick\",\"payload\":{\"zone\":[3,4],\"tick\":0," +
            "\"updates\":[{\"op\":\"r\",\"id\":\"p1\"}]}}")).isEqualTo(WorldFrameKind.TICK_REMOVAL);
    }

    @Test
    void otherTypes()
    {
        assertThat(kind("{\"type\":\"world.ack\",\"payload\":{\"tick\":9,\"seq\":3}}")).isEqualTo(WorldFrameKind.ACK);
        assertThat(kind("{\"type\":\"world.terrain\",\"payload\":{\"coords\":[0,0],\"data\":\"eJw=\"}}"))
            .isEqualTo(WorldFrameKind.TERRAIN);
        assertThat(kind("{\"type\":\"error\",\"payload\":{\"reason\":\"rate_limited\"}}"))
            .isEqualTo(WorldFrameKind.ERROR);
        assertThat(kind("{\"type\":\"world.joined\",\"payload\":{\"world_id\":\"w\"}}")).isEqualTo(WorldFrameKind.OTHER);
        assertThat(kind("{\"type\":\"world.tickle\",\"payload\":{}}")).isEqualTo(WorldFrameKind.OTHER);
        assertThat(kind("{\"type\":\"errors\"}")).isEqualTo(WorldFrameKind.OTHER);
        assertThat(kind("{\"payload\":{\"type\":\"world.tick\"}}")).isEqualTo(WorldFrameKind.OTHER);
        assertThat(kind("")).isEqualTo(WorldFrameKind.OTHER);
        assertThat(kind("{\"type\":\"world.tick\",\"payload\":{\"zone\":[3,4],\"frame_seq\":1}}"))
            .isEqualTo(WorldFrameKind.OTHER);
        assertThat(kind("{\"type\":\"world.tick\",\"payload\":{\"zone\":[3,4],\"other\":1}}"))
            .isEqualTo(WorldFrameKind.OTHER);
        assertThat(kind("{\"type\":\"world.ti")).isEqualTo(WorldFrameKind.OTHER);
    }

    @Test
    void readsFromTheReaderIndexWithoutConsuming()
    {
        final ByteBuf buffer = Unpooled.copiedBuffer("xx{\"type\":\"world.ack\",\"payload\":{}}",
            StandardCharsets.UTF_8);
        buffer.readerIndex(2);
        assertThat(WorldFrameKind.classify(buffer)).isEqualTo(WorldFrameKind.ACK);
        assertThat(buffer.readerIndex()).isEqualTo(2);
    }

    private static WorldFrameKind kind(final String text)
    {
        return WorldFrameKind.classify(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}

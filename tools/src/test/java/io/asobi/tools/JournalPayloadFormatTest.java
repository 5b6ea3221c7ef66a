package io.asobi.tools;

import io.asobi.match.MatchJournalRecords;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JournalPayloadFormatTest
{
    private final JournalPayloadFormat format = new JournalPayloadFormat();

    private String formatted(final int type, final byte[] bytes)
    {
        return format.formatMatchRecord(type, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static byte[] control(final String playerId, final String ctx)
    {
        final byte[] id = playerId.getBytes(StandardCharsets.UTF_8);
        final byte[] json = ctx.getBytes(StandardCharsets.UTF_8);
        final byte[] out = new byte[1 + id.length + json.length];
        out[0] = (byte)id.length;
        System.arraycopy(id, 0, out, 1, id.length);
        System.arraycopy(json, 0, out, 1 + id.length, json.length);
        return out;
    }

    @Test
    void matchJoinsAndLeavesArePrintedByPlayer()
    {
        assertThat(formatted(MatchJournalRecords.JOIN, control("p-1", "{\"team\":\"red\"}")))
            .isEqualTo("join player p-1 ctx {\"team\":\"red\"}");
        assertThat(formatted(MatchJournalRecords.LEAVE, control("p-1", ""))).isEqualTo("leave player p-1");
        assertThat(formatted(MatchJournalRecords.INPUT, "{\"move_x\":1}".getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("{\"move_x\":1}");
        assertThat(formatted(MatchJournalRecords.JOIN, new byte[]{ 9, 1 })).isEqualTo("hex:0901");
    }
}

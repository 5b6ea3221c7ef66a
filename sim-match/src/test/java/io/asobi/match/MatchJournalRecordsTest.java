package io.asobi.match;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MatchJournalRecordsTest
{
    @Test
    void joinRecordsCarryThePlayerAndTheContext()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final byte[] ctx = "{\"team\":\"red\"}".getBytes(StandardCharsets.UTF_8);
        final int length = MatchJournalRecords.encodeControl(buffer, "pläyer-1".getBytes(StandardCharsets.UTF_8), ctx);

        assertThat(MatchJournalRecords.playerId(buffer, 0, length)).isEqualTo("pläyer-1");
        final int ctxOffset = MatchJournalRecords.contextOffset(buffer, 0);
        assertThat(buffer.getStringWithoutLengthUtf8(ctxOffset, length - ctxOffset)).isEqualTo("{\"team\":\"red\"}");

        final int leave = MatchJournalRecords.encodeControl(buffer, "p2".getBytes(StandardCharsets.UTF_8), null);
        assertThat(MatchJournalRecords.playerId(buffer, 0, leave)).isEqualTo("p2");
        assertThat(MatchJournalRecords.contextOffset(buffer, 0)).isEqualTo(leave);
    }

    @Test
    void malformedPayloadsHaveNoPlayer()
    {
        assertThat(MatchJournalRecords.playerId(new UnsafeBuffer(new byte[0]), 0, 0)).isNull();
        assertThat(MatchJournalRecords.playerId(new UnsafeBuffer(new byte[]{ 0, 'a' }), 0, 2)).isNull();
        assertThat(MatchJournalRecords.playerId(new UnsafeBuffer(new byte[]{ 9, 'a', 'b' }), 0, 3)).isNull();
        assertThat(MatchJournalRecords.playerId(new UnsafeBuffer("{\"x\":1}".getBytes(StandardCharsets.UTF_8)),
            0, 7)).isNull();
    }
}

package io.asobi.tools;

import io.asobi.persistence.RecordHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalBenchTest
{
    private static final JournalBenchRunner.Settings TINY = new JournalBenchRunner.Settings(200_000, 50, 300, 2_000, 64);

    @ParameterizedTest
    @EnumSource(JournalBenchAppender.Kind.class)
    void everyAppenderReplaysExactlyWhatWasWritten(final JournalBenchAppender.Kind kind, @TempDir final Path dir)
    {
        final JournalBenchResult result = JournalBenchRunner.run(kind, dir, TINY);

        assertThat(result.error()).isNull();
        assertThat(result.written()).isEqualTo(2_350);
        assertThat(result.replayed()).isEqualTo(2_350);
        assertThat(result.checksumOk()).isTrue();
        assertThat(result.replayOk()).isTrue();
        assertThat(result.latencyNs().getTotalCount()).isEqualTo(300);
    }

    @ParameterizedTest
    @EnumSource(JournalBenchAppender.Kind.class)
    void oddRecordSizesRoundTrip(final JournalBenchAppender.Kind kind, @TempDir final Path dir)
    {
        final JournalBenchResult result =
            JournalBenchRunner.run(kind, dir, new JournalBenchRunner.Settings(500_000, 0, 10, 500, 13));

        assertThat(result.replayOk()).as(String.valueOf(result.error())).isTrue();
        assertThat(result.replayed()).isEqualTo(510);
    }

    @Test
    void mappedAppenderRemapsWhenARegionIsFull(@TempDir final Path dir)
    {
        final int recordBytes = 1024 * 1024;
        final long records = JournalBenchMapped.REGION_BYTES / recordBytes + 3;
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[recordBytes]);
        final JournalBenchPayload check = new JournalBenchPayload();
        try (JournalBenchAppender appender = JournalBenchAppender.Kind.MAPPED.open(dir, recordBytes))
        {
            for (long seq = 0; seq < records; seq++)
            {
                JournalBenchPayload.fill(payload, 0, recordBytes, seq);
                appender.append(payload, 0, recordBytes);
            }
            appender.finishWriting();
            assertThat(appender.replay(check)).isEqualTo(records);
        }
        assertThat(check.hash()).isEqualTo(JournalBenchPayload.expectedChecksum(payload, recordBytes, records));
    }

    @Test
    void checksumDetectsOneChangedByteAndOrder()
    {
        final UnsafeBuffer a = new UnsafeBuffer(new byte[64]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[64]);
        JournalBenchPayload.fill(a, 0, 64, 7);
        JournalBenchPayload.fill(b, 0, 64, 8);
        final long ab = JournalBenchPayload.checksum(JournalBenchPayload.checksum(0, a, 0, 64), b, 0, 64);
        final long ba = JournalBenchPayload.checksum(JournalBenchPayload.checksum(0, b, 0, 64), a, 0, 64);
        assertThat(ab).isNotEqualTo(ba);

        final long before = JournalBenchPayload.checksum(0, a, 0, 64);
        a.putByte(40, (byte)(a.getByte(40) ^ 1));
        assertThat(JournalBenchPayload.checksum(0, a, 0, 64)).isNotEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = JournalBenchAppender.Kind.class, names = { "FILE_CHANNEL", "MAPPED" })
    void tornTailIsReportedNotSkipped(final JournalBenchAppender.Kind kind, @TempDir final Path dir)
        throws IOException
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
        try (JournalBenchAppender appender = kind.open(dir, 64))
        {
            for (long seq = 0; seq < 10; seq++)
            {
                JournalBenchPayload.fill(payload, 0, 64, seq);
                appender.append(payload, 0, 64);
            }
            appender.finishWriting();
            try (RandomAccessFile file = new RandomAccessFile(dir.resolve("journal.dat").toFile(), "rw"))
            {
                file.setLength(file.length() - 10);
            }
            final RecordHandler ignore = (index, buffer, offset, length) -> {};
            assertThatThrownBy(() -> appender.replay(ignore))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("torn record");
        }
    }

    @Test
    void commandRejectsBadOptionsAndCleansUp(@TempDir final Path dir) throws IOException
    {
        final StringWriter err = new StringWriter();
        final CommandLine cl = new CommandLine(new Asobi()).setErr(new PrintWriter(err));

        assertThat(cl.execute("bench", "journal", "--rate", "0")).isNotZero();
        assertThat(err.toString()).contains("--rate must be in");
        assertThat(cl.execute("bench", "journal", "--payload-bytes", "0")).isNotZero();
        assertThat(cl.execute("bench", "journal", "--dir", dir.resolve("missing").toString())).isNotZero();

        assertThat(cl.execute("bench", "journal", "--rate", "20000", "--seconds", "1", "--warmup-seconds", "0",
            "--burst-messages", "1000", "--dir", dir.toString())).isZero();
        try (var left = Files.list(dir))
        {
            assertThat(left).isEmpty();
        }
    }
}

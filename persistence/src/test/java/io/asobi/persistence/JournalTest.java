package io.asobi.persistence;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalTest
{
    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    private static final long START_MS = 1_780_000_000_000L;

    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();

    private Journal open()
    {
        clock.update(clock.time() == 0 ? START_MS : clock.time());
        return Journal.open(new Journal.Context().dir(dir).epochClock(clock));
    }

    /** Record i: length 1 + (i * 7919) % 600, bytes derived from i and their position. */
    private static byte[] record(final int i)
    {
        final byte[] bytes = new byte[1 + (i * 7919) % 600];
        for (int j = 0; j < bytes.length; j++)
        {
            bytes[j] = (byte)(i * 31 + j * 17);
        }
        return bytes;
    }

    private static List<byte[]> readAll(final Journal journal)
    {
        final List<byte[]> records = new ArrayList<>();
        final long count = journal.replay((index, buffer, offset, length) -> records.add(copy(buffer, offset, length)));
        assertThat(count).isEqualTo(records.size());
        return records;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    @Test
    void shouldReplayThousandsOfRecordsInAppendOrderFromHeapAndDirectBuffersAtOffsets()
    {
        final int recordCount = 20_000;
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[1024]);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final UnsafeBuffer slice = new UnsafeBuffer(new byte[2048], 100, 1024);
        final List<Long> indices = new ArrayList<>();

        try (Journal journal = open())
        {
            for (int i = 0; i < recordCount; i++)
            {
                final byte[] bytes = record(i);
                final UnsafeBuffer buffer = switch (i % 3)
                {
                    case 0 -> heap;
                    case 1 -> direct;
                    default -> slice;
                };
                final int offset = i % 13;
                buffer.putBytes(offset, bytes);
                indices.add(journal.append(buffer, offset, bytes.length));
            }

            final List<byte[]> records = readAll(journal);
            assertThat(records).hasSize(recordCount);
            for (int i = 0; i < recordCount; i++)
            {
                assertThat(records.get(i)).as("record %d", i).isEqualTo(record(i));
            }
        }

        assertThat(indices).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void shouldKeepRecordsAcrossCloseAndReopenAndAppendAfterThem()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        try (Journal journal = open())
        {
            for (int i = 0; i < 3000; i++)
            {
                final byte[] bytes = record(i);
                buffer.putBytes(0, bytes);
                journal.append(buffer, 0, bytes.length);
            }
        }

        try (Journal journal = open())
        {
            assertThat(readAll(journal)).hasSize(3000);
            for (int i = 3000; i < 3500; i++)
            {
                final byte[] bytes = record(i);
                buffer.putBytes(0, bytes);
                journal.append(buffer, 0, bytes.length);
            }
        }

        try (Journal journal = open())
        {
            final List<byte[]> records = readAll(journal);
            assertThat(records).hasSize(3500);
            for (int i = 0; i < 3500; i++)
            {
                assertThat(records.get(i)).as("record %d", i).isEqualTo(record(i));
            }
        }
    }

    @Test
    void shouldReadAcrossDailyRollCyclesIncludingEmptyDays() throws IOException
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        int next = 0;
        try (Journal journal = open())
        {
            for (int day = 0; day < 4; day++)
            {
                for (int i = 0; i < 500; i++)
                {
                    final byte[] bytes = record(next++);
                    buffer.putBytes(0, bytes);
                    journal.append(buffer, 0, bytes.length);
                }
                clock.advance(day == 1 ? 3 * DAY_MS : DAY_MS);
            }
        }

        try (Stream<Path> files = Files.list(dir))
        {
            assertThat(files.filter(p -> p.toString().endsWith(".cq4")).count()).isEqualTo(4);
        }
        try (Journal journal = open())
        {
            final List<byte[]> records = readAll(journal);
            assertThat(records).hasSize(next);
            for (int i = 0; i < next; i++)
            {
                assertThat(records.get(i)).as("record %d", i).isEqualTo(record(i));
            }
        }
    }

    @Test
    void shouldPollInBoundedBatchesAndPickUpRecordsAppendedLater()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        final List<Long> seen = new ArrayList<>();
        final RecordHandler handler = (index, b, offset, length) -> seen.add(b.getLong(offset));

        try (Journal journal = open(); JournalReader reader = journal.newReader())
        {
            assertThat(reader.poll(handler, 10)).isZero();
            for (long v = 0; v < 25; v++)
            {
                buffer.putLong(0, v);
                journal.append(buffer, 0, 8);
            }

            assertThat(reader.poll(handler, 10)).isEqualTo(10);
            assertThat(reader.poll(handler, 10)).isEqualTo(10);
            assertThat(reader.poll(handler, 10)).isEqualTo(5);
            assertThat(reader.poll(handler, 10)).isZero();

            buffer.putLong(0, 25);
            journal.append(buffer, 0, 8);
            assertThat(reader.poll(handler, 10)).isEqualTo(1);
        }

        assertThat(seen).hasSize(26).isSorted().startsWith(0L).endsWith(25L);
    }

    @Test
    void shouldStopReplayWhenTheHandlerThrows()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4]);
        try (Journal journal = open())
        {
            for (int i = 0; i < 5; i++)
            {
                buffer.putInt(0, i);
                journal.append(buffer, 0, 4);
            }
            final List<Integer> seen = new ArrayList<>();

            assertThatThrownBy(() -> journal.replay((index, b, offset, length) ->
            {
                seen.add(b.getInt(offset));
                if (seen.size() == 3)
                {
                    throw new IllegalStateException("bad record");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("bad record");
            assertThat(seen).containsExactly(0, 1, 2);
        }
    }

    @Test
    void shouldRefuseBadRecordsWithoutAppendingThem()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).maxRecordBytes(32)))
        {
            assertThatThrownBy(() -> journal.append(buffer, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record length must be in 1..32");
            assertThatThrownBy(() -> journal.append(buffer, 0, 33))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record length must be in 1..32");
            assertThatThrownBy(() -> journal.append(buffer, 60, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range outside the buffer");
            assertThatThrownBy(() -> journal.append(buffer, -1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range outside the buffer");

            journal.append(buffer, 0, 32);
            assertThat(readAll(journal)).hasSize(1);
        }
    }

    @Test
    void shouldRefuseAppendsFromASecondThread()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        try (Journal journal = open())
        {
            journal.append(buffer, 0, 8);

            final CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> journal.append(buffer, 0, 8));

            assertThat(other).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalStateException.class)
                .withMessageContaining("journal appends must come from one thread");
            assertThat(readAll(journal)).hasSize(1);
        }
    }

    @Test
    void shouldReadButRefuseToAppendWhenReadOnly()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        try (Journal journal = open())
        {
            journal.append(buffer, 0, 8);
            journal.append(buffer, 0, 4);
        }

        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            assertThat(readAll(journal)).extracting(b -> b.length).containsExactly(8, 4);
            assertThatThrownBy(() -> journal.append(buffer, 0, 8))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void shouldRefuseAReadOnlyJournalThatDoesNotExist()
    {
        assertThatThrownBy(() -> Journal.open(new Journal.Context().dir(dir.resolve("missing")).readOnly(true)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void shouldRefuseUseAfterClose()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        final Journal journal = open();
        journal.close();
        journal.close();

        assertThat(journal.isClosed()).isTrue();
        assertThatThrownBy(() -> journal.append(buffer, 0, 8))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(journal::newReader)
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void shouldValidateTheContext()
    {
        assertThatThrownBy(() -> new Journal.Context().conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessage("dir must be set");
        assertThatThrownBy(() -> new Journal.Context().dir(dir).maxRecordBytes(0).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRecordBytes");
        assertThatThrownBy(() -> new Journal.Context().dir(dir)
            .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT + 1).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRecordBytes");
        assertThatThrownBy(() -> new Journal.Context().dir(dir).rollCycle(null).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rollCycle");
        assertThatThrownBy(() -> new Journal.Context().dir(dir).epochClock(null).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochClock");

        final Journal.Context ctx = new Journal.Context().dir(dir).conclude();
        assertThat(ctx.rollCycle()).isEqualTo(JournalRollCycle.DAILY);
        assertThat(JournalRollCycle.DAILY.lengthMs()).isEqualTo(DAY_MS);
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalStateException.class);
    }
}

package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulationJournalTest
{
    @TempDir
    Path dir;

    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[70_000]);

    private SimulationJournal open()
    {
        return SimulationJournal.open(new SimulationJournal.Context().dir(dir).maxTickBytes(4096));
    }

    private long input(final SimulationJournal journal, final long sourceId, final int type, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        payload.putBytes(0, bytes);
        return journal.input(sourceId, type, payload, 0, bytes.length);
    }

    private static List<byte[]> rawDocuments(final Path dir)
    {
        final List<byte[]> documents = new ArrayList<>();
        try (Journal raw = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
        {
            raw.replay((index, buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                documents.add(bytes);
            });
        }
        return documents;
    }

    private static List<String> lines(final Path dir)
    {
        final List<String> lines = new ArrayList<>();
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            reader.read(new RecordingHandler(lines));
        }
        return lines;
    }

    @Test
    void shouldWriteOneDocumentPerTickWithContiguousSequencesAcrossInterleavedSimulations()
    {
        final long[] started = new long[2];
        try (SimulationJournal journal = open())
        {
            started[0] = journal.started(7, SimulationKind.MATCH, "match-7", "arena", 42, 30, 0xC0DEL, 1000);
            started[1] = journal.started(8, SimulationKind.ZONE, "zone-a", "world", 43, 10, 0xBEEFL, 1001);

            journal.beginTick(7, 0);
            assertThat(input(journal, 1, 2, "{\"x\":1}")).isZero();
            assertThat(input(journal, 2, 2, "{\"x\":2}")).isEqualTo(1);
            journal.endTick(111);

            journal.beginTick(8, 5);
            assertThat(input(journal, 3, 1, "a")).isZero();
            journal.endTick(222);

            journal.beginTick(7, 1);
            journal.endTick(333);

            journal.beginTick(7, 2);
            assertThat(input(journal, 1, 2, "")).isEqualTo(2);
            journal.endTick(444);
            assertThat(journal.nextSequence(7)).isEqualTo(3);
            assertThat(journal.nextSequence(8)).isEqualTo(1);
            assertThat(journal.nextSequence(9)).isEqualTo(-1);
        }

        assertThat(rawDocuments(dir)).hasSize(2 + 4);
        assertThat(lines(dir)).containsExactly(
            "started 7 MATCH match-7 arena seed=42 rate=30 code=49374 at=1000",
            "started 8 ZONE zone-a world seed=43 rate=10 code=48879 at=1001",
            "input 7 tick=0 seq=0 source=1 type=2 {\"x\":1}",
            "input 7 tick=0 seq=1 source=2 type=2 {\"x\":2}",
            "end 7 tick=0 inputs=2 hash=111",
            "input 8 tick=5 seq=0 source=3 type=1 a",
            "end 8 tick=5 inputs=1 hash=222",
            "end 7 tick=1 inputs=0 hash=333",
            "input 7 tick=2 seq=2 source=1 type=2 ",
            "end 7 tick=2 inputs=1 hash=444");

        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            assertThat(reader.simulations()).containsExactly(
                new SimulationSummary(7, SimulationKind.MATCH, "match-7", "arena", 42, 30, 0xC0DEL, 1000, 0, 2, 3, 3,
                    true, started[0], -1, Long.MIN_VALUE, 3, null, -1),
                new SimulationSummary(8, SimulationKind.ZONE, "zone-a", "world", 43, 10, 0xBEEFL, 1001, 5, 5, 1, 1,
                    true, started[1], -1, Long.MIN_VALUE, 1, null, -1));
        }
    }

    @Test
    void shouldContinueSequencesAfterResumeInANewWriter()
    {
        try (SimulationJournal journal = open())
        {
            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            journal.beginTick(1, 0);
            input(journal, 1, 1, "a");
            input(journal, 1, 1, "b");
            journal.endTick(0);
        }
        try (SimulationJournal journal = open())
        {
            journal.resume(1, 2, 0);
            assertThatThrownBy(() -> journal.beginTick(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after its last tick 0");
            journal.beginTick(1, 1);
            assertThat(input(journal, 1, 1, "c")).isEqualTo(2);
            journal.endTick(0);
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            final SimulationSummary summary = reader.simulations().getFirst();
            assertThat(summary.inputCount()).isEqualTo(3);
            assertThat(summary.lastTick()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotAllocatePerTickOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(dir)))
        {
            for (int s = 0; s < 4; s++)
            {
                journal.started(s, SimulationKind.MATCH, "m" + s, "arena", s, 30, 0, 0);
            }
            payload.setMemory(0, 64, (byte)'x');
            writeTicks(journal, 0, 20_000);
            final long before = threads.getCurrentThreadAllocatedBytes();
            writeTicks(journal, 20_000, 20_000);
            final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;

            // One object per tick would be at least 20,000 x 16 = 320,000 bytes. What remains (about 30 KB here)
            // is Chronicle's occasional work as the mapped file grows (new chunks), not per tick.
            assertThat(allocatedBytes).as("bytes allocated by 20,000 ticks of 3 inputs").isLessThan(20_000 * 4);
        }
    }

    private void writeTicks(final SimulationJournal journal, final int firstTick, final int count)
    {
        for (int i = firstTick; i < firstTick + count; i++)
        {
            journal.beginTick(i & 3, i);
            for (int k = 0; k < 3; k++)
            {
                journal.input(k, 1, payload, 0, 64);
            }
            journal.endTick(i);
        }
    }

    @Test
    void shouldRefuseMisuseWithClearErrors() throws Exception
    {
        try (SimulationJournal journal = open())
        {
            assertThatThrownBy(() -> journal.beginTick(1, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("simulation 1 was not started");
            assertThatThrownBy(() -> journal.input(1, 1, payload, 0, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no tick is open");
            assertThatThrownBy(() -> journal.endTick(0)).isInstanceOf(IllegalStateException.class);

            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            assertThatThrownBy(() -> journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
            assertThatThrownBy(() -> journal.started(2, SimulationKind.MATCH, "m", "x".repeat(65_535), 0, 20, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode is 65535 UTF-8 bytes");

            journal.beginTick(1, 3);
            assertThatThrownBy(() -> journal.beginTick(1, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is open");
            assertThatThrownBy(() -> journal.input(1, 1, payload, 0, 65_535))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload length");
            assertThatThrownBy(() -> journal.input(1, 1, payload, 69_999, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range outside");
            for (int i = 0; i < 3; i++)
            {
                journal.input(1, 1, payload, 0, 1000);
            }
            assertThatThrownBy(() -> journal.input(1, 1, payload, 0, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTickBytes=4096");
            final Throwable otherThread = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    journal.endTick(0);
                    return null;
                }
                catch (final RuntimeException ex)
                {
                    return ex;
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(otherThread).isInstanceOf(IllegalStateException.class).hasMessageContaining("one thread");

            assertThat(journal.endTick(9)).isPositive();
            assertThat(journal.nextSequence(1)).isEqualTo(3);
            assertThatThrownBy(() -> journal.beginTick(1, 3)).isInstanceOf(IllegalArgumentException.class);

            journal.beginTick(1, 4);
            input(journal, 1, 1, "dropped");
            journal.abortTick();
            assertThat(journal.nextSequence(1)).isEqualTo(3);
            assertThat(journal.forget(1)).isTrue();
            assertThat(journal.forget(1)).isFalse();
        }
        assertThat(rawDocuments(dir)).hasSize(2);
        assertThatThrownBy(() -> new SimulationJournal.Context().dir(dir).maxTickBytes(10).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTickBytes");
    }

    @Test
    void shouldReportATruncatedTickByItsIndexAfterHandingOnTheWholeOnes()
    {
        final long[] indices = new long[2];
        try (SimulationJournal journal = open())
        {
            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            journal.beginTick(1, 0);
            input(journal, 1, 1, "{\"a\":1}");
            indices[0] = journal.endTick(5);
            journal.beginTick(1, 1);
            input(journal, 1, 1, "{\"a\":2}");
            input(journal, 1, 1, "{\"a\":3}");
            indices[1] = journal.endTick(6);
        }
        final byte[] lastTick = rawDocuments(dir).getLast();

        for (final int cut : new int[]{ 1, 8, 40, 44, lastTick.length - 2 })
        {
            final Path copy = dir.resolveSibling(dir.getFileName() + "-cut" + cut);
            final long badIndex;
            try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(copy)))
            {
                journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
                journal.beginTick(1, 0);
                input(journal, 1, 1, "{\"a\":1}");
                journal.endTick(5);
            }
            try (Journal raw = Journal.open(new Journal.Context().dir(copy)))
            {
                badIndex = raw.append(new UnsafeBuffer(Arrays.copyOf(lastTick, lastTick.length - cut)), 0,
                    lastTick.length - cut);
            }

            final List<String> seen = new ArrayList<>();
            try (SimulationJournalReader reader = SimulationJournalReader.open(copy))
            {
                assertThatThrownBy(() -> reader.read(new RecordingHandler(seen)))
                    .as("cut " + cut)
                    .isInstanceOfSatisfying(SimulationJournalCorruptException.class,
                        ex -> assertThat(ex.index()).isEqualTo(badIndex))
                    .hasMessageContaining("index " + badIndex);
                assertThatThrownBy(reader::simulations).isInstanceOf(SimulationJournalCorruptException.class);
            }
            assertThat(seen).as("cut " + cut).hasSize(3);
        }
    }

    @Test
    void shouldReportASequenceGapAndATickBeforeItsStart()
    {
        final List<byte[]> documents;
        try (SimulationJournal journal = open())
        {
            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            for (int tick = 0; tick < 3; tick++)
            {
                journal.beginTick(1, tick);
                input(journal, 1, 1, "x");
                journal.endTick(tick);
            }
        }
        documents = rawDocuments(dir);

        final Path gap = dir.resolveSibling("gap");
        final Path orphan = dir.resolveSibling("orphan");
        try (Journal raw = Journal.open(new Journal.Context().dir(gap)))
        {
            for (final int i : new int[]{ 0, 1, 3 })
            {
                raw.append(new UnsafeBuffer(documents.get(i)), 0, documents.get(i).length);
            }
        }
        try (Journal raw = Journal.open(new Journal.Context().dir(orphan)))
        {
            raw.append(new UnsafeBuffer(documents.get(1)), 0, documents.get(1).length);
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(gap))
        {
            assertThatThrownBy(reader::simulations).isInstanceOf(SimulationJournalCorruptException.class)
                .hasMessageContaining("Input sequence 2 of simulation 1 where 1 was expected");
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(orphan))
        {
            assertThatThrownBy(reader::simulations).isInstanceOf(SimulationJournalCorruptException.class)
                .hasMessageContaining("before its SimulationStarted");
        }
    }

    @Test
    void shouldReadAVersionZeroSimulationStartedWithAnEmptyName()
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[64]);
        final byte[] mode = "arena".getBytes(StandardCharsets.UTF_8);
        final int messageLength = 8 + 37 + 2 + mode.length;
        record.putInt(0, messageLength, ByteOrder.LITTLE_ENDIAN);
        record.putShort(4, (short)37, ByteOrder.LITTLE_ENDIAN);
        record.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);
        record.putShort(8, (short)2, ByteOrder.LITTLE_ENDIAN);
        record.putShort(10, (short)0, ByteOrder.LITTLE_ENDIAN);
        record.putLong(12, 9, ByteOrder.LITTLE_ENDIAN);
        record.putByte(20, (byte)1);
        record.putInt(29, 60, ByteOrder.LITTLE_ENDIAN);
        record.putShort(49, (short)mode.length, ByteOrder.LITTLE_ENDIAN);
        record.putBytes(51, mode);
        final long index;
        try (Journal raw = Journal.open(new Journal.Context().dir(dir)))
        {
            index = raw.append(record, 0, 4 + messageLength);
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            assertThat(reader.simulations()).containsExactly(
                new SimulationSummary(9, SimulationKind.ZONE, "", "arena", 0, 60, 0, 0, -1, -1, 0, 0, false, index, -1,
                    Long.MIN_VALUE, 0, null, -1));
        }
    }

    /** Records as text lines, for comparisons. */
    static final class RecordingHandler implements SimulationRecordHandler
    {
        private final List<String> lines;

        RecordingHandler(final List<String> lines)
        {
            this.lines = lines;
        }

        @Override
        public void onStarted(
            final long index,
            final long simulationId,
            final SimulationKind kind,
            final String name,
            final String mode,
            final long rngSeed,
            final int tickRateHz,
            final long codeHash,
            final long startEpochMs)
        {
            lines.add("started " + simulationId + " " + kind + " " + name + " " + mode + " seed=" + rngSeed +
                " rate=" + tickRateHz + " code=" + codeHash + " at=" + startEpochMs);
        }

        @Override
        public void onInput(
            final long index,
            final long simulationId,
            final long tick,
            final long sequence,
            final long sourceId,
            final int inputType,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            lines.add("input " + simulationId + " tick=" + tick + " seq=" + sequence + " source=" + sourceId +
                " type=" + inputType + " " + payload.getStringWithoutLengthUtf8(offset, length));
        }

        @Override
        public void onTickEnd(
            final long index, final long simulationId, final long tick, final int inputCount, final long stateHash)
        {
            lines.add("end " + simulationId + " tick=" + tick + " inputs=" + inputCount + " hash=" + stateHash);
        }
    }
}

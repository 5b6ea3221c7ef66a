package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshot documents, {@code SimulationEnded} and reading from the middle of a simulation journal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulationJournalSnapshotTest
{
    private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path dir;

    @TempDir
    Path scratch;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final UnsafeBuffer input = new UnsafeBuffer(new byte[64]);

    private SimulationJournal open(final Path journalDir)
    {
        clock.update(START_MS);
        return SimulationJournal.open(new SimulationJournal.Context().dir(journalDir).epochClock(clock)
            .maxSnapshotBytes(200_000));
    }

    private static UnsafeBuffer payload(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + seed);
        }
        return new UnsafeBuffer(bytes);
    }

    private void tick(final SimulationJournal journal, final long simulationId, final long tick, final int inputs)
    {
        journal.beginTick(simulationId, tick);
        for (int i = 0; i < inputs; i++)
        {
            input.putInt(0, i);
            journal.input(i, 1, input, 0, 4);
        }
        journal.endTick(tick * 7);
    }

    private static List<Long> rawIndices(final Path dir)
    {
        final List<Long> indices = new ArrayList<>();
        try (Journal raw = Journal.open(new Journal.Context().dir(dir).readOnly(true)
            .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT)))
        {
            raw.replay((index, buffer, offset, length) -> indices.add(index));
        }
        return indices;
    }

    static List<byte[]> rawDocuments(final Path dir)
    {
        final List<byte[]> documents = new ArrayList<>();
        try (Journal raw = Journal.open(new Journal.Context().dir(dir).readOnly(true)
            .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT)))
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

    static Path rawJournal(final Path dir, final List<byte[]> documents)
    {
        try (Journal raw = Journal.open(new Journal.Context().dir(dir)
            .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT)))
        {
            for (final byte[] document : documents)
            {
                raw.append(new UnsafeBuffer(document), 0, document.length);
            }
        }
        return dir;
    }

    private static List<String> read(final Path dir, final long fromIndex)
    {
        final List<String> lines = new ArrayList<>();
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            reader.read(new Lines(lines), fromIndex);
        }
        return lines;
    }

    @Test
    void shouldWriteASnapshotInChunksAndReadItBackWhole()
    {
        final UnsafeBuffer state = payload(150_000, 3);
        final long snapshotIndex;
        final long endIndex;
        final long startedIndex;
        try (SimulationJournal journal = open(dir))
        {
            startedIndex = journal.started(1, SimulationKind.MATCH, "m-1", "arena", 42, 30, 0xC0DEL, 0);
            assertThat(journal.lastTick(1)).isEqualTo(Long.MIN_VALUE);
            tick(journal, 1, 0, 2);
            tick(journal, 1, 1, 1);
            assertThat(journal.lastTick(1)).isEqualTo(1);
            clock.update(START_MS + 5);
            snapshotIndex = journal.snapshot(1, 1, 0xC0DEL, 3, "asobi-1.2.3", state, 0, state.capacity());
            assertThatThrownBy(() -> journal.beginTick(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after its last tick 1");
            tick(journal, 1, 2, 2);
            clock.update(START_MS + 9);
            endIndex = journal.ended(1, "finished");
            assertThat(journal.nextSequence(1)).isEqualTo(-1);
            assertThat(journal.lastTick(1)).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(rawIndices(dir)).hasSize(6).contains(snapshotIndex, endIndex);
        assertThat(rawDocuments(dir).get(3)).as("one document: begin, 3 chunks, end").hasSizeGreaterThan(150_000);

        final byte[] expected = new byte[150_000];
        state.getBytes(0, expected);
        final List<byte[]> payloads = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            reader.read(new Lines(lines)
            {
                @Override
                public void onSnapshot(
                    final long index,
                    final long simulationId,
                    final long tick,
                    final long nextSequence,
                    final long codeHash,
                    final int payloadVersion,
                    final String appVersion,
                    final long createdEpochMs,
                    final DirectBuffer buffer,
                    final int offset,
                    final int length)
                {
                    super.onSnapshot(index, simulationId, tick, nextSequence, codeHash, payloadVersion, appVersion,
                        createdEpochMs, buffer, offset, length);
                    final byte[] bytes = new byte[length];
                    buffer.getBytes(offset, bytes);
                    payloads.add(bytes);
                    assertThat(index).isEqualTo(snapshotIndex);
                    assertThat(createdEpochMs).isEqualTo(START_MS + 5);
                }
            });
            assertThat(reader.simulations()).containsExactly(new SimulationSummary(1, SimulationKind.MATCH, "m-1",
                "arena", 42, 30, 0xC0DEL, 0, 0, 2, 3, 5, true, startedIndex, snapshotIndex, 1, 5, "finished",
                endIndex));
        }
        assertThat(payloads).hasSize(1);
        assertThat(payloads.getFirst()).isEqualTo(expected);
        assertThat(lines).containsExactly(
            "started 1",
            "tick 1/0 inputs=2",
            "tick 1/1 inputs=1",
            "snapshot 1 tick=1 next=3 code=49374 v3 asobi-1.2.3 150000 bytes",
            "tick 1/2 inputs=2",
            "ended 1 tick=2 finished at=" + (START_MS + 9));
    }

    @Test
    void shouldWriteAndReadASnapshotOfTheDefaultLimit()
    {
        final int length = SimulationJournal.Context.MAX_SNAPSHOT_BYTES_DEFAULT;
        final UnsafeBuffer state = payload(length, 9);
        try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(dir)))
        {
            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            journal.snapshot(1, -1, 0, 1, "", state, 0, length);
            journal.beginTick(1, 0);
            journal.endTick(0);
        }
        final long[] seen = new long[2];
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            reader.read(new SimulationRecordHandler()
            {
                @Override
                public void onSnapshot(
                    final long index,
                    final long simulationId,
                    final long tick,
                    final long nextSequence,
                    final long codeHash,
                    final int payloadVersion,
                    final String appVersion,
                    final long createdEpochMs,
                    final DirectBuffer buffer,
                    final int offset,
                    final int snapshotLength)
                {
                    seen[0] = snapshotLength;
                    seen[1] = buffer.getByte(offset + snapshotLength - 1);
                }
            });
        }
        assertThat(seen[0]).isEqualTo(length);
        assertThat(seen[1]).isEqualTo(state.getByte(length - 1));
    }

    @Test
    void shouldSnapshotBeforeAnyTickAndEndWithoutTicks()
    {
        try (SimulationJournal journal = open(dir))
        {
            journal.started(1, SimulationKind.ZONE, "z", "world", 0, 10, 0, 0);
            journal.snapshot(1, -1, 0, 1, "", new UnsafeBuffer(new byte[0]), 0, 0);
            assertThat(journal.lastTick(1)).isEqualTo(Long.MIN_VALUE);
            journal.ended(1, "removed");
            journal.started(1, SimulationKind.ZONE, "z", "world", 0, 10, 0, 0);
            journal.snapshot(1, 9, 0, 1, "", payload(10, 0), 0, 10);
            assertThat(journal.lastTick(1)).isEqualTo(9);
            assertThatThrownBy(() -> journal.beginTick(1, 9)).isInstanceOf(IllegalArgumentException.class);
            tick(journal, 1, 10, 0);
        }
        assertThat(read(dir, Long.MIN_VALUE)).containsExactly(
            "started 1",
            "snapshot 1 tick=-1 next=0 code=0 v1  0 bytes",
            "ended 1 tick=-1 removed at=" + START_MS,
            "started 1",
            "snapshot 1 tick=9 next=0 code=0 v1  10 bytes",
            "tick 1/10 inputs=0");
    }

    @Test
    void shouldRefuseSnapshotsAndEndsThatDoNotFit()
    {
        try (SimulationJournal journal = open(dir))
        {
            final UnsafeBuffer state = payload(200_001, 0);
            assertThatThrownBy(() -> journal.snapshot(1, 0, 0, 1, "", state, 0, 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("simulation 1 is not open");
            assertThatThrownBy(() -> journal.ended(1, "finished"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("simulation 1 is not open");
            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            tick(journal, 1, 5, 1);
            assertThatThrownBy(() -> journal.snapshot(1, 4, 0, 1, "", state, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before its last tick 5");
            assertThatThrownBy(() -> journal.snapshot(1, 5, 0, 1, "", state, 0, 200_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSnapshotBytes");
            assertThatThrownBy(() -> journal.snapshot(1, 5, 0, 1, "", state, 200_000, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range outside");
            assertThatThrownBy(() -> journal.snapshot(1, 5, 0, 1, "v".repeat(65_535), state, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appVersion");
            journal.beginTick(1, 6);
            assertThatThrownBy(() -> journal.snapshot(1, 5, 0, 1, "", state, 0, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is open");
            assertThatThrownBy(() -> journal.ended(1, "crashed"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is open");
            journal.abortTick();
            assertThat(journal.snapshot(1, 5, 0, 1, "", state, 0, 200_000)).isPositive();
            journal.ended(1, "crashed");
            assertThatThrownBy(() -> journal.beginTick(1, 7)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(rawIndices(dir)).hasSize(4);
        assertThatThrownBy(() -> new SimulationJournal.Context().dir(dir).maxSnapshotBytes(1023).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSnapshotBytes");
        assertThat(new SimulationJournal.Context().dir(dir).conclude().maxSnapshotBytes()).isEqualTo(16 << 20);
    }

    @Test
    void shouldReadFromASnapshotInTheMiddle()
    {
        final long snapshotIndex;
        final long tickIndex;
        try (SimulationJournal journal = open(dir))
        {
            journal.started(1, SimulationKind.MATCH, "m-1", "arena", 0, 30, 0, 0);
            journal.started(2, SimulationKind.MATCH, "m-2", "arena", 0, 30, 0, 0);
            tick(journal, 1, 0, 2);
            tick(journal, 2, 0, 1);
            snapshotIndex = journal.snapshot(1, 0, 0, 1, "", payload(100, 1), 0, 100);
            journal.beginTick(2, 1);
            input.putInt(0, 9);
            journal.input(1, 1, input, 0, 4);
            journal.input(1, 1, input, 0, 4);
            tickIndex = journal.endTick(0);
            tick(journal, 1, 1, 1);
            journal.ended(2, "abandoned");
            tick(journal, 1, 2, 3);
        }

        assertThat(read(dir, snapshotIndex)).containsExactly(
            "snapshot 1 tick=0 next=2 code=0 v1  100 bytes",
            "tick 2/1 inputs=2",
            "tick 1/1 inputs=1",
            "ended 2 tick=1 abandoned at=" + START_MS,
            "tick 1/2 inputs=3");
        assertThat(read(dir, tickIndex)).hasSize(4);
        assertThat(read(dir, Long.MIN_VALUE)).hasSize(9);

        final List<byte[]> documents = rawDocuments(dir);
        // From the middle, sequences are still checked once known: drop simulation 1's tick 1.
        final List<byte[]> gap = new ArrayList<>(documents.subList(4, documents.size()));
        gap.remove(2);
        try (SimulationJournalReader reader = SimulationJournalReader.open(rawJournal(scratch.resolve("gap"),
            withStart(documents, gap))))
        {
            final long from = rawIndices(reader.dir()).get(1);
            assertThatThrownBy(() -> reader.read(new Lines(new ArrayList<>()), from))
                .isInstanceOf(SimulationJournalCorruptException.class)
                .hasMessageContaining("Input sequence 3 of simulation 1 where 2 was expected");
            final List<SimulationSummary> summaries = new ArrayList<>();
            assertThatThrownBy(() -> summaries.addAll(reader.simulations()))
                .isInstanceOf(SimulationJournalCorruptException.class);
        }
    }

    private static List<byte[]> withStart(final List<byte[]> documents, final List<byte[]> rest)
    {
        final List<byte[]> all = new ArrayList<>();
        all.add(documents.getFirst());
        all.addAll(rest);
        return all;
    }

    @Test
    void shouldReportBrokenSnapshotsByTheirIndex()
    {
        try (SimulationJournal journal = open(dir))
        {
            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            tick(journal, 1, 0, 1);
            journal.snapshot(1, 0, 0, 1, "app", payload(70_000, 5), 0, 70_000);
            tick(journal, 1, 1, 1);
            journal.ended(1, "finished");
        }
        final List<byte[]> documents = rawDocuments(dir);
        final byte[] started = documents.get(0);
        final byte[] tick0 = documents.get(1);
        final byte[] snapshot = documents.get(2);
        final byte[] tick1 = documents.get(3);
        final byte[] ended = documents.get(4);
        final int beginFrame = 4 + new UnsafeBuffer(snapshot).getInt(0, ByteOrder.LITTLE_ENDIAN);
        final int firstChunkFrame = 4 + new UnsafeBuffer(snapshot).getInt(beginFrame, ByteOrder.LITTLE_ENDIAN);

        final byte[] flipped = snapshot.clone();
        flipped[beginFrame + firstChunkFrame - 1] ^= 1;
        final int secondChunkFrame = snapshot.length - beginFrame - firstChunkFrame - 36;
        final byte[] swapped = snapshot.clone();
        System.arraycopy(snapshot, beginFrame + firstChunkFrame, swapped, beginFrame, secondChunkFrame);
        System.arraycopy(snapshot, beginFrame, swapped, beginFrame + secondChunkFrame, firstChunkFrame);
        final byte[] noFirstChunk = new byte[snapshot.length - firstChunkFrame];
        System.arraycopy(snapshot, 0, noFirstChunk, 0, beginFrame);
        System.arraycopy(snapshot, beginFrame + firstChunkFrame, noFirstChunk, beginFrame,
            snapshot.length - beginFrame - firstChunkFrame);
        final byte[] noEnd = Arrays.copyOf(snapshot, snapshot.length - 36);
        final byte[] mixed = concat(tick1, snapshot);

        assertCorrupt("checksum", List.of(started, tick0, flipped), "fails its checksum");
        assertCorrupt("swapped chunks", List.of(started, tick0, swapped),
            "SnapshotChunk at offset 65534 of simulation 1 where 0 was expected");
        assertCorrupt("missing chunk", List.of(started, tick0, noFirstChunk), "claims 70000 bytes");
        assertCorrupt("no end", List.of(started, tick0, noEnd), "has no SnapshotEnd at its end");
        assertCorrupt("mixed", List.of(started, tick0, mixed), "a tick shares its document with a snapshot");
        assertCorrupt("after end", List.of(started, tick0, ended, snapshot), "after its SimulationEnded");
        assertCorrupt("ended twice", List.of(started, tick0, tick1, ended, ended), "after its SimulationEnded");
        assertCorrupt("tick after end", List.of(started, tick0, ended, tick1), "after its SimulationEnded");
        assertCorrupt("below last tick", List.of(started, tick0, tick1, snapshot), "is below its last tick 1");
        assertCorrupt("orphan", List.of(snapshot), "before its SimulationStarted");
    }

    private void assertCorrupt(final String name, final List<byte[]> documents, final String message)
    {
        final Path copy = rawJournal(scratch.resolve("corrupt-" + name.replace(' ', '-')), documents);
        final List<Long> indices = rawIndices(copy);
        final List<String> lines = new ArrayList<>();
        try (SimulationJournalReader reader = SimulationJournalReader.open(copy))
        {
            assertThatThrownBy(() -> reader.read(new Lines(lines)))
                .as(name)
                .isInstanceOfSatisfying(SimulationJournalCorruptException.class,
                    ex -> assertThat(ex.index()).isEqualTo(indices.getLast()))
                .hasMessageContaining(message);
        }
        assertThat(lines).as(name + ": the bad document's records are not handed on").hasSize(
            "orphan".equals(name) ? 0 : documents.size() - 1);
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** One line per document-level record. */
    static class Lines implements SimulationRecordHandler
    {
        private final List<String> lines;

        Lines(final List<String> lines)
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
            lines.add("started " + simulationId);
        }

        @Override
        public void onTickEnd(
            final long index, final long simulationId, final long tick, final int inputCount, final long stateHash)
        {
            lines.add("tick " + simulationId + "/" + tick + " inputs=" + inputCount);
        }

        @Override
        public void onSnapshot(
            final long index,
            final long simulationId,
            final long tick,
            final long nextSequence,
            final long codeHash,
            final int payloadVersion,
            final String appVersion,
            final long createdEpochMs,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            lines.add("snapshot " + simulationId + " tick=" + tick + " next=" + nextSequence + " code=" + codeHash +
                " v" + payloadVersion + " " + appVersion + " " + length + " bytes");
        }

        @Override
        public void onEnded(
            final long index, final long simulationId, final long tick, final String reason, final long endEpochMs)
        {
            lines.add("ended " + simulationId + " tick=" + tick + " " + reason + " at=" + endEpochMs);
        }
    }
}

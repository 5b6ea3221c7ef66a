package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SimulationJournalRepair#repairTail}: a bad tail is dropped and the good prefix kept with its indices; bad
 * documents in the middle are refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulationJournalRepairTest
{
    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    private static final long START_MS = 1_767_225_600_000L;

    @TempDir
    Path root;

    private final UnsafeBuffer input = new UnsafeBuffer(new byte[64]);

    private Path journalDir()
    {
        return root.resolve("simulations").resolve("tick-0");
    }

    private Path quarantine()
    {
        return root.resolve("quarantine");
    }

    /** Two days of a simulation: started, ticks 0..2, a snapshot; then ticks 3..4 the next day. */
    private void writeGoodJournal()
    {
        final long[] nowMs = { START_MS };
        try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(journalDir())
            .epochClock(() -> nowMs[0])))
        {
            journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
            for (int tick = 0; tick < 5; tick++)
            {
                if (3 == tick)
                {
                    journal.snapshot(1, 2, 0, 1, "app", input, 0, 8);
                    nowMs[0] += DAY_MS;
                }
                journal.beginTick(1, tick);
                input.putInt(0, tick);
                journal.input(1, 1, input, 0, 4);
                journal.endTick(tick);
            }
        }
    }

    private List<Long> indices(final Path dir)
    {
        final List<Long> indices = new ArrayList<>();
        try (Journal raw = Journal.open(new Journal.Context().dir(dir).readOnly(true)
            .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT)))
        {
            raw.replay((index, buffer, offset, length) -> indices.add(index));
        }
        return indices;
    }

    private long append(final byte[] document)
    {
        try (Journal raw = Journal.open(new Journal.Context().dir(journalDir())
            .epochClock(() -> START_MS + DAY_MS)))
        {
            return raw.append(new UnsafeBuffer(document), 0, document.length);
        }
    }

    private static byte[] badFrame()
    {
        return new byte[]{ 100, 0, 0, 0, 1, 2, 3 };
    }

    private static byte[] unknownSchema()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[4 + 8 + 4]);
        frame.putInt(0, 12, ByteOrder.LITTLE_ENDIAN);
        frame.putShort(4, (short)4, ByteOrder.LITTLE_ENDIAN);
        frame.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);
        frame.putShort(8, (short)99, ByteOrder.LITTLE_ENDIAN);
        return frame.byteArray();
    }

    @Test
    void shouldLeaveAWholeJournalAlone()
    {
        writeGoodJournal();
        final SimulationJournalRepair.RepairResult result = SimulationJournalRepair.repairTail(journalDir(),
            quarantine());
        final List<Long> indices = indices(journalDir());
        assertThat(result).isEqualTo(new SimulationJournalRepair.RepairResult(journalDir(), 7, 0, indices.getLast(),
            null, null));
        assertThat(quarantine()).doesNotExist();
    }

    @Test
    void shouldDropABadTailKeepingTheGoodDocumentsAndTheirIndices() throws IOException
    {
        writeGoodJournal();
        final List<Long> good = indices(journalDir());
        final List<byte[]> documents = SimulationJournalSnapshotTest.rawDocuments(journalDir());
        final byte[] lastTick = documents.getLast();
        final long firstBad = append(badFrame());
        append(unknownSchema());
        append(Arrays.copyOf(lastTick, lastTick.length - 3));
        try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir()))
        {
            assertThatThrownBy(reader::simulations).isInstanceOf(SimulationJournalCorruptException.class);
        }

        final SimulationJournalRepair.RepairResult result = SimulationJournalRepair.repairTail(journalDir(),
            quarantine(), () -> 1234);

        assertThat(result.documents()).isEqualTo(7);
        assertThat(result.truncatedDocuments()).isEqualTo(3);
        assertThat(result.lastGoodIndex()).isEqualTo(good.getLast());
        assertThat(result.reason()).contains("index " + firstBad).contains("claims 100 bytes");
        assertThat(result.quarantinedTo()).isEqualTo(quarantine().resolve("tick-0-corrupt-1234"));
        assertThat(indices(result.quarantinedTo())).hasSize(10);
        assertThat(indices(journalDir())).isEqualTo(good);
        assertThat(SimulationJournalSnapshotTest.rawDocuments(journalDir())).usingElementComparator(Arrays::compare)
            .isEqualTo(documents);
        try (Stream<Path> siblings = Files.list(journalDir().getParent()))
        {
            assertThat(siblings).containsExactly(journalDir());
        }

        // A writer reopens the repaired directory and goes on.
        final SimulationSummary summary;
        try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir()))
        {
            summary = reader.simulations().getFirst();
        }
        assertThat(summary.nextSequence()).isEqualTo(5);
        try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(journalDir())
            .epochClock(() -> START_MS + DAY_MS)))
        {
            journal.resume(1, summary.nextSequence(), summary.lastTick());
            journal.beginTick(1, 5);
            assertThat(journal.input(1, 1, input, 0, 4)).isEqualTo(5);
            journal.endTick(5);
            journal.ended(1, "finished");
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir()))
        {
            assertThat(reader.simulations().getFirst().endReason()).isEqualTo("finished");
        }
        assertThat(SimulationJournalRepair.repairTail(journalDir(), quarantine()).truncatedDocuments()).isZero();
    }

    @Test
    void shouldRefuseCorruptionInTheMiddle()
    {
        writeGoodJournal();
        final List<byte[]> documents = SimulationJournalSnapshotTest.rawDocuments(journalDir());
        final long bad = append(badFrame());
        append(unknownSchema());
        // A document that is whole on its own, after the bad ones: corruption in the middle.
        append(documents.getLast());

        assertThatThrownBy(() -> SimulationJournalRepair.repairTail(journalDir(), quarantine()))
            .isInstanceOfSatisfying(SimulationJournalCorruptException.class,
                ex -> assertThat(ex.index()).isEqualTo(bad))
            .hasMessageContaining("corruption in the middle")
            .hasMessageContaining("index " + bad);
        assertThat(quarantine()).doesNotExist();
        assertThat(indices(journalDir())).hasSize(documents.size() + 3);
    }
}

package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SimulationJournal#deleteRolledFilesBefore}: old roll-cycle files go, readers start at the first file left.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulationJournalRetentionTest
{
    private static final long HOUR_MS = 60L * 60 * 1000;
    private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final UnsafeBuffer input = new UnsafeBuffer(new byte[8]);

    private List<String> cycleFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    private long tick(final SimulationJournal journal, final long simulationId, final long tick)
    {
        journal.beginTick(simulationId, tick);
        journal.input(1, 1, input, 0, 4);
        return journal.endTick(tick);
    }

    @Test
    void shouldDeleteOnlyWholeOldCyclesBeforeTheKeptIndex() throws IOException
    {
        clock.update(START_MS);
        try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(dir)
            .rollCycle(JournalRollCycle.HOURLY).epochClock(clock)))
        {
            // Hour 0: both start. Hour 1: simulation 2 ends. Hour 2: a snapshot of 1. Hour 3: more ticks.
            journal.started(1, SimulationKind.MATCH, "m-1", "arena", 0, 20, 0, 0);
            journal.started(2, SimulationKind.MATCH, "m-2", "arena", 0, 20, 0, 0);
            tick(journal, 1, 0);
            tick(journal, 2, 0);
            clock.update(START_MS + HOUR_MS);
            tick(journal, 1, 1);
            tick(journal, 2, 1);
            journal.ended(2, "finished");
            clock.update(START_MS + 2 * HOUR_MS);
            tick(journal, 1, 2);
            final long snapshotIndex = journal.snapshot(1, 2, 0, 1, "", input, 0, 8);
            tick(journal, 1, 3);
            clock.update(START_MS + 3 * HOUR_MS + 10);
            tick(journal, 1, 4);
            assertThat(cycleFiles()).containsExactly(
                "20260101-00F.cq4", "20260101-01F.cq4", "20260101-02F.cq4", "20260101-03F.cq4");

            // Hour 1 ended 2h ago, hour 0 3h ago; keep the snapshot's hour.
            assertThat(journal.deleteRolledFilesBefore(snapshotIndex, 3 * HOUR_MS)).isZero();
            assertThat(journal.deleteRolledFilesBefore(snapshotIndex, 2 * HOUR_MS + 11)).isZero();
            assertThat(journal.deleteRolledFilesBefore(snapshotIndex, 2 * HOUR_MS)).isEqualTo(1);
            assertThat(cycleFiles()).containsExactly("20260101-01F.cq4", "20260101-02F.cq4", "20260101-03F.cq4");
            assertThat(journal.deleteRolledFilesBefore(snapshotIndex, 0)).isEqualTo(1);
            assertThat(journal.deleteRolledFilesBefore(snapshotIndex, 0)).isZero();
            assertThat(cycleFiles()).containsExactly("20260101-02F.cq4", "20260101-03F.cq4");

            // The writer goes on; readers start at the first file left.
            tick(journal, 1, 5);
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                final List<SimulationSummary> summaries = reader.simulations();
                assertThat(summaries).hasSize(1);
                final SimulationSummary summary = summaries.getFirst();
                assertThat(summary.startedIndex()).isEqualTo(-1);
                assertThat(summary.kind()).isEqualTo(SimulationKind.NULL_VAL);
                assertThat(summary.firstTick()).isEqualTo(2);
                assertThat(summary.lastTick()).isEqualTo(5);
                assertThat(summary.lastSnapshotIndex()).isEqualTo(snapshotIndex);
                assertThat(summary.nextSequence()).isEqualTo(6);

                final List<Long> snapshots = new ArrayList<>();
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
                        final org.agrona.DirectBuffer payload,
                        final int offset,
                        final int length)
                    {
                        snapshots.add(index);
                    }
                }, snapshotIndex);
                assertThat(snapshots).containsExactly(snapshotIndex);
            }

            // Never the newest file nor the current cycle, even when asked to keep from a later index.
            clock.update(START_MS + 10 * HOUR_MS);
            assertThat(journal.deleteRolledFilesBefore(Long.MAX_VALUE >>> 1, 0)).isEqualTo(1);
            assertThat(cycleFiles()).containsExactly("20260101-03F.cq4");
            tick(journal, 1, 6);
            assertThat(journal.deleteRolledFilesBefore(Long.MAX_VALUE >>> 1, 0)).isEqualTo(1);
            assertThat(cycleFiles()).containsExactly("20260101-10F.cq4");
            tick(journal, 1, 7);
            assertThatThrownBy(() -> journal.deleteRolledFilesBefore(snapshotIndex, -1))
                .isInstanceOf(IllegalArgumentException.class);
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            assertThat(reader.simulations().getFirst().firstTick()).isEqualTo(6);
        }
    }
}

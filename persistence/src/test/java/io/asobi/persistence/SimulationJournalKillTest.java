package io.asobi.persistence;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process killed (SIGKILL) in the middle of a Chronicle append leaves a document whose header says "incomplete":
 * what readers, {@link SimulationJournalRepair#repairTail} and the next writer make of it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SimulationJournalKillTest
{
    @TempDir
    Path root;

    @Test
    void shouldKeepTheWholeDocumentsAndGoOnAfterAKillMidAppend() throws Exception
    {
        final Path dir = root.resolve("tick-0");
        final int ticks = 20;
        KilledChild.runUntilThenKill(SimulationJournalDyingChild.class, "mid-append after " + ticks,
            dir.toString(), Integer.toString(ticks));

        // Readers stop at the incomplete header: the whole documents are all there.
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            final SimulationSummary summary = reader.simulations().getFirst();
            assertThat(summary.tickCount()).isEqualTo(ticks);
            assertThat(summary.nextSequence()).isEqualTo(ticks);
        }
        final SimulationJournalRepair.RepairResult result =
            SimulationJournalRepair.repairTail(dir, root.resolve("quarantine"));
        assertThat(result.documents()).isEqualTo(1 + ticks);
        assertThat(result.truncatedDocuments()).isZero();

        // The next writer appends after it.
        final UnsafeBuffer input = new UnsafeBuffer(new byte[8]);
        try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(dir)))
        {
            journal.resume(1, ticks, ticks - 1);
            journal.beginTick(1, ticks);
            journal.input(1, 1, input, 0, 4);
            journal.endTick(0);
            journal.ended(1, "finished");
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            final SimulationSummary summary = reader.simulations().getFirst();
            assertThat(summary.tickCount()).isEqualTo(ticks + 1);
            assertThat(summary.endReason()).isEqualTo("finished");
        }
        // Chronicle's next appender force-unlocked the dead writer's lock and wrote over the incomplete document.
        assertThat(SimulationJournalSnapshotTest.rawDocuments(dir)).hasSize(1 + ticks + 2);
    }
}

package io.asobi.world;

import io.asobi.persistence.JournalRollCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention of world journals: old files go once their age passes the limit, except the ones a live world needs
 * to be restored (its newest snapshot, else its start); the world still restores afterwards.
 */
class WorldJournalRetentionTest
{
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path tempDir;

    private WorldHarness harness()
    {
        return new WorldHarness()
            .mode(WorldHarness.small("snap").withLifecycle(0, 0, true))
            .mode(WorldHarness.small("nosnap").withLifecycle(0, 0, true), logic -> logic.npcsWander = false);
    }

    private WorldRuntime.Context context(final WorldHarness h, final int snapshotIntervalTicks)
    {
        return h.context().journalDir(tempDir).journalRollCycle(JournalRollCycle.HOURLY).journalRetentionMs(HOUR_MS)
            .snapshotIntervalTicks(snapshotIntervalTicks);
    }

    @Test
    void oldFilesGoUnlessALiveWorldNeedsThem() throws IOException
    {
        final String kept;
        long epochMs;
        try (WorldHarness h = harness())
        {
            h.launch(context(h, 0)); // no snapshots: the world needs its first file for ever
            kept = h.createWith("A", "nosnap");
            final Path dir = tempDir.resolve("tick-0");
            final List<Path> first = files(dir);
            assertThat(first).hasSize(1);
            for (int hour = 0; hour < 3; hour++)
            {
                h.epochClock.advance(HOUR_MS + 1);
                h.input("A", "{\"dx\":1}");
                h.advanceMs(61_000); // a retention check is due once a minute
            }
            assertThat(files(dir)).as("the world still needs its first file").contains(first.getFirst());
            epochMs = h.epochClock.time();
        }
        try (WorldHarness h = harness())
        {
            h.epochClock.update(epochMs); // the wall clock went on while the server was down
            h.launch(context(h, 5));
            assertThat(h.world(kept)).isNotNull();
            final Path dir = tempDir.resolve("tick-0");
            final List<Path> before = files(dir);
            for (int hour = 0; hour < 2; hour++)
            {
                h.epochClock.advance(HOUR_MS + 1);
                h.runtime.playerConnected("A");
                h.input("A", "{\"dx\":1}");
                h.advanceMs(61_000);
            }
            assertThat(files(dir)).as("a snapshot in a newer file frees the old ones")
                .doesNotContain(before.getFirst());
            epochMs = h.epochClock.time();
        }
        try (WorldHarness h = harness())
        {
            h.epochClock.update(epochMs);
            h.runtime = WorldRuntime.launch(context(h, 5));
            assertThat(h.world(kept)).as("restored from what was kept").isNotNull();
            assertThat(h.world(kept).member("A")).isNotNull();
            final String entities = h.world(kept).dumpEntities();
            final WorldReplay replay = h.runtime.replay(tempDir.resolve("tick-0"), h.world(kept).simulationId, true,
                -1);
            assertThat(replay.failure()).isNull();
            assertThat(replay.worldId()).as("found through its snapshot").isEqualTo(kept);
            assertThat(replay.mode()).isEqualTo("nosnap");
            assertThat(replay.dumpEntities()).isEqualTo(entities);
        }
    }

    private static List<Path> files(final Path dir) throws IOException
    {
        try (Stream<Path> entries = Files.list(dir))
        {
            return entries.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

package io.asobi.match;

import io.asobi.persistence.JournalRollCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention: old journal files go once their age passes the limit, but never one a live match still needs to be
 * restored; the match still restores after the others are gone.
 */
class MatchJournalRetentionTest
{
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path tempDir;

    @Test
    void oldFilesGoUnlessALiveMatchNeedsThem() throws IOException
    {
        final AtomicLong crashAtTick = new AtomicLong(-1);
        try (RuntimeHarness h = new RuntimeHarness())
        {
            h.modes.add(TestModes.config("counter", 1, 1, 2, 10, true, true, true),
                () -> new CounterLogic(crashAtTick, false, true));
            h.modes.add(TestModes.config("nosnap", 1, 1, 2, 10, true, true, true),
                () -> new CounterLogic(crashAtTick, false, false));
            h.launch(h.context().journalDir(tempDir).journalRollCycle(JournalRollCycle.HOURLY)
                .journalRetentionMs(HOUR_MS).snapshotIntervalTicks(5));

            assertThat(h.findOrCreate("A", "counter").awaitOk(h)).isTrue();
            assertThat(h.findOrCreate("B", "nosnap").awaitOk(h)).isTrue(); // pins its first file: no snapshots
            h.advanceMs(500);
            final Path dir = tempDir.resolve("tick-0");
            final List<Path> first = files(dir);
            assertThat(first).hasSize(1);

            for (int hour = 0; hour < 3; hour++)
            {
                h.epochClock.advance(HOUR_MS + 1);
                h.advanceMs(61_000); // a retention check is due once a minute
            }
            assertThat(files(dir)).as("B still needs the first file").contains(first.getFirst());

            assertThat(h.leave("B").awaitOk(h)).isTrue();
            h.epochClock.advance(HOUR_MS + 1);
            h.advanceMs(61_000);
            final List<Path> left = files(dir);
            assertThat(left).as("files older than an hour that no live match needs are gone")
                .doesNotContain(first.getFirst());

            crashAtTick.set(lastTicks(h) + 2);
            h.advanceMs(500);
            final MatchInstance counter = h.runtime.matchOf("A");
            assertThat(counter.restoreCount()).as("A restores from what was kept").isEqualTo(1);
        }
    }

    private static long lastTicks(final RuntimeHarness h)
    {
        return h.outbound.to("A", "match.state").getLast().json().get("payload").get("ticks").asLong();
    }

    private static List<Path> files(final Path dir) throws IOException
    {
        try (Stream<Path> entries = Files.list(dir))
        {
            return entries.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }
}

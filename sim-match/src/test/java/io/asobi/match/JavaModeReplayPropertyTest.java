package io.asobi.match;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationSummary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay determinism for a Java mode, crashes included: random inputs (some of which make the logic throw, so the
 * match is restored from its snapshot and journal mid-game) played live; the journal re-simulated from the start
 * and from the newest snapshot gives the hashes recorded live and the state the players last saw.
 */
class JavaModeReplayPropertyTest
{
    @Property(tries = 20)
    void liveAndReplayedHashesAgreeAcrossCrashes(
        @ForAll @Size(min = 1, max = 40) final List<@IntRange(min = -3, max = 9) Integer> values,
        @ForAll @IntRange(min = 0, max = 6) final int snapshotIntervalTicks) throws IOException
    {
        final Path dir = Files.createTempDirectory("java-replay");
        try
        {
            final Path journalDir = dir.resolve("simulations");
            final String[] lastState = new String[1];
            final String matchId = playLive(journalDir, values, snapshotIntervalTicks, lastState);

            final MatchReplay fromStart;
            final SimulationSummary summary;
            try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir.resolve("tick-0")))
            {
                summary = reader.simulations().getFirst();
                fromStart = new MatchReplay(mode(), matchId, Long.MAX_VALUE, null);
                reader.read(fromStart);
            }
            assertThat(fromStart.failure()).isNull();
            assertThat(fromStart.firstDivergentTick()).as("first divergent tick").isEqualTo(-1);
            assertThat(new String(fromStart.stateFrame(null))).isEqualTo(lastState[0]);

            if (summary.lastSnapshotIndex() >= 0)
            {
                final MatchReplay fromSnapshot =
                    MatchReplay.fromSnapshot(mode(), summary.simulationId(), summary.lastSnapshotIndex(), null);
                try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir.resolve("tick-0")))
                {
                    reader.read(fromSnapshot, summary.lastSnapshotIndex());
                }
                assertThat(fromSnapshot.failure()).isNull();
                assertThat(fromSnapshot.firstDivergentTick()).isEqualTo(-1);
                assertThat(fromSnapshot.lastTick()).isEqualTo(fromStart.lastTick());
                assertThat(new String(fromSnapshot.stateFrame(null))).isEqualTo(lastState[0]);
            }
        }
        finally
        {
            deleteTree(dir);
        }
    }

    private static GameMode mode()
    {
        return new TestModes().add(TestModes.config("counter", 1, 1, 2, 10, true, true, true),
            () -> new CounterLogic(new AtomicLong(-1), false, true)).find("counter");
    }

    private static String playLive(
        final Path journalDir, final List<Integer> values, final int snapshotIntervalTicks, final String[] lastState)
    {
        try (RuntimeHarness h = new RuntimeHarness())
        {
            h.modes.add(TestModes.config("counter", 1, 1, 2, 10, true, true, true),
                () -> new CounterLogic(new AtomicLong(-1), false, true));
            h.launch(h.context().journalDir(journalDir).snapshotIntervalTicks(snapshotIntervalTicks)
                .crashLimit(1000));
            final RecordingReply a = h.findOrCreate("A", "counter");
            h.advanceMs(100);
            final RecordingReply b = h.findOrCreate("B", "counter");
            h.advanceMs(200);
            assertThat(a.isOk()).isTrue();
            assertThat(b.isOk()).isTrue();
            for (int i = 0; i < values.size(); i++)
            {
                final int v = values.get(i);
                final String who = 0 == i % 2 ? "A" : "B";
                h.input(who, v < 0 ? "{\"boom\":true}" : "{\"v\":" + v + "}");
                if (0 != i % 3)
                {
                    h.advanceMs(100);
                }
            }
            h.advanceMs(200);
            lastState[0] = new String(h.outbound.to("A", "match.state").getLast().frame());
            return a.payload.path("match_id").asText();
        }
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (var paths = Files.walk(dir))
        {
            for (final Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}

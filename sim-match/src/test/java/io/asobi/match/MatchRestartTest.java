package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runtime started on the journal of one that stopped without ending its matches restores them: they wait for
 * their players, resume when one connects again, and end as abandoned when nobody does.
 */
class MatchRestartTest
{
    @TempDir
    Path tempDir;

    private RuntimeHarness harness(final boolean isSnapshotting)
    {
        final RuntimeHarness h = new RuntimeHarness();
        h.modes.add(TestModes.config("counter", 1, 1, 2, 10, true, true, true),
            () -> new CounterLogic(new AtomicLong(-1), false, isSnapshotting));
        return h;
    }

    private MatchRuntime.Context context(final RuntimeHarness h)
    {
        return h.context().journalDir(tempDir.resolve("simulations")).snapshotIntervalTicks(5)
            .reconnectGraceMs(2000);
    }

    private JsonNode runFirstLife(final boolean isSnapshotting)
    {
        try (RuntimeHarness h = harness(isSnapshotting))
        {
            h.launch(context(h));
            assertThat(h.findOrCreate("A", "counter").awaitOk(h)).isTrue();
            for (int i = 0; i < 12; i++)
            {
                h.input("A", "{\"v\":3}");
                h.advanceMs(100);
            }
            final List<RecordingOutbound.Sent> states = h.outbound.to("A", "match.state");
            return states.getLast().json().get("payload");
        } // closed without the player leaving: the match never ended
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = { true, false })
    void aRestoredMatchWaitsForItsPlayerAndResumesWhereItStopped(final boolean isSnapshotting)
    {
        final JsonNode last = runFirstLife(isSnapshotting);
        assertThat(last.get("sum").asLong()).isEqualTo(36);

        try (RuntimeHarness h = harness(isSnapshotting))
        {
            h.launch(context(h));
            assertThat(h.runtime.liveMatchCount()).isEqualTo(1);
            h.advanceMs(500);
            assertThat(h.outbound.ofType("match.state")).as("paused while nobody is back").isEmpty();

            h.runtime.playerConnected("A");
            h.advanceMs(300);
            final List<RecordingOutbound.Sent> joined = h.outbound.to("A", "match.joined");
            assertThat(joined).hasSize(1);
            assertThat(joined.getFirst().json().has("cid")).isFalse();
            h.input("A", "{\"v\":3}");
            h.advanceMs(300);

            final List<RecordingOutbound.Sent> states = h.outbound.to("A", "match.state");
            assertThat(states).isNotEmpty();
            final JsonNode first = states.getFirst().json().get("payload");
            assertThat(first.get("ticks").asLong()).as("the next tick after the last one seen")
                .isEqualTo(last.get("ticks").asLong() + 1);
            assertThat(first.get("sum").asLong()).isEqualTo(36);
            assertThat(states.getLast().json().get("payload").get("sum").asLong()).isEqualTo(39);
            assertThat(h.runtime.matchOf("A").crashCount()).isZero();
        }
    }

    @Test
    void aRestoredMatchNobodyComesBackToIsAbandoned()
    {
        runFirstLife(true);
        try (RuntimeHarness h = harness(true))
        {
            h.launch(context(h));
            assertThat(h.runtime.liveMatchCount()).isEqualTo(1);
            h.advanceMs(2500);
            assertThat(h.runtime.liveMatchCount()).isZero();
        }
        try (SimulationJournalReader reader = SimulationJournalReader.open(
            tempDir.resolve("simulations").resolve("tick-0")))
        {
            final SimulationSummary summary = reader.simulations().getFirst();
            assertThat(summary.endReason()).isEqualTo("abandoned");
        }
        try (RuntimeHarness h = harness(true))
        {
            h.launch(context(h));
            assertThat(h.runtime.liveMatchCount()).as("an ended match is not restored again").isZero();
        }
    }

    @Test
    void aRepairACrashInterruptedIsFinishedBeforeMatchesAreRestored() throws java.io.IOException
    {
        runFirstLife(true);
        final Path journals = tempDir.resolve("simulations");
        // The crash came after the repaired copy was complete and the original had been moved away.
        java.nio.file.Files.move(journals.resolve("tick-0"), journals.resolve("tick-0.repaired-1700000000000"));
        try (RuntimeHarness h = harness(true))
        {
            h.launch(context(h));
            assertThat(h.runtime.liveMatchCount()).as("the copy took its place and its match came back").isEqualTo(1);
        }
        assertThat(java.nio.file.Files.isDirectory(journals.resolve("tick-0"))).isTrue();
        assertThat(java.nio.file.Files.exists(journals.resolve("tick-0.repaired-1700000000000"))).isFalse();
    }
}

package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash isolation: a logic exception restores the match from its journal on its own tick thread, its neighbour is
 * untouched, and too many crashes finish it as crashed.
 */
class MatchCrashIsolationTest
{
    @TempDir
    Path tempDir;

    private final AtomicLong crashAtTick = new AtomicLong(-1);

    private RuntimeHarness harness(final boolean isSnapshotting, final boolean isAlwaysCrashing)
    {
        final RuntimeHarness h = new RuntimeHarness();
        h.modes.add(TestModes.config("counter", 1, 1, 2, 10, true, true, true),
            () -> new CounterLogic(crashAtTick, isAlwaysCrashing, isSnapshotting));
        h.mode(TestModes.config("neighbour", 1, 1, 2, 10, true, true, true));
        return h;
    }

    private MatchRuntime.Context context(final RuntimeHarness h)
    {
        return h.context().journalDir(tempDir.resolve("simulations")).snapshotIntervalTicks(5).tickThreads(1);
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = { true, false })
    void aMatchThatThrowsIsRestoredAndGoesOnWhileItsNeighbourIsUntouched(final boolean isSnapshotting)
    {
        try (RuntimeHarness h = harness(isSnapshotting, false))
        {
            h.launch(context(h));
            assertThat(h.findOrCreate("A", "counter").awaitOk(h)).isTrue();
            assertThat(h.findOrCreate("B", "neighbour").awaitOk(h)).isTrue();
            for (int i = 0; i < 12; i++)
            {
                h.input("A", "{\"v\":1}");
                h.advanceMs(100);
            }
            final MatchInstance counter = h.runtime.matchOf("A");
            final int neighbourTicksBefore = h.logic(0).tickCount;

            final long crashAt = lastTicks(h) + 3;
            crashAtTick.set(crashAt);
            for (int i = 0; i < 10; i++)
            {
                h.input("A", "{\"v\":1}");
                h.advanceMs(100);
            }

            assertThat(counter.crashCount()).isEqualTo(1);
            assertThat(counter.restoreCount()).isEqualTo(1);
            assertThat(h.runtime.matchOf("A")).as("the same match, still joined").isSameAs(counter);
            assertThat(h.outbound.to("A", "match.finished")).isEmpty();
            assertThat(h.logic(0).tickCount - neighbourTicksBefore).as("neighbour ticked every 100 ms")
                .isEqualTo(10);

            final List<Long> ticks = new ArrayList<>();
            long lastSum = -1;
            for (final RecordingOutbound.Sent sent : h.outbound.to("A", "match.state"))
            {
                final JsonNode payload = sent.json().get("payload");
                ticks.add(payload.get("ticks").asLong());
                assertThat(payload.get("sum").asLong()).isGreaterThanOrEqualTo(lastSum);
                lastSum = payload.get("sum").asLong();
            }
            for (int i = 1; i < ticks.size(); i++)
            {
                assertThat(ticks.get(i)).as("state goes on tick by tick across the crash").isEqualTo(ticks.get(i - 1) + 1);
            }
            assertThat(ticks.getLast()).isGreaterThan(crashAt);
            assertThat(lastSum).as("only the crashed tick's input is lost").isBetween(20L, 22L);
        }
    }

    private static long lastTicks(final RuntimeHarness h)
    {
        return h.outbound.to("A", "match.state").getLast().json().get("payload").get("ticks").asLong();
    }

    @Test
    void aFailingInputIsDroppedAndTheMatchRestored()
    {
        try (RuntimeHarness h = harness(true, false))
        {
            h.launch(context(h));
            assertThat(h.findOrCreate("A", "counter").awaitOk(h)).isTrue();
            for (int i = 0; i < 8; i++)
            {
                h.input("A", "{\"v\":2}");
                h.advanceMs(100);
            }
            h.input("A", "{\"v\":100,\"boom\":true}");
            h.advanceMs(100);
            for (int i = 0; i < 3; i++)
            {
                h.input("A", "{\"v\":2}");
                h.advanceMs(100);
            }
            final MatchInstance counter = h.runtime.matchOf("A");
            assertThat(counter.crashCount()).isEqualTo(1);
            final List<RecordingOutbound.Sent> states = h.outbound.to("A", "match.state");
            assertThat(states.getLast().json().get("payload").get("sum").asLong()).isEqualTo(22);
        }
    }

    @Test
    void crashesOverTheLimitFinishTheMatchAsCrashed() throws Exception
    {
        try (RuntimeHarness h = harness(true, true))
        {
            h.launch(context(h).crashLimit(3).crashWindowMs(60_000));
            assertThat(h.findOrCreate("A", "counter").awaitOk(h)).isTrue();
            assertThat(h.findOrCreate("B", "neighbour").awaitOk(h)).isTrue();
            h.advanceMs(500);
            final int neighbourTicksBefore = h.logic(0).tickCount;
            crashAtTick.set(lastTicks(h) + 2);
            h.advanceMs(1000);

            final List<RecordingOutbound.Sent> finished = h.outbound.to("A", "match.finished");
            assertThat(finished).hasSize(1);
            assertThat(finished.getFirst().json().get("payload").get("result").toString())
                .isEqualTo("{\"status\":\"crashed\"}");
            assertThat(h.logic(0).tickCount - neighbourTicksBefore).isEqualTo(10);
            assertThat(h.outbound.to("B", "match.finished")).isEmpty();

            h.advanceMs(6000); // finished linger
            try (SimulationJournalReader reader = SimulationJournalReader.open(
                tempDir.resolve("simulations").resolve("tick-0")))
            {
                final SimulationSummary counter = reader.simulations().stream()
                    .filter(s -> "counter".equals(s.mode())).findFirst().orElseThrow();
                assertThat(counter.endReason()).isEqualTo("crashed");
            }
        }
    }
}

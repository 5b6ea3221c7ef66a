package io.asobi.match;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationRecordHandler;
import io.asobi.persistence.SimulationSummary;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matches journal what they apply: a {@code SimulationStarted} naming the match, then per tick one document with
 * the applied joins, leaves and inputs in order and a {@code TickEnd}; replies and frames still reach the players.
 */
class MatchJournalTest
{
    @TempDir
    Path tempDir;

    @Test
    void appliedJoinsAndInputsAreJournaledTickByTick()
    {
        final Path journalDir = tempDir.resolve("simulations");
        final String matchId;
        try (RuntimeHarness h = new RuntimeHarness())
        {
            h.mode(TestModes.config("duel", 2, 2, 2, 10, true, true, true));
            h.launch(h.context().journalDir(journalDir));
            final RecordingReply a = h.findOrCreate("A", "duel");
            final RecordingReply b = h.findOrCreate("B", "duel");
            h.advanceMs(100);
            assertThat(a.isOk()).isTrue();
            assertThat(b.isOk()).isTrue();
            matchId = a.payload.path("match_id").asText();

            assertThat(h.input("A", "{\"move_x\":1}")).isEqualTo(InputResult.ACCEPTED);
            assertThat(h.input("B", "{\"move_x\":-1}")).isEqualTo(InputResult.ACCEPTED);
            h.advanceMs(300);
            assertThat(h.outbound.ofType("match.state")).as("frames are released after the journal").isNotEmpty();
        }

        final List<String> records = new ArrayList<>();
        try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir.resolve("tick-0")))
        {
            final List<SimulationSummary> simulations = reader.simulations();
            assertThat(simulations).hasSize(1);
            final SimulationSummary summary = simulations.get(0);
            assertThat(summary.name()).isEqualTo(matchId);
            assertThat(summary.mode()).isEqualTo("duel");
            assertThat(summary.kind()).isEqualTo(SimulationKind.MATCH);
            assertThat(summary.rngSeed()).isEqualTo(42L);
            assertThat(summary.tickRateHz()).isEqualTo(10);
            assertThat(summary.inputCount()).isEqualTo(4);
            assertThat(summary.tickCount()).isGreaterThanOrEqualTo(3);

            reader.read(new SimulationRecordHandler()
            {
                public void onInput(
                    final long index, final long simulationId, final long tick, final long sequence,
                    final long sourceId, final int inputType, final DirectBuffer payload, final int offset,
                    final int length)
                {
                    final byte[] bytes = new byte[length];
                    payload.getBytes(offset, bytes);
                    final String text = MatchRecords.INPUT == inputType ?
                        new String(bytes, StandardCharsets.UTF_8) :
                        new String(bytes, 1, bytes[0], StandardCharsets.UTF_8);
                    records.add(sequence + ":" + MatchRecords.typeName(inputType) + ":" + text);
                }
            });
        }
        assertThat(records).containsExactly(
            "0:join:A", "1:join:B", "2:input:{\"move_x\":1}", "3:input:{\"move_x\":-1}");
    }

    @Test
    void aTickThatCannotBeJournaledReleasesNothing()
    {
        try (RuntimeHarness h = new RuntimeHarness())
        {
            h.mode(TestModes.config("solo", 1, 1, 1, 10, true, true, true));
            h.launch(h.context().journalDir(tempDir.resolve("simulations")));
            final RecordingReply first = h.findOrCreate("A", "solo");
            h.advanceMs(100);
            assertThat(first.isOk()).isTrue();
            final int framesBefore = h.outbound.ofType("match.state").size();

            h.runtime.journal(0).close(); // the disk goes away
            h.advanceMs(300);

            assertThat(h.outbound.ofType("match.state")).as("no frame of an unjournaled tick is sent")
                .hasSize(framesBefore);
        }
    }
}

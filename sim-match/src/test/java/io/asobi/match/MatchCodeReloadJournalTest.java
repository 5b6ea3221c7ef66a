package io.asobi.match;

import io.asobi.match.lua.LuaGameModes;
import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationSummary;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hot reload during a journaled match is journaled (a {@code CODE} record with the new code hash) and followed by
 * a snapshot, so that recovery re-runs only ticks of the code now loaded.
 */
class MatchCodeReloadJournalTest
{
    private static final String V1 = """
        match_size = 1
        step = 1
        function init(config) return { count = 0 } end
        function join(player_id, state) return state end
        function leave(player_id, state) return state end
        function handle_input(player_id, input, state) return state end
        function tick(state)
            state.count = state.count + step
            return state
        end
        function get_state(player_id, state) return { count = state.count } end
        """;

    @TempDir
    Path dir;

    @Test
    void aReloadIsJournaledAndSnapshotted() throws IOException
    {
        final Path game = Files.createDirectories(dir.resolve("game"));
        final Path script = game.resolve("match.lua");
        Files.writeString(script, V1);
        final Path journalDir = dir.resolve("simulations");
        final String matchId;
        try (RuntimeHarness h = new RuntimeHarness();
            LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game).nanoClock(h.clock)))
        {
            h.launch(h.context().gameModes(modes).journalDir(journalDir).snapshotIntervalTicks(100_000));
            final RecordingReply joined = h.findOrCreate("A", "default");
            h.advanceMs(500);
            assertThat(joined.isOk()).isTrue();
            matchId = joined.payload.path("match_id").asText();

            final FileTime before = Files.getLastModifiedTime(script);
            Files.writeString(script, V1.replace("step = 1", "step = 100"));
            Files.setLastModifiedTime(script, FileTime.fromMillis(before.toMillis() + 1000));
            h.advanceMs(1500);
            final long count = h.outbound.to("A", "match.state").getLast().json().path("payload").path("count")
                .asLong();
            assertThat(count).as("the new code runs").isGreaterThan(100);
        }

        try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir.resolve("tick-0"));
            LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game)
                .nanoClock(new CachedNanoClock())))
        {
            final SimulationSummary summary = reader.simulations().getFirst();
            assertThat(summary.lastSnapshotIndex()).as("a snapshot follows the reload").isNotNegative();

            final MatchReplay fromStart = new MatchReplay(modes.find("default"), matchId, Long.MAX_VALUE, null);
            reader.read(fromStart);
            assertThat(fromStart.codeReloadTicks()).hasSize(1);
            assertThat(fromStart.codeReloadTicks().getFirst()).isEqualTo(summary.lastSnapshotTick());
            assertThat(fromStart.firstDivergentTick()).as("the replay runs the new code from the start")
                .isNotNegative();

            final MatchReplay fromSnapshot = MatchReplay.fromSnapshot(modes.find("default"), summary.simulationId(),
                summary.lastSnapshotIndex(), null);
            reader.read(fromSnapshot, summary.lastSnapshotIndex());
            assertThat(fromSnapshot.failure()).isNull();
            assertThat(fromSnapshot.firstDivergentTick()).as("recovery from the reload's snapshot is exact")
                .isEqualTo(-1);
            assertThat(fromSnapshot.lastTick()).isEqualTo(summary.lastTick());
        }
    }
}

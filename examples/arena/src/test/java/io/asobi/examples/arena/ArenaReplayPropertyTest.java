package io.asobi.examples.arena;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import io.asobi.match.GameModes;
import io.asobi.match.InputResult;
import io.asobi.match.MatchReplay;
import io.asobi.match.MatchRuntime;
import io.asobi.match.Reply;
import io.asobi.persistence.SimulationJournalReader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay determinism for the Java mode: random arena inputs (moves, shots, aims) played live through the runtime
 * with journaling on, then re-simulated from the journal: every tick's frame hash equals the one recorded live.
 */
class ArenaReplayPropertyTest
{
    private static final long TICK_NS = 1_000_000_000L / 60 + 1; // one 60 Hz tick due per step

    @Property(tries = 10)
    void liveAndReplayedArenaAgree(
        @ForAll @Size(min = 1, max = 120) final List<@IntRange(min = 0, max = 80) Integer> actions) throws IOException
    {
        final Path dir = Files.createTempDirectory("arena-replay");
        try
        {
            final GameMode arena = new ArenaMode(0);
            final String matchId = playLive(arena, dir, actions);
            final MatchReplay replay = new MatchReplay(new ArenaMode(0), matchId, Long.MAX_VALUE, null);
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir.resolve("tick-0")))
            {
                reader.read(replay);
            }
            assertThat(replay.isFound()).isTrue();
            assertThat(replay.failure()).isNull();
            assertThat(replay.ticksReplayed()).isGreaterThanOrEqualTo(actions.size());
            assertThat(replay.firstDivergentTick()).as("first divergent tick").isEqualTo(-1);
        }
        finally
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String playLive(final GameMode arena, final Path journalDir, final List<Integer> actions)
    {
        final CachedNanoClock clock = new CachedNanoClock();
        final AtomicReference<String> matchId = new AtomicReference<>();
        final GameModes modes = new GameModes()
        {
            public GameMode find(final String name)
            {
                return ArenaMode.NAME.equals(name) ? arena : null;
            }

            public Collection<GameMode> all()
            {
                return List.of(arena);
            }
        };
        try (MatchRuntime runtime = MatchRuntime.launch(new MatchRuntime.Context()
            .gameModes(modes).outbound((p, f) -> {}).invokerMode(true).nanoClock(clock)
            .epochClock(new CachedEpochClock()).seedGenerator(() -> 99L).journalDir(journalDir)))
        {
            for (final String player : List.of("red", "blue", "green"))
            {
                runtime.findOrCreate(player, ArenaMode.NAME, null, new Reply()
                {
                    public void ok(final String type, final ObjectNode payload)
                    {
                        matchId.compareAndSet(null, payload.path("match_id").asText());
                    }

                    public void error(final String reason, final ObjectNode details)
                    {
                        throw new AssertionError(reason);
                    }
                });
                step(runtime, clock);
            }
            for (final int action : actions)
            {
                final String player = List.of("red", "blue", "green").get(action % 3);
                final String input = "{\"move_x\":" + (action % 3 - 1) + ",\"move_y\":" + (action / 3 % 3 - 1) +
                    ",\"shoot\":" + (action % 4 == 0) + ",\"aim_x\":" + (action % 5 - 2) + ",\"aim_y\":" +
                    (action % 7 - 3) + "}";
                final byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
                assertThat(runtime.input(player, bytes, 0, bytes.length)).isEqualTo(InputResult.ACCEPTED);
                step(runtime, clock);
            }
            step(runtime, clock);
        }
        catch (final UncheckedIOException ex)
        {
            throw ex;
        }
        return matchId.get();
    }

    private static void step(final MatchRuntime runtime, final CachedNanoClock clock)
    {
        clock.advance(TICK_NS);
        for (int i = 0; i < 100 && 0 != runtime.doWork(); i++)
        {
            Thread.onSpinWait();
        }
    }
}

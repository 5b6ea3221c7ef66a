package io.asobi.match;

import io.asobi.match.lua.LuaGameModes;
import io.asobi.persistence.SimulationJournalReader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.CachedNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay determinism for a Lua mode (the SDK smoke's {@code demo}): random inputs played live through the runtime
 * with journaling on, then re-simulated from the journal by {@link MatchReplay}: every tick's frame hash equals the
 * one recorded live. Changing the script's speed makes the replay diverge, so the check can fail.
 */
class MatchReplayPropertyTest
{
    private static final Path DEMO = Path.of("../examples/sdk-demo/demo.lua");

    @Property(tries = 15)
    void liveAndReplayedHashesAgree(@ForAll @Size(min = 1, max = 40) final List<@IntRange(min = -1, max = 1) Integer> moves)
        throws IOException
    {
        final Path dir = Files.createTempDirectory("replay");
        try
        {
            final Path game = Files.createDirectories(dir.resolve("game"));
            Files.copy(DEMO, game.resolve("match.lua"));
            final String matchId = playLive(game, dir.resolve("simulations"), moves);

            final MatchReplay replay = replay(game, dir.resolve("simulations"), matchId);
            assertThat(replay.isFound()).isTrue();
            assertThat(replay.failure()).isNull();
            assertThat(replay.ticksReplayed()).isGreaterThan(moves.size());
            assertThat(replay.firstDivergentTick()).as("first divergent tick").isEqualTo(-1);

            if (moves.stream().anyMatch(m -> m != 0))
            {
                Files.writeString(game.resolve("match.lua"),
                    Files.readString(game.resolve("match.lua")).replace("SPEED = 4", "SPEED = 5"));
                assertThat(replay(game, dir.resolve("simulations"), matchId).firstDivergentTick())
                    .as("a changed script diverges").isNotEqualTo(-1);
            }
        }
        finally
        {
            deleteTree(dir);
        }
    }

    private static String playLive(final Path game, final Path journalDir, final List<Integer> moves)
    {
        try (RuntimeHarness h = new RuntimeHarness();
            LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game).nanoClock(h.clock)))
        {
            h.launch(h.context().gameModes(modes).journalDir(journalDir));
            final RecordingReply a = h.findOrCreate("A", "default");
            h.advanceMs(100);
            final RecordingReply b = h.findOrCreate("B", "default");
            h.advanceMs(200);
            assertThat(a.isOk()).isTrue();
            assertThat(b.isOk()).isTrue();
            final String matchId = a.payload.path("match_id").asText();
            assertThat(b.payload.path("match_id").asText()).isEqualTo(matchId);
            for (int i = 0; i < moves.size(); i++)
            {
                final String who = 0 == i % 2 ? "A" : "B";
                h.input(who, "{\"move_x\":" + moves.get(i) + ",\"move_y\":" + moves.get(moves.size() - 1 - i) + "}");
                h.advanceMs(100);
            }
            h.advanceMs(200);
            return matchId;
        }
    }

    private static MatchReplay replay(final Path game, final Path journalDir, final String matchId)
    {
        try (LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game)
            .nanoClock(new CachedNanoClock()));
            SimulationJournalReader reader = SimulationJournalReader.open(journalDir.resolve("tick-0")))
        {
            final MatchReplay replay = new MatchReplay(modes.find("default"), matchId, Long.MAX_VALUE, null);
            reader.read(replay);
            return replay;
        }
    }

    private static void deleteTree(final Path dir)
    {
        try (var paths = Files.walk(dir))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.delete(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

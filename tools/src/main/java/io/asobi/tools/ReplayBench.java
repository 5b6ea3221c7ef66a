package io.asobi.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import io.asobi.match.InputResult;
import io.asobi.match.MatchReplay;
import io.asobi.match.MatchRuntime;
import io.asobi.match.Reply;
import io.asobi.match.lua.LuaGameModes;
import io.asobi.persistence.SimulationJournalReader;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code asobi bench replay}: records a long match with the real runtime on a simulated clock (players sending
 * random inputs), then times {@code MatchReplay} over its journal: ticks per second and the speed-up over real time.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay speed: record an N-minute match with P players, then re-simulate it from the journal.")
final class ReplayBench implements Callable<Integer>
{
    @Option(names = "--game-dir", defaultValue = "examples/bench", description = "Game dir (default ${DEFAULT-VALUE}).")
    Path gameDir;

    @Option(names = "--mode", defaultValue = "brawl", description = "Mode (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--players", defaultValue = "10", description = "Players (default ${DEFAULT-VALUE}).")
    int players;

    @Option(names = "--minutes", defaultValue = "10", description = "Simulated match length (default ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--input-rate", defaultValue = "10", description = "Inputs per second per player (default ${DEFAULT-VALUE}).")
    int inputRate;

    @Override
    public Integer call() throws Exception
    {
        final Path dir = Files.createTempDirectory("asobi-replay-bench");
        try
        {
            final CachedNanoClock clock = new CachedNanoClock();
            final Path game = ServeCommand.resolveGameDir(gameDir);
            final AtomicReference<String> matchId = new AtomicReference<>();
            final long recordStartNs = System.nanoTime();
            final int tickRateHz;
            try (LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game).nanoClock(clock)
                .reloadEnabled(false));
                MatchRuntime runtime = MatchRuntime.launch(new MatchRuntime.Context()
                    .gameModes(modes).outbound((p, f) -> {}).invokerMode(true).nanoClock(clock)
                    .epochClock(new CachedEpochClock()).journalDir(dir)))
            {
                final GameMode gameMode = modes.find(mode);
                if (null == gameMode)
                {
                    System.err.println("no mode " + mode + " in " + game);
                    return 1;
                }
                tickRateHz = gameMode.config().tickRateHz();
                for (int p = 0; p < players; p++)
                {
                    runtime.findOrCreate("player-" + p, mode, null, new Reply()
                    {
                        public void ok(final String type, final ObjectNode payload)
                        {
                            matchId.compareAndSet(null, payload.path("match_id").asText());
                        }

                        public void error(final String reason, final ObjectNode details)
                        {
                            System.err.println("join failed: " + reason);
                        }
                    });
                    step(runtime, clock, 1_000_000_000L / tickRateHz + 1);
                }
                final SplittableRandom random = new SplittableRandom(7);
                final long ticks = (long)minutes * 60 * tickRateHz;
                final double inputsPerTick = (double)inputRate * players / tickRateHz;
                double owed = 0;
                for (long t = 0; t < ticks; t++)
                {
                    owed += inputsPerTick;
                    for (; owed >= 1; owed--)
                    {
                        final byte[] input = ("{\"move_x\":" + (random.nextInt(3) - 1) + ",\"move_y\":" +
                            (random.nextInt(3) - 1) + "}").getBytes(StandardCharsets.UTF_8);
                        if (InputResult.ACCEPTED != runtime.input("player-" + random.nextInt(players), input, 0,
                            input.length))
                        {
                            break;
                        }
                    }
                    step(runtime, clock, 1_000_000_000L / tickRateHz + 1);
                }
            }
            final double recordS = (System.nanoTime() - recordStartNs) / 1e9;

            try (LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game)
                .nanoClock(new CachedNanoClock()).reloadEnabled(false));
                SimulationJournalReader reader = SimulationJournalReader.open(dir.resolve("tick-0")))
            {
                final MatchReplay replay = new MatchReplay(modes.find(mode), matchId.get(), Long.MAX_VALUE, null);
                final long startNs = System.nanoTime();
                reader.read(replay);
                final double replayS = (System.nanoTime() - startNs) / 1e9;
                final double simulatedS = replay.ticksReplayed() / (double)tickRateHz;
                System.out.printf("recorded %s: %d players, %d min at %d Hz (%d ticks) in %.1f s%n",
                    mode, players, minutes, tickRateHz, replay.ticksReplayed(), recordS);
                System.out.printf("replayed in %.2f s: %.0f ticks/s, %.0fx real time; first divergent tick %d%n",
                    replayS, replay.ticksReplayed() / replayS, simulatedS / replayS, replay.firstDivergentTick());
                return replay.firstDivergentTick() < 0 && null == replay.failure() ? 0 : 1;
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void step(final MatchRuntime runtime, final CachedNanoClock clock, final long intervalNs)
    {
        clock.advance(intervalNs);
        for (int i = 0; i < 100 && 0 != runtime.doWork(); i++)
        {
            Thread.onSpinWait();
        }
    }
}

package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import io.asobi.match.MatchReplay;
import io.asobi.match.lua.LuaGameModes;
import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationSummary;
import org.agrona.concurrent.CachedNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.asobi.sbe.journal.SimulationKind;
import io.asobi.world.WorldModes;
import io.asobi.world.WorldReplay;
import io.asobi.world.WorldRuntime;
import java.util.concurrent.Callable;

/**
 * {@code asobi replay}: re-simulate a journaled match or world with the game dir's code and check every journaled
 * tick's frame hash against the one recorded live; optionally dump the state at a tick.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-simulate a match or a world from the journal, check it tick by tick, dump its state.")
final class ReplayCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data-dir", required = true, description = "The server's data dir.")
    Path dataDir;

    @Option(names = "--match", description = "Match id (this or --world).")
    String matchId;

    @Option(names = "--world", description = "World id (this or --match): all of its zones are re-simulated.")
    String worldId;

    @Option(names = "--from-start", description = "Worlds: re-simulate from the world's start, not its newest " +
        "snapshot before --to-tick.")
    boolean fromStart;

    @Option(names = "--game-dir", defaultValue = "examples/hotreload-demo/lua",
        description = "Game dir with the match's mode (default ${DEFAULT-VALUE}).")
    Path gameDir;

    @Option(names = "--to-tick", defaultValue = "" + Long.MAX_VALUE, description = "Last tick to replay.")
    long toTick;

    @Option(names = "--verify", description = "Exit 1 at a tick whose replayed hash differs from the journal's.")
    boolean verify;

    @Option(names = "--dump", description = "Write the state at the last replayed tick to this JSON file.")
    Path dump;

    PrintStream out = System.out;
    PrintStream err = System.err;

    private Path located;

    @Override
    public Integer call() throws Exception
    {
        if ((null == matchId) == (null == worldId))
        {
            err.println("give exactly one of --match and --world");
            return 2;
        }
        if (null != worldId)
        {
            return replayWorld();
        }
        final SimulationSummary summary = find();
        if (null == summary)
        {
            err.println("no match " + matchId + " in " + dataDir.resolve(JournalDirectories.SIMULATIONS));
            return 1;
        }
        final Path queue = located;
        try (LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context()
            .gameDir(ServeCommand.resolveGameDir(gameDir)).nanoClock(new CachedNanoClock()).reloadEnabled(false)))
        {
            final GameMode mode = modes.find(summary.mode());
            if (null == mode)
            {
                err.println("mode " + summary.mode() + " is not in " + gameDir);
                return 1;
            }
            if (0 != summary.codeHash() && mode.codeHash() != summary.codeHash())
            {
                out.printf("note: the game dir's code (0x%016x) is not the version the match ran (0x%016x);" +
                    " expect a divergence where they differ%n", mode.codeHash(), summary.codeHash());
            }
            final long lastTick = Math.min(toTick, summary.lastTick());
            final long total = lastTick - summary.firstTick() + 1;
            final long[] shown = { 0 };
            final StringBuilder divergence = new StringBuilder();
            final MatchReplay[] self = new MatchReplay[1];
            final MatchReplay replay = new MatchReplay(mode, matchId, toTick, (tick, recorded, replayed) ->
            {
                if (recorded != replayed && 0 == divergence.length())
                {
                    describeDivergence(divergence, self[0], tick, recorded, replayed);
                }
                final long done = tick - summary.firstTick() + 1;
                final long percent = total <= 0 ? 100 : done * 100 / total;
                if (percent >= shown[0] + 10 || done == total)
                {
                    shown[0] = percent;
                    err.printf("\r[%-20s] %3d%% tick %d/%d", "#".repeat((int)(percent / 5)), percent, tick, lastTick);
                }
            });
            self[0] = replay.keepTickFrames(true);
            final long startNs = System.nanoTime();
            try (SimulationJournalReader reader = SimulationJournalReader.open(queue))
            {
                reader.read(replay);
            }
            err.println();
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final double simulatedSeconds = replay.ticksReplayed() / (double)summary.tickRateHz();
            out.printf("replayed %s (mode %s, seed %d) ticks %d..%d: %d ticks in %.2f s, %.0fx real time%n",
                matchId, summary.mode(), summary.rngSeed(), summary.firstTick(), lastTick, replay.ticksReplayed(),
                seconds, simulatedSeconds / Math.max(seconds, 1e-9));
            if (!replay.codeReloadTicks().isEmpty())
            {
                out.println("note: the match hot-reloaded its code at ticks " + replay.codeReloadTicks() +
                    "; this replay ran the game dir's code throughout, so ticks on the other side of a reload differ");
            }
            if (null != replay.failure())
            {
                err.println("replay stopped: " + replay.failure());
                return 1;
            }
            if (replay.firstDivergentTick() >= 0)
            {
                out.println("DIVERGED at tick " + replay.firstDivergentTick() +
                    ": its frames differ from those the live match sent (different code, or nondeterminism)");
                out.print(divergence);
            }
            else
            {
                out.println("verified: every tick's frames hash as recorded live");
            }
            if (null != dump)
            {
                Files.writeString(dump, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                    state(replay, lastTick)));
                out.println("state at tick " + lastTick + " written to " + dump);
            }
            return verify && replay.firstDivergentTick() >= 0 ? 1 : 0;
        }
    }

    /**
     * What is known at the first divergent tick: both hashes, the tick's journaled records and the frames the
     * replay built (the live frames are not journaled, only their hash).
     */
    private static void describeDivergence(
        final StringBuilder out, final MatchReplay replay, final long tick, final long recorded, final long replayed)
    {
        out.append(String.format("  tick %d: recorded frame hash 0x%016x, replayed 0x%016x%n", tick, recorded,
            replayed));
        out.append("  records applied in that tick:").append(System.lineSeparator());
        for (final String line : replay.tickRecords())
        {
            out.append("    ").append(abbreviate(line)).append(System.lineSeparator());
        }
        out.append("  frames the replay built in that tick:").append(System.lineSeparator());
        for (final byte[] frame : replay.tickFrames())
        {
            out.append("    ").append(abbreviate(new String(frame, java.nio.charset.StandardCharsets.UTF_8)))
                .append(System.lineSeparator());
        }
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }

    private Integer replayWorld() throws Exception
    {
        SimulationSummary summary = null;
        for (final Path dir : JournalDirectories.list(dataDir))
        {
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                for (final SimulationSummary s : reader.simulations())
                {
                    final boolean isStartTrimmed =
                        SimulationKind.NULL_VAL == s.kind() && s.lastSnapshotIndex() >= 0;
                    if ((worldId.equals(s.name()) && SimulationKind.ZONE == s.kind()) ||
                        (isStartTrimmed && worldId.equals(snapshotWorldId(reader, s))))
                    {
                        located = dir;
                        summary = s;
                    }
                }
            }
        }
        if (null == summary)
        {
            err.println("no world " + worldId + " in " + dataDir.resolve(JournalDirectories.WORLDS));
            return 1;
        }
        try (LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context()
            .gameDir(ServeCommand.resolveGameDir(gameDir)).nanoClock(new CachedNanoClock()).reloadEnabled(false)))
        {
            final WorldModes worldModes = modes.worldModes();
            // a world whose start was trimmed has no mode in its summary: its snapshot names it
            if (!summary.mode().isEmpty() && null == worldModes.find(summary.mode()))
            {
                err.println("world mode " + summary.mode() + " is not in " + gameDir);
                return 1;
            }
            final WorldRuntime runtime = WorldRuntime.launch(new WorldRuntime.Context()
                .worldModes(worldModes)
                .outbound((playerId, frame) -> { })
                .invokerMode(true));
            try
            {
                final long startNs = System.nanoTime();
                final long lastTick = Long.MAX_VALUE == toTick ? -1 : toTick;
                final WorldReplay replay = runtime.replay(located, summary.simulationId(), !fromStart, lastTick);
                final double seconds = (System.nanoTime() - startNs) / 1e9;
                if (!replay.isFound())
                {
                    err.println("world " + worldId + ": " + (fromStart ? "its start" : "no snapshot or start") +
                        " is no longer in the journal" + (null == replay.failure() ? "" : ": " + replay.failure()));
                    return 1;
                }
                final double simulatedSeconds = replay.ticksReplayed() / (double)Math.max(1, replay.tickRateHz());
                out.printf("replayed world %s (mode %s, seed %d) to tick %d: %d ticks (%d journaled and verified) " +
                    "in %.2f s, %.0fx real time%n", worldId, replay.mode(), replay.seed(), replay.lastTick(),
                    replay.ticksReplayed(), replay.ticksVerified(), seconds,
                    simulatedSeconds / Math.max(seconds, 1e-9));
                out.println("players: " + replay.memberIds() +
                    (null == replay.endReason() ? "" : "; the world ended: " + replay.endReason()));
                if (null != replay.failure())
                {
                    err.println("replay stopped: " + replay.failure());
                    return 1;
                }
                if (replay.firstDivergentTick() >= 0)
                {
                    out.printf("DIVERGED at tick %d: recorded frame hash 0x%016x, replayed 0x%016x (different code, " +
                        "or nondeterminism)%n", replay.firstDivergentTick(), replay.journaledHashAtDivergence(),
                        replay.replayedHashAtDivergence());
                }
                else
                {
                    out.println("verified: every journaled tick's frames hash as recorded live");
                }
                if (null != dump)
                {
                    Files.writeString(dump, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                        JSON.readTree(replay.dumpEntities())));
                    out.println("entities at tick " + replay.lastTick() + " written to " + dump);
                }
                return verify && replay.firstDivergentTick() >= 0 ? 1 : 0;
            }
            finally
            {
                runtime.close();
            }
        }
    }

    /** The world id in a simulation's newest snapshot (its start was deleted by retention), or null. */
    private static String snapshotWorldId(final SimulationJournalReader reader, final SimulationSummary summary)
    {
        final String[] found = new String[1];
        reader.read(new io.asobi.persistence.SimulationRecordHandler()
        {
            public void onSnapshot(
                final long index, final long simulationId, final long tick, final long nextSequence,
                final long codeHash, final int payloadVersion, final String appVersion, final long createdEpochMs,
                final org.agrona.DirectBuffer payload, final int offset, final int length)
            {
                if (null == found[0] && index == summary.lastSnapshotIndex())
                {
                    found[0] = WorldReplay.worldIdOf(payload, offset, length);
                }
            }
        }, summary.lastSnapshotIndex());
        return found[0];
    }

    private SimulationSummary find()
    {
        for (final Path dir : JournalDirectories.list(dataDir))
        {
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                for (final SimulationSummary s : reader.simulations())
                {
                    if (matchId.equals(s.name()) && SimulationKind.MATCH == s.kind())
                    {
                        located = dir;
                        return s;
                    }
                }
            }
        }
        return null;
    }

    /** {@code {match_id, tick, players, states: {player id: that player's match.state payload}}}. */
    private JsonNode state(final MatchReplay replay, final long tick) throws java.io.IOException
    {
        final ObjectNode root = JSON.createObjectNode().put("match_id", matchId).put("tick", tick);
        final ObjectNode states = JSON.createObjectNode();
        for (final String playerId : replay.players())
        {
            root.withArray("players").add(playerId);
            states.set(playerId, JSON.readTree(replay.stateFrame(playerId)).path("payload"));
        }
        root.set("states", states);
        return root;
    }
}

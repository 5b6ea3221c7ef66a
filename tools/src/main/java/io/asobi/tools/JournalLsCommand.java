package io.asobi.tools;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationRecordHandler;
import io.asobi.persistence.SimulationSummary;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code asobi journal ls}: one line per simulation found in the journals, in each directory's start order: name,
 * mode, kind, id, ticks, inputs, completeness, snapshots (count and last tick), and its end reason or
 * {@code running}. Exit code 1 when a journal is missing or corrupt (the error names the directory and document index).
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "List the simulations in the journals: name, mode, kind, ticks, inputs, completeness, " +
        "snapshots, end.")
final class JournalLsCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, description = "The server's data directory.")
    Path dataDir;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<Path> dirs;
        try
        {
            dirs = JournalDirectories.list(dataDir);
        }
        catch (final RuntimeException ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }

        int exitCode = 0;
        for (final Path dir : dirs)
        {
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                final SnapshotCounter snapshots = new SnapshotCounter();
                reader.read(snapshots);
                for (final SimulationSummary s : reader.simulations())
                {
                    out.println(line(dir.getFileName().toString(), s, snapshots.count(s)));
                }
            }
            catch (final RuntimeException ex)
            {
                err.println("error: " + dir.getFileName() + ": " + ex.getMessage());
                exitCode = 1;
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    static String line(final String dirName, final SimulationSummary s, final long snapshotCount)
    {
        final String ticks = 0 == s.tickCount() ? "none" :
            s.firstTick() + ".." + s.lastTick() + " (" + s.tickCount() + ")";
        return (s.name().isEmpty() ? "-" : s.name()) +
            " mode=" + (s.mode().isEmpty() ? "-" : s.mode()) +
            " kind=" + (SimulationKind.NULL_VAL == s.kind() ? "-" : s.kind().name().toLowerCase(Locale.ROOT)) +
            " id=" + s.simulationId() +
            " ticks " + ticks +
            " inputs=" + s.inputCount() +
            " " + (s.complete() ? "complete" : "incomplete") +
            " snapshots=" + snapshotCount + (snapshotCount > 0 ? " (last tick " + s.lastSnapshotTick() + ")" : "") +
            " " + (null == s.endReason() ? "running" : "ended=" + s.endReason()) +
            (s.startedIndex() < 0 ? " start=deleted" : "") +
            " dir=" + dirName;
    }

    /**
     * Snapshots per simulation run, keyed like the summaries: by the run's {@code SimulationStarted} index, or by
     * the simulation id when its start was not read.
     */
    private static final class SnapshotCounter implements SimulationRecordHandler
    {
        private final Long2LongHashMap startedIndexBySimulation = new Long2LongHashMap(-1);
        private final HashMap<String, Long> counts = new HashMap<>();

        @Override
        public void onStarted(
            final long index,
            final long simulationId,
            final SimulationKind kind,
            final String name,
            final String mode,
            final long rngSeed,
            final int tickRateHz,
            final long codeHash,
            final long startEpochMs)
        {
            startedIndexBySimulation.put(simulationId, index);
        }

        @Override
        public void onSnapshot(
            final long index,
            final long simulationId,
            final long tick,
            final long nextSequence,
            final long codeHash,
            final int payloadVersion,
            final String appVersion,
            final long createdEpochMs,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            counts.merge(key(simulationId, startedIndexBySimulation.get(simulationId)), 1L, Long::sum);
        }

        long count(final SimulationSummary s)
        {
            return counts.getOrDefault(key(s.simulationId(), s.startedIndex()), 0L);
        }

        private static String key(final long simulationId, final long startedIndex)
        {
            return simulationId + "@" + startedIndex;
        }
    }
}

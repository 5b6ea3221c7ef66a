package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a restart finds in a directory of per-tick-thread simulation journals ({@code <dir>/tick-N}): a repair a crash
 * interrupted is completed, each journal's corrupt tail is repaired (reported, moved to {@code quarantine/},
 * truncated to the last whole document; corruption before good documents stops the start), and the simulations of
 * one kind that never ended are listed for restoring (with those whose start retention deleted: their summary has
 * no kind, name or mode, only what their snapshots and ticks tell).
 * <p>
 * <b>Note:</b> run once, before any journal of the directory is opened for writing.
 */
public final class SimulationJournalScan
{
    private static final Logger LOG = LoggerFactory.getLogger(SimulationJournalScan.class);
    private static final Pattern TICK_DIR = Pattern.compile("tick-(\\d+)");
    private static final Pattern LEFTOVER = Pattern.compile("tick-(\\d+)\\.repair(ed)?-\\d+");

    /**
     * A simulation to restore.
     *
     * @param dirIndex the N of the {@code tick-N} directory it was journaled in.
     * @param dir      that directory.
     * @param summary  its summary there.
     */
    public record Unfinished(int dirIndex, Path dir, SimulationSummary summary)
    {
    }

    private final List<Unfinished> unfinished = new ArrayList<>();
    private long maxSimulationId;

    private SimulationJournalScan()
    {
    }

    /**
     * Repair and read every {@code tick-N} journal of {@code journalDir}.
     *
     * @param journalDir the directory, or null when not journaling (an empty scan).
     * @param kind       the kind of simulations to list as unfinished.
     * @param what       what the journals hold, for log lines ("match", "world").
     * @return the scan.
     * @throws SimulationJournalCorruptException if a journal is corrupt before its tail.
     */
    public static SimulationJournalScan scan(final Path journalDir, final SimulationKind kind, final String what)
    {
        final SimulationJournalScan scan = new SimulationJournalScan();
        if (null == journalDir || !Files.isDirectory(journalDir))
        {
            return scan;
        }
        final Path quarantine = journalDir.resolve("quarantine");
        for (final Path leftover : list(journalDir, LEFTOVER))
        {
            final Matcher matcher = LEFTOVER.matcher(leftover.getFileName().toString());
            matcher.matches();
            JournalRepair.completeInterruptedRepair(journalDir.resolve("tick-" + matcher.group(1)), quarantine);
        }
        for (final Path dir : list(journalDir, TICK_DIR))
        {
            if (!Files.isDirectory(dir))
            {
                continue;
            }
            final Matcher matcher = TICK_DIR.matcher(dir.getFileName().toString());
            matcher.matches();
            final int dirIndex = Integer.parseInt(matcher.group(1));
            final SimulationJournalRepair.RepairResult repair = SimulationJournalRepair.repairTail(dir, quarantine);
            if (repair.truncatedDocuments() > 0)
            {
                LOG.warn("{} journal {}: corrupt tail of {} documents ({}) cut after index {}; kept in {}", what, dir,
                    repair.truncatedDocuments(), repair.reason(), repair.lastGoodIndex(), repair.quarantinedTo());
            }
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                for (final SimulationSummary summary : reader.simulations())
                {
                    scan.maxSimulationId = Math.max(scan.maxSimulationId, summary.simulationId());
                    // after retention deleted a simulation's start its kind is unknown: a directory holds one kind
                    final boolean isKindUnknown =
                        null == summary.kind() || SimulationKind.NULL_VAL == summary.kind();
                    if ((isKindUnknown || kind == summary.kind()) && null == summary.endReason())
                    {
                        scan.unfinished.add(new Unfinished(dirIndex, dir, summary));
                    }
                }
            }
        }
        return scan;
    }

    private static List<Path> list(final Path dir, final Pattern pattern)
    {
        try (Stream<Path> entries = Files.list(dir))
        {
            return entries.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dir, ex);
        }
    }

    /**
     * @return the simulations of the scanned kind that were running when the process stopped, by directory then
     * start order.
     */
    public List<Unfinished> unfinished()
    {
        return unfinished;
    }

    /**
     * @return the highest simulation id found (new ids must be above it), 0 if none.
     */
    public long maxSimulationId()
    {
        return maxSimulationId;
    }
}

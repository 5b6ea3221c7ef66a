package io.asobi.match;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationJournalRepair;
import io.asobi.persistence.SimulationSummary;
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
 * What a restart finds in the match journals ({@code <journalDir>/tick-N}): each directory's corrupt tail is
 * repaired (reported, moved aside, truncated to the last whole document; corruption in the middle stops the
 * start), and the matches that never ended are listed for restoring.
 * <p>
 * <b>Note:</b> runs once, on the thread that launches the runtime, before any tick thread writes.
 */
final class MatchRecovery
{
    private static final Logger LOG = LoggerFactory.getLogger(MatchRecovery.class);
    private static final Pattern TICK_DIR = Pattern.compile("tick-(\\d+)");
    private static final Pattern LEFTOVER = Pattern.compile("tick-(\\d+)\\.repair(ed)?-\\d+");

    /**
     * A match to restore.
     *
     * @param dirIndex the N of the {@code tick-N} directory it was journaled in.
     * @param dir      that directory.
     * @param summary  its summary there.
     */
    record Unfinished(int dirIndex, Path dir, SimulationSummary summary)
    {
    }

    private final List<Unfinished> unfinished = new ArrayList<>();
    private long maxSimulationId;

    /**
     * Scan every {@code tick-N} directory of {@code journalDir}.
     *
     * @param journalDir the match journal directory, or null when not journaling.
     * @return the scan.
     * @throws io.asobi.persistence.SimulationJournalCorruptException if a journal is corrupt before its tail.
     */
    static MatchRecovery scan(final Path journalDir)
    {
        final MatchRecovery recovery = new MatchRecovery();
        if (null == journalDir || !Files.isDirectory(journalDir))
        {
            return recovery;
        }
        final Path quarantine = journalDir.resolve("quarantine");
        try (Stream<Path> entries = Files.list(journalDir))
        {
            // A repair a crash interrupted (tick-N.repair-* or tick-N.repaired-* beside or instead of tick-N).
            for (final Path leftover : entries.filter(p -> LEFTOVER.matcher(p.getFileName().toString()).matches())
                .toList())
            {
                final Matcher matcher = LEFTOVER.matcher(leftover.getFileName().toString());
                matcher.matches();
                io.asobi.persistence.JournalRepair.completeInterruptedRepair(
                    journalDir.resolve("tick-" + matcher.group(1)), quarantine);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + journalDir, ex);
        }
        final List<Path> dirs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(journalDir))
        {
            entries.filter(Files::isDirectory).filter(p -> TICK_DIR.matcher(p.getFileName().toString()).matches())
                .sorted().forEach(dirs::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + journalDir, ex);
        }
        for (final Path dir : dirs)
        {
            final Matcher matcher = TICK_DIR.matcher(dir.getFileName().toString());
            matcher.matches();
            final int dirIndex = Integer.parseInt(matcher.group(1));
            final SimulationJournalRepair.RepairResult repair =
                SimulationJournalRepair.repairTail(dir, quarantine);
            if (repair.truncatedDocuments() > 0)
            {
                LOG.warn("match journal {}: corrupt tail of {} documents ({}) cut after index {}; kept in {}",
                    dir, repair.truncatedDocuments(), repair.reason(), repair.lastGoodIndex(), repair.quarantinedTo());
            }
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                for (final SimulationSummary summary : reader.simulations())
                {
                    recovery.maxSimulationId = Math.max(recovery.maxSimulationId, summary.simulationId());
                    if (SimulationKind.MATCH == summary.kind() && null == summary.endReason())
                    {
                        recovery.unfinished.add(new Unfinished(dirIndex, dir, summary));
                    }
                }
            }
        }
        return recovery;
    }

    /**
     * @return the matches that were running when the process stopped, by directory then start order.
     */
    List<Unfinished> unfinished()
    {
        return unfinished;
    }

    /**
     * @return the highest simulation id found (new ids must be above it), 0 if none.
     */
    long maxSimulationId()
    {
        return maxSimulationId;
    }

    /**
     * Re-simulate one unfinished match with its mode's current code, from its newest snapshot (or its start) to the
     * end of its journal.
     *
     * @return the replay, read to the end; check {@link MatchReplay#failure()}.
     */
    static MatchReplay replay(final Unfinished match, final GameMode mode)
    {
        final SimulationSummary summary = match.summary();
        final boolean hasSnapshot = summary.lastSnapshotIndex() >= 0;
        final MatchReplay replay = hasSnapshot ?
            MatchReplay.fromSnapshot(mode, summary.simulationId(), summary.lastSnapshotIndex(), null) :
            MatchReplay.fromStart(mode, summary.simulationId(), null);
        try (SimulationJournalReader reader = SimulationJournalReader.open(match.dir()))
        {
            reader.read(replay, hasSnapshot ? summary.lastSnapshotIndex() : summary.startedIndex());
        }
        return replay;
    }
}

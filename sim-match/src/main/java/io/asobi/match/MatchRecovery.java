package io.asobi.match;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationJournalScan;
import io.asobi.persistence.SimulationSummary;
import io.asobi.sbe.journal.SimulationKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a restart finds in the match journals ({@code <journalDir>/tick-N}): each directory's corrupt tail is
 * repaired (reported, moved aside, truncated to the last whole document; corruption in the middle stops the
 * start), and the matches that never ended are listed for restoring.
 * <p>
 * <b>Note:</b> runs once, on the thread that launches the runtime, before any tick thread writes.
 */
final class MatchRecovery
{
    /** A match to restore: its journal directory and summary. */
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
        final SimulationJournalScan scan = SimulationJournalScan.scan(journalDir, SimulationKind.MATCH, "match");
        final MatchRecovery recovery = new MatchRecovery();
        recovery.maxSimulationId = scan.maxSimulationId();
        for (final SimulationJournalScan.Unfinished match : scan.unfinished())
        {
            recovery.unfinished.add(new Unfinished(match.dirIndex(), match.dir(), match.summary()));
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

package io.asobi.persistence;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Start-up repair of a simulation journal directory whose last documents are bad (a process that died mid-write, a
 * disk that filled up): the good prefix is kept and the bad tail removed. Run it before a {@link SimulationJournal}
 * opens the directory, with no writer on it.
 * <p>
 * A {@link JournalRepair} whose documents are checked as {@link SimulationJournalReader#read} does: the good documents
 * are copied byte for byte into a fresh queue, keeping their indices; the old directory moves to
 * {@code quarantineDir/<dirname>-corrupt-<epochMs>} for forensics and the fresh one takes its place. A bad document
 * followed by a good one is corruption in the middle: it is never skipped, the repair refuses.
 */
public final class SimulationJournalRepair
{
    private static final Logger LOGGER = LoggerFactory.getLogger(SimulationJournalRepair.class);

    private SimulationJournalRepair()
    {
    }

    /**
     * Outcome of {@link #repairTail}.
     *
     * @param dir                the journal directory.
     * @param documents          documents in the directory now (after a repair: the good ones kept).
     * @param truncatedDocuments bad documents dropped from the tail, 0 when the journal was whole.
     * @param lastGoodIndex      index of the last good document, -1 if there is none.
     * @param reason             why the first dropped document was bad, null when none was dropped.
     * @param quarantinedTo      where the old directory was moved, null when none was dropped.
     */
    public record RepairResult(
        Path dir, long documents, long truncatedDocuments, long lastGoodIndex, String reason, Path quarantinedTo)
    {
    }

    /**
     * Check every document of {@code dir} as {@link SimulationJournalReader#read} does and drop a bad tail.
     *
     * @param dir           a simulation journal directory, not open for writing.
     * @param quarantineDir where the old directory is kept after a repair; created if needed.
     * @return what was found and done; {@code truncatedDocuments() == 0} when every document is good.
     * @throws SimulationJournalCorruptException naming the first bad document's index when a good document follows
     *                                           it (corruption in the middle): nothing is changed.
     * @throws IllegalArgumentException          if {@code dir} is not a directory.
     * @throws UncheckedIOException              if the directories cannot be rebuilt or moved.
     */
    public static RepairResult repairTail(final Path dir, final Path quarantineDir)
    {
        return repairTail(dir, quarantineDir, SystemEpochClock.INSTANCE);
    }

    static RepairResult repairTail(final Path dir, final Path quarantineDir, final EpochClock clock)
    {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(quarantineDir, "quarantineDir");
        JournalRepair.completeInterruptedRepair(dir, quarantineDir);
        // Only the reader's document checks are used, which need no open journal: nothing stays open on dir while the
        // repair moves it.
        final SimulationJournalReader checker = SimulationJournalReader.open(dir);
        checker.close();
        final JournalRepair.RepairResult result;
        try
        {
            result = JournalRepair.repairTail(dir, quarantineDir, new Validator(checker), clock);
        }
        catch (final JournalCorruptException ex)
        {
            throw new SimulationJournalCorruptException(ex.index(), ex.detail());
        }
        if (result.truncatedDocuments() > 0)
        {
            LOGGER.warn("simulation journal {}: dropped {} bad document(s) at its tail from index {} (0x{}), last " +
                "good index {}: {}; the old directory is kept in {}", dir, result.truncatedDocuments(),
                result.firstBadIndex(), Long.toHexString(result.firstBadIndex()), result.lastGoodIndex(),
                result.reason(), result.quarantinedTo());
        }
        return new RepairResult(result.dir(), result.documents(), result.truncatedDocuments(),
            result.lastGoodIndex(), result.reason(), result.quarantinedTo());
    }

    /**
     * Full checks through {@link SimulationJournalReader#onDocument} (against the documents before), then only
     * {@link SimulationJournalReader#checkStructure} after the first bad document.
     */
    private static final class Validator implements JournalRepair.DocumentValidator
    {
        private static final SimulationRecordHandler NO_OP = new SimulationRecordHandler()
        {
        };

        private final SimulationJournalReader checker;

        Validator(final SimulationJournalReader checker)
        {
            this.checker = checker;
        }

        public void onStart(final Journal journal)
        {
            checker.reset(journal.isTrimmed());
        }

        public String validate(final long index, final DirectBuffer buffer, final int offset, final int length)
        {
            try
            {
                checker.onDocument(index, buffer, offset, length, NO_OP);
                return null;
            }
            catch (final SimulationJournalCorruptException ex)
            {
                return ex.getMessage();
            }
        }

        public String validateAlone(final long index, final DirectBuffer buffer, final int offset, final int length)
        {
            try
            {
                checker.checkStructure(index, buffer, offset, length);
                return null;
            }
            catch (final SimulationJournalCorruptException ex)
            {
                return ex.getMessage();
            }
        }
    }
}

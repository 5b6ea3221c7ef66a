package io.asobi.persistence;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Start-up repair of a simulation journal directory whose last documents are bad (a process that died mid-write, a
 * disk that filled up): the good prefix is kept and the bad tail removed. Run it before a {@link SimulationJournal}
 * opens the directory, with no writer on it.
 * <p>
 * Chronicle cannot cut a file, so a repair rebuilds the queue: the good documents are copied byte for byte, each into
 * the roll cycle it came from (so they keep their journal indices), into a fresh directory beside the old one; the old
 * directory moves to {@code quarantineDir/<dirname>-corrupt-<epochMs>} for forensics and the fresh one takes its
 * place. A bad document followed by a good one is corruption in the middle: it is never skipped, the repair refuses.
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
        final Scan scan = new Scan();
        final JournalRollCycle rollCycle;
        try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
        {
            rollCycle = reader.journal().rollCycle();
            scan.run(reader);
        }
        if (scan.middleIndex >= 0)
        {
            throw new SimulationJournalCorruptException(scan.firstBadIndex, "corruption in the middle of " + dir +
                ": a good document follows at index " + scan.middleIndex + " (0x" +
                Long.toHexString(scan.middleIndex) + "), so the tail cannot simply be dropped; first problem: " +
                scan.reason);
        }
        if (0 == scan.bad)
        {
            return new RepairResult(dir, scan.good, 0, scan.lastGoodIndex, null, null);
        }

        final long nowMs = clock.time();
        final Path fresh = dir.resolveSibling(dir.getFileName() + ".repair-" + nowMs);
        final Path quarantined = quarantineDir.resolve(dir.getFileName() + "-corrupt-" + nowMs);
        copyGoodPrefix(dir, fresh, rollCycle, scan.firstBadIndex, scan.good);
        try
        {
            Files.createDirectories(quarantineDir);
            move(dir, quarantined);
            Files.move(fresh, dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot replace " + dir + " by its repaired copy " + fresh, ex);
        }
        LOGGER.warn("simulation journal {}: dropped {} bad document(s) at its tail from index {} (0x{}), last good " +
            "index {}: {}; the old directory is kept in {}", dir, scan.bad, scan.firstBadIndex,
            Long.toHexString(scan.firstBadIndex), scan.lastGoodIndex, scan.reason, quarantined);
        return new RepairResult(dir, scan.good, scan.bad, scan.lastGoodIndex, scan.reason, quarantined);
    }

    private static void copyGoodPrefix(
        final Path dir, final Path fresh, final JournalRollCycle rollCycle, final long firstBadIndex, final long good)
    {
        final long[] cycleStartMs = new long[1];
        final long lengthMs = rollCycle.lengthMs();
        final long[] copied = new long[1];
        try (Journal source = Journal.open(new Journal.Context()
                .dir(dir)
                .readOnly(true)
                .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT));
            Journal target = Journal.open(new Journal.Context()
                .dir(fresh)
                .rollCycle(rollCycle)
                .epochClock(() -> cycleStartMs[0])
                .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT)))
        {
            if (source.isTrimmed())
            {
                target.markTrimmed();
            }
            source.replay((index, buffer, offset, length) ->
            {
                if (copied[0] < good && index < firstBadIndex)
                {
                    cycleStartMs[0] = rollCycle.cycleOf(index) * lengthMs;
                    final long copiedIndex = target.append(buffer, offset, length);
                    if (copiedIndex != index)
                    {
                        throw new IllegalStateException("repair of " + dir + " copied document " + index + " to " +
                            copiedIndex + ": indices would change");
                    }
                    copied[0]++;
                }
            });
        }
        if (copied[0] != good)
        {
            throw new IllegalStateException("repair of " + dir + " copied " + copied[0] + " of " + good +
                " good documents");
        }
    }

    private static void move(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            // Another file store: copy the tree, then delete the original.
            Files.walkFileTree(from, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult preVisitDirectory(final Path d, final BasicFileAttributes attrs)
                    throws IOException
                {
                    Files.createDirectories(to.resolve(from.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.walkFileTree(from, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path d, final IOException failure) throws IOException
                {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    /**
     * Every document in order: full checks until the first bad one, then only the document's own structure, to tell a
     * bad tail from corruption in the middle.
     */
    private static final class Scan
    {
        private static final SimulationRecordHandler NO_OP = new SimulationRecordHandler()
        {
        };

        long good;
        long bad;
        long lastGoodIndex = -1;
        long firstBadIndex = -1;
        long middleIndex = -1;
        String reason;

        void run(final SimulationJournalReader reader)
        {
            final Journal journal = reader.journal();
            reader.reset(journal.isTrimmed());
            try
            {
                journal.replay((index, buffer, offset, length) -> onDocument(reader, index, buffer, offset, length));
            }
            catch (final RuntimeException ex)
            {
                // Chronicle could not read on: what remains is unreadable, a tail.
                if (bad == 0)
                {
                    firstBadIndex = lastGoodIndex + 1;
                    reason = "unreadable: " + ex;
                }
                bad++;
            }
        }

        private void onDocument(
            final SimulationJournalReader reader,
            final long index,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            if (0 == bad)
            {
                try
                {
                    reader.onDocument(index, buffer, offset, length, NO_OP);
                    good++;
                    lastGoodIndex = index;
                    return;
                }
                catch (final RuntimeException ex)
                {
                    firstBadIndex = index;
                    reason = ex instanceof SimulationJournalCorruptException ? ex.getMessage() : ex.toString();
                    bad++;
                    return;
                }
            }
            try
            {
                reader.checkStructure(index, buffer, offset, length);
                if (middleIndex < 0)
                {
                    middleIndex = index;
                }
            }
            catch (final RuntimeException ex)
            {
                bad++;
            }
        }
    }
}

package io.asobi.persistence;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Start-up repair of a {@link Journal} directory whose last documents are bad (a process that died mid-write, a disk
 * that filled up): the good prefix is kept and the bad tail removed. What is good is decided by a
 * {@link DocumentValidator} that checks a document the way the journal's reader would. Run it before the journal is
 * opened for writing, with no writer on it.
 * <p>
 * Chronicle cannot cut a file, so a repair rebuilds the queue: the good documents are copied byte for byte, each into
 * the roll cycle it came from (so they keep their journal indices), into {@code <dir>.repair-<epochMs>} beside the
 * old directory, which is renamed {@code <dir>.repaired-<epochMs>} once complete; the old directory then moves to
 * {@code quarantineDir/<dirname>-corrupt-<epochMs>} for forensics and the copy takes its place. A repair interrupted
 * by a crash is finished (or its incomplete copy discarded) by the next call. A bad document followed by a good one is
 * corruption in the middle: it is never skipped, the repair refuses and changes nothing.
 */
public final class JournalRepair
{
    private static final Logger LOGGER = LoggerFactory.getLogger(JournalRepair.class);
    private static final String COPYING = ".repair-";
    private static final String COPIED = ".repaired-";
    private static final String QUARANTINED = "-corrupt-";

    private JournalRepair()
    {
    }

    /**
     * Decides whether a journal document is whole, as the journal's reader would.
     */
    @FunctionalInterface
    public interface DocumentValidator
    {
        /**
         * Called once, before the first document, with the read-only journal being checked.
         *
         * @param journal the journal being checked; do not keep it.
         */
        default void onStart(final Journal journal)
        {
        }

        /**
         * Check a document fully. Called in index order from the first document until the first bad one, so it may
         * check a document against those before it.
         *
         * @param index  the document's journal index.
         * @param buffer holding the document; valid only during the call.
         * @param offset at which the document starts.
         * @param length of the document in bytes.
         * @return null if the document is good, else why it is bad; throwing a {@link RuntimeException} also marks
         * it bad.
         */
        String validate(long index, DirectBuffer buffer, int offset, int length);

        /**
         * Check a document on its own, without what came before it. Called for every document after the first bad
         * one, to tell a bad tail (nothing whole after it) from corruption in the middle. By default
         * {@link #validate}, which suits a validator that keeps no state between documents.
         *
         * @param index  the document's journal index.
         * @param buffer holding the document; valid only during the call.
         * @param offset at which the document starts.
         * @param length of the document in bytes.
         * @return null if the document is whole, else why not; throwing a {@link RuntimeException} also means not.
         */
        default String validateAlone(final long index, final DirectBuffer buffer, final int offset, final int length)
        {
            return validate(index, buffer, offset, length);
        }
    }

    /**
     * Outcome of {@link #repairTail}.
     *
     * @param dir                the journal directory.
     * @param documents          documents in the directory now (after a repair: the good ones kept).
     * @param truncatedDocuments bad documents dropped from the tail, 0 when the journal was whole.
     * @param lastGoodIndex      index of the last good document, -1 if there is none.
     * @param firstBadIndex      index of the first dropped document, -1 when none was dropped (one past
     *                           {@code lastGoodIndex} when Chronicle could not read on).
     * @param reason             why the first dropped document was bad, null when none was dropped.
     * @param quarantinedTo      where the old directory was moved, null when none was dropped.
     */
    public record RepairResult(
        Path dir,
        long documents,
        long truncatedDocuments,
        long lastGoodIndex,
        long firstBadIndex,
        String reason,
        Path quarantinedTo)
    {
    }

    /**
     * Check every document of {@code dir} with {@code validator} and drop a bad tail; first finish a repair of
     * {@code dir} that a crash interrupted ({@link #completeInterruptedRepair}).
     *
     * @param dir           a journal directory, not open for writing.
     * @param quarantineDir where the old directory is kept after a repair; created if needed.
     * @param validator     decides which documents are good.
     * @return what was found and done; {@code truncatedDocuments() == 0} when every document is good. Nothing is
     * logged: the caller reports a repair.
     * @throws JournalCorruptException  naming the first bad document's index when a good document follows it
     *                                  (corruption in the middle): nothing is changed.
     * @throws IllegalArgumentException if {@code dir} is not a directory.
     * @throws UncheckedIOException     if the directories cannot be rebuilt or moved.
     */
    public static RepairResult repairTail(final Path dir, final Path quarantineDir, final DocumentValidator validator)
    {
        return repairTail(dir, quarantineDir, validator, SystemEpochClock.INSTANCE);
    }

    /**
     * {@link #repairTail(Path, Path, DocumentValidator)} naming the copy and the quarantined directory by
     * {@code clock}.
     *
     * @param dir           a journal directory, not open for writing.
     * @param quarantineDir where the old directory is kept after a repair; created if needed.
     * @param validator     decides which documents are good.
     * @param clock         epoch clock for the names of the copy and the quarantined directory.
     * @return what was found and done.
     * @throws JournalCorruptException  naming the first bad document's index on corruption in the middle.
     * @throws IllegalArgumentException if {@code dir} is not a directory.
     * @throws UncheckedIOException     if the directories cannot be rebuilt or moved.
     */
    public static RepairResult repairTail(
        final Path dir, final Path quarantineDir, final DocumentValidator validator, final EpochClock clock)
    {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(quarantineDir, "quarantineDir");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(clock, "clock");
        completeInterruptedRepair(dir, quarantineDir);

        final Scan scan = new Scan(validator);
        final JournalRollCycle rollCycle;
        try (Journal journal = openReadOnly(dir))
        {
            rollCycle = journal.rollCycle();
            scan.run(journal);
        }
        if (scan.middleIndex >= 0)
        {
            throw new JournalCorruptException(scan.firstBadIndex, "corruption in the middle of " + dir +
                ": a good document follows at index " + scan.middleIndex + " (0x" +
                Long.toHexString(scan.middleIndex) + "), so the tail cannot simply be dropped; first problem: " +
                scan.reason);
        }
        if (0 == scan.bad)
        {
            return new RepairResult(dir, scan.good, 0, scan.lastGoodIndex, -1, null, null);
        }

        final long nowMs = clock.time();
        final Path copying = sibling(dir, COPYING, nowMs);
        final Path copied = sibling(dir, COPIED, nowMs);
        final Path quarantined = unused(quarantineDir.resolve(dir.getFileName() + QUARANTINED + nowMs));
        copyGoodPrefix(dir, copying, rollCycle, scan);
        try
        {
            Files.move(copying, copied);
            Files.createDirectories(quarantineDir);
            move(dir, quarantined);
            Files.move(copied, dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot replace " + dir + " by its repaired copy " + copied, ex);
        }
        return new RepairResult(
            dir, scan.good, scan.bad, scan.lastGoodIndex, scan.firstBadIndex, scan.reason, quarantined);
    }

    /**
     * Finish a repair of {@code dir} that a crash interrupted: an incomplete copy ({@code <dir>.repair-<ms>}) is
     * deleted, the original being intact; a complete one ({@code <dir>.repaired-<ms>}) takes the place of
     * {@code dir}, whatever is left of {@code dir} moving to {@code quarantineDir} first (only if the copy's documents
     * are a prefix of it, as they are of the directory they were copied from). Does nothing when no repair was
     * interrupted; {@link #repairTail} calls it first.
     *
     * @param dir           a journal directory, not open for writing; it need not exist.
     * @param quarantineDir where the rest of an old directory goes.
     * @return true if an interrupted repair was found and finished (logged at WARN).
     * @throws IllegalStateException if several complete copies are found, or {@code dir} is not the directory the
     *                               copy was made from (nothing is changed).
     * @throws UncheckedIOException  if the directories cannot be listed, deleted or moved.
     */
    public static boolean completeInterruptedRepair(final Path dir, final Path quarantineDir)
    {
        final Path parent = dir.toAbsolutePath().getParent();
        if (null == parent || !Files.isDirectory(parent))
        {
            return false;
        }
        final String name = dir.getFileName().toString();
        final List<Path> copying = new ArrayList<>();
        final List<Path> copied = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(parent))
        {
            siblings.forEach(sibling ->
            {
                final String siblingName = sibling.getFileName().toString();
                if (isStamped(siblingName, name + COPYING))
                {
                    copying.add(sibling);
                }
                else if (isStamped(siblingName, name + COPIED))
                {
                    copied.add(sibling);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + parent, ex);
        }
        if (copied.size() > 1)
        {
            throw new IllegalStateException("several repaired copies of " + dir + " found, resolve by hand: " +
                copied);
        }

        try
        {
            for (final Path incomplete : copying)
            {
                LOGGER.warn("journal {}: deleting {}, the incomplete copy of an interrupted repair", dir, incomplete);
                deleteTree(incomplete);
            }
            if (copied.isEmpty())
            {
                return !copying.isEmpty();
            }
            final Path complete = copied.getFirst();
            if (Files.exists(dir))
            {
                if (!isPrefix(complete, dir))
                {
                    throw new IllegalStateException("the repaired copy " + complete + " is not a prefix of " + dir +
                        ", which was written after the repair was interrupted: resolve by hand");
                }
                final String stamp = complete.getFileName().toString().substring(name.length() + COPIED.length());
                final Path rest = unused(quarantineDir.resolve(name + QUARANTINED + stamp + "-rest"));
                Files.createDirectories(quarantineDir);
                move(dir, rest);
                LOGGER.warn("journal {}: moved what was left of it to {}", dir, rest);
            }
            Files.move(complete, dir);
            LOGGER.warn("journal {}: finished an interrupted repair, its repaired copy {} is in place", dir, complete);
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot finish an interrupted repair of " + dir, ex);
        }
    }

    /**
     * Whether every document of {@code copy} is at the same index with the same bytes in {@code dir}.
     */
    private static boolean isPrefix(final Path copy, final Path dir)
    {
        final long[] copyIndex = new long[1];
        final byte[][] copyDocument = new byte[1][];
        final boolean[] isSame = new boolean[1];
        try (Journal copyJournal = openReadOnly(copy);
            Journal dirJournal = openReadOnly(dir);
            JournalReader copyReader = copyJournal.newReader();
            JournalReader dirReader = dirJournal.newReader())
        {
            while (0 != copyReader.poll((index, buffer, offset, length) ->
            {
                copyIndex[0] = index;
                copyDocument[0] = new byte[length];
                buffer.getBytes(offset, copyDocument[0]);
            }, 1))
            {
                isSame[0] = false;
                dirReader.poll((index, buffer, offset, length) ->
                {
                    final UnsafeBuffer expected = new UnsafeBuffer(copyDocument[0]);
                    isSame[0] = index == copyIndex[0] && length == copyDocument[0].length &&
                        0 == expected.compareTo(new UnsafeBuffer(buffer, offset, length));
                }, 1);
                if (!isSame[0])
                {
                    return false;
                }
            }
            return true;
        }
        catch (final RuntimeException ex)
        {
            return false; // unreadable where the copy has documents
        }
    }

    private static boolean isStamped(final String name, final String prefix)
    {
        if (!name.startsWith(prefix) || name.length() == prefix.length())
        {
            return false;
        }
        for (int i = prefix.length(); i < name.length(); i++)
        {
            if (!Character.isDigit(name.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static Path unused(final Path path)
    {
        Path candidate = path;
        for (int i = 1; Files.exists(candidate); i++)
        {
            candidate = path.resolveSibling(path.getFileName() + "-" + i);
        }
        return candidate;
    }

    private static Path sibling(final Path dir, final String infix, final long nowMs)
    {
        return dir.resolveSibling(dir.getFileName() + infix + nowMs);
    }

    private static Journal openReadOnly(final Path dir)
    {
        return Journal.open(new Journal.Context()
            .dir(dir)
            .readOnly(true)
            .maxRecordBytes(Journal.Context.MAX_RECORD_BYTES_LIMIT));
    }

    private static void copyGoodPrefix(
        final Path dir, final Path fresh, final JournalRollCycle rollCycle, final Scan scan)
    {
        final long firstBadIndex = scan.firstBadIndex;
        final long good = scan.good;
        final long[] cycleStartMs = new long[1];
        final long lengthMs = rollCycle.lengthMs();
        final long[] copied = new long[1];
        try (Journal source = openReadOnly(dir);
            Journal target = Journal.open(new Journal.Context()
                .dir(fresh)
                .rollCycle(rollCycle)
                .epochClock(() -> cycleStartMs[0])
                .maxRecordBytes(Math.max(Journal.Context.MAX_RECORD_BYTES_DEFAULT, scan.maxGoodLength))))
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
            deleteTree(from);
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        Files.walkFileTree(root, new SimpleFileVisitor<>()
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
                if (null != failure)
                {
                    throw failure;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Every document in order: full checks until the first bad one, then only the document on its own, to tell a bad
     * tail from corruption in the middle.
     */
    private static final class Scan
    {
        private final DocumentValidator validator;
        long good;
        long bad;
        long lastGoodIndex = -1;
        long firstBadIndex = -1;
        long middleIndex = -1;
        int maxGoodLength;
        String reason;

        Scan(final DocumentValidator validator)
        {
            this.validator = validator;
        }

        void run(final Journal journal)
        {
            validator.onStart(journal);
            try
            {
                journal.replay(this::onDocument);
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

        private void onDocument(final long index, final DirectBuffer buffer, final int offset, final int length)
        {
            if (0 == bad)
            {
                final String problem = check(index, buffer, offset, length, false);
                if (null == problem)
                {
                    good++;
                    lastGoodIndex = index;
                    maxGoodLength = Math.max(maxGoodLength, length);
                }
                else
                {
                    firstBadIndex = index;
                    reason = problem;
                    bad++;
                }
                return;
            }
            if (null == check(index, buffer, offset, length, true))
            {
                if (middleIndex < 0)
                {
                    middleIndex = index;
                }
            }
            else
            {
                bad++;
            }
        }

        private String check(
            final long index, final DirectBuffer buffer, final int offset, final int length, final boolean isAlone)
        {
            try
            {
                return isAlone ?
                    validator.validateAlone(index, buffer, offset, length) :
                    validator.validate(index, buffer, offset, length);
            }
            catch (final RuntimeException ex)
            {
                return ex instanceof JournalCorruptException ? ex.getMessage() : ex.toString();
            }
        }
    }
}

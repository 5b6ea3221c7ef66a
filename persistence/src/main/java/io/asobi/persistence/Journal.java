package io.asobi.persistence;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * An append-only journal of opaque binary records (typically one SBE message each) in a directory, over Chronicle
 * Queue: append a record, read every record back from the start for replay.
 * <p>
 * <b>Durability:</b> {@link #append} copies the record into a memory-mapped file and returns; the bytes are then in
 * the operating system's page cache, so a crash or kill of this process loses nothing that was appended. The pages
 * are not forced to the device ({@code msync}/{@code fsync}) on each append: a power loss or kernel crash can lose
 * the records of the last seconds. That is not covered yet.
 * <p>
 * <b>Note:</b> appends must come from one thread (the first thread to append owns the journal's appender; another
 * thread is refused with {@link IllegalStateException}). Each {@link JournalReader} is used by one thread at a time.
 * Readers may run while the owner appends, and see the new records.
 */
public final class Journal implements AutoCloseable
{
    /** Suffix of Chronicle's roll-cycle files. */
    static final String CYCLE_FILE_SUFFIX = ".cq4";

    private static final long MIN_BLOCK_SIZE = 64L * 1024 * 1024;

    private static final String TRIMMED_KEY = "asobi.trimmedBeforeCycle";

    private final Context ctx;
    private final SingleChronicleQueue queue;
    private final int maxRecordBytes;
    private ExcerptAppender appender;
    private Thread appenderThread;
    private byte[] scratch = new byte[256];
    private volatile boolean isClosed;

    private Journal(final Context ctx, final SingleChronicleQueue queue)
    {
        this.ctx = ctx;
        this.queue = queue;
        this.maxRecordBytes = ctx.maxRecordBytes();
    }

    /**
     * Open (creating it unless read-only) the journal in {@link Context#dir()}; concludes {@code ctx}.
     *
     * @param ctx configuration; concluded here, so it must not have been concluded before.
     * @return the open journal.
     * @throws IllegalArgumentException if an option is invalid or a read-only journal's directory does not exist.
     * @throws UncheckedIOException     if the directory cannot be created.
     */
    public static Journal open(final Context ctx)
    {
        ctx.conclude();
        final Path dir = ctx.dir();
        if (ctx.readOnly())
        {
            if (!Files.isDirectory(dir))
            {
                throw new IllegalArgumentException("read-only journal directory does not exist: " + dir);
            }
        }
        else
        {
            try
            {
                Files.createDirectories(dir);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot create journal directory " + dir, ex);
            }
        }

        final EpochClock clock = ctx.epochClock();
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
            .blockSize(blockSizeFor(ctx.maxRecordBytes()))
            .rollCycle(ctx.rollCycle().chronicleRollCycle())
            .timeProvider(clock::time)
            .readOnly(ctx.readOnly())
            .build();

        return new Journal(ctx, queue);
    }

    /**
     * Chronicle's mapping block for records up to {@code maxRecordBytes}: a document must fit a quarter of a block
     * (Chronicle's limit), so the block is at least four times the largest record plus its header; 64 MiB at least.
     *
     * @param maxRecordBytes largest record.
     * @return the block size in bytes, a power of two.
     */
    static long blockSizeFor(final int maxRecordBytes)
    {
        final long needed = 4L * (maxRecordBytes + 64L);
        return Math.max(MIN_BLOCK_SIZE, Long.highestOneBit(needed - 1) << 1);
    }

    /**
     * The concluded configuration.
     *
     * @return the concluded configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Append one record; on return it is in the mapped file (see the class note on durability).
     *
     * @param buffer holding the record.
     * @param offset at which the record starts in {@code buffer}.
     * @param length of the record, 1 to {@link Context#maxRecordBytes()}.
     * @return the record's journal index.
     * @throws IllegalArgumentException if the length or range is invalid (nothing is appended).
     * @throws IllegalStateException    if the journal is closed or read-only, or the caller is not the appending
     *                                  thread.
     */
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (isClosed)
        {
            throw new IllegalStateException("journal is closed: " + ctx.dir());
        }
        if (ctx.readOnly())
        {
            throw new IllegalStateException("journal is read-only: " + ctx.dir());
        }
        if (length < 1 || length > maxRecordBytes)
        {
            throw new IllegalArgumentException("record length must be in 1.." + maxRecordBytes + ": " + length);
        }
        if (offset < 0 || offset > buffer.capacity() - length)
        {
            throw new IllegalArgumentException("range outside the buffer: offset=" + offset + " length=" + length +
                " capacity=" + buffer.capacity());
        }
        final ExcerptAppender appender = appender();

        final byte[] array = buffer.byteArray();
        final byte[] src;
        final int srcOffset;
        if (null != array)
        {
            src = array;
            srcOffset = buffer.wrapAdjustment() + offset;
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[Math.max(length, Math.min(maxRecordBytes, scratch.length * 2))];
            }
            buffer.getBytes(offset, scratch, 0, length);
            src = scratch;
            srcOffset = 0;
        }

        try (DocumentContext dc = appender.writingDocument())
        {
            try
            {
                dc.wire().bytes().write(src, srcOffset, length);
            }
            catch (final RuntimeException | Error ex)
            {
                dc.rollbackOnClose();
                throw ex;
            }
        }

        return appender.lastIndexAppended();
    }

    /**
     * A new reader positioned at the first record.
     *
     * @return the reader; close it when done.
     * @throws IllegalStateException if the journal is closed.
     */
    public JournalReader newReader()
    {
        if (isClosed)
        {
            throw new IllegalStateException("journal is closed: " + ctx.dir());
        }
        return new JournalReader(queue.createTailer(), maxRecordBytes);
    }

    /**
     * Read every record from the first to the last one appended so far, in append order.
     *
     * @param handler receives each record; an exception from it stops the replay and propagates.
     * @return the number of records read.
     * @throws IllegalStateException if the journal is closed or a record is longer than
     *                               {@link Context#maxRecordBytes()}.
     */
    public long replay(final RecordHandler handler)
    {
        return replay(handler, Long.MIN_VALUE);
    }

    /**
     * Read every record whose index is at least {@code fromIndex}, up to the last one appended so far, in append
     * order.
     *
     * @param handler   receives each record; an exception from it stops the replay and propagates.
     * @param fromIndex index of the first record wanted; records below it are not handed on.
     * @return the number of records handed on.
     * @throws IllegalStateException if the journal is closed or a record is longer than
     *                               {@link Context#maxRecordBytes()}.
     */
    public long replay(final RecordHandler handler, final long fromIndex)
    {
        Objects.requireNonNull(handler, "handler");
        final long[] count = new long[1];
        try (JournalReader reader = newReader())
        {
            if (Long.MIN_VALUE != fromIndex)
            {
                reader.moveToIndex(fromIndex);
            }
            final RecordHandler filtered = (index, buffer, offset, length) ->
            {
                if (index >= fromIndex)
                {
                    count[0]++;
                    handler.onRecord(index, buffer, offset, length);
                }
            };
            int read;
            do
            {
                read = reader.poll(filtered, Integer.MAX_VALUE);
            }
            while (read > 0);
        }
        return count[0];
    }

    /**
     * Index of the first record in the directory.
     *
     * @return the index, or {@link Long#MAX_VALUE} when the journal is empty.
     * @throws IllegalStateException if the journal is closed.
     */
    public long firstIndex()
    {
        checkOpen();
        final long firstIndex = queue.firstIndex();
        return Long.MAX_VALUE == firstIndex || firstIndex < 0 ? Long.MAX_VALUE : firstIndex;
    }

    /**
     * Whether {@link #deleteRolledFilesBefore} has ever deleted a file of this directory: its first record is then
     * not the first one ever appended.
     *
     * @return true once files were deleted.
     * @throws IllegalStateException if the journal is closed.
     */
    public boolean isTrimmed()
    {
        checkOpen();
        try
        {
            return queue.tableStoreGet(TRIMMED_KEY) > 0;
        }
        catch (final IllegalStateException ex)
        {
            if (ctx.readOnly())
            {
                return false; // a read-only table store refuses to create the key: it was never set
            }
            throw ex;
        }
    }

    void markTrimmed()
    {
        queue.tableStorePut(TRIMMED_KEY, 1L);
    }

    /**
     * The roll cycle the directory's files were written with (which wins over {@link Context#rollCycle()} for an
     * existing directory).
     *
     * @return the roll cycle.
     * @throws IllegalStateException if the journal is closed or uses a roll cycle this class does not offer.
     */
    public JournalRollCycle rollCycle()
    {
        checkOpen();
        return JournalRollCycle.of(queue.rollCycle());
    }

    /**
     * Retention: delete the roll-cycle files whose whole cycle is before the cycle of {@code keepFromIndex} and ended
     * at least {@code minAgeMs} ago by {@link Context#epochClock()}; never the current cycle nor the newest file
     * (Chronicle's appender rolls on from it). Chronicle's directory
     * listing is then refreshed, so new readers start at the first file left; the directory is marked as trimmed
     * ({@link #isTrimmed()}). Call it from the appending thread.
     *
     * @param keepFromIndex index of the first record to keep; its whole cycle is kept.
     * @param minAgeMs      files whose cycle ended less than this long ago are kept, at least 0.
     * @return the number of files deleted.
     * @throws IllegalStateException    if the journal is closed or read-only, or the caller is not the appending
     *                                  thread.
     * @throws IllegalArgumentException if {@code minAgeMs} is negative.
     * @throws UncheckedIOException     if a file cannot be deleted (those before it were).
     */
    public int deleteRolledFilesBefore(final long keepFromIndex, final long minAgeMs)
    {
        checkOpen();
        if (ctx.readOnly())
        {
            throw new IllegalStateException("journal is read-only: " + ctx.dir());
        }
        if (minAgeMs < 0)
        {
            throw new IllegalArgumentException("minAgeMs must be >= 0: " + minAgeMs);
        }
        if (null != appenderThread && Thread.currentThread() != appenderThread)
        {
            throw new IllegalStateException("journal retention must run on the appending thread: owner=" +
                appenderThread.getName() + " caller=" + Thread.currentThread().getName());
        }

        final RollCycle rollCycle = queue.rollCycle();
        final long lengthMs = rollCycle.lengthInMillis();
        final long nowMs = ctx.epochClock().time();
        queue.refreshDirectoryListing();
        final int firstCycle = queue.firstCycle();
        final int lastCycle = queue.lastCycle();
        if (Integer.MAX_VALUE == firstCycle || Integer.MIN_VALUE == lastCycle)
        {
            return 0;
        }
        // Never the current cycle, nor the last file: Chronicle's appender rolls on from it.
        final int lastToDelete = Math.min(Math.min(rollCycle.toCycle(keepFromIndex), queue.cycle()), lastCycle) - 1;

        final DateTimeFormatter names = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        int deleted = 0;
        try
        {
            for (long cycle = firstCycle; cycle <= lastToDelete; cycle++)
            {
                final long cycleEndMs = (cycle + 1) * lengthMs;
                if (nowMs - cycleEndMs < minAgeMs)
                {
                    break;
                }
                final Path file = ctx.dir().resolve(
                    names.format(Instant.ofEpochMilli(cycle * lengthMs)) + CYCLE_FILE_SUFFIX);
                if (Files.deleteIfExists(file))
                {
                    deleted++;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete a rolled journal file in " + ctx.dir(), ex);
        }
        finally
        {
            if (deleted > 0)
            {
                markTrimmed();
                queue.refreshDirectoryListing();
            }
        }
        return deleted;
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return isClosed;
    }

    /**
     * Close the journal's files; readers still open stop working. Idempotent.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            queue.close();
        }
    }

    private void checkOpen()
    {
        if (isClosed)
        {
            throw new IllegalStateException("journal is closed: " + ctx.dir());
        }
    }

    private ExcerptAppender appender()
    {
        final Thread current = Thread.currentThread();
        if (null == appender)
        {
            appender = queue.createAppender();
            appenderThread = current;
        }
        else if (current != appenderThread)
        {
            throw new IllegalStateException("journal appends must come from one thread: owner=" +
                appenderThread.getName() + " caller=" + current.getName());
        }
        return appender;
    }

    /**
     * Settings of a {@link Journal}.
     */
    public static final class Context
    {
        /** Default largest record. */
        public static final int MAX_RECORD_BYTES_DEFAULT = 1024 * 1024;

        /** Upper bound on {@link #maxRecordBytes()}. */
        public static final int MAX_RECORD_BYTES_LIMIT = 64 * 1024 * 1024;

        private boolean isConcluded;
        private Path dir;
        private JournalRollCycle rollCycle = JournalRollCycle.DAILY;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private boolean readOnly;
        private int maxRecordBytes = MAX_RECORD_BYTES_DEFAULT;

        /**
         * Validate the options and fill in defaults; runs once.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if already concluded.
         * @throws IllegalArgumentException naming the first invalid option.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            isConcluded = true;

            if (null == dir)
            {
                throw new IllegalArgumentException("dir must be set");
            }
            if (null == rollCycle)
            {
                throw new IllegalArgumentException("rollCycle must not be null");
            }
            if (null == epochClock)
            {
                throw new IllegalArgumentException("epochClock must not be null");
            }
            if (maxRecordBytes < 1 || maxRecordBytes > MAX_RECORD_BYTES_LIMIT)
            {
                throw new IllegalArgumentException(
                    "maxRecordBytes must be in 1.." + MAX_RECORD_BYTES_LIMIT + ": " + maxRecordBytes);
            }

            return this;
        }

        /**
         * Whether {@link #conclude()} has run.
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * Directory holding the journal's files; created on open unless read-only.
         *
         * @return the directory.
         */
        public Path dir()
        {
            return dir;
        }

        /**
         * @param dir holding the journal's files.
         * @return this for a fluent API.
         * @see #dir()
         */
        public Context dir(final Path dir)
        {
            this.dir = dir;
            return this;
        }

        /**
         * How often a new file is started; default {@link JournalRollCycle#DAILY}.
         *
         * @return the roll cycle.
         */
        public JournalRollCycle rollCycle()
        {
            return rollCycle;
        }

        /**
         * @param rollCycle how often a new file is started.
         * @return this for a fluent API.
         * @see #rollCycle()
         */
        public Context rollCycle(final JournalRollCycle rollCycle)
        {
            this.rollCycle = rollCycle;
            return this;
        }

        /**
         * Clock deciding which roll cycle (file) an append goes to; inject one to test rolling.
         *
         * @return the clock.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }

        /**
         * @param epochClock deciding the roll cycle of an append.
         * @return this for a fluent API.
         * @see #epochClock()
         */
        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * Open for reading only (tools reading another process's journal); {@link Journal#append} is refused.
         *
         * @return true if read-only.
         */
        public boolean readOnly()
        {
            return readOnly;
        }

        /**
         * @param readOnly true to open for reading only.
         * @return this for a fluent API.
         * @see #readOnly()
         */
        public Context readOnly(final boolean readOnly)
        {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * Largest record accepted by {@link Journal#append} and read back by a {@link JournalReader}.
         *
         * @return the limit in bytes.
         */
        public int maxRecordBytes()
        {
            return maxRecordBytes;
        }

        /**
         * @param maxRecordBytes largest record, 1 to {@link #MAX_RECORD_BYTES_LIMIT}.
         * @return this for a fluent API.
         * @see #maxRecordBytes()
         */
        public Context maxRecordBytes(final int maxRecordBytes)
        {
            this.maxRecordBytes = maxRecordBytes;
            return this;
        }
    }
}

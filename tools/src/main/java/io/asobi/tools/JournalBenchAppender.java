package io.asobi.tools;

import io.asobi.persistence.RecordHandler;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * One journal implementation under test in {@code asobi bench journal}: append records, finish writing, then read
 * every record back as a recovery would.
 */
interface JournalBenchAppender extends AutoCloseable
{
    /**
     * Append one record.
     *
     * @param buffer holding the record.
     * @param offset of the record in {@code buffer}.
     * @param length of the record, 1 to the maximum given when the appender was opened.
     */
    void append(DirectBuffer buffer, int offset, int length);

    /**
     * Stop writing and release the writer's files; no {@link #append} afterwards.
     */
    void finishWriting();

    /**
     * Read every record from the start, in append order, as a recovery would (new reader over the files).
     *
     * @param handler receives each record; the index is implementation-defined.
     * @return the number of records read.
     * @throws IllegalStateException if the files hold a malformed record.
     */
    long replay(RecordHandler handler);

    /**
     * Release everything; idempotent.
     */
    void close();

    /**
     * The implementations compared, in the order they run.
     */
    enum Kind
    {
        /** Ours: {@link io.asobi.persistence.Journal} over Chronicle Queue. */
        CHRONICLE("asobi Journal (Chronicle)"),
        /** Plain {@code FileChannel.write} of a length-prefixed record, no force. */
        FILE_CHANNEL("FileChannel.write"),
        /** Length-prefixed record copied into a pre-mapped region, remapped to grow. */
        MAPPED("MappedByteBuffer");

        private final String label;

        Kind(final String label)
        {
            this.label = label;
        }

        String label()
        {
            return label;
        }

        /**
         * Open a new, empty journal of this kind in {@code dir}.
         *
         * @param dir            an existing empty directory owned by this appender.
         * @param maxRecordBytes largest record to be appended.
         * @return the appender.
         */
        JournalBenchAppender open(final Path dir, final int maxRecordBytes)
        {
            return switch (this)
            {
                case CHRONICLE -> new JournalBenchChronicle(dir, maxRecordBytes);
                case FILE_CHANNEL -> new JournalBenchFileChannel(dir.resolve("journal.dat"), maxRecordBytes);
                case MAPPED -> new JournalBenchMapped(dir.resolve("journal.dat"), maxRecordBytes);
            };
        }
    }
}

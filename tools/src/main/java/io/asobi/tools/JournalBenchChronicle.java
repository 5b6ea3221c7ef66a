package io.asobi.tools;

import io.asobi.persistence.Journal;
import io.asobi.persistence.RecordHandler;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * Ours: {@link Journal} (Chronicle Queue); replay opens the directory again read-only.
 */
final class JournalBenchChronicle implements JournalBenchAppender
{
    private final Path dir;
    private final int maxRecordBytes;
    private final Journal journal;

    JournalBenchChronicle(final Path dir, final int maxRecordBytes)
    {
        this.dir = dir;
        this.maxRecordBytes = maxRecordBytes;
        this.journal = Journal.open(new Journal.Context().dir(dir).maxRecordBytes(maxRecordBytes));
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        journal.append(buffer, offset, length);
    }

    @Override
    public void finishWriting()
    {
        journal.close();
    }

    @Override
    public long replay(final RecordHandler handler)
    {
        try (Journal reader = Journal.open(
            new Journal.Context().dir(dir).maxRecordBytes(maxRecordBytes).readOnly(true)))
        {
            return reader.replay(handler);
        }
    }

    @Override
    public void close()
    {
        journal.close();
    }
}

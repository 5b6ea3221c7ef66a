package io.asobi.persistence;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link JournalKillTest}: appends records, reports on stdout, then waits to be killed.
 */
final class JournalAppendingChild
{
    private JournalAppendingChild()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path dir = Path.of(args[0]);
        final int count = Integer.parseInt(args[1]);
        final Journal journal = Journal.open(new Journal.Context().dir(dir));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < count; i++)
        {
            buffer.putInt(0, i);
            buffer.putLong(4, i * 31L);
            journal.append(buffer, 0, 12);
        }
        System.out.println("appended " + count);
        System.out.flush();

        // Never closes the journal: the parent kills this process.
        while (System.in.read() >= 0)
        {
            Thread.onSpinWait();
        }
    }
}

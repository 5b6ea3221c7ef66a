package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link SimulationJournalKillTest}: journals a few ticks, then opens a Chronicle document,
 * writes half of a tick into it and waits to be killed with the document still open (a process dying mid-append).
 */
final class SimulationJournalDyingChild
{
    private SimulationJournalDyingChild()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path dir = Path.of(args[0]);
        final int ticks = Integer.parseInt(args[1]);
        final UnsafeBuffer input = new UnsafeBuffer(new byte[64]);
        final SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(dir));
        journal.started(1, SimulationKind.MATCH, "m", "arena", 0, 20, 0, 0);
        for (int tick = 0; tick < ticks; tick++)
        {
            journal.beginTick(1, tick);
            input.putInt(0, tick);
            journal.input(1, 1, input, 0, 4);
            journal.endTick(tick);
        }

        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext dc = appender.writingDocument();
        dc.wire().bytes().write(new byte[]{ 57, 0, 0, 0, 36, 0, 2, 0, 2, 0, 2, 0, 1, 0, 0, 0 });
        System.out.println("mid-append after " + ticks);
        System.out.flush();

        // Never closes the document: the parent kills this process.
        while (System.in.read() >= 0)
        {
            Thread.onSpinWait();
        }
    }
}

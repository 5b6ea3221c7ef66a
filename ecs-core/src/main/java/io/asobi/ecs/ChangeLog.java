package io.asobi.ecs;

import org.agrona.collections.IntArrayList;


/**
 * Which entities were created and destroyed at which tick, kept for a bounded number of ticks so delta encoders
 * can ask "what appeared or disappeared since tick T".
 * <p>
 * Entries are one {@code long} each, {@code kind << 32 | entity}, in append order; ticks are kept once per run of
 * entries of the same tick (a segment), so logging costs one array store per entity.
 */
final class ChangeLog
{
    static final byte CREATED = 1;
    static final byte DESTROYED = 2;

    private long[] entries = new long[256];
    private int head;
    private int tail;
    private long[] segmentTicks = new long[16];
    private int[] segmentStarts = new int[16];
    private int segmentHead;
    private int segmentTail;
    private long retainedFromTick = Long.MIN_VALUE;

    void append(final long tick, final int entity, final byte kind)
    {
        if (segmentTail == segmentHead || segmentTicks[segmentTail - 1] != tick)
        {
            openSegment(tick);
        }
        if (tail == entries.length)
        {
            compactOrGrow();
        }
        entries[tail++] = ((long)kind << 32) | (entity & 0xFFFF_FFFFL);
    }

    /** Forgets entries from ticks before {@code tick}. */
    void trimBefore(final long tick)
    {
        while (segmentHead < segmentTail && segmentTicks[segmentHead] < tick)
        {
            segmentHead++;
        }
        head = segmentHead < segmentTail ? segmentStarts[segmentHead] : tail;
        if (segmentHead == segmentTail)
        {
            segmentHead = 0;
            segmentTail = 0;
            head = 0;
            tail = 0;
        }
        retainedFromTick = Math.max(retainedFromTick, tick - 1);
    }

    /**
     * Adds to {@code out} the entities of the given kind logged at ticks after {@code sinceTick}, oldest first.
     *
     * @throws IllegalStateException if entries after {@code sinceTick} have already been trimmed.
     */
    void collectSince(final long sinceTick, final byte kind, final IntArrayList out)
    {
        if (sinceTick < retainedFromTick)
        {
            throw new IllegalStateException("change log no longer covers tick " + sinceTick +
                "; it holds ticks after " + retainedFromTick);
        }
        int s = segmentTail;
        while (s > segmentHead && segmentTicks[s - 1] > sinceTick)
        {
            s--;
        }
        final long wanted = (long)kind;
        for (int i = s < segmentTail ? segmentStarts[s] : tail; i < tail; i++)
        {
            final long entry = entries[i];
            if ((entry >>> 32) == wanted)
            {
                out.addInt((int)entry);
            }
        }
    }

    int size()
    {
        return tail - head;
    }

    /** Forgets everything; the log then covers only ticks after {@code tick}. */
    void resetAt(final long tick)
    {
        head = 0;
        tail = 0;
        segmentHead = 0;
        segmentTail = 0;
        retainedFromTick = tick;
    }

    private void openSegment(final long tick)
    {
        if (segmentTail == segmentTicks.length)
        {
            final int live = segmentTail - segmentHead;
            if (segmentHead > 0 && live <= segmentTicks.length / 2)
            {
                System.arraycopy(segmentTicks, segmentHead, segmentTicks, 0, live);
                System.arraycopy(segmentStarts, segmentHead, segmentStarts, 0, live);
            }
            else
            {
                final long[] ticks = new long[segmentTicks.length << 1];
                final int[] starts = new int[segmentTicks.length << 1];
                System.arraycopy(segmentTicks, segmentHead, ticks, 0, live);
                System.arraycopy(segmentStarts, segmentHead, starts, 0, live);
                segmentTicks = ticks;
                segmentStarts = starts;
            }
            segmentHead = 0;
            segmentTail = live;
        }
        segmentTicks[segmentTail] = tick;
        segmentStarts[segmentTail] = tail;
        segmentTail++;
    }

    private void compactOrGrow()
    {
        final int live = tail - head;
        if (head > 0 && live <= entries.length / 2)
        {
            System.arraycopy(entries, head, entries, 0, live);
        }
        else
        {
            final long[] grown = new long[entries.length << 1];
            System.arraycopy(entries, head, grown, 0, live);
            entries = grown;
        }
        for (int s = segmentHead; s < segmentTail; s++)
        {
            segmentStarts[s] -= head;
        }
        head = 0;
        tail = live;
    }
}

package io.asobi.ecs;

import org.agrona.collections.IntArrayList;

import java.util.Arrays;

/**
 * Which entities were created and destroyed at which tick, kept for a bounded number of ticks so delta encoders
 * can ask "what appeared or disappeared since tick T".
 */
final class ChangeLog
{
    static final byte CREATED = 1;
    static final byte DESTROYED = 2;

    private long[] ticks = new long[64];
    private int[] entities = new int[64];
    private byte[] kinds = new byte[64];
    private int head;
    private int tail;
    private long retainedFromTick = Long.MIN_VALUE;

    void append(final long tick, final int entity, final byte kind)
    {
        if (tail == ticks.length)
        {
            compactOrGrow();
        }
        ticks[tail] = tick;
        entities[tail] = entity;
        kinds[tail] = kind;
        tail++;
    }

    /** Forgets entries from ticks before {@code tick}. */
    void trimBefore(final long tick)
    {
        while (head < tail && ticks[head] < tick)
        {
            head++;
        }
        if (head == tail)
        {
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
        int i = tail;
        while (i > head && ticks[i - 1] > sinceTick)
        {
            i--;
        }
        for (; i < tail; i++)
        {
            if (kinds[i] == kind)
            {
                out.addInt(entities[i]);
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
        retainedFromTick = tick;
    }

    private void compactOrGrow()
    {
        final int live = tail - head;
        if (head > 0 && live <= ticks.length / 2)
        {
            System.arraycopy(ticks, head, ticks, 0, live);
            System.arraycopy(entities, head, entities, 0, live);
            System.arraycopy(kinds, head, kinds, 0, live);
        }
        else
        {
            final int newLength = ticks.length << 1;
            final long[] t = new long[newLength];
            final int[] e = new int[newLength];
            final byte[] k = new byte[newLength];
            System.arraycopy(ticks, head, t, 0, live);
            System.arraycopy(entities, head, e, 0, live);
            System.arraycopy(kinds, head, k, 0, live);
            ticks = t;
            entities = e;
            kinds = k;
        }
        head = 0;
        tail = live;
        Arrays.fill(kinds, tail, kinds.length, (byte)0);
    }
}

package io.asobi.match;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small deterministic game for recovery tests: it sums the {@code v} of every input and counts its ticks; state
 * {@code {"ticks":n,"sum":s,"rolls":r}} where {@code r} is a seeded pseudo-random walk. Snapshots hold all three.
 * A shared {@link #crashAtTick} makes the next instance that reaches that tick throw once (or every tick from it).
 */
final class CounterLogic implements MatchLogic
{
    /** Tick at which the next logic to reach it throws (then reset to -1); -1 for none. */
    final AtomicLong crashAtTick;
    /** Whether every tick from {@link #crashAtTick} on throws (for the crash limit). */
    final boolean isAlwaysCrashing;
    /** Whether this logic writes snapshots. */
    final boolean isSnapshotting;
    private MatchContext ctx;
    private long ticks;
    private long sum;
    private long rolls;

    CounterLogic(final AtomicLong crashAtTick, final boolean isAlwaysCrashing, final boolean isSnapshotting)
    {
        this.crashAtTick = crashAtTick;
        this.isAlwaysCrashing = isAlwaysCrashing;
        this.isSnapshotting = isSnapshotting;
    }

    public void init(final MatchContext ctx)
    {
        this.ctx = ctx;
        rolls = ctx.seed();
    }

    public String join(final String playerId, final ObjectNode joinCtx)
    {
        return null;
    }

    public void leave(final String playerId)
    {
    }

    public void handleInput(final String playerId, final byte[] json, final int offset, final int length)
    {
        final ObjectNode input = Frames.decodeObject(json, offset, length);
        if (input.path("boom").asBoolean())
        {
            throw new IllegalStateException("input boom");
        }
        sum += input.path("v").asLong();
    }

    public ObjectNode tick(final long tick)
    {
        final long crashAt = crashAtTick.get();
        if (isAlwaysCrashing ? crashAt >= 0 && tick >= crashAt : crashAtTick.compareAndSet(tick, -1))
        {
            throw new IllegalStateException("tick " + tick + " boom");
        }
        ticks++;
        rolls = rolls * 6364136223846793005L + 1442695040888963407L;
        return null;
    }

    public boolean sharedState()
    {
        return true;
    }

    public void writeState(final String playerId, final JsonGenerator out) throws IOException
    {
        out.writeStartObject();
        out.writeNumberField("ticks", ticks);
        out.writeNumberField("sum", sum);
        out.writeNumberField("rolls", rolls);
        out.writeEndObject();
    }

    public int snapshot(final ExpandableArrayBuffer out, final int offset)
    {
        if (!isSnapshotting)
        {
            return -1;
        }
        out.putLong(offset, ticks);
        out.putLong(offset + 8, sum);
        out.putLong(offset + 16, rolls);
        return 24;
    }

    public void restore(final MatchContext ctx, final DirectBuffer src, final int offset, final int length)
    {
        if (!isSnapshotting || 24 != length)
        {
            throw new IllegalArgumentException("not a counter snapshot: " + length + " bytes");
        }
        this.ctx = ctx;
        ticks = src.getLong(offset);
        sum = src.getLong(offset + 8);
        rolls = src.getLong(offset + 16);
    }
}

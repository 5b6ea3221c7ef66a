package io.asobi.terrain;

import org.agrona.collections.LongHashSet;

import java.util.function.LongPredicate;

/**
 * The streaming plan of one viewer: which chunks to send, in what order, as it moves.
 * <p>
 * The viewer wants the square of chunks within {@code radius} of its centre chunk (Chebyshev distance, the
 * {@code (2r+1)²} ring of zones). {@link #poll} emits those it has not been sent, nearest first (by squared
 * Euclidean distance from the centre, ties by dy then dx, so the order is deterministic), at most a budget per
 * call, and remembers them. After a move only the chunks it lacks are emitted. Chunks are forgotten only once they
 * are more than {@code radius + hysteresis} from the centre, so walking back and forth over a chunk edge resends
 * nothing. Chunks outside the valid coordinate range are never emitted.
 * <p>
 * Allocation-free once constructed (the sent set is pre-sized for the retained square). <b>Note:</b> not thread
 * safe; owned by the thread that owns the viewer's session or zone.
 */
public final class ViewerStream
{
    /** Largest accepted radius in chunks. */
    public static final int MAX_RADIUS_CHUNKS = 32;

    /** Largest accepted hysteresis in chunks. */
    public static final int MAX_HYSTERESIS_CHUNKS = 16;

    private final int radius;
    private final int keepRadius;
    private final int[] offsetX;
    private final int[] offsetY;
    private final LongHashSet sent;
    private final LongPredicate isBeyondKeep = this::isBeyondKeep;
    private int centreX;
    private int centreY;
    private boolean hasCentre;
    private int cursor;

    /**
     * A plan with no centre yet: {@link #poll} emits nothing until the first {@link #moveTo}.
     *
     * @param radiusChunks     chunks wanted around the centre, 0..{@value #MAX_RADIUS_CHUNKS}.
     * @param hysteresisChunks extra distance before a sent chunk is forgotten, 0..{@value #MAX_HYSTERESIS_CHUNKS}.
     * @throws IllegalArgumentException if out of range.
     */
    public ViewerStream(final int radiusChunks, final int hysteresisChunks)
    {
        if (radiusChunks < 0 || radiusChunks > MAX_RADIUS_CHUNKS)
        {
            throw new IllegalArgumentException("radiusChunks must be in 0.." + MAX_RADIUS_CHUNKS + ": " + radiusChunks);
        }
        if (hysteresisChunks < 0 || hysteresisChunks > MAX_HYSTERESIS_CHUNKS)
        {
            throw new IllegalArgumentException(
                "hysteresisChunks must be in 0.." + MAX_HYSTERESIS_CHUNKS + ": " + hysteresisChunks);
        }
        radius = radiusChunks;
        keepRadius = radiusChunks + hysteresisChunks;
        final int side = 2 * radius + 1;
        offsetX = new int[side * side];
        offsetY = new int[side * side];
        fillNearestFirst(radius, offsetX, offsetY);
        final int keepSide = 2 * keepRadius + 1;
        sent = new LongHashSet(2 * keepSide * keepSide);
    }

    /**
     * Radius in chunks.
     *
     * @return the radius.
     */
    public int radiusChunks()
    {
        return radius;
    }

    /**
     * Distance beyond which sent chunks are forgotten: radius + hysteresis.
     *
     * @return chunks.
     */
    public int keepRadiusChunks()
    {
        return keepRadius;
    }

    /**
     * Centre the viewer on chunk {@code (cx, cy)}; forgets sent chunks now beyond radius + hysteresis.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @throws IllegalArgumentException if the coordinates are out of range.
     */
    public void moveTo(final int cx, final int cy)
    {
        Chunk.checkCoords(cx, cy);
        if (hasCentre && cx == centreX && cy == centreY)
        {
            return;
        }
        centreX = cx;
        centreY = cy;
        hasCentre = true;
        cursor = 0;
        sent.removeIfLong(isBeyondKeep);
    }

    /**
     * Centre the viewer on the chunk holding world tile {@code (worldX, worldY)}.
     *
     * @param worldX world tile x.
     * @param worldY world tile y.
     * @throws IllegalArgumentException if that chunk is out of range.
     */
    public void moveToTile(final long worldX, final long worldY)
    {
        moveTo(Chunk.chunkOfTile(worldX), Chunk.chunkOfTile(worldY));
    }

    /**
     * Emit up to {@code maxChunks} chunks within the radius that the viewer has not been sent, nearest first, and
     * remember them as sent.
     *
     * @param maxChunks budget for this call, at least 0.
     * @param sink      receives each chunk.
     * @return chunks emitted.
     * @throws IllegalArgumentException if {@code maxChunks} is negative.
     */
    public int poll(final int maxChunks, final ChunkSink sink)
    {
        if (maxChunks < 0)
        {
            throw new IllegalArgumentException("maxChunks must be >= 0: " + maxChunks);
        }
        if (!hasCentre)
        {
            return 0;
        }
        int emitted = 0;
        final int count = offsetX.length;
        while (cursor < count && emitted < maxChunks)
        {
            final long cx = (long)centreX + offsetX[cursor];
            final long cy = (long)centreY + offsetY[cursor];
            cursor++;
            if (Chunk.isValidCoord((int)cx) && Chunk.isValidCoord((int)cy) && sent.add(Chunk.key((int)cx, (int)cy)))
            {
                sink.onChunk((int)cx, (int)cy);
                emitted++;
            }
        }
        return emitted;
    }

    /**
     * Does the viewer hold chunk {@code (cx, cy)} (sent and not forgotten)?
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return true if held.
     */
    public boolean hasSent(final int cx, final int cy)
    {
        return sent.contains(Chunk.key(cx, cy));
    }

    /**
     * Forget one chunk, e.g. because it could not be delivered; it is emitted again while within the radius.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return true if it was held.
     */
    public boolean forget(final int cx, final int cy)
    {
        final boolean wasSent = sent.remove(Chunk.key(cx, cy));
        if (wasSent)
        {
            cursor = 0;
        }
        return wasSent;
    }

    /**
     * Forget everything (e.g. a reconnect with an empty client); the centre is kept.
     */
    public void reset()
    {
        sent.clear();
        cursor = 0;
    }

    /**
     * Chunks the viewer holds.
     *
     * @return count.
     */
    public int sentCount()
    {
        return sent.size();
    }

    /**
     * Chunks within the radius still to be emitted; walks the square, O((2r+1)²).
     *
     * @return count, 0 before the first move.
     */
    public int pendingCount()
    {
        if (!hasCentre)
        {
            return 0;
        }
        int pending = 0;
        for (int i = cursor; i < offsetX.length; i++)
        {
            final long cx = (long)centreX + offsetX[i];
            final long cy = (long)centreY + offsetY[i];
            if (Chunk.isValidCoord((int)cx) && Chunk.isValidCoord((int)cy) &&
                !sent.contains(Chunk.key((int)cx, (int)cy)))
            {
                pending++;
            }
        }
        return pending;
    }

    /**
     * Centre chunk x (0 before the first move).
     *
     * @return chunk x.
     */
    public int centreX()
    {
        return centreX;
    }

    /**
     * Centre chunk y (0 before the first move).
     *
     * @return chunk y.
     */
    public int centreY()
    {
        return centreY;
    }

    private boolean isBeyondKeep(final long key)
    {
        final long dx = Math.abs((long)Chunk.keyX(key) - centreX);
        final long dy = Math.abs((long)Chunk.keyY(key) - centreY);
        return Math.max(dx, dy) > keepRadius;
    }

    static void fillNearestFirst(final int radius, final int[] offsetX, final int[] offsetY)
    {
        final int side = 2 * radius + 1;
        final long[] order = new long[side * side];
        int n = 0;
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                // distance² (< 2^13) then dy then dx, each biased to be non-negative: sorts as the plan's order
                final long distance = (long)dx * dx + (long)dy * dy;
                order[n++] = (distance << 16) | ((long)(dy + radius) << 8) | (dx + radius);
            }
        }
        java.util.Arrays.sort(order);
        for (int i = 0; i < order.length; i++)
        {
            offsetY[i] = (int)((order[i] >> 8) & 0xFF) - radius;
            offsetX[i] = (int)(order[i] & 0xFF) - radius;
        }
    }
}

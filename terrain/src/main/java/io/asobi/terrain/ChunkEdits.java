package io.asobi.terrain;

import java.util.Arrays;

/**
 * The effective edits of one chunk: at most one per tile (a later edit of a tile replaces the earlier, which it
 * fully overwrites), in the order they were last applied, and a version bumped by every edit. Not thread safe:
 * guarded by the {@link ChunkStore}'s lock.
 */
final class ChunkEdits
{
    private final TerrainEdit[] byTile = new TerrainEdit[Chunk.TILES];
    private final long[] sequenceByTile = new long[Chunk.TILES];
    private long version;
    private int count;

    /**
     * Record an edit.
     *
     * @return true if it edits a tile not edited before.
     */
    boolean put(final TerrainEdit edit)
    {
        final int tile = edit.tileIndex();
        final boolean isNewTile = null == byTile[tile];
        byTile[tile] = edit;
        sequenceByTile[tile] = ++version;
        if (isNewTile)
        {
            count++;
        }
        return isNewTile;
    }

    boolean hasTile(final int tileIndex)
    {
        return null != byTile[tileIndex];
    }

    long version()
    {
        return version;
    }

    int count()
    {
        return count;
    }

    /** The edits in the order they were last applied: applied in this order to the generated chunk, the chunk. */
    TerrainEdit[] inOrder()
    {
        final long[] order = new long[count];
        int n = 0;
        for (int tile = 0; tile < Chunk.TILES; tile++)
        {
            if (null != byTile[tile])
            {
                order[n++] = (sequenceByTile[tile] << 12) | tile;
            }
        }
        Arrays.sort(order);
        final TerrainEdit[] edits = new TerrainEdit[count];
        for (int i = 0; i < count; i++)
        {
            edits[i] = byTile[(int)(order[i] & (Chunk.TILES - 1))];
        }
        return edits;
    }
}

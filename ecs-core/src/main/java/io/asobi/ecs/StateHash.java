package io.asobi.ecs;

/**
 * A 64-bit hash of a world's state that does not depend on how it is stored: each live entity contributes a
 * strong mix of its handle and of every (component name, field index, value bits) it holds, and the contributions
 * are summed, so archetype and row order do not matter. Component identity is the record class name, so the hash
 * is the same across runs and JVMs whatever order components were registered in. Floats hash by raw bits.
 */
final class StateHash
{
    private long[] rowHashes = new long[64];

    long compute(final World world)
    {
        long total = mix(world.aliveCount);
        final Archetype[] archetypes = world.archetypeTable;
        for (int a = 0, n = world.archetypes.size(); a < n; a++)
        {
            final Archetype archetype = archetypes[a];
            final int rows = archetype.size;
            if (rows == 0)
            {
                continue;
            }
            if (rowHashes.length < rows)
            {
                rowHashes = new long[Math.max(rows, rowHashes.length << 1)];
            }
            final long[] h = rowHashes;
            for (int r = 0; r < rows; r++)
            {
                h[r] = 0;
            }
            for (final ComponentType<?> type : archetype.components)
            {
                final long presence = mix(type.nameHash);
                for (int r = 0; r < rows; r++)
                {
                    h[r] += presence;
                }
                for (final Field field : type.fields)
                {
                    final long key = type.nameHash * 31 + field.index + 1;
                    final Object column = archetype.columns[field.columnId];
                    for (int r = 0; r < rows; r++)
                    {
                        h[r] += mix(key ^ mix(Columns.bits(field.kind, column, r)));
                    }
                }
            }
            final int[] entities = archetype.entities;
            for (int r = 0; r < rows; r++)
            {
                total += mix(h[r] + mix(entities[r] ^ 0x5DEECE66DL));
            }
        }
        return total;
    }

    /** The SplitMix64 finalizer: a bijective 64-bit mix with good avalanche. */
    static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

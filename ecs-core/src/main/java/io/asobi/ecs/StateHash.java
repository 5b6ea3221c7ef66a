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
        long total = seed(world.aliveCount);
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
                final long presence = presence(type.nameHash);
                for (int r = 0; r < rows; r++)
                {
                    h[r] += presence;
                }
                for (final Field field : type.fields)
                {
                    final long key = fieldKey(type.nameHash, field.index);
                    final Object column = archetype.columns[field.columnId];
                    for (int r = 0; r < rows; r++)
                    {
                        h[r] += fieldTerm(key, Columns.bits(field.kind, column, r));
                    }
                }
            }
            final int[] entities = archetype.entities;
            for (int r = 0; r < rows; r++)
            {
                total += entityTerm(h[r], entities[r]);
            }
        }
        return total;
    }

    // The terms of the hash, shared with the snapshot reader, which verifies a snapshot's hash from its bytes.

    /** The hash of a world with no entities, to which each live entity's term is added. */
    static long seed(final int aliveCount)
    {
        return mix(aliveCount);
    }

    /** A row's term for holding a component, whatever its values. */
    static long presence(final long nameHash)
    {
        return mix(nameHash);
    }

    /** The key of a component's field, by its index in the record. */
    static long fieldKey(final long nameHash, final int fieldIndex)
    {
        return nameHash * 31 + fieldIndex + 1;
    }

    /** A row's term for one field value, given as {@link Columns#bits} reads it. */
    static long fieldTerm(final long fieldKey, final long bits)
    {
        return mix(fieldKey ^ mix(bits));
    }

    /** An entity's term: its handle mixed with the sum of its row's component and field terms. */
    static long entityTerm(final long rowHash, final int entity)
    {
        return mix(rowHash + mix(entity ^ 0x5DEECE66DL));
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

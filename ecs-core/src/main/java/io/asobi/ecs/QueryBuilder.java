package io.asobi.ecs;

/**
 * Builds a {@link Query} from the components an entity must have and must not have.
 */
public final class QueryBuilder
{
    private final World world;
    private long[] with = new long[1];
    private long[] without = new long[1];

    QueryBuilder(final World world)
    {
        this.world = world;
    }

    /**
     * @param types components a matching entity must have.
     * @return this.
     */
    public QueryBuilder with(final ComponentType<?>... types)
    {
        with = set(with, types);
        return this;
    }

    /**
     * @param types components a matching entity must not have.
     * @return this.
     */
    public QueryBuilder without(final ComponentType<?>... types)
    {
        without = set(without, types);
        return this;
    }

    /**
     * @return the query; identical queries are shared, and each is cached per archetype as archetypes appear.
     * @throws IllegalArgumentException if a component is both required and excluded.
     */
    public Query build()
    {
        for (int i = 0, n = Math.min(with.length, without.length); i < n; i++)
        {
            if ((with[i] & without[i]) != 0)
            {
                throw new IllegalArgumentException("a component is both required and excluded");
            }
        }
        return world.cachedQuery(trim(with), trim(without));
    }

    private long[] set(final long[] mask, final ComponentType<?>[] types)
    {
        long[] result = mask;
        for (final ComponentType<?> type : types)
        {
            world.checkType(type);
            final int word = type.id >> 6;
            if (word >= result.length)
            {
                result = java.util.Arrays.copyOf(result, word + 1);
            }
            result[word] |= 1L << type.id;
        }
        return result;
    }

    private static long[] trim(final long[] mask)
    {
        int n = mask.length;
        while (n > 0 && mask[n - 1] == 0)
        {
            n--;
        }
        return java.util.Arrays.copyOf(mask, n);
    }
}

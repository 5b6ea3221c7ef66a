package io.asobi.ecs;

import java.util.Arrays;
import java.util.List;

/**
 * The archetypes matching a component set, kept up to date as archetypes appear. Iterate with a reusable
 * {@link QueryCursor}.
 */
public final class Query
{
    final World world;
    final long[] with;
    final long[] without;
    Archetype[] matched = new Archetype[8];
    int matchedCount;

    Query(final World world, final long[] with, final long[] without)
    {
        this.world = world;
        this.with = with;
        this.without = without;
    }

    /**
     * @return a new cursor over this query; allocate once and {@link QueryCursor#reset()} it every pass.
     */
    public QueryCursor cursor()
    {
        return new QueryCursor(this);
    }

    /**
     * @return the number of entities matching now.
     */
    public int count()
    {
        int count = 0;
        for (int i = 0; i < matchedCount; i++)
        {
            count += matched[i].size;
        }
        return count;
    }

    void onNewArchetype(final Archetype archetype)
    {
        if (archetype.matches(with, without))
        {
            if (matchedCount == matched.length)
            {
                matched = Arrays.copyOf(matched, matchedCount << 1);
            }
            matched[matchedCount++] = archetype;
        }
    }

    void rebuild(final List<Archetype> archetypes)
    {
        Arrays.fill(matched, null);
        matchedCount = 0;
        for (final Archetype archetype : archetypes)
        {
            onNewArchetype(archetype);
        }
    }
}

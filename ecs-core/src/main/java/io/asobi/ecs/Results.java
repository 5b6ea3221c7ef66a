package io.asobi.ecs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result of a friendly {@code findEntitiesWith} call: records copied out of the store at call time, so the
 * world may be changed while walking them. Allocates; for hot paths use a {@link QueryCursor}.
 *
 * @param <T> {@link With1}, {@link With2} or {@link With3}.
 */
public final class Results<T> implements Iterable<T>
{
    private final List<T> items;

    private Results(final List<T> items)
    {
        this.items = Collections.unmodifiableList(items);
    }

    @FunctionalInterface
    interface RowFactory<T>
    {
        T create(int entity, Record[] components);
    }

    @SuppressWarnings("unchecked")
    static <T> Results<T> collect(final World world, final Class<?>[] classes, final RowFactory<T> factory)
    {
        final ComponentType<?>[] types = new ComponentType<?>[classes.length];
        for (int i = 0; i < classes.length; i++)
        {
            types[i] = world.component((Class<? extends Record>)classes[i]);
        }
        final List<T> items = new ArrayList<>();
        final Query query = world.query().with(types).build();
        for (int a = 0; a < query.matchedCount; a++)
        {
            final Archetype archetype = query.matched[a];
            for (int row = 0; row < archetype.size; row++)
            {
                final Record[] components = new Record[types.length];
                for (int i = 0; i < types.length; i++)
                {
                    components[i] = types[i].read(archetype, row);
                }
                items.add(factory.create(archetype.entities[row], components));
            }
        }
        return new Results<>(items);
    }

    public Iterator<T> iterator()
    {
        return items.iterator();
    }

    /**
     * @return the results as a stream.
     */
    public Stream<T> stream()
    {
        return items.stream();
    }

    /**
     * @return the results as an unmodifiable list.
     */
    public List<T> toList()
    {
        return items;
    }

    /**
     * @return the number of entities found.
     */
    public int size()
    {
        return items.size();
    }
}

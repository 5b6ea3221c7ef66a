package io.asobi.ecs;

import java.util.Arrays;

/**
 * All entities with exactly one set of components, stored as one primitive column per component field plus a
 * column of entity handles. Rows are dense; removal swaps the last row into the hole.
 * <p>
 * Change tracking: every column has a bulk change tick (set when a system takes the whole column for writing), and
 * every component a per-row change tick shared by its columns (set by single-value writes, creation and moves; one
 * array per component rather than per field halves the memory traffic of structural changes). A row's field changed
 * since {@code t} if either tick is greater than {@code t}.
 * <p>
 * <b>Note:</b> owned by the world's single writer thread.
 */
final class Archetype
{
    int id;
    final int[] componentIds;
    final long[] mask;
    final ComponentType<?>[] components;
    final Field[] fields;
    final FieldKind[] kinds;
    final byte[] kindCodes;
    final Object[] columns;
    final long[][] rowTicks;
    final long[] bulkTicks;
    final Object[] denseColumns;
    final long[][] componentTicks;
    final int[][] componentColumnIds;
    int[] entities;
    int size;
    int capacity;
    Edge[] addEdges = new Edge[0];
    Edge[] removeEdges = new Edge[0];

    Archetype(final int id, final ComponentType<?>[] sortedComponents, final int initialCapacity)
    {
        this.id = id;
        this.components = sortedComponents;
        componentIds = new int[sortedComponents.length];
        int maxComponentId = -1;
        int fieldCount = 0;
        int maxColumnId = -1;
        for (int i = 0; i < sortedComponents.length; i++)
        {
            final ComponentType<?> component = sortedComponents[i];
            componentIds[i] = component.id;
            maxComponentId = Math.max(maxComponentId, component.id);
            fieldCount += component.fields.length;
            for (final Field field : component.fields)
            {
                maxColumnId = Math.max(maxColumnId, field.columnId);
            }
        }
        mask = new long[(maxComponentId >> 6) + 1];
        for (final int componentId : componentIds)
        {
            mask[componentId >> 6] |= 1L << componentId;
        }
        fields = new Field[fieldCount];
        kinds = new FieldKind[fieldCount];
        kindCodes = new byte[fieldCount];
        denseColumns = new Object[fieldCount];
        componentTicks = new long[sortedComponents.length][];
        componentColumnIds = new int[sortedComponents.length][];
        columns = new Object[maxColumnId + 1];
        rowTicks = new long[maxColumnId + 1][];
        bulkTicks = new long[maxColumnId + 1];
        capacity = Math.max(1, initialCapacity);
        entities = new int[capacity];
        int f = 0;
        for (int k = 0; k < sortedComponents.length; k++)
        {
            final ComponentType<?> component = sortedComponents[k];
            componentTicks[k] = new long[capacity];
            componentColumnIds[k] = new int[component.fields.length];
            for (int i = 0; i < component.fields.length; i++)
            {
                final Field field = component.fields[i];
                fields[f] = field;
                kinds[f] = field.kind;
                kindCodes[f] = (byte)field.kind.ordinal();
                columns[field.columnId] = Columns.allocate(field.kind, capacity);
                rowTicks[field.columnId] = componentTicks[k];
                bulkTicks[field.columnId] = Long.MIN_VALUE;
                denseColumns[f] = columns[field.columnId];
                componentColumnIds[k][i] = field.columnId;
                f++;
            }
        }
    }

    boolean has(final int componentId)
    {
        final int word = componentId >> 6;
        return word < mask.length && (mask[word] & (1L << componentId)) != 0;
    }

    boolean hasColumn(final int columnId)
    {
        return columnId < columns.length && null != columns[columnId];
    }

    /** True if this archetype has every component of {@code with} and none of {@code without}. */
    boolean matches(final long[] with, final long[] without)
    {
        for (int i = 0; i < with.length; i++)
        {
            final long word = i < mask.length ? mask[i] : 0;
            if ((word & with[i]) != with[i])
            {
                return false;
            }
        }
        for (int i = 0, n = Math.min(without.length, mask.length); i < n; i++)
        {
            if ((mask[i] & without[i]) != 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends a row whose change ticks are {@code tick}. Its values are zero: rows at or past {@link #size} always
     * are (arrays start zeroed, growth pads with zeros, {@link #removeRow} zeroes the row it vacates).
     *
     * @return the new row.
     */
    int addRow(final int entity, final long tick)
    {
        if (size == capacity)
        {
            ensureCapacity(size + 1);
        }
        final int row = size++;
        entities[row] = entity;
        final long[][] ticks = componentTicks;
        for (int k = 0, n = ticks.length; k < n; k++)
        {
            ticks[k][row] = tick;
        }
        return row;
    }

    /**
     * Appends {@code count} zeroed rows for the given entities, change ticks {@code tick}.
     *
     * @return the first new row.
     */
    int addRows(final int[] newEntities, final int offset, final int count, final long tick)
    {
        ensureCapacity(size + count);
        final int first = size;
        System.arraycopy(newEntities, offset, entities, first, count);
        for (final long[] ticks : componentTicks)
        {
            Arrays.fill(ticks, first, first + count, tick);
        }
        size += count;
        return first;
    }

    /**
     * Removes a row by moving the last row into it.
     *
     * @return the entity that moved into {@code row}, or {@link EntityIds#NULL} if {@code row} was the last.
     */
    int removeRow(final int row)
    {
        final int last = --size;
        final Object[] cols = denseColumns;
        final byte[] k = kindCodes;
        if (row == last)
        {
            for (int f = 0, n = cols.length; f < n; f++)
            {
                Columns.clear(k[f], cols[f], last);
            }
            return EntityIds.NULL;
        }
        final int moved = entities[last];
        entities[row] = moved;
        for (int f = 0, n = cols.length; f < n; f++)
        {
            Columns.move(k[f], cols[f], last, row);
        }
        final long[][] ticks = componentTicks;
        for (int c = 0, n = ticks.length; c < n; c++)
        {
            ticks[c][row] = ticks[c][last];
        }
        return moved;
    }

    /** Zeroes every row and empties the archetype. */
    void clear()
    {
        for (int f = 0; f < denseColumns.length; f++)
        {
            denseColumns[f] = Columns.allocate(kinds[f], capacity);
            columns[fields[f].columnId] = denseColumns[f];
        }
        size = 0;
    }

    /**
     * Copies a row into {@code target} (shared columns keep values and change ticks, new columns are zero and
     * changed at {@code tick}); the caller then removes it here with {@link #removeRow(int)}.
     *
     * @return the row in {@code target}.
     */
    int moveRow(final int row, final Edge edge, final long tick)
    {
        final Archetype target = edge.target;
        if (target.size == target.capacity)
        {
            target.ensureCapacity(target.size + 1);
        }
        final int targetRow = target.size++;
        target.entities[targetRow] = entities[row];
        final int[] sourceField = edge.sourceField;
        final Object[] targetColumns = target.denseColumns;
        final byte[] targetKinds = target.kindCodes;
        for (int f = 0, n = sourceField.length; f < n; f++)
        {
            final int s = sourceField[f];
            if (s >= 0)
            {
                Columns.copy(targetKinds[f], denseColumns[s], row, targetColumns[f], targetRow);
            }
        }
        final int[] sourceComponent = edge.sourceComponent;
        final long[][] targetTicks = target.componentTicks;
        for (int k = 0, n = sourceComponent.length; k < n; k++)
        {
            final int s = sourceComponent[k];
            long t = tick;
            if (s >= 0)
            {
                t = componentTicks[s][row];
                for (final int columnId : componentColumnIds[s])
                {
                    t = Math.max(t, bulkTicks[columnId]);
                }
            }
            targetTicks[k][targetRow] = t;
        }
        return targetRow;
    }

    boolean changedSince(final int columnId, final int row, final long sinceTick)
    {
        return bulkTicks[columnId] > sinceTick || rowTicks[columnId][row] > sinceTick;
    }

    void ensureCapacity(final int required)
    {
        if (required > capacity)
        {
            long newCapacity = capacity;
            while (newCapacity < required)
            {
                newCapacity = newCapacity << 1;
            }
            newCapacity = Math.min(newCapacity, Integer.MAX_VALUE - 8);
            entities = Arrays.copyOf(entities, (int)newCapacity);
            for (int k = 0; k < componentTicks.length; k++)
            {
                componentTicks[k] = Arrays.copyOf(componentTicks[k], (int)newCapacity);
                for (final int columnId : componentColumnIds[k])
                {
                    rowTicks[columnId] = componentTicks[k];
                }
            }
            for (int f = 0; f < fields.length; f++)
            {
                final int c = fields[f].columnId;
                columns[c] = Columns.grow(kinds[f], columns[c], (int)newCapacity);
                denseColumns[f] = columns[c];
            }
            capacity = (int)newCapacity;
        }
    }

    /**
     * A cached transition to the archetype with one component more or less, with, for each of the target's fields,
     * the index of the same field here (or -1 if the target adds it).
     */
    static final class Edge
    {
        final Archetype target;
        final int[] sourceField;
        final int[] sourceComponent;

        Edge(final Archetype source, final Archetype target)
        {
            this.target = target;
            sourceField = new int[target.fields.length];
            for (int f = 0; f < target.fields.length; f++)
            {
                sourceField[f] = indexOf(source.fields, target.fields[f]);
            }
            sourceComponent = new int[target.components.length];
            for (int k = 0; k < target.components.length; k++)
            {
                sourceComponent[k] = indexOf(source.components, target.components[k]);
            }
        }

        private static int indexOf(final Object[] array, final Object value)
        {
            for (int i = 0; i < array.length; i++)
            {
                if (array[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }
    }

    static Edge edge(final Edge[] edges, final int componentId)
    {
        return componentId < edges.length ? edges[componentId] : null;
    }

    static Edge[] withEdge(final Edge[] edges, final int componentId, final Edge edge)
    {
        final Edge[] result = componentId < edges.length ? edges : Arrays.copyOf(edges, componentId + 1);
        result[componentId] = edge;
        return result;
    }

    public String toString()
    {
        final StringBuilder sb = new StringBuilder("Archetype{").append(id).append(':');
        for (final ComponentType<?> component : components)
        {
            sb.append(' ').append(component.type.getSimpleName());
        }
        return sb.append(", size=").append(size).append('}').toString();
    }
}

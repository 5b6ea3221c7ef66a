package io.asobi.ecs;

import org.agrona.collections.Int2ObjectHashMap;

import java.util.Arrays;

/**
 * All entities with exactly one set of components, stored as one primitive column per component field plus a
 * column of entity handles. Rows are dense; removal swaps the last row into the hole.
 * <p>
 * Change tracking: every column has a bulk change tick (set when a system takes the whole column for writing) and
 * a per-row change tick (set by single-value writes, creation and moves). A row changed since {@code t} if either
 * is greater than {@code t}.
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
    final Object[] columns;
    final long[][] rowTicks;
    final long[] bulkTicks;
    int[] entities;
    int size;
    int capacity;
    final Int2ObjectHashMap<Archetype> addEdges = new Int2ObjectHashMap<>();
    final Int2ObjectHashMap<Archetype> removeEdges = new Int2ObjectHashMap<>();

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
        columns = new Object[maxColumnId + 1];
        rowTicks = new long[maxColumnId + 1][];
        bulkTicks = new long[maxColumnId + 1];
        capacity = Math.max(1, initialCapacity);
        entities = new int[capacity];
        int f = 0;
        for (final ComponentType<?> component : sortedComponents)
        {
            for (final Field field : component.fields)
            {
                fields[f++] = field;
                columns[field.columnId] = Columns.allocate(field.kind, capacity);
                rowTicks[field.columnId] = new long[capacity];
                bulkTicks[field.columnId] = Long.MIN_VALUE;
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
     * Appends a row with zeroed values whose change ticks are {@code tick}.
     *
     * @return the new row.
     */
    int addRow(final int entity, final long tick)
    {
        ensureCapacity(size + 1);
        final int row = size++;
        entities[row] = entity;
        for (final Field field : fields)
        {
            Columns.clear(field.kind, columns[field.columnId], row);
            rowTicks[field.columnId][row] = tick;
        }
        return row;
    }

    /**
     * Removes a row by moving the last row into it.
     *
     * @return the entity that moved into {@code row}, or {@link EntityIds#NULL} if {@code row} was the last.
     */
    int removeRow(final int row)
    {
        final int last = --size;
        if (row == last)
        {
            return EntityIds.NULL;
        }
        final int moved = entities[last];
        entities[row] = moved;
        for (final Field field : fields)
        {
            final int c = field.columnId;
            Columns.copy(field.kind, columns[c], last, columns[c], row);
            rowTicks[c][row] = rowTicks[c][last];
        }
        return moved;
    }

    /**
     * Copies a row into {@code target} (shared columns keep values and change ticks, new columns are zero and
     * changed at {@code tick}); the caller then removes it here with {@link #removeRow(int)}.
     *
     * @return the row in {@code target}.
     */
    int moveRow(final int row, final Archetype target, final long tick)
    {
        final int targetRow = target.addRow(entities[row], tick);
        for (final Field field : target.fields)
        {
            final int c = field.columnId;
            if (hasColumn(c))
            {
                Columns.copy(field.kind, columns[c], row, target.columns[c], targetRow);
                target.rowTicks[c][targetRow] = Math.max(rowTicks[c][row], bulkTicks[c]);
            }
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
            int newCapacity = capacity;
            while (newCapacity < required)
            {
                newCapacity = newCapacity << 1;
            }
            entities = Arrays.copyOf(entities, newCapacity);
            for (final Field field : fields)
            {
                final int c = field.columnId;
                columns[c] = Columns.grow(field.kind, columns[c], newCapacity);
                rowTicks[c] = Arrays.copyOf(rowTicks[c], newCapacity);
            }
            capacity = newCapacity;
        }
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

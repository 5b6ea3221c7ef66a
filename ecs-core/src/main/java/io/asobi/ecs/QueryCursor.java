package io.asobi.ecs;

/**
 * A reusable iterator over a {@link Query}, by chunk (one archetype's rows, for loops over raw column arrays) or by
 * entity (typed accessors). Allocate one per query and system and {@link #reset()} it each pass: iteration
 * allocates nothing.
 * <pre>{@code
 * cursor.reset();
 * while (cursor.nextChunk())
 * {
 *     final int n = cursor.chunkSize();
 *     final float[] x = cursor.columnForWrite(POS_X);   // marks the column changed at this tick
 *     final float[] vx = cursor.column(VEL_X);          // read only by contract
 *     for (int i = 0; i < n; i++) { x[i] += vx[i]; }
 * }
 * }</pre>
 * While a cursor iterates, structural changes to its world throw; it closes itself when exhausted, and
 * {@link #close()} ends it early. Within a {@link Systems} phase, cursors a system leaves open are closed for it.
 * Writes through {@code set} stamp the row's change tick with the world's tick as of {@link #reset()}; arrays from
 * {@code column} must not be written.
 * <p>
 * <b>Note:</b> not thread safe; use on the world's thread.
 */
public final class QueryCursor implements AutoCloseable
{
    private final Query query;
    private final World world;
    private static final Object[] NO_COLUMNS = new Object[0];
    private static final long[][] NO_TICKS = new long[0][];

    private int archetypeIndex;
    private Archetype current;
    private Object[] columns = NO_COLUMNS;
    private long[][] rowTicks = NO_TICKS;
    private long tick;
    private int row;
    private int chunkSize;
    private int epoch;
    private boolean open;

    QueryCursor(final Query query)
    {
        this.query = query;
        this.world = query.world;
    }

    /**
     * Starts a new pass.
     *
     * @return this.
     */
    public QueryCursor reset()
    {
        close();
        archetypeIndex = -1;
        current = null;
        columns = NO_COLUMNS;
        rowTicks = NO_TICKS;
        tick = world.tick;
        row = -1;
        chunkSize = 0;
        open = true;
        epoch = world.cursorEpoch;
        world.openCursors++;
        return this;
    }

    /**
     * Moves to the next non-empty archetype.
     *
     * @return false when the pass is over (the cursor is then closed).
     */
    public boolean nextChunk()
    {
        checkOpen();
        final Archetype[] matched = query.matched;
        while (++archetypeIndex < query.matchedCount)
        {
            final Archetype archetype = matched[archetypeIndex];
            if (archetype.size > 0)
            {
                current = archetype;
                columns = archetype.columns;
                rowTicks = archetype.rowTicks;
                chunkSize = archetype.size;
                row = -1;
                return true;
            }
        }
        current = null;
        columns = NO_COLUMNS;
        rowTicks = NO_TICKS;
        chunkSize = 0;
        close();
        return false;
    }

    /**
     * Moves to the next entity.
     *
     * @return false when the pass is over (the cursor is then closed).
     */
    public boolean next()
    {
        if (++row < chunkSize)
        {
            return true;
        }
        if (nextChunk())
        {
            row = 0;
            return true;
        }
        return false;
    }

    /**
     * Ends the pass early; does nothing if it is over.
     */
    public void close()
    {
        current = null;
        columns = NO_COLUMNS;
        rowTicks = NO_TICKS;
        chunkSize = 0;
        row = -1;
        if (open)
        {
            open = false;
            if (epoch == world.cursorEpoch)
            {
                world.openCursors--;
            }
        }
    }

    /**
     * @return rows in the current chunk.
     */
    public int chunkSize()
    {
        return chunkSize;
    }

    /**
     * @return the current row within the chunk (per-entity iteration).
     */
    public int row()
    {
        return row;
    }

    /**
     * @return the current entity's handle.
     */
    public int entity()
    {
        return current.entities[row];
    }

    /**
     * @return the current chunk's entity handles by row; read only, valid for {@link #chunkSize()} rows.
     */
    public int[] entities()
    {
        return chunk().entities;
    }

    /**
     * @return true if the current chunk's entities have the component (for optional components).
     */
    public boolean has(final ComponentType<?> type)
    {
        if (type.world != world)
        {
            throw new IllegalArgumentException(type + " belongs to another world");
        }
        return chunk().has(type.id);
    }

    private Archetype chunk()
    {
        if (null == current)
        {
            throw new IllegalStateException("cursor has no current chunk: call next() or nextChunk() first");
        }
        return current;
    }

    /**
     * @return true if the current entity's field was written after {@code sinceTick}.
     */
    public boolean changedSince(final Field field, final long sinceTick)
    {
        return current.changedSince(checked(field), row, sinceTick);
    }

    /**
     * @return true if any row of the current chunk's field column may have changed after {@code sinceTick}
     * (a bulk write marks the whole column).
     */
    public boolean columnChangedSince(final Field field, final long sinceTick)
    {
        final int c = checked(field);
        if (current.bulkTicks[c] > sinceTick)
        {
            return true;
        }
        final long[] ticks = current.rowTicks[c];
        for (int i = 0; i < chunkSize; i++)
        {
            if (ticks[i] > sinceTick)
            {
                return true;
            }
        }
        return false;
    }

    private void checkOpen()
    {
        if (!open || epoch != world.cursorEpoch)
        {
            open = false;
            throw new IllegalStateException("cursor is not iterating: call reset() first");
        }
    }

    private int checked(final Field field)
    {
        final int c = field.columnId;
        final Object[] cols = columns;
        if (field.world != world || c >= cols.length || null == cols[c])
        {
            throw new IllegalArgumentException(null == current ?
                "cursor has no current chunk: call next() or nextChunk() first" :
                "the current chunk has no component " + field.component.name() + " (field " + field + ")");
        }
        return c;
    }

    private void stamp(final int c)
    {
        rowTicks[c][row] = tick;
    }

    /** @return the current entity's value of {@code field}. */
    public boolean get(final BooleanField field)
    {
        return ((boolean[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final BooleanField field, final boolean value)
    {
        final int c = checked(field);
        ((boolean[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public boolean[] column(final BooleanField field)
    {
        return (boolean[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public boolean[] columnForWrite(final BooleanField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (boolean[])columns[c];
    }

    /** @return the current entity's value of {@code field}. */
    public byte get(final ByteField field)
    {
        return ((byte[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final ByteField field, final byte value)
    {
        final int c = checked(field);
        ((byte[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public byte[] column(final ByteField field)
    {
        return (byte[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public byte[] columnForWrite(final ByteField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (byte[])columns[c];
    }

    /** @return the current entity's value of {@code field}. */
    public short get(final ShortField field)
    {
        return ((short[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final ShortField field, final short value)
    {
        final int c = checked(field);
        ((short[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public short[] column(final ShortField field)
    {
        return (short[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public short[] columnForWrite(final ShortField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (short[])columns[c];
    }

    /** @return the current entity's value of {@code field}. */
    public char get(final CharField field)
    {
        return ((char[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final CharField field, final char value)
    {
        final int c = checked(field);
        ((char[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public char[] column(final CharField field)
    {
        return (char[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public char[] columnForWrite(final CharField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (char[])columns[c];
    }

    /** @return the current entity's value of {@code field}. */
    public int get(final IntField field)
    {
        return ((int[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final IntField field, final int value)
    {
        final int c = checked(field);
        ((int[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public int[] column(final IntField field)
    {
        return (int[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public int[] columnForWrite(final IntField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (int[])columns[c];
    }

    /** @return the current entity's value of {@code field}. */
    public long get(final LongField field)
    {
        return ((long[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final LongField field, final long value)
    {
        final int c = checked(field);
        ((long[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public long[] column(final LongField field)
    {
        return (long[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public long[] columnForWrite(final LongField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (long[])columns[c];
    }

    /** @return the current entity's value of {@code field}. */
    public float get(final FloatField field)
    {
        return ((float[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final FloatField field, final float value)
    {
        final int c = checked(field);
        ((float[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public float[] column(final FloatField field)
    {
        return (float[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public float[] columnForWrite(final FloatField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (float[])columns[c];
    }

    /** @return the current entity's value of {@code field}. */
    public double get(final DoubleField field)
    {
        return ((double[])columns[checked(field)])[row];
    }

    /** Writes the current entity's value of {@code field} and stamps the row changed. */
    public void set(final DoubleField field, final double value)
    {
        final int c = checked(field);
        ((double[])columns[c])[row] = value;
        stamp(c);
    }

    /** @return the current chunk's column for {@code field}, read only, valid for {@link #chunkSize()} rows. */
    public double[] column(final DoubleField field)
    {
        return (double[])columns[checked(field)];
    }

    /** @return the current chunk's column for {@code field} to write, after marking the whole column changed. */
    public double[] columnForWrite(final DoubleField field)
    {
        final int c = checked(field);
        current.bulkTicks[c] = tick;
        return (double[])columns[c];
    }
}

package io.asobi.ecs;

import java.util.Arrays;

/**
 * Structural changes recorded during iteration or a system phase and applied, in recorded order, at the phase
 * boundary (or by {@link #apply()}). Recording allocates nothing once the buffer has grown to its working size.
 * <p>
 * {@code create} reserves the entity's handle at once, so later commands and other entities can refer to it;
 * the entity is alive only after the buffer is applied. Commands on an entity that an earlier command in the same
 * buffer destroyed are skipped (two systems destroying the same entity is not an error); a handle that is already
 * stale when recorded is rejected at once.
 * <p>
 * <b>Note:</b> not thread safe; one buffer per world, used on the world's thread.
 */
public final class CommandBuffer
{
    private static final int CREATE = 1;
    private static final int DESTROY = 2;
    private static final int ADD = 3;
    private static final int REMOVE = 4;
    private static final int SET = 5;
    private static final int ADD_VALUES = 6;
    private static final int OP_INTS = 4;

    private final World world;
    private int[] ops = new int[64 * OP_INTS];
    private long[] values = new long[64];
    private int opCount;
    private int valueCount;
    private long skipped;

    CommandBuffer(final World world)
    {
        this.world = world;
    }

    /**
     * Reserves an entity created from {@code template} when the buffer is applied.
     *
     * @return the reserved handle.
     */
    public int create(final EntityTemplate template)
    {
        world.checkTemplate(template);
        final int entity = world.allocateSlot();
        append(CREATE, entity, template.archetype.id, 0);
        return entity;
    }

    /**
     * Reserves an entity with the given component values (friendly; allocates).
     *
     * @return the reserved handle.
     */
    public int create(final Record... components)
    {
        final Archetype archetype = world.archetypeFor(world.sortedDistinct(world.typesOf(components)));
        final int entity = world.allocateSlot();
        append(CREATE, entity, archetype.id, 0);
        for (final Record component : components)
        {
            add(entity, component);
        }
        return entity;
    }

    /**
     * Destroys the entity when applied.
     */
    public void destroy(final int entity)
    {
        checkTarget(entity);
        append(DESTROY, entity, 0, 0);
    }

    /**
     * Adds the component with all fields zero when applied (nothing if the entity has it by then).
     */
    public void add(final int entity, final ComponentType<?> type)
    {
        checkTarget(entity);
        world.checkType(type);
        append(ADD, entity, type.id, 0);
    }

    /**
     * Adds the component, or overwrites its values, when applied.
     */
    public void add(final int entity, final Record component)
    {
        checkTarget(entity);
        final ComponentType<?> type = world.component(component.getClass().asSubclass(Record.class));
        final int first = valueCount;
        for (int i = 0; i < type.fields.length; i++)
        {
            appendValue(type.bitsOf(component, i));
        }
        append(ADD_VALUES, entity, type.id, first);
    }

    /**
     * Removes the component when applied (nothing if the entity lacks it by then).
     */
    public void remove(final int entity, final ComponentType<?> type)
    {
        checkTarget(entity);
        world.checkType(type);
        append(REMOVE, entity, type.id, 0);
    }

    /**
     * Removes the component when applied.
     */
    public void remove(final int entity, final Class<? extends Record> type)
    {
        remove(entity, world.typeOf(type));
    }

    public void set(final int entity, final FloatField field, final float value)
    {
        setBits(entity, field, Float.floatToRawIntBits(value));
    }

    public void set(final int entity, final IntField field, final int value)
    {
        setBits(entity, field, value);
    }

    public void set(final int entity, final LongField field, final long value)
    {
        setBits(entity, field, value);
    }

    public void set(final int entity, final DoubleField field, final double value)
    {
        setBits(entity, field, Double.doubleToRawLongBits(value));
    }

    /**
     * Writes a field from raw bits (see {@link World#setBits}) when applied; the entity must have the component
     * by then.
     */
    public void setBits(final int entity, final Field field, final long bits)
    {
        checkTarget(entity);
        world.checkType(field.component);
        appendValue(bits);
        append(SET, entity, field.component.id << 8 | field.index, valueCount - 1);
    }

    /**
     * @return commands recorded and not yet applied.
     */
    public int size()
    {
        return opCount;
    }

    /**
     * @return commands skipped so far because their entity was destroyed earlier in the same buffer.
     */
    public long skippedCount()
    {
        return skipped;
    }

    /**
     * Applies every recorded command in order, then empties the buffer.
     *
     * @throws IllegalStateException if called while a cursor iterates or a phase runs.
     */
    public void apply()
    {
        world.checkStructural("apply commands");
        try
        {
            for (int i = 0, n = opCount * OP_INTS; i < n; i += OP_INTS)
            {
                applyOne(ops[i], ops[i + 1], ops[i + 2], ops[i + 3]);
            }
        }
        finally
        {
            opCount = 0;
            valueCount = 0;
        }
    }

    private void applyOne(final int op, final int entity, final int arg, final int valueIndex)
    {
        if (op == CREATE)
        {
            if (world.isReserved(entity))
            {
                world.place(entity, world.archetypes.get(arg));
            }
            return;
        }
        if (!world.isAlive(entity))
        {
            skipped++;
            return;
        }
        switch (op)
        {
            case DESTROY -> world.destroy(entity);
            case ADD -> world.add(entity, world.componentTypes.get(arg));
            case REMOVE -> world.remove(entity, world.componentTypes.get(arg));
            case ADD_VALUES ->
            {
                final ComponentType<?> type = world.componentTypes.get(arg);
                world.add(entity, type);
                for (int f = 0; f < type.fields.length; f++)
                {
                    world.setBits(entity, type.fields[f], values[valueIndex + f]);
                }
            }
            case SET ->
            {
                final ComponentType<?> type = world.componentTypes.get(arg >>> 8);
                world.setBits(entity, type.fields[arg & 0xFF], values[valueIndex]);
            }
            default -> throw new IllegalStateException("unknown command " + op);
        }
    }

    private void checkTarget(final int entity)
    {
        if (!world.isReserved(entity))
        {
            world.checkAlive(entity);
        }
    }

    private void append(final int op, final int entity, final int arg, final int valueIndex)
    {
        final int i = opCount * OP_INTS;
        if (i == ops.length)
        {
            ops = Arrays.copyOf(ops, ops.length << 1);
        }
        ops[i] = op;
        ops[i + 1] = entity;
        ops[i + 2] = arg;
        ops[i + 3] = valueIndex;
        opCount++;
    }

    private void appendValue(final long bits)
    {
        if (valueCount == values.length)
        {
            values = Arrays.copyOf(values, values.length << 1);
        }
        values[valueCount++] = bits;
    }
}

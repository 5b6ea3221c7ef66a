package io.asobi.ecs;

import io.asobi.sbe.snapshot.MessageHeaderDecoder;
import io.asobi.sbe.snapshot.MessageHeaderEncoder;
import io.asobi.sbe.snapshot.WorldSnapshotDecoder;
import io.asobi.sbe.snapshot.WorldSnapshotEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Writes and reads a whole world as an SBE {@code WorldSnapshot}: component types by name, archetypes in creation
 * order with their rows, change ticks and columns, entity slot generations and the free slot queue. Encoders,
 * decoders and scratch buffers are reused.
 */
final class WorldSnapshots
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final World world;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final WorldSnapshotEncoder encoder = new WorldSnapshotEncoder();
    private final WorldSnapshotDecoder decoder = new WorldSnapshotDecoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    WorldSnapshots(final World world)
    {
        this.world = world;
    }

    int write(final MutableDirectBuffer buffer, final int offset)
    {
        if (world.commands().size() != 0)
        {
            throw new IllegalStateException("apply or discard pending commands before taking a snapshot");
        }
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .tick(world.tick)
            .stateHash(world.stateHash())
            .entitySlotCount(world.slotCount)
            .aliveCount(world.aliveCount);

        final WorldSnapshotEncoder.ComponentTypesEncoder types = encoder.componentTypesCount(world.componentTypes.size());
        for (final ComponentType<?> type : world.componentTypes)
        {
            types.next().componentId(type.id).typeName(type.name);
            for (int i = 0; i < type.fields.length; i++)
            {
                scratch.putByte(i, (byte)type.fields[i].kind.ordinal());
            }
            types.putFieldKinds(scratch, 0, type.fields.length);
        }

        final WorldSnapshotEncoder.ArchetypesEncoder archetypes = encoder.archetypesCount(world.archetypes.size());
        for (final Archetype archetype : world.archetypes)
        {
            final int rows = archetype.size;
            archetypes.next().rowCount(rows);
            for (int i = 0; i < archetype.componentIds.length; i++)
            {
                scratch.putInt(i * 4, archetype.componentIds[i], LE);
            }
            archetypes.putComponentIds(scratch, 0, archetype.componentIds.length * 4);
            for (int r = 0; r < rows; r++)
            {
                scratch.putInt(r * 4, archetype.entities[r], LE);
            }
            archetypes.putEntities(scratch, 0, rows * 4);
            int o = 0;
            for (final Field field : archetype.fields)
            {
                scratch.putLong(o, archetype.bulkTicks[field.columnId], LE);
                o += 8;
                final long[] ticks = archetype.rowTicks[field.columnId];
                for (int r = 0; r < rows; r++, o += 8)
                {
                    scratch.putLong(o, ticks[r], LE);
                }
            }
            archetypes.putChangeTicks(scratch, 0, o);
            o = 0;
            for (final Field field : archetype.fields)
            {
                scratch.checkLimit(o + rows * field.kind.sizeBytes);
                o += Columns.write(field.kind, archetype.columns[field.columnId], rows, scratch, o);
            }
            archetypes.putColumns(scratch, 0, o);
        }

        encoder.putGenerations(world.generations, 0, world.slotCount);
        final int free = world.freeSlots.size();
        scratch.checkLimit(free * 4);
        for (int i = 0; i < free; i++)
        {
            final int index = world.freeSlots.pollInt();
            scratch.putInt(i * 4, index, LE);
            world.freeSlots.addInt(index);
        }
        encoder.putFreeSlots(scratch, 0, free * 4);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    void read(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            readChecked(buffer, offset, length);
        }
        catch (final IndexOutOfBoundsException | IllegalStateException ex)
        {
            clearEntities();
            throw new IllegalArgumentException("malformed world snapshot: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            clearEntities();
            throw ex;
        }
    }

    private void readChecked(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("snapshot of " + length + " bytes is too short");
        }
        message.wrap(buffer, offset, length);
        headerDecoder.wrap(message, 0);
        if (headerDecoder.schemaId() != WorldSnapshotDecoder.SCHEMA_ID ||
            headerDecoder.templateId() != WorldSnapshotDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("not a WorldSnapshot: schema " + headerDecoder.schemaId() +
                " template " + headerDecoder.templateId());
        }
        decoder.wrapAndApplyHeader(message, 0, headerDecoder);
        final long tick = decoder.tick();
        final long expectedHash = decoder.stateHash();
        final int slotCount = decoder.entitySlotCount();
        final int aliveCount = decoder.aliveCount();
        if (slotCount < 0 || slotCount > EntityIds.MAX_INDEX + 1 || aliveCount < 0 || aliveCount > slotCount)
        {
            throw new IllegalArgumentException("snapshot slot counts out of range: " + slotCount + "/" + aliveCount);
        }

        final List<ComponentType<?>> typeById = new ArrayList<>();
        for (final WorldSnapshotDecoder.ComponentTypesDecoder t : decoder.componentTypes())
        {
            final int id = t.componentId();
            final String name = t.typeName();
            final byte[] kinds = new byte[t.fieldKindsLength()];
            t.getFieldKinds(kinds, 0, kinds.length);
            final ComponentType<?> type = resolve(name, kinds);
            while (typeById.size() <= id)
            {
                typeById.add(null);
            }
            if (id < 0 || null != typeById.get(id))
            {
                throw new IllegalArgumentException("snapshot repeats component id " + id);
            }
            typeById.set(id, type);
        }

        ensureSlots(slotCount);
        Arrays.fill(world.archetypeOf, 0, slotCount, World.FREE);
        final List<Archetype> order = new ArrayList<>();
        final IdentityHashMap<Archetype, Boolean> seen = new IdentityHashMap<>();
        int rowsTotal = 0;
        for (final WorldSnapshotDecoder.ArchetypesDecoder a : decoder.archetypes())
        {
            final int rows = a.rowCount();
            final ComponentType<?>[] snapshotTypes = readTypes(a, typeById);
            final ComponentType<?>[] sorted = snapshotTypes.clone();
            Arrays.sort(sorted, Comparator.comparingInt(t -> t.id));
            final Archetype archetype = world.findOrCreateArchetype(sorted);
            if (null != seen.put(archetype, Boolean.TRUE))
            {
                throw new IllegalArgumentException("snapshot repeats archetype " + archetype);
            }
            order.add(archetype);
            if (rows < 0 || rows > slotCount - rowsTotal)
            {
                throw new IllegalArgumentException("archetype row count out of range: " + rows);
            }
            rowsTotal += rows;
            archetype.ensureCapacity(rows);
            readRows(a, archetype, snapshotTypes, rows, slotCount);
        }
        if (rowsTotal != aliveCount)
        {
            throw new IllegalArgumentException("snapshot holds " + rowsTotal + " rows but says " + aliveCount + " alive");
        }

        final int generationsLength = decoder.generationsLength();
        if (generationsLength != slotCount)
        {
            throw new IllegalArgumentException("snapshot has " + generationsLength + " generations for " + slotCount +
                " slots");
        }
        decoder.getGenerations(world.generations, 0, slotCount);
        decoder.wrapFreeSlots(view);
        world.freeSlots.clear();
        final int freeCount = view.capacity() / 4;
        for (int i = 0; i < freeCount; i++)
        {
            final int index = view.getInt(i * 4, LE);
            if (index < 0 || index >= slotCount || world.archetypeOf[index] != World.FREE)
            {
                throw new IllegalArgumentException("snapshot free slot " + index + " is invalid or repeated");
            }
            world.archetypeOf[index] = World.RESERVED;
            world.freeSlots.addInt(index);
        }
        for (int i = 0; i < freeCount; i++)
        {
            final int index = world.freeSlots.pollInt();
            world.archetypeOf[index] = World.FREE;
            world.freeSlots.addInt(index);
        }
        if (freeCount + aliveCount != slotCount)
        {
            throw new IllegalArgumentException("snapshot slots do not add up: " + freeCount + " free + " + aliveCount +
                " alive != " + slotCount);
        }

        world.slotCount = slotCount;
        world.aliveCount = aliveCount;
        for (final Archetype archetype : world.archetypes)
        {
            if (!seen.containsKey(archetype))
            {
                order.add(archetype);
            }
        }
        world.reorderArchetypes(order);
        for (final Archetype archetype : order)
        {
            for (int r = 0; r < archetype.size; r++)
            {
                final int entity = archetype.entities[r];
                final int index = entity & EntityIds.INDEX_MASK;
                if ((world.generations[index] & 0xFF) != EntityIds.generation(entity))
                {
                    throw new IllegalArgumentException("snapshot entity " + EntityIds.toString(entity) +
                        " does not match its slot's generation");
                }
                world.archetypeOf[index] = archetype.id;
            }
        }
        world.tick = tick;
        world.changeLog.resetAt(tick);
        final long hash = world.stateHash();
        if (hash != expectedHash)
        {
            throw new IllegalArgumentException("snapshot state hash mismatch: recorded " + Long.toHexString(expectedHash) +
                ", restored " + Long.toHexString(hash));
        }
    }

    private ComponentType<?>[] readTypes(
        final WorldSnapshotDecoder.ArchetypesDecoder a, final List<ComponentType<?>> typeById)
    {
        a.wrapComponentIds(view);
        final int count = view.capacity() / 4;
        final ComponentType<?>[] types = new ComponentType<?>[count];
        for (int i = 0; i < count; i++)
        {
            final int id = view.getInt(i * 4, LE);
            if (id < 0 || id >= typeById.size() || null == typeById.get(id))
            {
                throw new IllegalArgumentException("archetype names unknown component id " + id);
            }
            types[i] = typeById.get(id);
        }
        return types;
    }

    private void readRows(
        final WorldSnapshotDecoder.ArchetypesDecoder a,
        final Archetype archetype,
        final ComponentType<?>[] snapshotTypes,
        final int rows,
        final int slotCount)
    {
        a.wrapEntities(view);
        if (view.capacity() != rows * 4)
        {
            throw new IllegalArgumentException("archetype entity column has " + view.capacity() + " bytes for " + rows +
                " rows");
        }
        for (int r = 0; r < rows; r++)
        {
            final int entity = view.getInt(r * 4, LE);
            final int index = entity & EntityIds.INDEX_MASK;
            if (entity == EntityIds.NULL || index >= slotCount || world.archetypeOf[index] != World.FREE)
            {
                throw new IllegalArgumentException("snapshot entity " + EntityIds.toString(entity) + " invalid or repeated");
            }
            world.archetypeOf[index] = archetype.id;
            world.rowOf[index] = r;
            archetype.entities[r] = entity;
        }
        a.wrapChangeTicks(view);
        int fieldCount = 0;
        for (final ComponentType<?> type : snapshotTypes)
        {
            fieldCount += type.fields.length;
        }
        if (view.capacity() != fieldCount * (rows + 1) * 8)
        {
            throw new IllegalArgumentException("archetype change ticks have " + view.capacity() + " bytes");
        }
        int o = 0;
        for (final ComponentType<?> type : snapshotTypes)
        {
            for (final Field field : type.fields)
            {
                archetype.bulkTicks[field.columnId] = view.getLong(o, LE);
                o += 8;
                final long[] ticks = archetype.rowTicks[field.columnId];
                for (int r = 0; r < rows; r++, o += 8)
                {
                    ticks[r] = view.getLong(o, LE);
                }
            }
        }
        a.wrapColumns(view);
        int expected = 0;
        for (final ComponentType<?> type : snapshotTypes)
        {
            for (final Field field : type.fields)
            {
                expected += rows * field.kind.sizeBytes;
            }
        }
        if (view.capacity() != expected)
        {
            throw new IllegalArgumentException("archetype columns have " + view.capacity() + " bytes, expected " +
                expected);
        }
        o = 0;
        for (final ComponentType<?> type : snapshotTypes)
        {
            for (final Field field : type.fields)
            {
                o += Columns.read(field.kind, archetype.columns[field.columnId], rows, view, o);
            }
        }
        archetype.size = rows;
    }

    private ComponentType<?> resolve(final String name, final byte[] kinds)
    {
        ComponentType<?> type = world.typeByName(name);
        if (null == type)
        {
            try
            {
                final Class<?> cls = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                ComponentType.validate(cls);
                type = world.register(cls.asSubclass(Record.class));
            }
            catch (final ClassNotFoundException ex)
            {
                throw new IllegalArgumentException("snapshot component " + name + " is not registered and not found", ex);
            }
        }
        if (type.fields.length != kinds.length)
        {
            throw new IllegalArgumentException("component " + name + " has " + type.fields.length +
                " fields but the snapshot has " + kinds.length);
        }
        for (int i = 0; i < kinds.length; i++)
        {
            if (FieldKind.ofOrdinal(kinds[i]) != type.fields[i].kind)
            {
                throw new IllegalArgumentException("component " + name + " field " + type.fields[i].name + " is " +
                    type.fields[i].kind + " but the snapshot has " + FieldKind.ofOrdinal(kinds[i]));
            }
        }
        return type;
    }

    private void ensureSlots(final int slotCount)
    {
        if (world.generations.length < slotCount)
        {
            world.generations = Arrays.copyOf(world.generations, slotCount);
            world.archetypeOf = Arrays.copyOf(world.archetypeOf, slotCount);
            world.rowOf = Arrays.copyOf(world.rowOf, slotCount);
        }
    }

    private void clearEntities()
    {
        for (final Archetype archetype : world.archetypes)
        {
            archetype.clear();
        }
        world.freeSlots.clear();
        world.slotCount = 0;
        world.aliveCount = 0;
        world.changeLog.resetAt(world.tick);
    }
}

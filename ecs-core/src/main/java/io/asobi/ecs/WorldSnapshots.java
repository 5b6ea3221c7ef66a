package io.asobi.ecs;

import io.asobi.sbe.snapshot.GroupSizeEncodingDecoder;
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
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;

/**
 * Writes and reads a whole world as an SBE {@code WorldSnapshot}: component types by name, archetypes in creation
 * order with their rows, change ticks and columns, entity slot generations and the free slot queue. Encoders,
 * decoders and scratch buffers are reused.
 */
final class WorldSnapshots
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int GROUP_HEADER_LENGTH = GroupSizeEncodingDecoder.ENCODED_LENGTH;
    private static final byte SLOT_UNUSED = 0;
    private static final byte SLOT_ALIVE = 1;
    private static final byte SLOT_FREE = 2;

    private final World world;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final WorldSnapshotEncoder encoder = new WorldSnapshotEncoder();
    private final WorldSnapshotDecoder decoder = new WorldSnapshotDecoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private long[] rowHashes = new long[64];
    private int position;
    private int groupBlockLength;
    private int dataLength;

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

    /**
     * Restores a snapshot in two steps: {@link #decode} checks every count, id, length and the state hash against
     * the bytes without touching the world and allocates no more than a small multiple of the snapshot's length;
     * {@link #commit} then registers missing component types (undone if one fails) and installs the rows, which
     * cannot fail. So a snapshot that is rejected leaves the world exactly as it was.
     */
    void read(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final Plan plan;
            try
            {
                plan = decode(buffer, offset, length);
            }
            catch (final IllegalArgumentException ex)
            {
                throw ex;
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException("malformed world snapshot: " + ex, ex);
            }
            commit(plan);
        }
        finally
        {
            message.wrap(0, 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Decoding and validation: reads the message, never the world's entity state, and changes nothing.

    private Plan decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new IllegalArgumentException("snapshot of " + length + " bytes at offset " + offset +
                " does not fit in a buffer of " + buffer.capacity() + " bytes");
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
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
        final int rootBlockLength = headerDecoder.blockLength();
        if (rootBlockLength < WorldSnapshotDecoder.BLOCK_LENGTH ||
            rootBlockLength > length - MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("snapshot root block of " + rootBlockLength + " bytes is shorter than " +
                WorldSnapshotDecoder.BLOCK_LENGTH + " or overruns the " + length + " bytes");
        }
        decoder.wrapAndApplyHeader(message, 0, headerDecoder);
        position = MessageHeaderDecoder.ENCODED_LENGTH + rootBlockLength;

        final Plan plan = new Plan();
        plan.tick = decoder.tick();
        plan.expectedHash = decoder.stateHash();
        plan.slotCount = decoder.entitySlotCount();
        plan.aliveCount = decoder.aliveCount();
        final int slotCount = plan.slotCount;
        final int aliveCount = plan.aliveCount;
        if (slotCount < 0 || slotCount > EntityIds.MAX_INDEX + 1 || slotCount > length ||
            aliveCount < 0 || aliveCount > slotCount)
        {
            throw new IllegalArgumentException("snapshot slot counts out of range: " + slotCount + " slots, " +
                aliveCount + " alive, in " + length + " bytes");
        }

        decodeComponentTypes(plan);
        final byte[] slotUse = new byte[slotCount];
        decodeArchetypes(plan, slotUse);

        plan.generationsAt = varData("entity slot generations");
        if (dataLength != slotCount)
        {
            throw new IllegalArgumentException("snapshot has " + dataLength + " generations for " + slotCount +
                " slots");
        }
        for (int a = 0; a < plan.archetypeCount; a++)
        {
            for (int r = 0, rows = plan.rows[a]; r < rows; r++)
            {
                final int entity = message.getInt(plan.entitiesAt[a] + r * 4, LE);
                final int generation = message.getByte(plan.generationsAt + (entity & EntityIds.INDEX_MASK)) & 0xFF;
                if (generation != EntityIds.generation(entity))
                {
                    throw new IllegalArgumentException("snapshot entity " + EntityIds.toString(entity) +
                        " does not match its slot's generation " + generation);
                }
            }
        }

        plan.freeSlotsAt = varData("free slots");
        if ((dataLength & 3) != 0 || dataLength / 4 != slotCount - aliveCount)
        {
            throw new IllegalArgumentException("snapshot slots do not add up: " + dataLength +
                " bytes of free slots + " + aliveCount + " alive != " + slotCount + " slots");
        }
        plan.freeCount = dataLength / 4;
        for (int i = 0; i < plan.freeCount; i++)
        {
            final int index = message.getInt(plan.freeSlotsAt + i * 4, LE);
            if (index < 0 || index >= slotCount || slotUse[index] != SLOT_UNUSED)
            {
                throw new IllegalArgumentException("snapshot free slot " + index + " is invalid, repeated or alive");
            }
            slotUse[index] = SLOT_FREE;
        }

        if (plan.hash != plan.expectedHash)
        {
            throw new IllegalArgumentException("snapshot state hash mismatch: recorded " +
                Long.toHexString(plan.expectedHash) + ", computed " + Long.toHexString(plan.hash));
        }
        return plan;
    }

    private void decodeComponentTypes(final Plan plan)
    {
        final int typeCount = groupHeader(WorldSnapshotDecoder.ComponentTypesDecoder.sbeBlockLength(),
            "component types");
        final int blockLength = groupBlockLength;
        final SnapshotType[] types = new SnapshotType[typeCount];
        final HashSet<String> names = new HashSet<>();
        for (int i = 0; i < typeCount; i++)
        {
            final int at = take(blockLength, "component type " + i);
            final int id = message.getInt(
                at + WorldSnapshotDecoder.ComponentTypesDecoder.componentIdEncodingOffset(), LE);
            if (id < 0 || id >= typeCount)
            {
                throw new IllegalArgumentException("snapshot component id " + id + " is not below its " + typeCount +
                    " component types");
            }
            if (null != types[id])
            {
                throw new IllegalArgumentException("snapshot repeats component id " + id);
            }
            final int nameAt = varString("component type name");
            final String name = message.getStringWithoutLengthUtf8(nameAt, dataLength);
            if (!names.add(name))
            {
                throw new IllegalArgumentException("snapshot names component " + name + " twice");
            }
            final int kindsAt = varData("component field kinds");
            types[id] = resolve(name, kindsAt, dataLength);
        }
        plan.types = types;
    }

    private void decodeArchetypes(final Plan plan, final byte[] slotUse)
    {
        final SnapshotType[] types = plan.types;
        final int count = groupHeader(WorldSnapshotDecoder.ArchetypesDecoder.sbeBlockLength(), "archetypes");
        final int blockLength = groupBlockLength;
        if (count < 1)
        {
            throw new IllegalArgumentException("snapshot has no archetypes; the first must be the one without " +
                "components");
        }
        plan.archetypeCount = count;
        plan.componentIds = new int[count][];
        plan.rows = new int[count];
        plan.entitiesAt = new int[count];
        plan.changeTicksAt = new int[count];
        plan.columnsAt = new int[count];
        final HashSet<Signature> signatures = new HashSet<>();
        long hash = StateHash.seed(plan.aliveCount);
        int rowsTotal = 0;
        for (int a = 0; a < count; a++)
        {
            final int at = take(blockLength, "archetype " + a);
            final int rows = message.getInt(at + WorldSnapshotDecoder.ArchetypesDecoder.rowCountEncodingOffset(), LE);
            if (rows < 0 || rows > plan.aliveCount - rowsTotal)
            {
                throw new IllegalArgumentException("archetype " + a + " row count " + rows + " is negative or more " +
                    "than the " + plan.aliveCount + " alive entities");
            }

            final int idsAt = varData("archetype component ids");
            if ((dataLength & 3) != 0 || dataLength / 4 > types.length)
            {
                throw new IllegalArgumentException("archetype " + a + " has " + dataLength +
                    " bytes of component ids for " + types.length + " component types");
            }
            final int[] ids = new int[dataLength / 4];
            int fieldCount = 0;
            long rowBytes = 0;
            for (int i = 0; i < ids.length; i++)
            {
                final int id = message.getInt(idsAt + i * 4, LE);
                if (id < 0 || id >= types.length || (i > 0 && id <= ids[i - 1]))
                {
                    throw new IllegalArgumentException("archetype " + a + " names unknown or unsorted component id " +
                        id);
                }
                ids[i] = id;
                fieldCount += types[id].kinds.length;
                for (final FieldKind kind : types[id].kinds)
                {
                    rowBytes += kind.sizeBytes;
                }
            }
            if (a == 0 && ids.length != 0)
            {
                throw new IllegalArgumentException("snapshot's first archetype must be the one without components");
            }
            if (!signatures.add(new Signature(ids)))
            {
                throw new IllegalArgumentException("snapshot repeats the archetype of component ids " +
                    Arrays.toString(ids));
            }

            final int entitiesAt = varData("archetype entities");
            if (dataLength != rows * 4)
            {
                throw new IllegalArgumentException("archetype " + a + " entity column has " + dataLength +
                    " bytes for " + rows + " rows");
            }
            for (int r = 0; r < rows; r++)
            {
                final int entity = message.getInt(entitiesAt + r * 4, LE);
                final int index = entity & EntityIds.INDEX_MASK;
                if (entity == EntityIds.NULL || index >= plan.slotCount || slotUse[index] != SLOT_UNUSED)
                {
                    throw new IllegalArgumentException("snapshot entity " + EntityIds.toString(entity) +
                        " invalid or repeated");
                }
                slotUse[index] = SLOT_ALIVE;
            }

            final int ticksAt = varData("archetype change ticks");
            if (dataLength != (long)fieldCount * (rows + 1) * 8)
            {
                throw new IllegalArgumentException("archetype " + a + " change ticks have " + dataLength +
                    " bytes, expected " + (long)fieldCount * (rows + 1) * 8);
            }
            checkComponentTicks(types, ids, rows, ticksAt);

            final int columnsAt = varData("archetype columns");
            if (dataLength != rows * rowBytes)
            {
                throw new IllegalArgumentException("archetype " + a + " columns have " + dataLength +
                    " bytes, expected " + rows * rowBytes);
            }
            hash += rowsHash(types, ids, rows, entitiesAt, columnsAt);

            plan.componentIds[a] = ids;
            plan.rows[a] = rows;
            plan.entitiesAt[a] = entitiesAt;
            plan.changeTicksAt[a] = ticksAt;
            plan.columnsAt[a] = columnsAt;
            rowsTotal += rows;
        }
        if (rowsTotal != plan.aliveCount)
        {
            throw new IllegalArgumentException("snapshot holds " + rowsTotal + " rows but says " + plan.aliveCount +
                " alive");
        }
        plan.hash = hash;
    }

    /** A component's fields share one change tick per row; a snapshot whose fields disagree is corrupt. */
    private void checkComponentTicks(final SnapshotType[] types, final int[] ids, final int rows, final int ticksAt)
    {
        final int columnBytes = (rows + 1) * 8;
        int o = ticksAt;
        for (final int id : ids)
        {
            final int fields = types[id].kinds.length;
            for (int f = 1; f < fields; f++)
            {
                final int first = o + 8;
                final int other = o + f * columnBytes + 8;
                for (int r = 0; r < rows; r++)
                {
                    if (message.getLong(first + r * 8, LE) != message.getLong(other + r * 8, LE))
                    {
                        throw new IllegalArgumentException("change ticks of component " + types[id].name + " row " +
                            r + " differ between its fields");
                    }
                }
            }
            o += fields * columnBytes;
        }
    }

    /** The archetype's share of {@link World#stateHash()}, computed from the snapshot's bytes as restored. */
    private long rowsHash(
        final SnapshotType[] types, final int[] ids, final int rows, final int entitiesAt, final int columnsAt)
    {
        if (rowHashes.length < rows)
        {
            rowHashes = new long[Math.max(rows, rowHashes.length << 1)];
        }
        final long[] h = rowHashes;
        Arrays.fill(h, 0, rows, 0L);
        int o = columnsAt;
        for (final int id : ids)
        {
            final SnapshotType type = types[id];
            final long presence = StateHash.presence(type.nameHash);
            for (int r = 0; r < rows; r++)
            {
                h[r] += presence;
            }
            for (int f = 0; f < type.kinds.length; f++)
            {
                final FieldKind kind = type.kinds[f];
                final long key = StateHash.fieldKey(type.nameHash, f);
                for (int r = 0; r < rows; r++, o += kind.sizeBytes)
                {
                    h[r] += StateHash.fieldTerm(key, Columns.bitsAt(kind, message, o));
                }
            }
        }
        long sum = 0;
        for (int r = 0; r < rows; r++)
        {
            sum += StateHash.entityTerm(h[r], message.getInt(entitiesAt + r * 4, LE));
        }
        return sum;
    }

    /**
     * Finds a snapshot component among the world's types by name, or loads its record class without registering it,
     * and checks its field kinds against the snapshot's.
     */
    private SnapshotType resolve(final String name, final int kindsAt, final int kindsLength)
    {
        final ComponentType<?> registered = world.typeByName(name);
        final Class<? extends Record> type;
        final FieldKind[] kinds;
        final String[] fieldNames;
        if (null != registered)
        {
            type = registered.type;
            kinds = new FieldKind[registered.fields.length];
            fieldNames = new String[kinds.length];
            for (int i = 0; i < kinds.length; i++)
            {
                kinds[i] = registered.fields[i].kind;
                fieldNames[i] = registered.fields[i].name;
            }
        }
        else
        {
            type = load(name);
            final RecordComponent[] components = type.getRecordComponents();
            kinds = new FieldKind[components.length];
            fieldNames = new String[kinds.length];
            for (int i = 0; i < kinds.length; i++)
            {
                kinds[i] = FieldKind.of(components[i].getType());
                fieldNames[i] = components[i].getName();
            }
        }
        if (kinds.length != kindsLength)
        {
            throw new IllegalArgumentException("component " + name + " has " + kinds.length +
                " fields but the snapshot has " + kindsLength);
        }
        for (int i = 0; i < kinds.length; i++)
        {
            final FieldKind kind = FieldKind.ofOrdinal(message.getByte(kindsAt + i));
            if (kind != kinds[i])
            {
                throw new IllegalArgumentException("component " + name + " field " + fieldNames[i] + " is " +
                    kinds[i] + " but the snapshot has " + kind);
            }
        }
        return new SnapshotType(name, registered, type, kinds, ComponentType.hashName(name));
    }

    private static Class<? extends Record> load(final String name)
    {
        final Class<?> type;
        try
        {
            type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new IllegalArgumentException("snapshot component " + name + " is not registered and not found", ex);
        }
        ComponentType.validate(type);
        if (!type.getName().equals(name))
        {
            throw new IllegalArgumentException("snapshot component " + name + " loaded as " + type.getName());
        }
        return type.asSubclass(Record.class);
    }

    /** Claims {@code bytes} at the read position. */
    private int take(final int bytes, final String what)
    {
        if (bytes > message.capacity() - position)
        {
            throw new IllegalArgumentException("snapshot ends inside " + what + ": " + bytes + " bytes needed at " +
                position + " of " + message.capacity());
        }
        final int at = position;
        position += bytes;
        return at;
    }

    /** Reads a group's header; its block length goes to {@link #groupBlockLength}; returns its count. */
    private int groupHeader(final int minBlockLength, final String what)
    {
        final int at = take(GROUP_HEADER_LENGTH, what + " header");
        groupBlockLength = message.getShort(at, LE) & 0xFFFF;
        final int count = message.getShort(at + 2, LE) & 0xFFFF;
        if (groupBlockLength < minBlockLength)
        {
            throw new IllegalArgumentException("snapshot " + what + " block of " + groupBlockLength +
                " bytes is shorter than " + minBlockLength);
        }
        if ((long)count * groupBlockLength > message.capacity() - position)
        {
            throw new IllegalArgumentException("snapshot says " + count + " " + what + " but has only " +
                (message.capacity() - position) + " bytes left");
        }
        return count;
    }

    /** Reads a uint32-length var data field; its length goes to {@link #dataLength}; returns its offset. */
    private int varData(final String what)
    {
        final int at = take(4, what + " length");
        final long length = message.getInt(at, LE) & 0xFFFF_FFFFL;
        if (length > message.capacity() - position)
        {
            throw new IllegalArgumentException("snapshot " + what + " of " + length + " bytes overruns the " +
                (message.capacity() - position) + " bytes left");
        }
        dataLength = (int)length;
        return take(dataLength, what);
    }

    /** Reads a uint16-length var string field; its length goes to {@link #dataLength}; returns its offset. */
    private int varString(final String what)
    {
        final int at = take(2, what + " length");
        dataLength = message.getShort(at, LE) & 0xFFFF;
        return take(dataLength, what);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Commit: only type registration can fail, and is undone if it does.

    private void commit(final Plan plan)
    {
        final ComponentType<?>[] types = registerTypes(plan.types);
        final ArrayList<Archetype> order = new ArrayList<>(plan.archetypeCount + world.archetypes.size());
        final IdentityHashMap<Archetype, Boolean> seen = new IdentityHashMap<>();
        for (int a = 0; a < plan.archetypeCount; a++)
        {
            final int[] ids = plan.componentIds[a];
            final ComponentType<?>[] sorted = new ComponentType<?>[ids.length];
            for (int i = 0; i < ids.length; i++)
            {
                sorted[i] = types[ids[i]];
            }
            Arrays.sort(sorted, Comparator.comparingInt(t -> t.id));
            // Sized to its rows, not the world's initial capacity: storage stays a small multiple of the snapshot's
            // bytes however many empty archetypes it names (each column costs it at least its 8-byte bulk tick).
            final Archetype archetype = world.findOrCreateArchetype(sorted, Math.max(1, plan.rows[a]));
            order.add(archetype);
            seen.put(archetype, Boolean.TRUE);
        }
        for (final Archetype archetype : world.archetypes)
        {
            if (!seen.containsKey(archetype))
            {
                order.add(archetype);
            }
        }
        world.reorderArchetypes(order);

        final int slotCount = plan.slotCount;
        if (world.generations.length < slotCount)
        {
            world.generations = new byte[slotCount];
            world.archetypeOf = new int[slotCount];
            world.rowOf = new int[slotCount];
        }
        else
        {
            Arrays.fill(world.generations, slotCount, world.generations.length, (byte)0);
        }
        message.getBytes(plan.generationsAt, world.generations, 0, slotCount);
        Arrays.fill(world.archetypeOf, 0, slotCount, World.FREE);

        for (int a = 0; a < plan.archetypeCount; a++)
        {
            fillRows(order.get(a), plan, a, types);
        }

        world.freeSlots.clear();
        for (int i = 0; i < plan.freeCount; i++)
        {
            world.freeSlots.addInt(message.getInt(plan.freeSlotsAt + i * 4, LE));
        }
        world.slotCount = slotCount;
        world.aliveCount = plan.aliveCount;
        world.tick = plan.tick;
        world.changeLog.resetAt(plan.tick);
    }

    private ComponentType<?>[] registerTypes(final SnapshotType[] snapshotTypes)
    {
        final int registeredBefore = world.componentTypes.size();
        final ComponentType<?>[] types = new ComponentType<?>[snapshotTypes.length];
        try
        {
            for (int i = 0; i < snapshotTypes.length; i++)
            {
                final SnapshotType type = snapshotTypes[i];
                types[i] = null != type.registered ? type.registered : world.register(type.type);
            }
        }
        catch (final RuntimeException ex)
        {
            world.forgetComponentTypesFrom(registeredBefore);
            if (ex instanceof IllegalArgumentException)
            {
                throw ex;
            }
            throw new IllegalArgumentException("snapshot component cannot be registered: " + ex, ex);
        }
        return types;
    }

    private void fillRows(final Archetype archetype, final Plan plan, final int a, final ComponentType<?>[] types)
    {
        final int rows = plan.rows[a];
        archetype.ensureCapacity(rows);
        final int entitiesAt = plan.entitiesAt[a];
        for (int r = 0; r < rows; r++)
        {
            final int entity = message.getInt(entitiesAt + r * 4, LE);
            final int index = entity & EntityIds.INDEX_MASK;
            archetype.entities[r] = entity;
            world.archetypeOf[index] = archetype.id;
            world.rowOf[index] = r;
        }
        int ticksAt = plan.changeTicksAt[a];
        int columnsAt = plan.columnsAt[a];
        for (final int id : plan.componentIds[a])
        {
            for (final Field field : types[id].fields)
            {
                archetype.bulkTicks[field.columnId] = message.getLong(ticksAt, LE);
                ticksAt += 8;
                final long[] ticks = archetype.rowTicks[field.columnId];
                for (int r = 0; r < rows; r++, ticksAt += 8)
                {
                    ticks[r] = message.getLong(ticksAt, LE);
                }
                columnsAt += Columns.read(field.kind, archetype.columns[field.columnId], rows, message, columnsAt);
            }
        }
        archetype.size = rows;
    }

    /** What {@link #decode} found: offsets into {@link #message} for {@link #commit} to read again. */
    private static final class Plan
    {
        long tick;
        long expectedHash;
        long hash;
        int slotCount;
        int aliveCount;
        SnapshotType[] types;
        int archetypeCount;
        int[][] componentIds;
        int[] rows;
        int[] entitiesAt;
        int[] changeTicksAt;
        int[] columnsAt;
        int generationsAt;
        int freeSlotsAt;
        int freeCount;
    }

    /** A snapshot component: the world's type if registered, else its loaded but unregistered record class. */
    private record SnapshotType(
        String name, ComponentType<?> registered, Class<? extends Record> type, FieldKind[] kinds, long nameHash)
    {
    }

    /** An archetype's ascending component ids, compared by value. */
    private record Signature(int[] ids)
    {
        public boolean equals(final Object o)
        {
            return o instanceof Signature other && Arrays.equals(ids, other.ids);
        }

        public int hashCode()
        {
            return Arrays.hashCode(ids);
        }
    }
}

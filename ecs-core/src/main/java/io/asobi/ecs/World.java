package io.asobi.ecs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntArrayQueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A columnar entity store: entities are {@code int} handles, components are records of primitives stored per
 * archetype as one primitive column per field.
 * <p>
 * Structural changes (create, destroy, add, remove) take effect at once when made outside iteration. While a
 * {@link QueryCursor} iterates or a {@link Systems} phase runs they throw {@link IllegalStateException}: record them
 * in {@link #commands()} instead, which is applied at the phase boundary.
 * <p>
 * Iteration order is deterministic: archetypes in creation order, rows in storage order. Two worlds fed the same
 * calls hold the same state and the same {@link #stateHash()}.
 * <p>
 * <b>Note:</b> not thread safe; a world belongs to one thread (its simulation's tick thread).
 */
public final class World
{
    static final int FREE = -1;
    static final int RESERVED = -2;

    final Context ctx;
    final ArrayList<ComponentType<?>> componentTypes = new ArrayList<>();
    private final Map<Class<?>, ComponentType<?>> typesByClass = new HashMap<>();
    int columnCount;

    final ArrayList<Archetype> archetypes = new ArrayList<>();
    final Archetype root;
    Archetype[] archetypeTable = new Archetype[16];
    private final Map<SignatureKey, Archetype> archetypesBySignature = new HashMap<>();
    private final ArrayList<Query> queries = new ArrayList<>();
    private final Map<String, Query> queryCache = new HashMap<>();

    byte[] generations;
    int[] archetypeOf;
    int[] rowOf;
    int slotCount;
    final IntArrayQueue freeSlots = new IntArrayQueue();
    int aliveCount;

    long tick;
    int openCursors;
    int cursorEpoch;
    private boolean inPhase;

    final ChangeLog changeLog = new ChangeLog();
    private final CommandBuffer commands;
    private WorldSnapshots snapshots;
    private StateHash stateHash;

    /**
     * A world with default settings.
     */
    public World()
    {
        this(new Context());
    }

    /**
     * @param ctx settings; concluded here if not already.
     */
    public World(final Context ctx)
    {
        this.ctx = ctx.isConcluded() ? ctx : ctx.conclude();
        generations = new byte[this.ctx.initialEntityCapacity];
        archetypeOf = new int[this.ctx.initialEntityCapacity];
        rowOf = new int[this.ctx.initialEntityCapacity];
        root = new Archetype(0, new ComponentType<?>[0], this.ctx.initialArchetypeCapacity);
        archetypes.add(root);
        archetypeTable[0] = root;
        archetypesBySignature.put(new SignatureKey(root.components), root);
        commands = new CommandBuffer(this);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Components

    /**
     * Registers a component type, or returns the one already registered for the class.
     *
     * @param type a record whose fields are all primitives.
     * @return the component type, holding the field keys.
     * @throws IllegalArgumentException if {@code type} is not a record of primitive fields.
     */
    @SuppressWarnings("unchecked")
    public <T extends Record> ComponentType<T> register(final Class<T> type)
    {
        final ComponentType<?> existing = typesByClass.get(type);
        if (null != existing)
        {
            return (ComponentType<T>)existing;
        }
        ComponentType.validate(type);
        final ComponentType<T> componentType = new ComponentType<>(this, componentTypes.size(), type, columnCount);
        columnCount += componentType.fields.length;
        componentTypes.add(componentType);
        typesByClass.put(type, componentType);
        return componentType;
    }

    /**
     * @param type a record class.
     * @return its component type, registering it if needed.
     */
    public <T extends Record> ComponentType<T> component(final Class<T> type)
    {
        return register(type);
    }

    ComponentType<?> typeOf(final Class<?> type)
    {
        final ComponentType<?> componentType = typesByClass.get(type);
        if (null == componentType)
        {
            ComponentType.validate(type);
            throw new IllegalArgumentException("component " + type.getName() + " is not registered in this world");
        }
        return componentType;
    }

    /** Forgets the component types registered from id {@code count} on; only while no archetype uses them. */
    void forgetComponentTypesFrom(final int count)
    {
        for (int i = componentTypes.size() - 1; i >= count; i--)
        {
            final ComponentType<?> type = componentTypes.remove(i);
            typesByClass.remove(type.type);
            columnCount -= type.fields.length;
        }
    }

    ComponentType<?> typeByName(final String name)
    {
        for (final ComponentType<?> type : componentTypes)
        {
            if (type.name.equals(name))
            {
                return type;
            }
        }
        return null;
    }

    /**
     * @param types component types, in any order, without duplicates.
     * @return a template that creates entities with exactly these components.
     */
    public EntityTemplate template(final ComponentType<?>... types)
    {
        return new EntityTemplate(this, archetypeFor(sortedDistinct(types)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Entities

    /**
     * Creates an entity with the template's components, all fields zero.
     *
     * @return its handle.
     */
    public int createEntity(final EntityTemplate template)
    {
        checkStructural("create an entity");
        checkTemplate(template);
        final int entity = allocateSlot();
        place(entity, template.archetype);
        return entity;
    }

    /**
     * Creates {@code count} entities with the template's components, all fields zero, in one batch: storage grows
     * once and slots are taken in one pass. Handles are written to {@code out[offset ... offset + count)} in the order
     * {@code count} single {@link #createEntity(EntityTemplate)} calls would have returned them.
     */
    public void createEntities(final EntityTemplate template, final int count, final int[] out, final int offset)
    {
        checkStructural("create entities");
        checkTemplate(template);
        if (count < 0 || offset < 0 || offset > out.length - count)
        {
            throw new IllegalArgumentException("count " + count + " at offset " + offset + " does not fit in " +
                out.length);
        }
        if (count > freeSlots.size() + (EntityIds.MAX_INDEX + 1 - slotCount))
        {
            throw new IllegalStateException("entity capacity exhausted: " + (EntityIds.MAX_INDEX + 1));
        }
        for (int i = 0; i < count; i++)
        {
            out[offset + i] = allocateSlot();
        }
        final Archetype archetype = template.archetype;
        final int first = archetype.addRows(out, offset, count, tick);
        final int archetypeId = archetype.id;
        for (int i = 0; i < count; i++)
        {
            final int entity = out[offset + i];
            final int index = entity & EntityIds.INDEX_MASK;
            archetypeOf[index] = archetypeId;
            rowOf[index] = first + i;
            changeLog.append(tick, entity, ChangeLog.CREATED);
        }
        aliveCount += count;
    }

    /**
     * Creates an entity holding the given component values (friendly API; allocates).
     *
     * @param components records of distinct registered (or registrable) component types.
     * @return its handle.
     */
    public int createEntity(final Record... components)
    {
        checkStructural("create an entity");
        final ComponentType<?>[] types = typesOf(components);
        final Archetype archetype = archetypeFor(sortedDistinct(types));
        final int entity = allocateSlot();
        final int row = place(entity, archetype);
        for (int i = 0; i < components.length; i++)
        {
            writeRecord(archetype, row, types[i], components[i]);
        }
        return entity;
    }

    /**
     * Destroys an entity; its handle becomes stale.
     *
     * @throws StaleEntityException if the entity is not alive.
     */
    public void destroy(final int entity)
    {
        checkStructural("destroy an entity");
        final int index = checkAlive(entity);
        removeFromArchetype(index);
        releaseSlot(index);
        aliveCount--;
        changeLog.append(tick, entity, ChangeLog.DESTROYED);
    }

    /**
     * Adds a component with the given values, or overwrites its values if the entity already has it.
     */
    public void add(final int entity, final Record component)
    {
        final ComponentType<?> type = component(component.getClass().asSubclass(Record.class));
        final int index = checkAlive(entity);
        if (!archetypeTable[archetypeOf[index]].has(type.id))
        {
            checkStructural("add a component");
            moveTo(index, withComponent(archetypeTable[archetypeOf[index]], type));
        }
        final Archetype archetype = archetypeTable[archetypeOf[index]];
        writeRecord(archetype, rowOf[index], type, component);
    }

    /**
     * Adds a component with all fields zero; does nothing if the entity already has it.
     */
    public void add(final int entity, final ComponentType<?> type)
    {
        final int index = checkAlive(entity);
        checkType(type);
        if (!archetypeTable[archetypeOf[index]].has(type.id))
        {
            checkStructural("add a component");
            moveTo(index, withComponent(archetypeTable[archetypeOf[index]], type));
        }
    }

    /**
     * Removes a component.
     *
     * @return true if the entity had it.
     */
    public boolean remove(final int entity, final ComponentType<?> type)
    {
        final int index = checkAlive(entity);
        checkType(type);
        final Archetype archetype = archetypeTable[archetypeOf[index]];
        if (!archetype.has(type.id))
        {
            return false;
        }
        checkStructural("remove a component");
        moveTo(index, withoutComponent(archetype, type));
        return true;
    }

    /**
     * Removes a component by its record class.
     *
     * @return true if the entity had it.
     */
    public boolean remove(final int entity, final Class<? extends Record> type)
    {
        return remove(entity, typeOf(type));
    }

    /**
     * @return true if {@code entity} refers to a live entity.
     */
    public boolean isAlive(final int entity)
    {
        final int index = entity & EntityIds.INDEX_MASK;
        return entity != EntityIds.NULL && index < slotCount && archetypeOf[index] >= 0 &&
            (generations[index] & 0xFF) == EntityIds.generation(entity);
    }

    /**
     * @return true if the live entity has the component.
     */
    public boolean has(final int entity, final ComponentType<?> type)
    {
        return archetypeTable[archetypeOf[checkAlive(entity)]].has(type.id);
    }

    /**
     * @return true if the live entity has the component.
     */
    public boolean has(final int entity, final Class<? extends Record> type)
    {
        final ComponentType<?> componentType = typesByClass.get(type);
        return null != componentType && has(entity, componentType);
    }

    /**
     * Reads a component as a record (friendly API; allocates).
     *
     * @return the component's values, or null if the entity does not have it.
     */
    public <T extends Record> T get(final int entity, final Class<T> type)
    {
        final int index = checkAlive(entity);
        final ComponentType<?> componentType = typesByClass.get(type);
        final Archetype archetype = archetypeTable[archetypeOf[index]];
        if (null == componentType || !archetype.has(componentType.id))
        {
            return null;
        }
        return type.cast(componentType.read(archetype, rowOf[index]));
    }

    public float get(final int entity, final FloatField field)
    {
        final int index = checkAlive(entity);
        return ((float[])column(index, field))[rowOf[index]];
    }

    public int get(final int entity, final IntField field)
    {
        final int index = checkAlive(entity);
        return ((int[])column(index, field))[rowOf[index]];
    }

    public long get(final int entity, final LongField field)
    {
        final int index = checkAlive(entity);
        return ((long[])column(index, field))[rowOf[index]];
    }

    public double get(final int entity, final DoubleField field)
    {
        final int index = checkAlive(entity);
        return ((double[])column(index, field))[rowOf[index]];
    }

    /**
     * Reads any field as raw bits: floats as {@link Float#floatToRawIntBits}, doubles as
     * {@link Double#doubleToRawLongBits}, booleans as 0 or 1, others sign-extended.
     */
    public long getBits(final int entity, final Field field)
    {
        final int index = checkAlive(entity);
        return Columns.bits(field.kind, column(index, field), rowOf[index]);
    }

    public void set(final int entity, final FloatField field, final float value)
    {
        final int index = checkAlive(entity);
        ((float[])column(index, field))[rowOf[index]] = value;
        markChanged(index, field);
    }

    public void set(final int entity, final IntField field, final int value)
    {
        final int index = checkAlive(entity);
        ((int[])column(index, field))[rowOf[index]] = value;
        markChanged(index, field);
    }

    public void set(final int entity, final LongField field, final long value)
    {
        final int index = checkAlive(entity);
        ((long[])column(index, field))[rowOf[index]] = value;
        markChanged(index, field);
    }

    public void set(final int entity, final DoubleField field, final double value)
    {
        final int index = checkAlive(entity);
        ((double[])column(index, field))[rowOf[index]] = value;
        markChanged(index, field);
    }

    /**
     * Writes any field from raw bits, the inverse of {@link #getBits(int, Field)}.
     */
    public void setBits(final int entity, final Field field, final long bits)
    {
        final int index = checkAlive(entity);
        Columns.setBits(field.kind, column(index, field), rowOf[index], bits);
        markChanged(index, field);
    }

    /**
     * @return the number of live entities.
     */
    public int entityCount()
    {
        return aliveCount;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Queries, commands, ticks

    /**
     * @return a builder for a query over component sets.
     */
    public QueryBuilder query()
    {
        return new QueryBuilder(this);
    }

    /**
     * Entities having component {@code a}, as records (friendly API; allocates).
     */
    public <A extends Record> Results<With1<A>> findEntitiesWith(final Class<A> a)
    {
        return Results.collect(this, new Class<?>[]{ a }, (e, r) -> new With1<>(e, a.cast(r[0])));
    }

    /**
     * Entities having components {@code a} and {@code b}, as records (friendly API; allocates).
     */
    public <A extends Record, B extends Record> Results<With2<A, B>> findEntitiesWith(
        final Class<A> a, final Class<B> b)
    {
        return Results.collect(this, new Class<?>[]{ a, b }, (e, r) -> new With2<>(e, a.cast(r[0]), b.cast(r[1])));
    }

    /**
     * Entities having components {@code a}, {@code b} and {@code c}, as records (friendly API; allocates).
     */
    public <A extends Record, B extends Record, C extends Record> Results<With3<A, B, C>> findEntitiesWith(
        final Class<A> a, final Class<B> b, final Class<C> c)
    {
        return Results.collect(
            this, new Class<?>[]{ a, b, c }, (e, r) -> new With3<>(e, a.cast(r[0]), b.cast(r[1]), c.cast(r[2])));
    }

    /**
     * @return this world's command buffer, for structural changes deferred to the next phase boundary.
     */
    public CommandBuffer commands()
    {
        return commands;
    }

    /**
     * @return the current tick; change tracking stamps writes with it.
     */
    public long tick()
    {
        return tick;
    }

    /**
     * Moves to the next tick and forgets created/destroyed records older than the retention window.
     *
     * @return the new tick.
     */
    public long advanceTick()
    {
        tick++;
        changeLog.trimBefore(tick - ctx.changeLogRetentionTicks);
        return tick;
    }

    /**
     * Adds to {@code out} the entities created after {@code sinceTick} (oldest first), including ones destroyed
     * since.
     *
     * @throws IllegalStateException if {@code sinceTick} is older than the change log retains.
     */
    public void createdSince(final long sinceTick, final IntArrayList out)
    {
        changeLog.collectSince(sinceTick, ChangeLog.CREATED, out);
    }

    /**
     * Adds to {@code out} the entities destroyed after {@code sinceTick} (oldest first).
     *
     * @throws IllegalStateException if {@code sinceTick} is older than the change log retains.
     */
    public void destroyedSince(final long sinceTick, final IntArrayList out)
    {
        changeLog.collectSince(sinceTick, ChangeLog.DESTROYED, out);
    }

    /**
     * @return true if the entity's field was written (or the entity created or given the component) after
     * {@code sinceTick}.
     */
    public boolean changedSince(final int entity, final Field field, final long sinceTick)
    {
        final int index = checkAlive(entity);
        column(index, field);
        return archetypeTable[archetypeOf[index]].changedSince(field.columnId, rowOf[index], sinceTick);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshot and hash

    /**
     * A 64-bit hash over every live entity's handle and component values; independent of storage layout,
     * stable across runs and JVMs.
     */
    public long stateHash()
    {
        if (null == stateHash)
        {
            stateHash = new StateHash();
        }
        return stateHash.compute(this);
    }

    /**
     * Writes the whole world as an SBE {@code WorldSnapshot} message (with its header).
     *
     * @return bytes written.
     */
    public int writeSnapshot(final MutableDirectBuffer buffer, final int offset)
    {
        checkStructural("take a snapshot");
        return snapshots().write(buffer, offset);
    }

    /**
     * Replaces this world's entities with a snapshot's. The world must hold no entities; component types are matched
     * by record class name (registered here first, or loaded by name). Afterwards iteration order, handles, the free
     * slot order, change ticks, the tick and {@link #stateHash()} are as in the world that wrote it.
     * <p>
     * The bytes are untrusted: every count, id and length is checked against the bytes and the recorded state hash
     * against the decoded rows before the world is touched, and no more than a small multiple of {@code length} is
     * allocated to do so. A rejected snapshot leaves the world exactly as it was.
     *
     * @throws IllegalArgumentException if the buffer does not hold a valid snapshot, saying what is wrong.
     * @throws IllegalStateException    if the world holds entities or pending commands, or is iterating.
     */
    public void restoreSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        checkStructural("restore a snapshot");
        if (aliveCount != 0 || commands.size() != 0)
        {
            throw new IllegalStateException("restore needs a world without entities or pending commands");
        }
        snapshots().read(buffer, offset, length);
    }

    private WorldSnapshots snapshots()
    {
        if (null == snapshots)
        {
            snapshots = new WorldSnapshots(this);
        }
        return snapshots;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals shared with cursors, commands, systems, snapshots

    void checkStructural(final String what)
    {
        if (inPhase)
        {
            throw new IllegalStateException("cannot " + what + " while a system phase runs: " +
                "record it in world.commands(), it is applied at the phase boundary");
        }
        if (openCursors > 0)
        {
            throw new IllegalStateException("cannot " + what + " while a query cursor iterates: " +
                "record it in world.commands(), or finish or close() the cursor first");
        }
    }

    void beginPhase()
    {
        inPhase = true;
    }

    void endPhase()
    {
        inPhase = false;
        closeAllCursors();
    }

    /** Closes every open cursor: a system that left its loop early does not lock the world. */
    void closeAllCursors()
    {
        openCursors = 0;
        cursorEpoch++;
    }

    int checkAlive(final int entity)
    {
        final int index = entity & EntityIds.INDEX_MASK;
        if (entity == EntityIds.NULL || index >= slotCount)
        {
            throw new StaleEntityException(entity, "was never created in this world");
        }
        if ((generations[index] & 0xFF) != EntityIds.generation(entity))
        {
            throw new StaleEntityException(entity, "is stale: it was destroyed (slot now at generation " +
                (generations[index] & 0xFF) + ")");
        }
        if (archetypeOf[index] < 0)
        {
            throw new StaleEntityException(entity, archetypeOf[index] == RESERVED ?
                "is reserved by a command buffer that has not been applied yet" : "was destroyed");
        }
        return index;
    }

    boolean isReserved(final int entity)
    {
        final int index = entity & EntityIds.INDEX_MASK;
        return entity != EntityIds.NULL && index < slotCount && archetypeOf[index] == RESERVED &&
            (generations[index] & 0xFF) == EntityIds.generation(entity);
    }

    void checkType(final ComponentType<?> type)
    {
        if (type.world != this)
        {
            throw new IllegalArgumentException(type + " belongs to another world");
        }
    }

    void checkTemplate(final EntityTemplate template)
    {
        if (template.world != this)
        {
            throw new IllegalArgumentException(template + " belongs to another world");
        }
    }

    Object column(final int index, final Field field)
    {
        final Archetype archetype = archetypeTable[archetypeOf[index]];
        if (!archetype.hasColumn(field.columnId) || field.component.world != this)
        {
            throw new IllegalArgumentException("entity " + EntityIds.toString(EntityIds.pack(index,
                generations[index] & 0xFF)) + " has no component " + field.component.name() + " (field " + field + ")");
        }
        return archetype.columns[field.columnId];
    }

    private void markChanged(final int index, final Field field)
    {
        archetypeTable[archetypeOf[index]].rowTicks[field.columnId][rowOf[index]] = tick;
    }

    int allocateSlot()
    {
        final int index;
        if (!freeSlots.isEmpty())
        {
            index = freeSlots.pollInt();
        }
        else
        {
            if (slotCount > EntityIds.MAX_INDEX)
            {
                throw new IllegalStateException("entity capacity exhausted: " + (EntityIds.MAX_INDEX + 1));
            }
            index = slotCount++;
            if (index == generations.length)
            {
                final int newLength = Math.min(generations.length << 1, EntityIds.MAX_INDEX + 1);
                generations = Arrays.copyOf(generations, newLength);
                archetypeOf = Arrays.copyOf(archetypeOf, newLength);
                rowOf = Arrays.copyOf(rowOf, newLength);
            }
        }
        archetypeOf[index] = RESERVED;
        return EntityIds.pack(index, generations[index] & 0xFF);
    }

    /** Puts a reserved entity into an archetype as a live row. */
    int place(final int entity, final Archetype archetype)
    {
        final int index = entity & EntityIds.INDEX_MASK;
        final int row = archetype.addRow(entity, tick);
        archetypeOf[index] = archetype.id;
        rowOf[index] = row;
        aliveCount++;
        changeLog.append(tick, entity, ChangeLog.CREATED);
        return row;
    }

    void releaseSlot(final int index)
    {
        archetypeOf[index] = FREE;
        generations[index]++;
        if (EntityIds.pack(index, generations[index] & 0xFF) == EntityIds.NULL)
        {
            generations[index]++;
        }
        freeSlots.addInt(index);
    }

    private void removeFromArchetype(final int index)
    {
        final Archetype archetype = archetypeTable[archetypeOf[index]];
        final int moved = archetype.removeRow(rowOf[index]);
        if (moved != EntityIds.NULL)
        {
            rowOf[moved & EntityIds.INDEX_MASK] = rowOf[index];
        }
    }

    void moveTo(final int index, final Archetype.Edge edge)
    {
        final Archetype source = archetypeTable[archetypeOf[index]];
        final Archetype target = edge.target;
        final int row = rowOf[index];
        final int targetRow = source.moveRow(row, edge, tick);
        final int moved = source.removeRow(row);
        if (moved != EntityIds.NULL)
        {
            rowOf[moved & EntityIds.INDEX_MASK] = row;
        }
        archetypeOf[index] = target.id;
        rowOf[index] = targetRow;
    }

    void writeRecord(final Archetype archetype, final int row, final ComponentType<?> type, final Record value)
    {
        for (int i = 0; i < type.fields.length; i++)
        {
            final Field field = type.fields[i];
            Columns.setBits(field.kind, archetype.columns[field.columnId], row, type.bitsOf(value, i));
            archetype.rowTicks[field.columnId][row] = tick;
        }
    }

    ComponentType<?>[] typesOf(final Record[] components)
    {
        final ComponentType<?>[] types = new ComponentType<?>[components.length];
        for (int i = 0; i < components.length; i++)
        {
            if (null == components[i])
            {
                throw new IllegalArgumentException("component " + i + " is null");
            }
            types[i] = component(components[i].getClass().asSubclass(Record.class));
        }
        return types;
    }

    ComponentType<?>[] sortedDistinct(final ComponentType<?>[] types)
    {
        final ComponentType<?>[] sorted = types.clone();
        for (final ComponentType<?> type : sorted)
        {
            checkType(type);
        }
        Arrays.sort(sorted, Comparator.comparingInt(t -> t.id));
        for (int i = 1; i < sorted.length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new IllegalArgumentException("component " + sorted[i].name() + " given twice");
            }
        }
        return sorted;
    }

    Archetype archetypeFor(final ComponentType<?>[] sortedTypes)
    {
        return findOrCreateArchetype(sortedTypes);
    }

    Archetype.Edge withComponent(final Archetype from, final ComponentType<?> type)
    {
        Archetype.Edge edge = Archetype.edge(from.addEdges, type.id);
        if (null == edge)
        {
            final ComponentType<?>[] types = Arrays.copyOf(from.components, from.components.length + 1);
            types[types.length - 1] = type;
            Arrays.sort(types, Comparator.comparingInt(t -> t.id));
            edge = new Archetype.Edge(from, findOrCreateArchetype(types));
            from.addEdges = Archetype.withEdge(from.addEdges, type.id, edge);
        }
        return edge;
    }

    Archetype.Edge withoutComponent(final Archetype from, final ComponentType<?> type)
    {
        Archetype.Edge edge = Archetype.edge(from.removeEdges, type.id);
        if (null == edge)
        {
            final ComponentType<?>[] types = new ComponentType<?>[from.components.length - 1];
            int i = 0;
            for (final ComponentType<?> t : from.components)
            {
                if (t != type)
                {
                    types[i++] = t;
                }
            }
            edge = new Archetype.Edge(from, findOrCreateArchetype(types));
            from.removeEdges = Archetype.withEdge(from.removeEdges, type.id, edge);
        }
        return edge;
    }

    Archetype findOrCreateArchetype(final ComponentType<?>[] sortedTypes)
    {
        return findOrCreateArchetype(sortedTypes, ctx.initialArchetypeCapacity);
    }

    /** As {@link #findOrCreateArchetype(ComponentType[])}, giving a new archetype {@code initialRows} rows. */
    Archetype findOrCreateArchetype(final ComponentType<?>[] sortedTypes, final int initialRows)
    {
        final SignatureKey key = new SignatureKey(sortedTypes);
        final Archetype existing = archetypesBySignature.get(key);
        if (null != existing)
        {
            return existing;
        }
        final Archetype archetype = new Archetype(archetypes.size(), sortedTypes, initialRows);
        archetypes.add(archetype);
        if (archetype.id == archetypeTable.length)
        {
            archetypeTable = Arrays.copyOf(archetypeTable, archetypeTable.length << 1);
        }
        archetypeTable[archetype.id] = archetype;
        archetypesBySignature.put(key, archetype);
        for (final Query query : queries)
        {
            query.onNewArchetype(archetype);
        }
        return archetype;
    }

    Query cachedQuery(final long[] with, final long[] without)
    {
        final String key = Arrays.toString(with) + "/" + Arrays.toString(without);
        Query query = queryCache.get(key);
        if (null == query)
        {
            query = new Query(this, with, without);
            for (final Archetype archetype : archetypes)
            {
                query.onNewArchetype(archetype);
            }
            queries.add(query);
            queryCache.put(key, query);
        }
        return query;
    }

    /** Puts archetypes in the given order (ids = positions) and rebuilds every query's archetype list. */
    void reorderArchetypes(final List<Archetype> order)
    {
        archetypes.clear();
        archetypes.addAll(order);
        for (int i = 0; i < archetypes.size(); i++)
        {
            archetypes.get(i).id = i;
            archetypeTable[i] = archetypes.get(i);
        }
        for (final Query query : queries)
        {
            query.rebuild(archetypes);
        }
    }

    /** Identity of an archetype: its component types in id order. */
    private record SignatureKey(int[] ids)
    {
        SignatureKey(final ComponentType<?>[] sortedTypes)
        {
            this(idsOf(sortedTypes));
        }

        private static int[] idsOf(final ComponentType<?>[] sortedTypes)
        {
            final int[] ids = new int[sortedTypes.length];
            for (int i = 0; i < ids.length; i++)
            {
                ids[i] = sortedTypes[i].id;
            }
            return ids;
        }

        public boolean equals(final Object o)
        {
            return o instanceof SignatureKey other && Arrays.equals(ids, other.ids);
        }

        public int hashCode()
        {
            return Arrays.hashCode(ids);
        }
    }

    /**
     * Settings of a world.
     */
    public static final class Context
    {
        private int initialEntityCapacity = 1024;
        private int initialArchetypeCapacity = 64;
        private long changeLogRetentionTicks = 1024;
        private boolean concluded;

        public int initialEntityCapacity()
        {
            return initialEntityCapacity;
        }

        /**
         * @param slots entity slots to allocate up front (grows on demand).
         */
        public Context initialEntityCapacity(final int slots)
        {
            initialEntityCapacity = slots;
            return this;
        }

        public int initialArchetypeCapacity()
        {
            return initialArchetypeCapacity;
        }

        /**
         * @param rows rows each new archetype allocates up front (grows on demand).
         */
        public Context initialArchetypeCapacity(final int rows)
        {
            initialArchetypeCapacity = rows;
            return this;
        }

        public long changeLogRetentionTicks()
        {
            return changeLogRetentionTicks;
        }

        /**
         * @param ticks how many past ticks of created/destroyed records are kept for delta encoders.
         */
        public Context changeLogRetentionTicks(final long ticks)
        {
            changeLogRetentionTicks = ticks;
            return this;
        }

        boolean isConcluded()
        {
            return concluded;
        }

        /**
         * Validates the settings; may be called once.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("World.Context already concluded");
            }
            if (initialEntityCapacity < 1 || initialEntityCapacity > EntityIds.MAX_INDEX + 1)
            {
                throw new IllegalArgumentException("initialEntityCapacity must be in 1.." + (EntityIds.MAX_INDEX + 1) +
                    ": " + initialEntityCapacity);
            }
            if (initialArchetypeCapacity < 1)
            {
                throw new IllegalArgumentException("initialArchetypeCapacity must be >= 1: " + initialArchetypeCapacity);
            }
            if (changeLogRetentionTicks < 1)
            {
                throw new IllegalArgumentException("changeLogRetentionTicks must be >= 1: " + changeLogRetentionTicks);
            }
            concluded = true;
            return this;
        }
    }
}

package io.asobi.world;

import com.fasterxml.jackson.core.JsonGenerator;
import io.asobi.ecs.ComponentType;
import io.asobi.ecs.DoubleField;
import io.asobi.ecs.EntityIds;
import io.asobi.ecs.EntityTemplate;
import io.asobi.ecs.Field;
import io.asobi.ecs.FieldKind;
import io.asobi.ecs.IntField;
import io.asobi.ecs.QueryCursor;
import io.asobi.ecs.World;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2IntHashMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * One zone of a world, stepped by its world on the world's tick thread: the zone's entities in an ECS
 * {@link World}, and the {@link ZoneContext} its game logic sees.
 * <p>
 * A step ({@link #step}): {@link WorldLogic#zoneTick}, the staged inputs in arrival order, zone crossings (an
 * entity past the zone's edge by the hysteresis margin moves to the neighbouring zone, created if needed; a player's
 * ring follows), then, every {@code broadcastInterval} ticks, the delta broadcast. A cold zone (no entities, nothing
 * to tell, no staged input) only steps every {@code coldTickDivisor} ticks.
 * <p>
 * Delta broadcast (asobi-spec §4.6): the zone keeps the <em>baseline</em>, what its subscribers were last told (per
 * entity slot: the handle, the id and the bits of every wire field present). A broadcast compares the live entities
 * with it: removals ({@code op:"r"}) first, then additions ({@code op:"a"}, every field) and updates ({@code op:"u"},
 * only the fields whose bits changed; fields that disappeared are not signalled), into ONE frame encoded once and
 * handed to every subscriber; the baseline then becomes the live state and {@code frame_seq} advances. Nothing
 * changed: no frame, no advance. No subscribers: no broadcast at all (the baseline just ages; the next subscriber's
 * keyframe and the deltas after it are still exact). Keyframes ({@code kf:true}, {@code tick:0}, the current
 * {@code frame_seq}) and leave-removal frames are encoded from the baseline, so a keyframe plus the deltas after it
 * always rebuild the zone's broadcast state exactly; both are cached until the next frame.
 * <p>
 * <b>Note:</b> created and used on the world's tick thread only.
 */
final class ZoneInstance implements ZoneContext
{
    private static final int STAGED_HEADER_BYTES = Long.BYTES + Integer.BYTES;

    final WorldInstance world;
    final int zoneX;
    final int zoneY;
    final long key;
    final ArrayList<Member> subscribers = new ArrayList<>();

    private final WorldSchema schema;
    private final WorldLogic logic;
    private final World ecs;
    private final ComponentType<Position> positionType;
    private final DoubleField px;
    private final DoubleField py;
    private final IntField kindCode;
    private final ComponentType<?>[] types;
    private final Field[][] typeFields;
    private final Field[] slotFields;
    private final FieldKind[] slotKinds;
    private final ComponentType<?>[] slotOwners;
    private final EntityTemplate baseTemplate;
    private final Long2ObjectHashMap<EntityTemplate> templatesByMask = new Long2ObjectHashMap<>();
    private final QueryCursor cursor;
    private final int broadcastInterval;
    private final int coldTickDivisor;
    private final int maxStagedBytes;

    private final Object2IntHashMap<String> entityById = new Object2IntHashMap<>(EntityIds.NULL);
    private String[] idByIndex = new String[64];

    // Baseline: what subscribers were last told, per entity slot index.
    private int[] baseHandle = new int[64];
    private String[] baseId = new String[64];
    private long[] baseBits;
    private long[] baseMask = new long[64];
    private int baseLimit;
    private int baseCount;
    private final long[] scratchBits;
    private final boolean[] scratchHas;

    // Binary wire (asobi-spec §4.7): slot = baseline index; its generation advances each time an add binds it.
    private byte[] baseGen = new byte[64];
    private final BinaryTickEncoder binaryEncoder;
    /** A binary subscriber was sent a JSON frame instead (refused): its next binary frame must be a keyframe. */
    boolean isBinaryStale;
    private byte[] binaryKeyframe;
    private long binaryKeyframeSeq = -1;
    private byte[] binaryRemoval;
    private long binaryRemovalSeq = -1;

    private final ExpandableArrayBuffer staged = new ExpandableArrayBuffer(1024);
    private final ArrayList<Member> stagedMembers = new ArrayList<>();
    private int stagedBytes;
    private final ArrayList<Member> ackMembers = new ArrayList<>();
    private final IntArrayList crossing = new IntArrayList();

    private long tick;
    long frameSeq;
    private byte[] keyframe;
    private long keyframeSeq = -1;
    private byte[] removal;
    private long removalSeq = -1;
    long lastBusyTick;

    // Counters (tick thread; read by tests).
    long encodedFrames;
    long steppedTicks;
    long coldSkippedTicks;
    long droppedInputs;

    ZoneInstance(
        final WorldInstance world,
        final int zoneX,
        final int zoneY,
        final long initialFrameSeq,
        final int initialEntityCapacity)
    {
        this.world = world;
        this.zoneX = zoneX;
        this.zoneY = zoneY;
        this.key = key(zoneX, zoneY);
        this.frameSeq = initialFrameSeq;
        this.schema = world.schema;
        this.logic = world.logic;
        final WorldRuntime.Context ctx = world.runtime.context();
        this.broadcastInterval = world.config.broadcastInterval();
        this.coldTickDivisor = ctx.coldTickDivisor();
        this.maxStagedBytes = ctx.maxStagedInputBytes();

        ecs = new World(new World.Context()
            .initialEntityCapacity(initialEntityCapacity)
            .changeLogRetentionTicks(16));
        final int classCount = schema.classes.size();
        types = new ComponentType<?>[classCount];
        typeFields = new Field[classCount][];
        for (int i = 0; i < classCount; i++)
        {
            types[i] = ecs.register(schema.classes.get(i));
            typeFields[i] = types[i].fields().toArray(new Field[0]);
        }
        @SuppressWarnings("unchecked")
        final ComponentType<Position> position = (ComponentType<Position>)types[0];
        positionType = position;
        px = position.doubleField("x");
        py = position.doubleField("y");
        kindCode = types[1].intField("code");
        slotFields = new Field[schema.slotCount];
        slotKinds = new FieldKind[schema.slotCount];
        slotOwners = new ComponentType<?>[schema.slotCount];
        for (int s = 0; s < schema.slotCount; s++)
        {
            slotOwners[s] = types[schema.slotClass[s]];
            slotFields[s] = typeFields[schema.slotClass[s]][schema.slotField[s]];
            slotKinds[s] = slotFields[s].kind();
        }
        baseTemplate = ecs.template(types[0], types[1]);
        templatesByMask.put(3L, baseTemplate);
        cursor = ecs.query().with(types[0], types[1]).build().cursor();
        baseBits = new long[64 * schema.slotCount];
        Arrays.fill(baseHandle, EntityIds.NULL);
        scratchBits = new long[schema.slotCount];
        scratchHas = new boolean[classCount];
        Arrays.fill(baseGen, (byte)-1);
        binaryEncoder = world.binaryEncoder(slotKinds);
    }

    static long key(final int zoneX, final int zoneY)
    {
        return ((long)zoneX << 32) | (zoneY & 0xFFFF_FFFFL);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Step (called by the world, in its zone order)

    /**
     * Step the zone at the world's tick: its simulation (unless cold and off the cold beat), then, every
     * {@code broadcastInterval} ticks, the broadcast and the acks. Whether a zone is cold depends on its entities
     * and staged inputs only, so a re-simulation steps exactly the same zones.
     *
     * @param worldTick the world's tick, from 1.
     */
    void step(final long worldTick)
    {
        this.tick = worldTick;
        if (world.isFinished())
        {
            return;
        }
        if (isCold() && 0 != worldTick % coldTickDivisor)
        {
            coldSkippedTicks++;
        }
        else
        {
            steppedTicks++;
            ecs.advanceTick();
            try
            {
                logic.zoneTick(this, worldTick);
            }
            catch (final RuntimeException ex)
            {
                world.logicError("zoneTick", ex);
            }
            applyInputs();
            resolveCrossings();
        }
        if (0 == worldTick % broadcastInterval)
        {
            broadcast(worldTick);
            flushAcks(worldTick);
        }
    }

    /** No entities and no staged input: the zone only steps every {@code coldTickDivisor} ticks. */
    boolean isCold()
    {
        return 0 == ecs.entityCount() && stagedMembers.isEmpty();
    }

    /**
     * Cold and nobody subscribed: the zone may be reaped. A baseline it could not tell anyone (its entities left
     * while nobody was subscribed) does not keep it: a zone created again starts from an empty baseline and its
     * first keyframe resets what clients held.
     */
    boolean isIdle()
    {
        return isCold() && subscribers.isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Inputs

    /**
     * Stage an input for the next step.
     *
     * @return false if the zone's per-tick input budget is spent (the input is dropped and counted).
     */
    boolean stageInput(
        final Member member, final long seq, final DirectBuffer src, final int offset, final int length)
    {
        if (stagedBytes + STAGED_HEADER_BYTES + length > maxStagedBytes)
        {
            droppedInputs++;
            world.droppedInputs++;
            return false;
        }
        staged.putLong(stagedBytes, seq);
        staged.putInt(stagedBytes + Long.BYTES, length);
        staged.putBytes(stagedBytes + STAGED_HEADER_BYTES, src, offset, length);
        stagedBytes += STAGED_HEADER_BYTES + length;
        stagedMembers.add(member);
        return true;
    }

    private void applyInputs()
    {
        if (stagedMembers.isEmpty())
        {
            return;
        }
        try
        {
            logic.beginInputs(this);
        }
        catch (final RuntimeException ex)
        {
            world.logicError("beginInputs", ex);
        }
        try
        {
            applyStagedInputs();
        }
        finally
        {
            try
            {
                logic.endInputs(this);
            }
            catch (final RuntimeException ex)
            {
                world.logicError("endInputs", ex);
            }
        }
    }

    private void applyStagedInputs()
    {
        int position = 0;
        final byte[] bytes = staged.byteArray();
        for (int i = 0, n = stagedMembers.size(); i < n; i++)
        {
            final Member member = stagedMembers.get(i);
            final long seq = staged.getLong(position);
            final int length = staged.getInt(position + Long.BYTES);
            final int offset = position + STAGED_HEADER_BYTES;
            position = offset + length;
            if (member.isRemoved || member.zone != this || !ecs.isAlive(member.entity))
            {
                droppedInputs++;
                world.droppedInputs++;
                continue;
            }
            try
            {
                logic.handleInput(this, member.entity, member.id, bytes, offset, length);
            }
            catch (final RuntimeException ex)
            {
                world.logicError("handleInput", ex);
            }
            if (seq >= 0)
            {
                member.pendingAckSeq = Math.max(member.pendingAckSeq, seq);
                if (!member.isAckQueued)
                {
                    member.isAckQueued = true;
                    ackMembers.add(member);
                }
            }
        }
        stagedMembers.clear();
        stagedBytes = 0;
    }

    private void flushAcks(final long tick)
    {
        for (int i = 0, n = ackMembers.size(); i < n; i++)
        {
            final Member member = ackMembers.get(i);
            member.isAckQueued = false;
            if (!member.isRemoved && !member.isDetached && member.pendingAckSeq > member.lastAckedSeq)
            {
                member.lastAckedSeq = member.pendingAckSeq;
                try
                {
                    world.emit(member.id, world.encoder.ack(tick, member.pendingAckSeq));
                }
                catch (final IOException | RuntimeException ex)
                {
                    world.encoder.reset();
                    world.logicError("ack", ex);
                }
            }
        }
        ackMembers.clear();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Crossings

    private void resolveCrossings()
    {
        if (0 == ecs.entityCount())
        {
            return;
        }
        final double size = world.config.zoneSize();
        final double margin = world.rehomeMargin;
        final double minX = zoneX * size - margin;
        final double maxX = (zoneX + 1) * size + margin;
        final double minY = zoneY * size - margin;
        final double maxY = (zoneY + 1) * size + margin;
        crossing.clear();
        cursor.reset();
        while (cursor.nextChunk())
        {
            final int n = cursor.chunkSize();
            final double[] xs = cursor.column(px);
            final double[] ys = cursor.column(py);
            final int[] entities = cursor.entities();
            for (int i = 0; i < n; i++)
            {
                final double x = xs[i];
                final double y = ys[i];
                if (x < minX || x >= maxX || y < minY || y >= maxY)
                {
                    crossing.addInt(entities[i]);
                }
            }
        }
        for (int i = 0, n = crossing.size(); i < n; i++)
        {
            final int entity = crossing.getInt(i);
            if (!ecs.isAlive(entity))
            {
                continue;
            }
            final int tx = world.zoneCoord(ecs.get(entity, px));
            final int ty = world.zoneCoord(ecs.get(entity, py));
            if (tx == zoneX && ty == zoneY)
            {
                continue;
            }
            final Member member = world.member(idByIndex[EntityIds.index(entity)]);
            if (null != member && !world.tryRehome(member))
            {
                continue; // over the re-home rate: the player stays in this zone and is retried next tick
            }
            final ZoneInstance target = world.ensureZone(tx, ty);
            if (null != target)
            {
                transfer(entity, target);
            }
        }
    }

    /**
     * Move an entity with all its components to another zone of the world (same thread); a player's ring follows.
     */
    void transfer(final int entity, final ZoneInstance target)
    {
        final String id = idOf(entity);
        long mask = 0;
        for (int i = 0; i < types.length; i++)
        {
            if (ecs.has(entity, types[i]))
            {
                mask |= 1L << i;
            }
        }
        final int moved = target.ecs.createEntity(target.templateFor(mask));
        for (int i = 0; i < types.length; i++)
        {
            if (0 != (mask & (1L << i)))
            {
                final Field[] from = typeFields[i];
                final Field[] to = target.typeFields[i];
                for (int f = 0; f < from.length; f++)
                {
                    target.ecs.setBits(moved, to[f], ecs.getBits(entity, from[f]));
                }
            }
        }
        forget(entity, id);
        ecs.destroy(entity);
        target.remember(moved, id);
        world.entityMoved(id, target, moved);
    }

    private EntityTemplate templateFor(final long mask)
    {
        EntityTemplate template = templatesByMask.get(mask);
        if (null == template)
        {
            final ArrayList<ComponentType<?>> present = new ArrayList<>();
            for (int i = 0; i < types.length; i++)
            {
                if (0 != (mask & (1L << i)))
                {
                    present.add(types[i]);
                }
            }
            template = ecs.template(present.toArray(new ComponentType<?>[0]));
            templatesByMask.put(mask, template);
        }
        return template;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Entities

    int spawnEntity(final String id, final int typeCode, final double x, final double y)
    {
        final int entity = ecs.createEntity(baseTemplate);
        ecs.set(entity, px, x);
        ecs.set(entity, py, y);
        ecs.set(entity, kindCode, typeCode);
        remember(entity, id);
        return entity;
    }

    void removeEntity(final int entity)
    {
        forget(entity, idOf(entity));
        ecs.destroy(entity);
    }

    private void remember(final int entity, final String id)
    {
        final int index = EntityIds.index(entity);
        if (index >= idByIndex.length)
        {
            idByIndex = Arrays.copyOf(idByIndex, Math.max(index + 1, idByIndex.length * 2));
        }
        idByIndex[index] = id;
        entityById.put(id, entity);
    }

    private void forget(final int entity, final String id)
    {
        idByIndex[EntityIds.index(entity)] = null;
        entityById.removeKey(id);
    }

    int entityCount()
    {
        return ecs.entityCount();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Broadcast

    private void broadcast(final long tick)
    {
        if (subscribers.isEmpty())
        {
            return;
        }
        final FrameEncoder encoder = world.encoder;
        final boolean hasBinary = hasBinarySubscriber();
        final BinaryTickEncoder bin = hasBinary && !isBinaryStale ? binaryEncoder : null;
        if (null != bin)
        {
            bin.begin(BinaryTickEncoder.KIND_SEQUENCED, zoneX, zoneY, frameSeq + 1, false, tick);
        }
        final byte[] frame;
        try
        {
            final JsonGenerator out = encoder.beginTick(zoneX, zoneY, frameSeq + 1, false, tick);
            final int count = writeRemovals(out, bin) + writeLive(out, bin);
            if (0 == count)
            {
                encoder.discardTick();
                return;
            }
            frame = encoder.finishTick();
        }
        catch (final IOException | RuntimeException ex)
        {
            encoder.reset();
            world.logicError("broadcast", ex);
            return;
        }
        frameSeq++;
        encodedFrames++;
        world.encodedFrames++;
        world.journaling.frameEncoded(frame);
        final byte[] binaryFrame = hasBinary ? binaryDelta(bin) : null;
        for (int i = 0, n = subscribers.size(); i < n; i++)
        {
            world.emitTick(subscribers.get(i), frame, binaryFrame);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Binary wire (asobi-spec §4.7): one encoding per zone frame, shared by the zone's binary subscribers

    private boolean hasBinarySubscriber()
    {
        for (int i = 0, n = subscribers.size(); i < n; i++)
        {
            if (subscribers.get(i).isBinaryWire)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The binary twin of the delta just encoded: the frame {@code bin} wrote alongside the JSON, or, when a binary
     * subscriber was sent JSON instead before, the keyframe of the new baseline (same {@code frame_seq}). Null when
     * refused: binary subscribers get the JSON frame and the next binary frame is a keyframe.
     */
    private byte[] binaryDelta(final BinaryTickEncoder bin)
    {
        byte[] binaryFrame = null;
        try
        {
            binaryFrame = null != bin ? bin.finish() : binaryKeyframe();
        }
        catch (final RuntimeException ex)
        {
            world.logicError("binary broadcast", ex);
        }
        isBinaryStale = null == binaryFrame;
        return binaryFrame;
    }

    /**
     * The binary keyframe of the baseline (same content and {@code frame_seq} as {@link #keyframe()}), or null if the
     * encoder refuses it (the caller sends the JSON keyframe and marks the zone stale). Cached until the next frame.
     */
    byte[] binaryKeyframe()
    {
        if (binaryKeyframeSeq != frameSeq)
        {
            final BinaryTickEncoder bin = binaryEncoder;
            bin.begin(BinaryTickEncoder.KIND_SEQUENCED, zoneX, zoneY, frameSeq, true, 0);
            final int slots = schema.slotCount;
            for (int i = 0; i < baseLimit; i++)
            {
                if (EntityIds.NULL != baseHandle[i])
                {
                    bin.beginAdd(i, baseGen[i], baseId[i]);
                    final long mask = baseMask[i];
                    for (int s = 0; s < slots; s++)
                    {
                        if (0 != (mask & (1L << s)))
                        {
                            bin.field(s, baseBits[i * slots + s]);
                        }
                    }
                    bin.endRecord();
                }
            }
            binaryKeyframe = bin.finish();
            binaryKeyframeSeq = frameSeq;
        }
        return binaryKeyframe;
    }

    /**
     * The binary leave-removal frame (kind 2, seq/kf/tick 0, a remove per baseline slot), or null if refused or while
     * the zone is stale (a client that got JSON adds does not know their slots: it gets the JSON removal frame).
     */
    byte[] binaryRemovalFrame()
    {
        if (isBinaryStale)
        {
            return null;
        }
        if (binaryRemovalSeq != frameSeq)
        {
            final BinaryTickEncoder bin = binaryEncoder;
            bin.begin(BinaryTickEncoder.KIND_UNGATED, zoneX, zoneY, 0, false, 0);
            for (int i = 0; i < baseLimit; i++)
            {
                if (EntityIds.NULL != baseHandle[i])
                {
                    bin.remove(i, baseGen[i]);
                }
            }
            binaryRemoval = bin.finish();
            binaryRemovalSeq = frameSeq;
        }
        return binaryRemoval;
    }

    private int writeRemovals(final JsonGenerator out, final BinaryTickEncoder bin) throws IOException
    {
        int count = 0;
        for (int i = 0; i < baseLimit; i++)
        {
            final int handle = baseHandle[i];
            if (EntityIds.NULL != handle && (!ecs.isAlive(handle) || !baseId[i].equals(idByIndex[i])))
            {
                writeRemove(out, baseId[i]);
                if (null != bin)
                {
                    bin.remove(i, baseGen[i]);
                }
                clearBase(i);
                count++;
            }
        }
        return count;
    }

    private int writeLive(final JsonGenerator out, final BinaryTickEncoder bin) throws IOException
    {
        try
        {
            return writeLiveEntities(out, bin);
        }
        finally
        {
            cursor.close();
        }
    }

    private int writeLiveEntities(final JsonGenerator out, final BinaryTickEncoder bin) throws IOException
    {
        int count = 0;
        final int slots = schema.slotCount;
        cursor.reset();
        while (cursor.next())
        {
            final int entity = cursor.entity();
            final int index = EntityIds.index(entity);
            for (int c = 2; c < scratchHas.length; c++)
            {
                scratchHas[c] = ecs.has(entity, types[c]);
            }
            scratchHas[0] = true;
            scratchHas[1] = true;
            long mask = 0;
            for (int s = 0; s < slots; s++)
            {
                if (scratchHas[schema.slotClass[s]])
                {
                    scratchBits[s] = ecs.getBits(entity, slotFields[s]);
                    mask |= 1L << s;
                }
            }

            ensureBaseCapacity(index);
            final int base = index * slots;
            if (baseHandle[index] != entity)
            {
                final String id = idByIndex[index];
                out.writeStartObject();
                out.writeFieldName(FrameEncoder.OP);
                out.writeString(FrameEncoder.OP_ADD);
                out.writeFieldName(FrameEncoder.ID);
                out.writeString(id);
                for (int s = 0; s < slots; s++)
                {
                    if (0 != (mask & (1L << s)))
                    {
                        writeSlot(out, s, scratchBits[s]);
                    }
                }
                out.writeEndObject();
                baseGen[index]++;
                if (null != bin)
                {
                    bin.beginAdd(index, baseGen[index], id);
                    writeBinarySlots(bin, mask);
                }
                baseHandle[index] = entity;
                baseId[index] = id;
                baseCount++;
                baseLimit = Math.max(baseLimit, index + 1);
                count++;
            }
            else
            {
                long changed = 0;
                final long previous = baseMask[index];
                for (int s = 0; s < slots; s++)
                {
                    final long bit = 1L << s;
                    if (0 != (mask & bit) && (0 == (previous & bit) || baseBits[base + s] != scratchBits[s]))
                    {
                        changed |= bit;
                    }
                }
                if (0 != changed)
                {
                    out.writeStartObject();
                    out.writeFieldName(FrameEncoder.OP);
                    out.writeString(FrameEncoder.OP_UPDATE);
                    out.writeFieldName(FrameEncoder.ID);
                    out.writeString(baseId[index]);
                    for (int s = 0; s < slots; s++)
                    {
                        if (0 != (changed & (1L << s)))
                        {
                            writeSlot(out, s, scratchBits[s]);
                        }
                    }
                    out.writeEndObject();
                    if (null != bin)
                    {
                        bin.beginUpdate(index, baseGen[index]);
                        writeBinarySlots(bin, changed);
                    }
                    count++;
                }
            }
            System.arraycopy(scratchBits, 0, baseBits, base, slots);
            baseMask[index] = mask;
        }
        return count;
    }

    private void writeBinarySlots(final BinaryTickEncoder bin, final long slotMask)
    {
        for (int s = 0, slots = schema.slotCount; s < slots; s++)
        {
            if (0 != (slotMask & (1L << s)))
            {
                bin.field(s, scratchBits[s]);
            }
        }
        bin.endRecord();
    }

    private void writeSlot(final JsonGenerator out, final int slot, final long bits) throws IOException
    {
        out.writeFieldName(schema.slotNames[slot]);
        if (WorldSchema.SLOT_TYPE == slot)
        {
            out.writeString(schema.typeNameJson((int)bits));
            return;
        }
        switch (slotKinds[slot])
        {
            case DOUBLE -> out.writeNumber(Double.longBitsToDouble(bits));
            case FLOAT -> out.writeNumber(Float.intBitsToFloat((int)bits));
            case BOOLEAN -> out.writeBoolean(0 != bits);
            default -> out.writeNumber(bits);
        }
    }

    private static void writeRemove(final JsonGenerator out, final String id) throws IOException
    {
        out.writeStartObject();
        out.writeFieldName(FrameEncoder.OP);
        out.writeString(FrameEncoder.OP_REMOVE);
        out.writeFieldName(FrameEncoder.ID);
        out.writeString(id);
        out.writeEndObject();
    }

    private void clearBase(final int index)
    {
        baseHandle[index] = EntityIds.NULL;
        baseId[index] = null;
        baseMask[index] = 0;
        baseCount--;
    }

    private void ensureBaseCapacity(final int index)
    {
        if (index >= baseHandle.length)
        {
            final int oldLength = baseHandle.length;
            final int length = Math.max(index + 1, oldLength * 2);
            baseHandle = Arrays.copyOf(baseHandle, length);
            Arrays.fill(baseHandle, oldLength, length, EntityIds.NULL);
            baseId = Arrays.copyOf(baseId, length);
            baseMask = Arrays.copyOf(baseMask, length);
            baseGen = Arrays.copyOf(baseGen, length);
            Arrays.fill(baseGen, oldLength, length, (byte)-1);
            baseBits = Arrays.copyOf(baseBits, length * schema.slotCount);
        }
    }

    /**
     * Whether the zone has ever sent a frame (a keyframe of it can then reset a client's stale high-water mark).
     */
    boolean hasSentFrames()
    {
        return frameSeq > 0;
    }

    boolean isBaselineEmpty()
    {
        return 0 == baseCount;
    }

    /**
     * The keyframe of the baseline: {@code kf:true}, {@code tick:0}, the current {@code frame_seq}, every entity
     * subscribers were last told of as {@code op:"a"}. Cached until the next frame.
     */
    byte[] keyframe() throws IOException
    {
        if (keyframeSeq != frameSeq || null == keyframe)
        {
            final FrameEncoder encoder = world.encoder;
            final JsonGenerator out = encoder.beginTick(zoneX, zoneY, frameSeq, true, 0);
            final int slots = schema.slotCount;
            for (int i = 0; i < baseLimit; i++)
            {
                if (EntityIds.NULL == baseHandle[i])
                {
                    continue;
                }
                out.writeStartObject();
                out.writeFieldName(FrameEncoder.OP);
                out.writeString(FrameEncoder.OP_ADD);
                out.writeFieldName(FrameEncoder.ID);
                out.writeString(baseId[i]);
                final long mask = baseMask[i];
                for (int s = 0; s < slots; s++)
                {
                    if (0 != (mask & (1L << s)))
                    {
                        writeSlot(out, s, baseBits[i * slots + s]);
                    }
                }
                out.writeEndObject();
            }
            keyframe = encoder.finishTick();
            keyframeSeq = frameSeq;
        }
        return keyframe;
    }

    /**
     * The leave-removal frame: {@code {zone, tick:0, updates:[{op:"r", id}...]}} for every entity of the baseline,
     * without {@code frame_seq} or {@code kf}. Cached until the next frame.
     */
    byte[] removalFrame() throws IOException
    {
        if (removalSeq != frameSeq || null == removal)
        {
            final FrameEncoder encoder = world.encoder;
            final JsonGenerator out = encoder.beginTick(zoneX, zoneY, -1, false, 0);
            for (int i = 0; i < baseLimit; i++)
            {
                if (EntityIds.NULL != baseHandle[i])
                {
                    writeRemove(out, baseId[i]);
                }
            }
            removal = encoder.finishTick();
            removalSeq = frameSeq;
        }
        return removal;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshot (world tick thread, between steps)

    /**
     * Write the zone's state: tick, {@code frame_seq}, idle tick, the ECS world, the entity ids by handle and the
     * broadcast baseline (what subscribers were last told, so deltas after a restore go on exactly).
     */
    void writeSnapshot(final SnapshotWriter out)
    {
        out.putLong(tick);
        out.putLong(frameSeq);
        out.putLong(lastBusyTick);
        final int lengthAt = out.reserveInt();
        final int written = ecs.writeSnapshot(out.buffer(), out.position());
        out.advance(written);
        out.putIntAt(lengthAt, written);

        int ids = 0;
        for (final String id : idByIndex)
        {
            ids += null == id ? 0 : 1;
        }
        out.putInt(ids);
        for (int i = 0; i < idByIndex.length; i++)
        {
            if (null != idByIndex[i])
            {
                out.putInt(entityById.getValue(idByIndex[i]));
                out.putString(idByIndex[i]);
            }
        }

        final int slots = schema.slotCount;
        out.putInt(baseLimit);
        for (int i = 0; i < baseLimit; i++)
        {
            out.putInt(baseHandle[i]);
            if (EntityIds.NULL != baseHandle[i])
            {
                out.putString(baseId[i]);
                out.putLong(baseMask[i]);
                for (int s = 0; s < slots; s++)
                {
                    out.putLong(baseBits[i * slots + s]);
                }
            }
        }
    }

    /**
     * Read what {@link #writeSnapshot} wrote into this new, empty zone. Returns the entity ids restored, for the
     * world's bookkeeping.
     *
     * @throws IllegalArgumentException if the bytes are not a valid zone snapshot.
     */
    ArrayList<String> restoreSnapshot(final SnapshotReader in)
    {
        tick = in.getLong();
        frameSeq = in.getLong();
        lastBusyTick = in.getLong();
        if (frameSeq < 0)
        {
            throw new IllegalArgumentException("snapshot: zone " + zoneX + "," + zoneY + " frame_seq " + frameSeq);
        }
        final int ecsLength = in.getInt(0, in.remaining(), "ECS snapshot length");
        ecs.restoreSnapshot(in.buffer(), in.position(), ecsLength);
        in.skip(ecsLength);

        final int ids = in.getInt(0, ecs.entityCount(), "entity id count");
        if (ids != ecs.entityCount())
        {
            throw new IllegalArgumentException("snapshot: zone " + zoneX + "," + zoneY + " has " +
                ecs.entityCount() + " entities but " + ids + " ids");
        }
        final ArrayList<String> restored = new ArrayList<>(ids);
        for (int i = 0; i < ids; i++)
        {
            final int handle = in.getInt();
            final String id = in.getString(4 * MAX_ID_LENGTH);
            if (null == id || id.isEmpty() || !ecs.isAlive(handle) || EntityIds.NULL != entity(id) ||
                (EntityIds.index(handle) < idByIndex.length && null != idByIndex[EntityIds.index(handle)]))
            {
                throw new IllegalArgumentException("snapshot: bad entity id entry " + id + " in zone " + zoneX + "," +
                    zoneY);
            }
            remember(handle, id);
            restored.add(id);
        }

        final int slots = schema.slotCount;
        final int limit = in.getInt(0, Math.max(0, in.remaining() / Integer.BYTES), "baseline size");
        for (int i = 0; i < limit; i++)
        {
            final int handle = in.getInt();
            if (EntityIds.NULL == handle)
            {
                continue;
            }
            ensureBaseCapacity(i);
            baseHandle[i] = handle;
            baseId[i] = in.getString(4 * MAX_ID_LENGTH);
            if (null == baseId[i])
            {
                throw new IllegalArgumentException("snapshot: baseline entry without id");
            }
            baseMask[i] = in.getLong();
            baseGen[i] = 0;
            for (int s = 0; s < slots; s++)
            {
                baseBits[i * slots + s] = in.getLong();
            }
            baseCount++;
            baseLimit = i + 1;
        }
        return restored;
    }

    /** Every live entity as {@code {id, x, y, type, ...wire fields}} (replay tool, tests). */
    void dumpEntities(final com.fasterxml.jackson.databind.node.ArrayNode out)
    {
        final int slots = schema.slotCount;
        cursor.reset();
        try
        {
            while (cursor.next())
            {
                final int entity = cursor.entity();
                final com.fasterxml.jackson.databind.node.ObjectNode node = out.addObject();
                node.put("id", idByIndex[EntityIds.index(entity)]);
                for (int s = 0; s < slots; s++)
                {
                    if (!ecs.has(entity, slotOwners[s]))
                    {
                        continue;
                    }
                    final long bits = ecs.getBits(entity, slotFields[s]);
                    final String name = schema.slotNames[s].getValue();
                    if (WorldSchema.SLOT_TYPE == s)
                    {
                        node.put(name, schema.typeName((int)bits));
                        continue;
                    }
                    switch (slotKinds[s])
                    {
                        case DOUBLE -> node.put(name, Double.longBitsToDouble(bits));
                        case FLOAT -> node.put(name, Float.intBitsToFloat((int)bits));
                        case BOOLEAN -> node.put(name, 0 != bits);
                        default -> node.put(name, bits);
                    }
                }
            }
        }
        finally
        {
            cursor.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // ZoneContext

    public int zoneX()
    {
        return zoneX;
    }

    public int zoneY()
    {
        return zoneY;
    }

    public WorldContext world()
    {
        return world;
    }

    public World entities()
    {
        return ecs;
    }

    public ComponentType<Position> position()
    {
        return positionType;
    }

    public DoubleField positionX()
    {
        return px;
    }

    public DoubleField positionY()
    {
        return py;
    }

    public int spawn(final String id, final String type, final double x, final double y)
    {
        if (null == id || id.isEmpty() || id.length() > MAX_ID_LENGTH)
        {
            throw new IllegalArgumentException("entity id must be 1.." + MAX_ID_LENGTH + " characters: " + id);
        }
        if (world.hasEntity(id))
        {
            throw new IllegalArgumentException("entity id already used in this world: " + id);
        }
        final int entity = spawnEntity(id, schema.typeCode(type), x, y);
        world.entitySpawned(id, this);
        return entity;
    }

    public boolean destroy(final String id)
    {
        if (world.isMember(id))
        {
            throw new IllegalArgumentException("player entities are removed when the player leaves: " + id);
        }
        final int entity = entity(id);
        if (EntityIds.NULL == entity)
        {
            return false;
        }
        removeEntity(entity);
        world.entityDestroyed(id);
        return true;
    }

    public int entity(final String id)
    {
        return null == id ? EntityIds.NULL : entityById.getValue(id);
    }

    public String idOf(final int entity)
    {
        if (!ecs.isAlive(entity))
        {
            throw new IllegalArgumentException("not a live entity of zone " + zoneX + "," + zoneY + ": " +
                EntityIds.toString(entity));
        }
        return idByIndex[EntityIds.index(entity)];
    }

    public String typeOf(final int entity)
    {
        return schema.typeName(ecs.get(entity, kindCode));
    }

    public long tick()
    {
        return tick;
    }

    public String toString()
    {
        return "Zone{" + zoneX + "," + zoneY + " of " + world.worldId() + "}";
    }
}

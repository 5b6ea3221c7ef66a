package io.asobi.ecs;

import io.asobi.ecs.Components.AllKinds;
import io.asobi.ecs.Components.Frozen;
import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import io.asobi.sbe.snapshot.MessageHeaderDecoder;
import io.asobi.sbe.snapshot.WorldSnapshotDecoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid snapshots of random worlds, corrupted (byte flips, truncation, int32 and uint16 fields set to hostile
 * values), restored into a world that already has state: the restore either succeeds, and the result is a valid
 * world, or throws {@link IllegalArgumentException} and leaves the target exactly as it was.
 */
class SnapshotCorruptionProperties
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final List<Class<? extends Record>> TYPES =
        List.of(Position.class, Velocity.class, Health.class, Frozen.class, AllKinds.class);
    private static final int[] HOSTILE_INTS =
    {
        Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, 0, 1, 2, 3, 7, 0x3FFF_FFFF, 0x4000_0000, 0x7FFF_FFF0,
        EntityIds.INDEX_MASK, EntityIds.MAX_INDEX, 1 << 24, 65_535, 65_536, 1_000_000_000
    };
    private static final int[] HOSTILE_SHORTS = { 0, 1, 2, 3, 4, 0x7FFF, 0x8000, 0xFFFF };

    enum Kind
    {
        FLIP, TRUNCATE, INT_FIELD, SHORT_FIELD, INT_ANYWHERE
    }

    /** One corruption; {@code where} and {@code value} are reduced modulo what they select from. */
    record Corruption(Kind kind, int where, int value, int delta)
    {
    }

    @Property(tries = 400)
    void shouldRejectCorruptSnapshotsCleanlyAndLeaveTheTargetAsItWas(
        @ForAll @Size(max = 120) final List<Integer> script,
        @ForAll @Size(min = 1, max = 3) final List<@From("corruption") Corruption> corruptions,
        @ForAll @Size(max = 40) final List<Integer> targetScript)
    {
        final World source = build(new World(), script);
        final ExpandableArrayBuffer valid = new ExpandableArrayBuffer();
        final int validLength = source.writeSnapshot(valid, 0);
        final Fields fields = fields(valid, validLength);

        final byte[] bytes = new byte[validLength];
        valid.getBytes(0, bytes);
        final UnsafeBuffer corrupt = new UnsafeBuffer(bytes);
        int length = validLength;
        for (final Corruption corruption : corruptions)
        {
            length = apply(corruption, corrupt, length, fields);
        }

        final World target = emptied(build(new World(new World.Context().initialArchetypeCapacity(1)
            .initialEntityCapacity(2)), targetScript));
        final byte[] before = snapshotBytes(target);
        final long tickBefore = target.tick();

        try
        {
            target.restoreSnapshot(corrupt, 0, length);
        }
        catch (final IllegalArgumentException rejected)
        {
            assertThat(rejected.getMessage()).isNotBlank();
            assertThat(snapshotBytes(target)).as("a rejected snapshot must leave the world as it was")
                .isEqualTo(before);
            assertThat(target.tick()).isEqualTo(tickBefore);
            assertThat(target.entityCount()).isZero();
            assertWorks(target);
            Statistics.label("restore").collect("rejected");
            return;
        }

        // Accepted (the corruption hit bytes that do not matter, or hit them consistently): the result must be a
        // valid world that round-trips and keeps working.
        final byte[] restored = snapshotBytes(target);
        final World copy = new World();
        copy.restoreSnapshot(new UnsafeBuffer(restored), 0, restored.length);
        assertThat(copy.stateHash()).isEqualTo(target.stateHash());
        assertThat(snapshotBytes(copy)).isEqualTo(restored);
        assertWorks(target);
        Statistics.label("restore").collect("accepted");
    }

    @Property(tries = 100)
    void shouldRestoreUncorruptedSnapshotsIntoAWorldWithStateToTheSameBytes(
        @ForAll @Size(max = 120) final List<Integer> script,
        @ForAll @Size(max = 40) final List<Integer> targetScript)
    {
        final World source = build(new World(), script);
        final byte[] original = snapshotBytes(source);
        final World target = emptied(build(new World(new World.Context().initialEntityCapacity(1)), targetScript));
        target.restoreSnapshot(new UnsafeBuffer(original), 0, original.length);
        assertThat(target.stateHash()).isEqualTo(source.stateHash());

        // Same handles from here on, even where the target had used more slots than the source.
        final int[] fromSource = new int[40];
        final int[] fromTarget = new int[40];
        source.createEntities(source.template(source.register(Health.class)), 40, fromSource, 0);
        target.createEntities(target.template(target.register(Health.class)), 40, fromTarget, 0);
        assertThat(fromTarget).isEqualTo(fromSource);
        assertThat(target.stateHash()).isEqualTo(source.stateHash());
    }

    @Provide
    Arbitrary<Corruption> corruption()
    {
        return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.integers(),
            Arbitraries.integers().between(-2, 2))
            .as(Corruption::new);
    }

    private static int apply(
        final Corruption corruption, final UnsafeBuffer buffer, final int length, final Fields fields)
    {
        if (length == 0)
        {
            return 0;
        }
        final int value = corruption.value();
        switch (corruption.kind())
        {
            case FLIP ->
            {
                final int at = corruption.where() % length;
                final int mask = 1 + Math.floorMod(value, 255);
                buffer.putByte(at, (byte)(buffer.getByte(at) ^ mask));
            }
            case TRUNCATE ->
            {
                return corruption.where() % length;
            }
            case INT_FIELD ->
            {
                final int at = fields.ints.getInt(corruption.where() % fields.ints.size());
                if (at + 4 <= length)
                {
                    buffer.putInt(at, hostileInt(buffer.getInt(at, LE), value, corruption.delta()), LE);
                }
            }
            case SHORT_FIELD ->
            {
                final int at = fields.shorts.getInt(corruption.where() % fields.shorts.size());
                if (at + 2 <= length)
                {
                    final int original = buffer.getShort(at, LE) & 0xFFFF;
                    final int chosen = Math.floorMod(value, 3) == 0 ? original + corruption.delta() :
                        HOSTILE_SHORTS[Math.floorMod(value, HOSTILE_SHORTS.length)];
                    buffer.putShort(at, (short)chosen, LE);
                }
            }
            case INT_ANYWHERE ->
            {
                if (length >= 4)
                {
                    final int at = corruption.where() % (length - 3);
                    buffer.putInt(at, hostileInt(buffer.getInt(at, LE), value, corruption.delta()), LE);
                }
            }
        }
        return length;
    }

    private static int hostileInt(final int original, final int value, final int delta)
    {
        return switch (Math.floorMod(value, 4))
        {
            case 0 -> original + delta;
            case 1 -> value;
            default -> HOSTILE_INTS[Math.floorMod(value >>> 2, HOSTILE_INTS.length)];
        };
    }

    /** Offsets of the snapshot's int32 and uint16 count, id and length fields, found by walking it. */
    private record Fields(IntArrayList ints, IntArrayList shorts)
    {
    }

    private static Fields fields(final ExpandableArrayBuffer buffer, final int length)
    {
        final IntArrayList ints = new IntArrayList();
        final IntArrayList shorts = new IntArrayList();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final WorldSnapshotDecoder decoder = new WorldSnapshotDecoder().wrapAndApplyHeader(buffer, 0, header);
        shorts.addInt(0);
        ints.addInt(MessageHeaderDecoder.ENCODED_LENGTH + WorldSnapshotDecoder.entitySlotCountEncodingOffset());
        ints.addInt(MessageHeaderDecoder.ENCODED_LENGTH + WorldSnapshotDecoder.aliveCountEncodingOffset());
        decoder.tick();
        decoder.stateHash();
        decoder.entitySlotCount();
        decoder.aliveCount();
        group(shorts, decoder.limit());
        for (final WorldSnapshotDecoder.ComponentTypesDecoder t : decoder.componentTypes())
        {
            ints.addInt(decoder.limit() - t.actingBlockLength());
            t.componentId();
            shorts.addInt(decoder.limit());
            t.skipTypeName();
            ints.addInt(decoder.limit());
            t.skipFieldKinds();
        }
        group(shorts, decoder.limit());
        for (final WorldSnapshotDecoder.ArchetypesDecoder a : decoder.archetypes())
        {
            ints.addInt(decoder.limit() - a.actingBlockLength());
            a.rowCount();
            ints.addInt(decoder.limit());
            final int idsAt = decoder.limit() + 4;
            final int idsLength = a.skipComponentIds();
            for (int i = 0; i < idsLength; i += 4)
            {
                ints.addInt(idsAt + i);
            }
            ints.addInt(decoder.limit());
            final int entitiesAt = decoder.limit() + 4;
            final int entitiesLength = a.skipEntities();
            for (int i = 0; i < entitiesLength; i += 4)
            {
                ints.addInt(entitiesAt + i);
            }
            ints.addInt(decoder.limit());
            a.skipChangeTicks();
            ints.addInt(decoder.limit());
            a.skipColumns();
        }
        ints.addInt(decoder.limit());
        decoder.skipGenerations();
        ints.addInt(decoder.limit());
        final int freeAt = decoder.limit() + 4;
        final int freeLength = decoder.skipFreeSlots();
        for (int i = 0; i < freeLength; i += 4)
        {
            ints.addInt(freeAt + i);
        }
        assertThat(decoder.limit()).isEqualTo(length);
        return new Fields(ints, shorts);
    }

    private static void group(final IntArrayList shorts, final int at)
    {
        shorts.addInt(at);
        shorts.addInt(at + 2);
    }

    /** A world shaped by a script: creates, destroys, adds, removes and writes over five component types. */
    private static World build(final World world, final List<Integer> script)
    {
        final IntArrayList alive = new IntArrayList();
        for (int i = 0; i + 1 < script.size(); i += 2)
        {
            final int op = Math.floorMod(script.get(i), 7);
            final int arg = script.get(i + 1);
            final Class<? extends Record> type = TYPES.get(Math.floorMod(arg, TYPES.size()));
            if (op <= 1 || alive.isEmpty())
            {
                alive.addInt(world.createEntity(value(type, arg)));
                continue;
            }
            final int at = Math.floorMod(arg >>> 3, alive.size());
            final int entity = alive.getInt(at);
            switch (op)
            {
                case 2 -> world.add(entity, value(type, arg));
                case 3 ->
                {
                    if (world.has(entity, type))
                    {
                        world.remove(entity, type);
                    }
                }
                case 4 ->
                {
                    world.destroy(entity);
                    alive.removeAt(at);
                }
                case 5 -> world.advanceTick();
                default -> world.add(entity, value(TYPES.get(Math.floorMod(arg >>> 5, TYPES.size())), arg >>> 7));
            }
        }
        return world;
    }

    private static Record value(final Class<? extends Record> type, final int arg)
    {
        if (type == Position.class)
        {
            return new Position(arg, -arg * 0.5f);
        }
        if (type == Velocity.class)
        {
            return new Velocity(Float.intBitsToFloat(arg), 1);
        }
        if (type == Health.class)
        {
            return new Health(arg);
        }
        if (type == Frozen.class)
        {
            return new Frozen();
        }
        return new AllKinds((arg & 1) != 0, (byte)arg, (short)arg, (char)arg, arg, (long)arg << 20,
            Float.intBitsToFloat(arg), Double.longBitsToDouble((long)arg * 0x9E3779B97F4A7C15L));
    }

    /** Destroys every entity: restore needs a world without entities, but it may have slots, types and ticks. */
    private static World emptied(final World world)
    {
        final ArrayList<Integer> entities = new ArrayList<>();
        final QueryCursor cursor = world.query().build().cursor().reset();
        while (cursor.next())
        {
            entities.add(cursor.entity());
        }
        for (final int entity : entities)
        {
            world.destroy(entity);
        }
        world.advanceTick();
        return world;
    }

    private static byte[] snapshotBytes(final World world)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = world.writeSnapshot(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** The world still takes entities and keeps its hash consistent after whatever happened to it. */
    private static void assertWorks(final World world)
    {
        final int entity = world.createEntity(new Position(1, 2), new Health(3));
        assertThat(world.get(entity, Health.class)).isEqualTo(new Health(3));
        world.destroy(entity);
    }
}

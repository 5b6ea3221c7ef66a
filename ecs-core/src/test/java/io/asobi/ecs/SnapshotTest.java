package io.asobi.ecs;

import io.asobi.ecs.Components.AllKinds;
import io.asobi.ecs.Components.Frozen;
import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import io.asobi.sbe.snapshot.MessageHeaderDecoder;
import io.asobi.sbe.snapshot.WorldSnapshotDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest
{
    /** Header, root block, component types group header. */
    private static final int FIRST_COMPONENT_ID_AT =
        MessageHeaderDecoder.ENCODED_LENGTH + WorldSnapshotDecoder.BLOCK_LENGTH + 4;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();

    @Test
    void shouldRestoreEntitiesHandlesTicksAndHash()
    {
        final World world = populated();
        final int length = world.writeSnapshot(buffer, 0);

        final World restored = new World();
        restored.restoreSnapshot(buffer, 0, length);

        assertThat(restored.stateHash()).isEqualTo(world.stateHash());
        assertThat(restored.tick()).isEqualTo(world.tick());
        assertThat(restored.entityCount()).isEqualTo(world.entityCount());
        assertThat(restored.findEntitiesWith(Position.class, Velocity.class).toList())
            .isEqualTo(world.findEntitiesWith(Position.class, Velocity.class).toList());
        assertThat(restored.findEntitiesWith(AllKinds.class).toList())
            .isEqualTo(world.findEntitiesWith(AllKinds.class).toList());

        final int next = world.createEntity(new Position(1, 1));
        assertThat(restored.createEntity(new Position(1, 1))).isEqualTo(next);
        assertThat(restored.stateHash()).isEqualTo(world.stateHash());
    }

    @Test
    void shouldRestoreIntoAWorldWithComponentsRegisteredInAnotherOrder()
    {
        final World world = populated();
        final int length = world.writeSnapshot(buffer, 0);
        final World restored = new World();
        final ComponentType<Health> health = restored.register(Health.class);
        restored.template(health, restored.register(Velocity.class));
        restored.restoreSnapshot(buffer, 0, length);
        assertThat(restored.stateHash()).isEqualTo(world.stateHash());
        assertThat(restored.findEntitiesWith(Health.class).toList())
            .isEqualTo(world.findEntitiesWith(Health.class).toList());
    }

    @Test
    void shouldRefuseARestoreIntoAWorldWithEntities()
    {
        final World world = populated();
        final int length = world.writeSnapshot(buffer, 0);
        final World other = new World();
        other.createEntity(new Position(0, 0));
        assertThatThrownBy(() -> other.restoreSnapshot(buffer, 0, length))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("without entities");
    }

    @Test
    void shouldRejectTruncatedCorruptAndForeignBytesWithAClearError()
    {
        final World world = populated();
        final int length = world.writeSnapshot(buffer, 0);
        final World target = new World();

        for (final int cut : new int[]{ 0, 4, 8, 20, length / 2, length - 1 })
        {
            assertThatThrownBy(() -> target.restoreSnapshot(buffer, 0, cut))
                .isInstanceOf(IllegalArgumentException.class);
            assertThat(target.entityCount()).isZero();
        }

        final UnsafeBuffer wrongTemplate = new UnsafeBuffer(new byte[length]);
        wrongTemplate.putBytes(0, buffer, 0, length);
        wrongTemplate.putShort(2, (short)99);
        assertThatThrownBy(() -> target.restoreSnapshot(wrongTemplate, 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a WorldSnapshot");

        final Random random = new Random(42);
        for (int i = 0; i < 300; i++)
        {
            final UnsafeBuffer corrupt = new UnsafeBuffer(new byte[length]);
            corrupt.putBytes(0, buffer, 0, length);
            final int at = 8 + random.nextInt(length - 8);
            corrupt.putByte(at, (byte)(corrupt.getByte(at) ^ (1 + random.nextInt(255))));
            final World fresh = new World();
            try
            {
                fresh.restoreSnapshot(corrupt, 0, length);
                assertThat(fresh.stateHash()).as("a corrupt snapshot that restores must still verify").isNotZero();
            }
            catch (final IllegalArgumentException expected)
            {
                assertThat(fresh.entityCount()).isZero();
            }
        }
    }

    @Test
    void shouldRejectAComponentWhoseShapeChanged()
    {
        final World world = new World();
        world.createEntity(new Position(1, 2));
        final int length = world.writeSnapshot(buffer, 0);
        final String name = Position.class.getName();
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        final String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        final int at = text.indexOf(name) + name.length();
        bytes[at + 4] = (byte)FieldKind.INT.ordinal();
        assertThatThrownBy(() -> new World().restoreSnapshot(new UnsafeBuffer(bytes), 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is FLOAT but the snapshot has INT");
    }

    @Test
    void shouldRejectAHugeComponentIdWithoutAllocatingForIt()
    {
        final World world = populated();
        final int length = world.writeSnapshot(buffer, 0);
        buffer.putInt(FIRST_COMPONENT_ID_AT, 1_000_000_000, ByteOrder.LITTLE_ENDIAN);
        final World target = new World();
        assertThatThrownBy(() -> target.restoreSnapshot(buffer, 0, length))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("component id 1000000000 is not below its 4 component types");
        assertThat(target.entityCount()).isZero();
    }

    @Test
    void shouldRejectLengthsAndCountsBeyondTheBytesBeforeAllocating()
    {
        final World world = new World();
        world.createEntity(new Position(1, 2));
        final int length = world.writeSnapshot(buffer, 0);
        final int kindsLengthAt = FIRST_COMPONENT_ID_AT + 4 + 2 + Position.class.getName().length();
        assertThat(buffer.getInt(kindsLengthAt, ByteOrder.LITTLE_ENDIAN)).isEqualTo(2);

        final UnsafeBuffer hugeKinds = copy(length);
        hugeKinds.putInt(kindsLengthAt, 0x7FFF_FFF0, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> new World().restoreSnapshot(hugeKinds, 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("component field kinds of 2147483632");

        final UnsafeBuffer negativeKinds = copy(length);
        negativeKinds.putInt(kindsLengthAt, -1, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> new World().restoreSnapshot(negativeKinds, 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of 4294967295 bytes overruns");

        final UnsafeBuffer hugeSlots = copy(length);
        hugeSlots.putInt(MessageHeaderDecoder.ENCODED_LENGTH + WorldSnapshotDecoder.entitySlotCountEncodingOffset(),
            EntityIds.MAX_INDEX + 1, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> new World().restoreSnapshot(hugeSlots, 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot counts out of range");

        final UnsafeBuffer manyTypes = copy(length);
        manyTypes.putShort(FIRST_COMPONENT_ID_AT - 2, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> new World().restoreSnapshot(manyTypes, 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("says 65535 component types");

        assertThatThrownBy(() -> new World().restoreSnapshot(buffer, Integer.MAX_VALUE, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> new World().restoreSnapshot(buffer, 0, -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    @Test
    void shouldLeaveTheWorldAsItWasWhenTheStateHashDoesNotMatch()
    {
        final World world = populated();
        final int length = world.writeSnapshot(buffer, 0);
        final int lastColumnByte = length - (4 + world.slotCount) - (4 + 4 * (world.slotCount - world.aliveCount)) - 1;
        buffer.putByte(lastColumnByte, (byte)(buffer.getByte(lastColumnByte) ^ 0x10));

        final World target = new World();
        target.register(Health.class);
        final int old = target.createEntity(new Health(1), new Frozen());
        target.destroy(old);
        target.advanceTick();
        final byte[] before = bytesOf(target);

        assertThatThrownBy(() -> target.restoreSnapshot(buffer, 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state hash mismatch");
        assertThat(bytesOf(target)).isEqualTo(before);
        assertThat(target.typeByName(Position.class.getName())).as("nothing registered").isNull();
        assertThat(target.createEntity(new Health(2))).isEqualTo(EntityIds.pack(0, 1));
    }

    @Test
    void shouldHandOutTheSameHandlesAfterRestoringIntoAWorldThatUsedMoreSlots()
    {
        final World world = new World();
        world.createEntity(new Position(1, 1));
        final int length = world.writeSnapshot(buffer, 0);

        final World target = new World(new World.Context().initialEntityCapacity(1));
        final int[] used = new int[50];
        target.createEntities(target.template(target.register(Health.class)), used.length, used, 0);
        for (final int entity : used)
        {
            target.destroy(entity);
        }
        target.restoreSnapshot(buffer, 0, length);
        for (int i = 0; i < 60; i++)
        {
            assertThat(target.createEntity(new Health(i))).isEqualTo(world.createEntity(new Health(i)));
        }
        assertThat(target.stateHash()).isEqualTo(world.stateHash());
    }

    @Test
    void shouldUndoItsRegistrationsWhenAComponentCannotBeRegistered()
    {
        final World world = new World();
        world.createEntity(new Position(1, 2));
        world.destroy(world.createEntity(new StandinRecord(3, 4)));
        final int length = world.writeSnapshot(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        final String standin = StandinRecord.class.getName();
        final String inaccessible = "java.text.DecimalFormat$NumericPosition";
        assertThat(inaccessible).hasSameSizeAs(standin);
        final String text = new String(bytes, StandardCharsets.ISO_8859_1);
        final byte[] name = inaccessible.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(name, 0, bytes, text.indexOf(standin), name.length);

        final World target = new World();
        target.register(Health.class);
        final byte[] before = bytesOf(target);
        assertThatThrownBy(() -> target.restoreSnapshot(new UnsafeBuffer(bytes), 0, length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not accessible");
        assertThat(bytesOf(target)).isEqualTo(before);
        assertThat(target.typeByName(Position.class.getName())).as("registration undone").isNull();
        assertThat(target.register(Position.class).id()).isEqualTo(1);
    }

    private UnsafeBuffer copy(final int length)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, buffer, 0, length);
        return copy;
    }

    private static byte[] bytesOf(final World world)
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer();
        final byte[] bytes = new byte[world.writeSnapshot(out, 0)];
        out.getBytes(0, bytes);
        return bytes;
    }

    /** Named to be as long as a JDK record that the world cannot register. */
    record StandinRecord(int a, int b)
    {
    }

    private static World populated()
    {
        final World world = new World();
        final Systems systems = new Systems(world);
        systems.runTick();
        for (int i = 0; i < 300; i++)
        {
            final int e = world.createEntity(new Position(i, -i), new Velocity(i * 0.5f, 1));
            if (i % 3 == 0)
            {
                world.add(e, new Health(i));
            }
            if (i % 7 == 0)
            {
                world.destroy(e);
            }
        }
        world.createEntity(new AllKinds(true, (byte)1, (short)2, 'c', 4, 5L, Float.NaN, Double.MIN_VALUE));
        systems.runTick();
        return world;
    }
}

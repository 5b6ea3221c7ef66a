package io.asobi.ecs;

import io.asobi.ecs.Components.AllKinds;
import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest
{
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

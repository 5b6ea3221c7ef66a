package io.asobi.sbe.snapshot;

import java.util.ArrayList;
import java.util.List;

import io.asobi.sbe.UnicodeArbitraries;
import io.asobi.sbe.next.snapshot.EntityStatesDecoder.EntitiesDecoder;
import io.asobi.sbe.next.snapshot.WorldSnapshotDecoder.ArchetypesDecoder;
import io.asobi.sbe.next.snapshot.WorldSnapshotDecoder.ComponentTypesDecoder;
import io.asobi.sbe.next.snapshot.EntityStatesDecoder.RemovedDecoder;
import io.asobi.sbe.next.snapshot.EntityStatesEncoder.EntitiesEncoder;
import io.asobi.sbe.next.snapshot.EntityStatesEncoder.RemovedEncoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version 0 of the snapshot schema against a hypothetical version 1 (src/test/resources/sbe/snapshot-schema-next.xml)
 * that adds fields only where the evolution rules allow: a v0 decoder must read every v0 field of a v1 message, and
 * a v1 decoder must read a v0 message with null values for what v0 did not have.
 */
class SnapshotEvolutionTest
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final EntityStatesEncoder entityStatesEncoder = new EntityStatesEncoder();
    private final EntityStatesDecoder entityStatesDecoder = new EntityStatesDecoder();
    private final WorldSnapshotEncoder worldEncoder = new WorldSnapshotEncoder();
    private final WorldSnapshotDecoder worldDecoder = new WorldSnapshotDecoder();

    private final io.asobi.sbe.next.snapshot.MessageHeaderEncoder nextHeaderEncoder =
        new io.asobi.sbe.next.snapshot.MessageHeaderEncoder();
    private final io.asobi.sbe.next.snapshot.MessageHeaderDecoder nextHeaderDecoder =
        new io.asobi.sbe.next.snapshot.MessageHeaderDecoder();
    private final io.asobi.sbe.next.snapshot.EntityStatesEncoder nextEntityStatesEncoder =
        new io.asobi.sbe.next.snapshot.EntityStatesEncoder();
    private final io.asobi.sbe.next.snapshot.EntityStatesDecoder nextEntityStatesDecoder =
        new io.asobi.sbe.next.snapshot.EntityStatesDecoder();
    private final io.asobi.sbe.next.snapshot.WorldSnapshotEncoder nextWorldEncoder =
        new io.asobi.sbe.next.snapshot.WorldSnapshotEncoder();
    private final io.asobi.sbe.next.snapshot.WorldSnapshotDecoder nextWorldDecoder =
        new io.asobi.sbe.next.snapshot.WorldSnapshotDecoder();

    @Provide
    Arbitrary<EntityStatesModel> entityStates()
    {
        return EntityStatesModel.messages(100);
    }

    @Provide
    Arbitrary<WorldSnapshotModel> snapshots()
    {
        return WorldSnapshotModel.snapshots();
    }

    @Provide
    Arbitrary<List<Integer>> removedIds()
    {
        return Arbitraries.integers().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> metadata()
    {
        return UnicodeArbitraries.unicodeStrings(30);
    }

    @Property(tries = 300)
    void shouldReadEntityStatesOfANewerWriterWithTheVersionZeroDecoder(
        @ForAll("entityStates") final EntityStatesModel message,
        @ForAll final int zoneId,
        @ForAll final float facing,
        @ForAll("removedIds") final List<Integer> removedIds)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
        nextEntityStatesEncoder.wrapAndApplyHeader(buffer, 0, nextHeaderEncoder).tick(message.tick()).zoneId(zoneId);
        final EntitiesEncoder entities = nextEntityStatesEncoder.entitiesCount(message.entities().size());
        for (final EntityStatesModel.Entity entity : message.entities())
        {
            entities.next()
                .entityId(entity.entityId())
                .x(Float.intBitsToFloat(entity.xBits()))
                .y(Float.intBitsToFloat(entity.yBits()))
                .vx(Float.intBitsToFloat(entity.vxBits()))
                .vy(Float.intBitsToFloat(entity.vyBits()))
                .hp(entity.hp())
                .facing(facing);
        }
        final RemovedEncoder removed = nextEntityStatesEncoder.removedCount(removedIds.size());
        removedIds.forEach(id -> removed.next().entityId(id));
        nextEntityStatesEncoder.checkEncodingIsComplete();

        final EntityStatesModel decoded = EntityStatesModel.decode(buffer, 0, headerDecoder, entityStatesDecoder);

        assertThat(headerDecoder.version()).isEqualTo(1);
        assertThat(headerDecoder.blockLength()).isEqualTo(EntityStatesEncoder.BLOCK_LENGTH + 4);
        assertThat(decoded).isEqualTo(message);
        assertThat(entityStatesDecoder.actingVersion()).isEqualTo(1);
    }

    @Property(tries = 300)
    void shouldReadVersionZeroEntityStatesWithNullsForNewFields(@ForAll("entityStates") final EntityStatesModel message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
        message.encode(buffer, 0, headerEncoder, entityStatesEncoder);

        nextEntityStatesDecoder.wrapAndApplyHeader(buffer, 0, nextHeaderDecoder);
        final long tick = nextEntityStatesDecoder.tick();
        final int zoneId = nextEntityStatesDecoder.zoneId();
        final List<EntityStatesModel.Entity> entities = new ArrayList<>();
        for (final EntitiesDecoder entity : nextEntityStatesDecoder.entities())
        {
            entities.add(new EntityStatesModel.Entity(
                entity.entityId(),
                Float.floatToRawIntBits(entity.x()),
                Float.floatToRawIntBits(entity.y()),
                Float.floatToRawIntBits(entity.vx()),
                Float.floatToRawIntBits(entity.vy()),
                entity.hp()));
            assertThat(entity.facing()).isNaN();
        }
        final RemovedDecoder removed = nextEntityStatesDecoder.removed();

        assertThat(new EntityStatesModel(tick, entities)).isEqualTo(message);
        assertThat(zoneId).isEqualTo(io.asobi.sbe.next.snapshot.EntityStatesDecoder.zoneIdNullValue());
        assertThat(removed.count()).isZero();
    }

    @Property(tries = 200)
    void shouldReadWorldSnapshotOfANewerWriterWithTheVersionZeroDecoder(
        @ForAll("snapshots") final WorldSnapshotModel snapshot,
        @ForAll final long simulationId,
        @ForAll final int flags,
        @ForAll final int archetypeId,
        @ForAll("metadata") final String metadata)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[snapshot.maxEncodedLength() + 256]);
        encodeNext(buffer, snapshot, simulationId, flags, archetypeId, metadata);

        final WorldSnapshotModel decoded = WorldSnapshotModel.decode(buffer, 0, headerDecoder, worldDecoder);

        assertThat(headerDecoder.version()).isEqualTo(1);
        assertThat(headerDecoder.blockLength()).isEqualTo(WorldSnapshotEncoder.BLOCK_LENGTH + 8);
        assertThat(decoded).isEqualTo(snapshot);
    }

    @Property(tries = 200)
    void shouldReadVersionZeroWorldSnapshotWithNullsForNewFields(@ForAll("snapshots") final WorldSnapshotModel snapshot)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[snapshot.maxEncodedLength()]);
        snapshot.encode(buffer, 0, headerEncoder, worldEncoder);

        final io.asobi.sbe.next.snapshot.WorldSnapshotDecoder decoder =
            nextWorldDecoder.wrapAndApplyHeader(buffer, 0, nextHeaderDecoder);
        assertThat(decoder.tick()).isEqualTo(snapshot.tick());
        assertThat(decoder.stateHash()).isEqualTo(snapshot.stateHash());
        assertThat(decoder.entitySlotCount()).isEqualTo(snapshot.entitySlotCount());
        assertThat(decoder.aliveCount()).isEqualTo(snapshot.aliveCount());
        assertThat(decoder.simulationId())
            .isEqualTo(io.asobi.sbe.next.snapshot.WorldSnapshotDecoder.simulationIdNullValue());
        int i = 0;
        for (final ComponentTypesDecoder type : decoder.componentTypes())
        {
            assertThat(type.componentId()).isEqualTo(snapshot.componentTypes().get(i).componentId());
            assertThat(type.flags()).isEqualTo(ComponentTypesDecoder.flagsNullValue());
            assertThat(type.typeName()).isEqualTo(snapshot.componentTypes().get(i++).typeName());
            type.skipFieldKinds();
        }
        i = 0;
        for (final ArchetypesDecoder archetype : decoder.archetypes())
        {
            assertThat(archetype.rowCount()).isEqualTo(snapshot.archetypes().get(i++).rowCount());
            assertThat(archetype.archetypeId()).isEqualTo(ArchetypesDecoder.archetypeIdNullValue());
            archetype.skipComponentIds();
            archetype.skipEntities();
            archetype.skipChangeTicks();
            archetype.skipColumns();
        }
        final byte[] freeSlots = new byte[snapshot.freeSlots().length];
        decoder.skipGenerations();
        assertThat(decoder.getFreeSlots(freeSlots, 0, freeSlots.length)).isEqualTo(freeSlots.length);
        assertThat(freeSlots).isEqualTo(snapshot.freeSlots());
        assertThat(decoder.metadata()).isEmpty();
    }

    private void encodeNext(
        final UnsafeBuffer buffer,
        final WorldSnapshotModel snapshot,
        final long simulationId,
        final int flags,
        final int archetypeId,
        final String metadata)
    {
        nextWorldEncoder.wrapAndApplyHeader(buffer, 0, nextHeaderEncoder)
            .tick(snapshot.tick())
            .stateHash(snapshot.stateHash())
            .entitySlotCount(snapshot.entitySlotCount())
            .aliveCount(snapshot.aliveCount())
            .simulationId(simulationId);
        final var types = nextWorldEncoder.componentTypesCount(snapshot.componentTypes().size());
        for (final WorldSnapshotModel.ComponentType type : snapshot.componentTypes())
        {
            types.next()
                .componentId(type.componentId())
                .flags(flags)
                .typeName(type.typeName())
                .putFieldKinds(type.fieldKinds(), 0, type.fieldKinds().length);
        }
        final var archetypes = nextWorldEncoder.archetypesCount(snapshot.archetypes().size());
        for (final WorldSnapshotModel.Archetype archetype : snapshot.archetypes())
        {
            archetypes.next()
                .rowCount(archetype.rowCount())
                .archetypeId(archetypeId)
                .putComponentIds(archetype.componentIds(), 0, archetype.componentIds().length)
                .putEntities(archetype.entities(), 0, archetype.entities().length)
                .putChangeTicks(archetype.changeTicks(), 0, archetype.changeTicks().length)
                .putColumns(archetype.columns(), 0, archetype.columns().length);
        }
        nextWorldEncoder
            .putGenerations(snapshot.generations(), 0, snapshot.generations().length)
            .putFreeSlots(snapshot.freeSlots(), 0, snapshot.freeSlots().length)
            .metadata(metadata);
        nextWorldEncoder.checkEncodingIsComplete();
    }
}

package io.asobi.sbe.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.asobi.sbe.UnicodeArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Plain values of a {@code WorldSnapshot} message and the encode/decode the tests drive; equality compares bytes. */
record WorldSnapshotModel(
    long tick,
    long stateHash,
    int entitySlotCount,
    int aliveCount,
    List<ComponentType> componentTypes,
    List<Archetype> archetypes,
    byte[] generations,
    byte[] freeSlots)
{
    record ComponentType(int componentId, String typeName, byte[] fieldKinds)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof final ComponentType that &&
                componentId == that.componentId &&
                typeName.equals(that.typeName) &&
                Arrays.equals(fieldKinds, that.fieldKinds);
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(componentId, typeName, Arrays.hashCode(fieldKinds));
        }

        @Override
        public String toString()
        {
            return "ComponentType[" + componentId + ", " + typeName + ", " + Arrays.toString(fieldKinds) + "]";
        }
    }

    record Archetype(int rowCount, byte[] componentIds, byte[] entities, byte[] changeTicks, byte[] columns)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof final Archetype that &&
                rowCount == that.rowCount &&
                Arrays.equals(componentIds, that.componentIds) &&
                Arrays.equals(entities, that.entities) &&
                Arrays.equals(changeTicks, that.changeTicks) &&
                Arrays.equals(columns, that.columns);
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(rowCount, Arrays.hashCode(componentIds), Arrays.hashCode(entities),
                Arrays.hashCode(changeTicks), Arrays.hashCode(columns));
        }

        @Override
        public String toString()
        {
            return "Archetype[rowCount=" + rowCount + ", componentIds=" + componentIds.length + " B, entities=" +
                entities.length + " B, changeTicks=" + changeTicks.length + " B, columns=" + columns.length + " B]";
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof final WorldSnapshotModel that &&
            tick == that.tick &&
            stateHash == that.stateHash &&
            entitySlotCount == that.entitySlotCount &&
            aliveCount == that.aliveCount &&
            componentTypes.equals(that.componentTypes) &&
            archetypes.equals(that.archetypes) &&
            Arrays.equals(generations, that.generations) &&
            Arrays.equals(freeSlots, that.freeSlots);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(tick, stateHash, entitySlotCount, aliveCount, componentTypes, archetypes,
            Arrays.hashCode(generations), Arrays.hashCode(freeSlots));
    }

    @Override
    public String toString()
    {
        return "WorldSnapshotModel[tick=" + tick + ", stateHash=" + stateHash + ", entitySlotCount=" + entitySlotCount +
            ", aliveCount=" + aliveCount + ", componentTypes=" + componentTypes + ", archetypes=" + archetypes +
            ", generations=" + generations.length + " B, freeSlots=" + freeSlots.length + " B]";
    }

    static Arbitrary<byte[]> bytes(final int maxLength)
    {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    static Arbitrary<WorldSnapshotModel> snapshots()
    {
        final Arbitrary<ComponentType> componentType = Combinators.combine(
            Arbitraries.integers(), UnicodeArbitraries.unicodeStrings(40), bytes(16)).as(ComponentType::new);
        final Arbitrary<Archetype> archetype = Combinators.combine(
            Arbitraries.integers(), bytes(64), bytes(256), bytes(512), bytes(1024)).as(Archetype::new);

        return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.integers(),
            Arbitraries.integers(),
            componentType.list().ofMaxSize(8),
            archetype.list().ofMaxSize(8),
            bytes(512),
            bytes(256)).as(WorldSnapshotModel::new);
    }

    /** Upper bound of the encoded length, header included. */
    int maxEncodedLength()
    {
        int length = 1024 + generations.length + freeSlots.length;
        for (final ComponentType type : componentTypes)
        {
            length += 64 + 4 * type.typeName().length() + type.fieldKinds().length;
        }
        for (final Archetype archetype : archetypes)
        {
            length += 64 + archetype.componentIds().length + archetype.entities().length +
                archetype.changeTicks().length + archetype.columns().length;
        }

        return length;
    }

    /**
     * Encode with header at {@code offset}, in schema order.
     *
     * @return bytes written, header included.
     */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder headerEncoder,
        final WorldSnapshotEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .tick(tick)
            .stateHash(stateHash)
            .entitySlotCount(entitySlotCount)
            .aliveCount(aliveCount);

        final WorldSnapshotEncoder.ComponentTypesEncoder typesEncoder =
            encoder.componentTypesCount(componentTypes.size());
        for (final ComponentType type : componentTypes)
        {
            typesEncoder.next()
                .componentId(type.componentId())
                .typeName(type.typeName())
                .putFieldKinds(type.fieldKinds(), 0, type.fieldKinds().length);
        }

        final WorldSnapshotEncoder.ArchetypesEncoder archetypesEncoder = encoder.archetypesCount(archetypes.size());
        for (final Archetype archetype : archetypes)
        {
            archetypesEncoder.next()
                .rowCount(archetype.rowCount())
                .putComponentIds(archetype.componentIds(), 0, archetype.componentIds().length)
                .putEntities(archetype.entities(), 0, archetype.entities().length)
                .putChangeTicks(archetype.changeTicks(), 0, archetype.changeTicks().length)
                .putColumns(archetype.columns(), 0, archetype.columns().length);
        }

        encoder.putGenerations(generations, 0, generations.length).putFreeSlots(freeSlots, 0, freeSlots.length);
        encoder.checkEncodingIsComplete();

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** Decode a message (of any version) whose header is at {@code offset}, reading every known field in order. */
    static WorldSnapshotModel decode(
        final DirectBuffer buffer,
        final int offset,
        final MessageHeaderDecoder headerDecoder,
        final WorldSnapshotDecoder decoder)
    {
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long tick = decoder.tick();
        final long stateHash = decoder.stateHash();
        final int entitySlotCount = decoder.entitySlotCount();
        final int aliveCount = decoder.aliveCount();

        final List<ComponentType> types = new ArrayList<>();
        for (final WorldSnapshotDecoder.ComponentTypesDecoder type : decoder.componentTypes())
        {
            final int componentId = type.componentId();
            final String typeName = type.typeName();
            final byte[] fieldKinds = new byte[type.fieldKindsLength()];
            type.getFieldKinds(fieldKinds, 0, fieldKinds.length);
            types.add(new ComponentType(componentId, typeName, fieldKinds));
        }

        final List<Archetype> archetypes = new ArrayList<>();
        for (final WorldSnapshotDecoder.ArchetypesDecoder archetype : decoder.archetypes())
        {
            final int rowCount = archetype.rowCount();
            final byte[] componentIds = new byte[archetype.componentIdsLength()];
            archetype.getComponentIds(componentIds, 0, componentIds.length);
            final byte[] entities = new byte[archetype.entitiesLength()];
            archetype.getEntities(entities, 0, entities.length);
            final byte[] changeTicks = new byte[archetype.changeTicksLength()];
            archetype.getChangeTicks(changeTicks, 0, changeTicks.length);
            final byte[] columns = new byte[archetype.columnsLength()];
            archetype.getColumns(columns, 0, columns.length);
            archetypes.add(new Archetype(rowCount, componentIds, entities, changeTicks, columns));
        }

        final byte[] generations = new byte[decoder.generationsLength()];
        decoder.getGenerations(generations, 0, generations.length);
        final byte[] freeSlots = new byte[decoder.freeSlotsLength()];
        decoder.getFreeSlots(freeSlots, 0, freeSlots.length);

        return new WorldSnapshotModel(
            tick, stateHash, entitySlotCount, aliveCount, types, archetypes, generations, freeSlots);
    }
}

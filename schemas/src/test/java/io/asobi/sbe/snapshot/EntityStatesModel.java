package io.asobi.sbe.snapshot;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Plain values of an {@code EntityStates} message, with float fields held as raw bits so equality is bit-exact
 * (record equality on {@code float} would fold all NaNs together), and the encode/decode the tests drive.
 */
record EntityStatesModel(long tick, List<Entity> entities)
{
    /** Fixed bytes before the entities: message header, root block, group header. */
    static final int FIXED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + EntityStatesEncoder.BLOCK_LENGTH +
        EntityStatesEncoder.EntitiesEncoder.HEADER_SIZE;
    static final int ENTITY_LENGTH = EntityStatesEncoder.EntitiesEncoder.sbeBlockLength();

    record Entity(int entityId, int xBits, int yBits, int vxBits, int vyBits, short hp)
    {
    }

    static int encodedLength(final int entityCount)
    {
        return FIXED_LENGTH + entityCount * ENTITY_LENGTH;
    }

    /** Float bit patterns including every NaN payload, both infinities, signed zeros and subnormals. */
    static Arbitrary<Integer> floatBits()
    {
        return Arbitraries.oneOf(
            Arbitraries.integers(),
            Arbitraries.floats().map(Float::floatToRawIntBits),
            Arbitraries.of(
                Float.floatToRawIntBits(Float.NaN), 0x7FC00001, 0xFFC12345, 0x7F800001, 0xFF800001,
                Float.floatToRawIntBits(Float.POSITIVE_INFINITY), Float.floatToRawIntBits(Float.NEGATIVE_INFINITY),
                Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(Float.MIN_VALUE),
                Float.floatToRawIntBits(Float.MAX_VALUE)));
    }

    static Arbitrary<Entity> anyEntity()
    {
        return Combinators.combine(
            Arbitraries.integers(), floatBits(), floatBits(), floatBits(), floatBits(), Arbitraries.shorts())
            .as(Entity::new);
    }

    static Arbitrary<EntityStatesModel> messages(final int maxEntities)
    {
        return Combinators.combine(Arbitraries.longs(), anyEntity().list().ofMaxSize(maxEntities))
            .as(EntityStatesModel::new);
    }

    /**
     * Encode with header at {@code offset}.
     *
     * @return bytes written, header included.
     */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder headerEncoder,
        final EntityStatesEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder).tick(tick);
        final EntityStatesEncoder.EntitiesEncoder group = encoder.entitiesCount(entities.size());
        for (final Entity entity : entities)
        {
            group.next()
                .entityId(entity.entityId())
                .x(Float.intBitsToFloat(entity.xBits()))
                .y(Float.intBitsToFloat(entity.yBits()))
                .vx(Float.intBitsToFloat(entity.vxBits()))
                .vy(Float.intBitsToFloat(entity.vyBits()))
                .hp(entity.hp());
        }
        encoder.checkEncodingIsComplete();

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** Decode a message (of any version) whose header is at {@code offset}, reading every known field. */
    static EntityStatesModel decode(
        final DirectBuffer buffer,
        final int offset,
        final MessageHeaderDecoder headerDecoder,
        final EntityStatesDecoder decoder)
    {
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long tick = decoder.tick();
        final List<Entity> entities = new ArrayList<>();
        for (final EntityStatesDecoder.EntitiesDecoder entity : decoder.entities())
        {
            entities.add(new Entity(
                entity.entityId(),
                Float.floatToRawIntBits(entity.x()),
                Float.floatToRawIntBits(entity.y()),
                Float.floatToRawIntBits(entity.vx()),
                Float.floatToRawIntBits(entity.vy()),
                entity.hp()));
        }

        return new EntityStatesModel(tick, entities);
    }
}

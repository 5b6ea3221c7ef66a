package io.asobi.sbe.snapshot;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityStatesCodecTest
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final EntityStatesEncoder encoder = new EntityStatesEncoder();
    private final EntityStatesDecoder decoder = new EntityStatesDecoder();

    @Provide
    Arbitrary<EntityStatesModel> messages()
    {
        return EntityStatesModel.messages(300);
    }

    @Property(tries = 500)
    void shouldRoundTripEveryFieldBitExact(
        @ForAll("messages") final EntityStatesModel message, @ForAll @IntRange(max = 64) final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + EntityStatesModel.encodedLength(300)]);

        final int length = message.encode(buffer, offset, headerEncoder, encoder);

        assertThat(length).isEqualTo(EntityStatesModel.encodedLength(message.entities().size()));
        assertThat(EntityStatesModel.decode(buffer, offset, headerDecoder, decoder)).isEqualTo(message);
        assertThat(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength()).isEqualTo(length);
    }

    @Property(tries = 100)
    void shouldWriteSchemaIdentityInHeader(@ForAll("messages") final EntityStatesModel message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EntityStatesModel.encodedLength(300)]);
        message.encode(buffer, 0, headerEncoder, encoder);

        headerDecoder.wrap(buffer, 0);
        assertThat(headerDecoder.schemaId()).isEqualTo(1);
        assertThat(headerDecoder.templateId()).isEqualTo(2);
        assertThat(headerDecoder.version()).isEqualTo(0);
        assertThat(headerDecoder.blockLength()).isEqualTo(8);
        assertThat(buffer.getShort(MessageHeaderDecoder.ENCODED_LENGTH + 8 + 2) & 0xFFFF)
            .as("numInGroup").isEqualTo(message.entities().size());
    }

    @Example
    void shouldKeepNonFiniteAndNanPayloadBitsExactly()
    {
        final int[] bits = {
            Float.floatToRawIntBits(Float.NaN), 0x7FC00001, 0xFFC12345, 0x7F800001, 0xFFBFFFFF,
            Float.floatToRawIntBits(Float.POSITIVE_INFINITY), Float.floatToRawIntBits(Float.NEGATIVE_INFINITY),
            Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(Float.MIN_VALUE) };
        final List<EntityStatesModel.Entity> entities = new ArrayList<>();
        for (int i = 0; i < bits.length; i++)
        {
            entities.add(new EntityStatesModel.Entity(i, bits[i], bits[(i + 1) % bits.length],
                bits[(i + 2) % bits.length], bits[(i + 3) % bits.length], (short)-i));
        }
        final EntityStatesModel message = new EntityStatesModel(Long.MIN_VALUE, entities);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EntityStatesModel.encodedLength(bits.length)]);

        message.encode(buffer, 0, headerEncoder, encoder);

        assertThat(EntityStatesModel.decode(buffer, 0, headerDecoder, decoder)).isEqualTo(message);
    }

    @Example
    void shouldEncodeTheLargestGroupAndRefuseOneMore()
    {
        final int maxCount = EntityStatesEncoder.EntitiesEncoder.countMaxValue();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EntityStatesModel.encodedLength(maxCount + 1)]);
        final List<EntityStatesModel.Entity> entities = new ArrayList<>(maxCount);
        for (int i = 0; i < maxCount; i++)
        {
            entities.add(new EntityStatesModel.Entity(i, i, -i, i * 3, i * 7, (short)i));
        }
        final EntityStatesModel largest = new EntityStatesModel(7, entities);

        assertThat(maxCount).isEqualTo(65534);
        assertThat(largest.encode(buffer, 0, headerEncoder, encoder))
            .isEqualTo(EntityStatesModel.encodedLength(maxCount));
        assertThat(EntityStatesModel.decode(buffer, 0, headerDecoder, decoder)).isEqualTo(largest);

        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).tick(8);
        assertThatThrownBy(() -> encoder.entitiesCount(maxCount + 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("count outside allowed range");
    }

    @Example
    void shouldRefuseToWritePastTheEndOfTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EntityStatesModel.encodedLength(2) - 1]);
        final EntityStatesModel message = new EntityStatesModel(1, List.of(
            new EntityStatesModel.Entity(1, 0, 0, 0, 0, (short)1),
            new EntityStatesModel.Entity(2, 0, 0, 0, 0, (short)2)));

        assertThatThrownBy(() -> message.encode(buffer, 0, headerEncoder, encoder))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Example
    void shouldRefuseToDecodeAnotherTemplate()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        new WorldSnapshotEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);

        assertThatThrownBy(() -> decoder.wrapAndApplyHeader(buffer, 0, headerDecoder))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("TEMPLATE_ID");
    }
}

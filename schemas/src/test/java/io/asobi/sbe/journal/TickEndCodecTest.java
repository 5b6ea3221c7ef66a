package io.asobi.sbe.journal;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class TickEndCodecTest
{
    private static final int BLOCK_LENGTH = 8 + 8 + 4 + 8;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final TickEndEncoder encoder = new TickEndEncoder();
    private final TickEndDecoder decoder = new TickEndDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);

    @Provide
    Arbitrary<TickEndModel> messages()
    {
        return TickEndModel.messages();
    }

    @Property(tries = 500)
    void shouldRoundTripEveryField(
        @ForAll("messages") final TickEndModel message, @ForAll @IntRange(max = 64) final int offset)
    {
        assertThat(message.encode(buffer, offset, headerEncoder, encoder)).isEqualTo(8 + BLOCK_LENGTH);
        assertThat(TickEndModel.decode(buffer, offset, headerDecoder, decoder)).isEqualTo(message);
    }

    @Property(tries = 50)
    void shouldWriteSchemaIdentityInHeader(@ForAll("messages") final TickEndModel message)
    {
        message.encode(buffer, 0, headerEncoder, encoder);

        headerDecoder.wrap(buffer, 0);
        assertThat(headerDecoder.schemaId()).isEqualTo(2);
        assertThat(headerDecoder.templateId()).isEqualTo(3);
        assertThat(headerDecoder.version()).isEqualTo(2);
        assertThat(headerDecoder.blockLength()).isEqualTo(BLOCK_LENGTH);
    }
}

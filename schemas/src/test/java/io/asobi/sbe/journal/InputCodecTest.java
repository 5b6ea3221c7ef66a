package io.asobi.sbe.journal;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputCodecTest
{
    private static final int BLOCK_LENGTH = 8 + 8 + 8 + 8 + 4;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final InputEncoder encoder = new InputEncoder();
    private final InputDecoder decoder = new InputDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 + InputModel.maxEncodedLength()]);

    @Provide
    Arbitrary<InputModel> messages()
    {
        return InputModel.messages(InputModel.MAX_PAYLOAD_LENGTH);
    }

    @Provide
    Arbitrary<InputModel> smallMessages()
    {
        return InputModel.messages(256);
    }

    @Property(tries = 100)
    void shouldRoundTripPayloadsUpToTheVarDataLimit(
        @ForAll("messages") final InputModel message, @ForAll @IntRange(max = 64) final int offset)
    {
        final int length = message.encode(buffer, offset, headerEncoder, encoder);
        final InputModel decoded = InputModel.decode(buffer, offset, headerDecoder, decoder);

        assertThat(length).isEqualTo(8 + BLOCK_LENGTH + 2 + message.payload().length);
        assertThat(decoded).isEqualTo(message);
        assertThat(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength()).isEqualTo(length);
    }

    @Property(tries = 50)
    void shouldWriteSchemaIdentityInHeader(@ForAll("smallMessages") final InputModel message)
    {
        message.encode(buffer, 0, headerEncoder, encoder);

        headerDecoder.wrap(buffer, 0);
        assertThat(headerDecoder.schemaId()).isEqualTo(2);
        assertThat(headerDecoder.templateId()).isEqualTo(2);
        assertThat(headerDecoder.version()).isEqualTo(2);
        assertThat(headerDecoder.blockLength()).isEqualTo(BLOCK_LENGTH);
    }

    @Example
    void shouldRoundTripTheLargestPayload()
    {
        final byte[] payload = new byte[InputModel.MAX_PAYLOAD_LENGTH];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)(i * 31 + 7);
        }
        final InputModel message = new InputModel(1, 2, 3, 4, 5, payload);

        assertThat(message.encode(buffer, 0, headerEncoder, encoder)).isEqualTo(buffer.capacity() - 64);
        assertThat(InputModel.decode(buffer, 0, headerDecoder, decoder)).isEqualTo(message);
    }

    @Example
    void shouldRefuseAPayloadLongerThanUint16AllowsInsteadOfTruncatingIt()
    {
        final byte[] tooLong = new byte[InputModel.MAX_PAYLOAD_LENGTH + 1];
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .simulationId(1).tick(2).sequence(3).sourceId(4).inputType(5);
        final int limitBefore = encoder.limit();

        assertThatThrownBy(() -> encoder.putPayload(tooLong, 0, tooLong.length))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("length > maxValue");
        assertThatThrownBy(() -> encoder.putPayload(new UnsafeBuffer(tooLong), 0, tooLong.length))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("length > maxValue");

        assertThat(encoder.limit()).isEqualTo(limitBefore);
        final byte[] afterBlock = new byte[buffer.capacity() - limitBefore];
        buffer.getBytes(limitBefore, afterBlock);
        assertThat(afterBlock).as("bytes after the block").containsOnly((byte)0x5A);
    }
}

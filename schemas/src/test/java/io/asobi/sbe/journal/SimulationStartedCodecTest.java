package io.asobi.sbe.journal;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationStartedCodecTest
{
    private static final int BLOCK_LENGTH = 8 + 1 + 8 + 4 + 8 + 8;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SimulationStartedEncoder encoder = new SimulationStartedEncoder();
    private final SimulationStartedDecoder decoder = new SimulationStartedDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128 * 1024]);

    @Provide
    Arbitrary<SimulationStartedModel> messages()
    {
        return SimulationStartedModel.messages();
    }

    @Property(tries = 500)
    void shouldRoundTripWithUnicodeModeNames(
        @ForAll("messages") final SimulationStartedModel message, @ForAll @IntRange(max = 64) final int offset)
    {
        buffer.setMemory(0, 1024, (byte)0x5A);

        final int length = message.encode(buffer, offset, headerEncoder, encoder);

        assertThat(length).isEqualTo(8 + BLOCK_LENGTH + 2 + message.mode().getBytes(StandardCharsets.UTF_8).length +
            2 + message.name().getBytes(StandardCharsets.UTF_8).length);
        assertThat(SimulationStartedModel.decode(buffer, offset, headerDecoder, decoder)).isEqualTo(message);
        assertThat(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength()).isEqualTo(length);
    }

    @Property(tries = 50)
    void shouldWriteSchemaIdentityInHeader(@ForAll("messages") final SimulationStartedModel message)
    {
        message.encode(buffer, 0, headerEncoder, encoder);

        headerDecoder.wrap(buffer, 0);
        assertThat(headerDecoder.schemaId()).isEqualTo(2);
        assertThat(headerDecoder.templateId()).isEqualTo(1);
        assertThat(headerDecoder.version()).isEqualTo(2);
        assertThat(headerDecoder.blockLength()).isEqualTo(BLOCK_LENGTH);
    }

    @Example
    void shouldAcceptTheLongestModeAndRefuseOneByteMoreWithoutWriting()
    {
        final String longest = "\u6A21".repeat(21844) + "ab"; // 21844 x 3 bytes + 2 = 65534 UTF-8 bytes
        final String tooLong = longest + "c";
        final SimulationStartedModel message =
            new SimulationStartedModel(1, SimulationKind.ZONE, 2, 30, 3, 4, longest, "match-1");

        assertThat(message.encode(buffer, 0, headerEncoder, encoder)).isEqualTo(8 + BLOCK_LENGTH + 2 + 65534 + 2 + 7);
        assertThat(SimulationStartedModel.decode(buffer, 0, headerDecoder, decoder)).isEqualTo(message);

        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).simulationId(1).kind(SimulationKind.MATCH);
        final int limitBefore = encoder.limit();
        final short lengthBefore = buffer.getShort(limitBefore);
        assertThatThrownBy(() -> encoder.mode(tooLong))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("length > maxValue");
        assertThat(encoder.limit()).isEqualTo(limitBefore);
        assertThat(buffer.getShort(limitBefore)).isEqualTo(lengthBefore);
    }
}

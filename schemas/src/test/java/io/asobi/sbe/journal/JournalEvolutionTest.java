package io.asobi.sbe.journal;

import io.asobi.sbe.UnicodeArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version 0 of the journal schema against a hypothetical version 1 (src/test/resources/sbe/journal-schema-next.xml)
 * and against hand-written headers announcing a longer block: a v0 decoder must read every v0 field of a newer
 * message, and a v1 decoder must read a v0 message with null values for what v0 did not have.
 */
class JournalEvolutionTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[80 * 1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final io.asobi.sbe.next.journal.MessageHeaderEncoder nextHeaderEncoder =
        new io.asobi.sbe.next.journal.MessageHeaderEncoder();
    private final io.asobi.sbe.next.journal.MessageHeaderDecoder nextHeaderDecoder =
        new io.asobi.sbe.next.journal.MessageHeaderDecoder();

    @Provide
    Arbitrary<SimulationStartedModel> simulationsStarted()
    {
        return SimulationStartedModel.messages();
    }

    @Provide
    Arbitrary<InputModel> inputs()
    {
        return InputModel.messages(4096);
    }

    @Provide
    Arbitrary<TickEndModel> tickEnds()
    {
        return TickEndModel.messages();
    }

    @Provide
    Arbitrary<String> regions()
    {
        return UnicodeArbitraries.unicodeStrings(20);
    }

    @Property(tries = 200)
    void shouldReadSimulationStartedOfANewerWriterWithTheVersionZeroDecoder(
        @ForAll("simulationsStarted") final SimulationStartedModel message,
        @ForAll final int maxPlayers,
        @ForAll("regions") final String region)
    {
        final var encoder = new io.asobi.sbe.next.journal.SimulationStartedEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, nextHeaderEncoder)
            .simulationId(message.simulationId())
            .kind(io.asobi.sbe.next.journal.SimulationKind.get(message.kind().value()))
            .rngSeed(message.rngSeed())
            .tickRateHz(message.tickRateHz())
            .codeHash(message.codeHash())
            .startEpochMs(message.startEpochMs())
            .maxPlayers(maxPlayers)
            .mode(message.mode())
            .name(message.name())
            .region(region);
        encoder.checkEncodingIsComplete();

        final var decoded = SimulationStartedModel.decode(buffer, 0, headerDecoder, new SimulationStartedDecoder());

        assertThat(headerDecoder.version()).isEqualTo(3);
        assertThat(decoded).isEqualTo(message);
    }

    @Property(tries = 200)
    void shouldReadVersionZeroSimulationStartedWithNullsForNewFields(
        @ForAll("simulationsStarted") final SimulationStartedModel message)
    {
        message.encode(buffer, 0, headerEncoder, new SimulationStartedEncoder());

        final var decoder = new io.asobi.sbe.next.journal.SimulationStartedDecoder()
            .wrapAndApplyHeader(buffer, 0, nextHeaderDecoder);

        assertThat(decoder.simulationId()).isEqualTo(message.simulationId());
        assertThat(decoder.kind().value()).isEqualTo(message.kind().value());
        assertThat(decoder.rngSeed()).isEqualTo(message.rngSeed());
        assertThat(decoder.tickRateHz()).isEqualTo(message.tickRateHz());
        assertThat(decoder.codeHash()).isEqualTo(message.codeHash());
        assertThat(decoder.startEpochMs()).isEqualTo(message.startEpochMs());
        assertThat(decoder.maxPlayers())
            .isEqualTo(io.asobi.sbe.next.journal.SimulationStartedDecoder.maxPlayersNullValue());
        assertThat(decoder.mode()).isEqualTo(message.mode());
        assertThat(decoder.name()).isEqualTo(message.name());
        assertThat(decoder.region()).isEmpty();
    }

    /**
     * A record written before version 1 (no {@code name}), laid out by hand as the version-0 encoder wrote it:
     * version 0 in the header, the 37-byte block, then only {@code mode}. The current decoder reads every field
     * and an empty name, and its length ends exactly after {@code mode}.
     */
    @Property(tries = 200)
    void shouldReadVersionZeroSimulationStartedWithAnEmptyName(
        @ForAll("simulationsStarted") final SimulationStartedModel message)
    {
        final int block = MessageHeaderEncoder.ENCODED_LENGTH;
        headerEncoder.wrap(buffer, 0)
            .blockLength(37)
            .templateId(SimulationStartedEncoder.TEMPLATE_ID)
            .schemaId(SimulationStartedEncoder.SCHEMA_ID)
            .version(0);
        buffer.putLong(block, message.simulationId());
        buffer.putByte(block + 8, (byte)message.kind().value());
        buffer.putLong(block + 9, message.rngSeed());
        buffer.putInt(block + 17, message.tickRateHz());
        buffer.putLong(block + 21, message.codeHash());
        buffer.putLong(block + 29, message.startEpochMs());
        final byte[] mode = message.mode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        buffer.putShort(block + 37, (short)mode.length);
        buffer.putBytes(block + 39, mode);
        buffer.setMemory(block + 39 + mode.length, 16, (byte)0x7F); // whatever follows is not a name

        final SimulationStartedDecoder decoder = new SimulationStartedDecoder();
        final SimulationStartedModel decoded = SimulationStartedModel.decode(buffer, 0, headerDecoder, decoder);

        assertThat(SimulationStartedEncoder.BLOCK_LENGTH).isEqualTo(37);
        assertThat(decoder.actingVersion()).isZero();
        assertThat(decoded).isEqualTo(new SimulationStartedModel(message.simulationId(), message.kind(),
            message.rngSeed(), message.tickRateHz(), message.codeHash(), message.startEpochMs(), message.mode(), ""));
        assertThat(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength()).isEqualTo(block + 39 + mode.length);
    }

    @Property(tries = 100)
    void shouldReadInputOfANewerWriterWithTheVersionZeroDecoder(
        @ForAll("inputs") final InputModel message, @ForAll final long receivedNs)
    {
        final var encoder = new io.asobi.sbe.next.journal.InputEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, nextHeaderEncoder)
            .simulationId(message.simulationId())
            .tick(message.tick())
            .sequence(message.sequence())
            .sourceId(message.sourceId())
            .inputType(message.inputType())
            .receivedNs(receivedNs)
            .putPayload(message.payload(), 0, message.payload().length);
        encoder.checkEncodingIsComplete();

        assertThat(InputModel.decode(buffer, 0, headerDecoder, new InputDecoder())).isEqualTo(message);
        assertThat(headerDecoder.blockLength()).isEqualTo(InputEncoder.BLOCK_LENGTH + 8);
    }

    @Property(tries = 100)
    void shouldReadVersionZeroInputWithNullsForNewFields(@ForAll("inputs") final InputModel message)
    {
        message.encode(buffer, 0, headerEncoder, new InputEncoder());

        final var decoder =
            new io.asobi.sbe.next.journal.InputDecoder().wrapAndApplyHeader(buffer, 0, nextHeaderDecoder);
        final long receivedNs = decoder.receivedNs();
        final InputModel decoded = new InputModel(decoder.simulationId(), decoder.tick(), decoder.sequence(),
            decoder.sourceId(), decoder.inputType(), new byte[decoder.payloadLength()]);
        decoder.getPayload(decoded.payload(), 0, decoded.payload().length);

        assertThat(decoded).isEqualTo(message);
        assertThat(receivedNs).isEqualTo(io.asobi.sbe.next.journal.InputDecoder.receivedNsNullValue());
    }

    @Property(tries = 200)
    void shouldReadTickEndOfANewerWriterWithTheVersionZeroDecoderAndTheReverse(
        @ForAll("tickEnds") final TickEndModel message, @ForAll final long durationNs)
    {
        final var nextEncoder = new io.asobi.sbe.next.journal.TickEndEncoder();
        nextEncoder.wrapAndApplyHeader(buffer, 0, nextHeaderEncoder)
            .simulationId(message.simulationId())
            .tick(message.tick())
            .inputCount(message.inputCount())
            .stateHash(message.stateHash())
            .durationNs(durationNs);
        assertThat(TickEndModel.decode(buffer, 0, headerDecoder, new TickEndDecoder())).isEqualTo(message);

        message.encode(buffer, 0, headerEncoder, new TickEndEncoder());
        final var nextDecoder = new io.asobi.sbe.next.journal.TickEndDecoder()
            .wrapAndApplyHeader(buffer, 0, nextHeaderDecoder);
        assertThat(new TickEndModel(nextDecoder.simulationId(), nextDecoder.tick(), nextDecoder.inputCount(),
            nextDecoder.stateHash())).isEqualTo(message);
        assertThat(nextDecoder.durationNs()).isEqualTo(io.asobi.sbe.next.journal.TickEndDecoder.durationNsNullValue());
    }

    /**
     * A writer of some later version, by hand: the header announces a longer block and a higher version, unknown
     * bytes follow the known fields, and the payload starts after the longer block.
     */
    @Property(tries = 200)
    void shouldFindVarDataAfterALongerBlockAnnouncedByTheHeader(
        @ForAll("inputs") final InputModel message,
        @ForAll @IntRange(min = 1, max = 200) final int extraBlockBytes,
        @ForAll @IntRange(min = 1, max = 65534) final int version)
    {
        final int blockLength = InputEncoder.BLOCK_LENGTH + extraBlockBytes;
        final int block = MessageHeaderEncoder.ENCODED_LENGTH;
        headerEncoder.wrap(buffer, 0)
            .blockLength(blockLength)
            .templateId(InputEncoder.TEMPLATE_ID)
            .schemaId(InputEncoder.SCHEMA_ID)
            .version(version);
        buffer.putLong(block + InputEncoder.simulationIdEncodingOffset(), message.simulationId());
        buffer.putLong(block + InputEncoder.tickEncodingOffset(), message.tick());
        buffer.putLong(block + InputEncoder.sequenceEncodingOffset(), message.sequence());
        buffer.putLong(block + InputEncoder.sourceIdEncodingOffset(), message.sourceId());
        buffer.putInt(block + InputEncoder.inputTypeEncodingOffset(), message.inputType());
        buffer.setMemory(block + InputEncoder.BLOCK_LENGTH, extraBlockBytes, (byte)0xA5);
        buffer.putShort(block + blockLength, (short)message.payload().length);
        buffer.putBytes(block + blockLength + 2, message.payload());

        final InputDecoder decoder = new InputDecoder();
        assertThat(InputModel.decode(buffer, 0, headerDecoder, decoder)).isEqualTo(message);
        assertThat(decoder.actingVersion()).isEqualTo(version);
        assertThat(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength())
            .isEqualTo(block + blockLength + 2 + message.payload().length);
    }
}

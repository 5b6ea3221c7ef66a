package io.asobi.sbe.journal;

import java.util.Arrays;
import java.util.Objects;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Plain values of an {@code Input} message and the encode/decode the tests drive; equality compares payload bytes. */
record InputModel(long simulationId, long tick, long sequence, long sourceId, int inputType, byte[] payload)
{
    /** Largest payload: a uint16 length whose all-ones value is reserved as the null value. */
    static final int MAX_PAYLOAD_LENGTH = 65534;

    /** @param maxPayloadLength longest payload generated, at most {@link #MAX_PAYLOAD_LENGTH}. */
    static Arbitrary<InputModel> messages(final int maxPayloadLength)
    {
        return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.integers(),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(maxPayloadLength)).as(InputModel::new);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof final InputModel that &&
            simulationId == that.simulationId &&
            tick == that.tick &&
            sequence == that.sequence &&
            sourceId == that.sourceId &&
            inputType == that.inputType &&
            Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(simulationId, tick, sequence, sourceId, inputType, Arrays.hashCode(payload));
    }

    @Override
    public String toString()
    {
        return "InputModel[simulationId=" + simulationId + ", tick=" + tick + ", sequence=" + sequence +
            ", sourceId=" + sourceId + ", inputType=" + inputType + ", payload.length=" + payload.length + "]";
    }

    static int maxEncodedLength()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + InputEncoder.BLOCK_LENGTH + InputEncoder.payloadHeaderLength() +
            MAX_PAYLOAD_LENGTH;
    }

    /** @return bytes written, header included. */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder headerEncoder,
        final InputEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .simulationId(simulationId)
            .tick(tick)
            .sequence(sequence)
            .sourceId(sourceId)
            .inputType(inputType)
            .putPayload(payload, 0, payload.length);
        encoder.checkEncodingIsComplete();

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static InputModel decode(
        final DirectBuffer buffer,
        final int offset,
        final MessageHeaderDecoder headerDecoder,
        final InputDecoder decoder)
    {
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long simulationId = decoder.simulationId();
        final long tick = decoder.tick();
        final long sequence = decoder.sequence();
        final long sourceId = decoder.sourceId();
        final int inputType = decoder.inputType();
        final byte[] payload = new byte[decoder.payloadLength()];
        decoder.getPayload(payload, 0, payload.length);

        return new InputModel(simulationId, tick, sequence, sourceId, inputType, payload);
    }
}

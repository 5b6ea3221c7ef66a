package io.asobi.sbe.journal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Plain values of a {@code TickEnd} message and the encode/decode the tests drive. */
record TickEndModel(long simulationId, long tick, int inputCount, long stateHash)
{
    static Arbitrary<TickEndModel> messages()
    {
        return Combinators.combine(
            Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers(), Arbitraries.longs())
            .as(TickEndModel::new);
    }

    /** @return bytes written, header included. */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder headerEncoder,
        final TickEndEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .simulationId(simulationId)
            .tick(tick)
            .inputCount(inputCount)
            .stateHash(stateHash);
        encoder.checkEncodingIsComplete();

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static TickEndModel decode(
        final DirectBuffer buffer,
        final int offset,
        final MessageHeaderDecoder headerDecoder,
        final TickEndDecoder decoder)
    {
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);

        return new TickEndModel(decoder.simulationId(), decoder.tick(), decoder.inputCount(), decoder.stateHash());
    }
}

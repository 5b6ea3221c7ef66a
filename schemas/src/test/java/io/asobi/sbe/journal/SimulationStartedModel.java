package io.asobi.sbe.journal;

import io.asobi.sbe.UnicodeArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Plain values of a {@code SimulationStarted} message and the encode/decode the tests drive. */
record SimulationStartedModel(
    long simulationId, SimulationKind kind, long rngSeed, int tickRateHz, long codeHash, long startEpochMs, String mode,
    String name)
{
    static Arbitrary<SimulationStartedModel> messages()
    {
        return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.of(SimulationKind.MATCH, SimulationKind.ZONE),
            Arbitraries.longs(),
            Arbitraries.integers(),
            Arbitraries.longs(),
            Arbitraries.longs(),
            UnicodeArbitraries.unicodeStrings(64),
            UnicodeArbitraries.unicodeStrings(40)).as(SimulationStartedModel::new);
    }

    /** @return bytes written, header included. */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageHeaderEncoder headerEncoder,
        final SimulationStartedEncoder encoder)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .simulationId(simulationId)
            .kind(kind)
            .rngSeed(rngSeed)
            .tickRateHz(tickRateHz)
            .codeHash(codeHash)
            .startEpochMs(startEpochMs)
            .mode(mode)
            .name(name);
        encoder.checkEncodingIsComplete();

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static SimulationStartedModel decode(
        final DirectBuffer buffer,
        final int offset,
        final MessageHeaderDecoder headerDecoder,
        final SimulationStartedDecoder decoder)
    {
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);

        return new SimulationStartedModel(
            decoder.simulationId(),
            decoder.kind(),
            decoder.rngSeed(),
            decoder.tickRateHz(),
            decoder.codeHash(),
            decoder.startEpochMs(),
            decoder.mode(),
            decoder.name());
    }
}

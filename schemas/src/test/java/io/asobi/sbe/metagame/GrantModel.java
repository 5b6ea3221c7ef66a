package io.asobi.sbe.metagame;

import java.util.Arrays;
import java.util.Objects;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Plain values of a {@code TokenGrant} composite; equality compares the digests' bytes. */
record GrantModel(
    long familyId, byte[] accessHash, byte[] refreshHash, long accessExpiresAtMs, long refreshExpiresAtMs,
    long evictedFamilyId)
{
    static Arbitrary<byte[]> digests()
    {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    static Arbitrary<GrantModel> grants()
    {
        return Combinators.combine(
            Arbitraries.longs(), digests(), digests(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs())
            .as(GrantModel::new);
    }

    void encode(final TokenGrantEncoder encoder)
    {
        encoder
            .familyId(familyId)
            .putAccessHash(accessHash, 0, accessHash.length)
            .putRefreshHash(refreshHash, 0, refreshHash.length)
            .accessExpiresAtMs(accessExpiresAtMs)
            .refreshExpiresAtMs(refreshExpiresAtMs)
            .evictedFamilyId(evictedFamilyId);
    }

    static GrantModel decode(final TokenGrantDecoder decoder)
    {
        final long familyId = decoder.familyId();
        final byte[] accessHash = new byte[TokenGrantDecoder.accessHashLength()];
        decoder.getAccessHash(accessHash, 0, accessHash.length);
        final byte[] refreshHash = new byte[TokenGrantDecoder.refreshHashLength()];
        decoder.getRefreshHash(refreshHash, 0, refreshHash.length);
        return new GrantModel(familyId, accessHash, refreshHash, decoder.accessExpiresAtMs(),
            decoder.refreshExpiresAtMs(), decoder.evictedFamilyId());
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof final GrantModel that &&
            familyId == that.familyId &&
            Arrays.equals(accessHash, that.accessHash) &&
            Arrays.equals(refreshHash, that.refreshHash) &&
            accessExpiresAtMs == that.accessExpiresAtMs &&
            refreshExpiresAtMs == that.refreshExpiresAtMs &&
            evictedFamilyId == that.evictedFamilyId;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(familyId, Arrays.hashCode(accessHash), Arrays.hashCode(refreshHash), accessExpiresAtMs,
            refreshExpiresAtMs, evictedFamilyId);
    }
}

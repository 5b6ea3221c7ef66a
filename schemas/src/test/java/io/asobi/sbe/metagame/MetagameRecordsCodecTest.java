package io.asobi.sbe.metagame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.asobi.sbe.UnicodeArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class MetagameRecordsCodecTest
{
    private static final int GRANT_LENGTH = 8 + 32 + 32 + 8 + 8 + 8;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128 * 1024]);

    record Registered(long atMs, long msb, long lsb, GrantModel grant, String username, String displayName,
        String passwordHash)
    {
    }

    record Rotated(long atMs, long msb, long lsb, byte[] usedRefreshHash, GrantModel grant)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof final Rotated that && atMs == that.atMs && msb == that.msb && lsb == that.lsb &&
                Arrays.equals(usedRefreshHash, that.usedRefreshHash) && grant.equals(that.grant);
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(atMs, msb, lsb, Arrays.hashCode(usedRefreshHash), grant);
        }
    }

    record LoggedOut(long atMs, long familyId, boolean accessHashPresent, byte[] accessHash)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof final LoggedOut that && atMs == that.atMs && familyId == that.familyId &&
                accessHashPresent == that.accessHashPresent && Arrays.equals(accessHash, that.accessHash);
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(atMs, familyId, accessHashPresent, Arrays.hashCode(accessHash));
        }
    }

    enum Field
    {
        DISPLAY_NAME, AVATAR_URL, METADATA
    }

    record Updated(long atMs, long msb, long lsb, Set<Field> fields, String displayName, String avatarUrl,
        byte[] metadata)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof final Updated that && atMs == that.atMs && msb == that.msb && lsb == that.lsb &&
                fields.equals(that.fields) && displayName.equals(that.displayName) &&
                avatarUrl.equals(that.avatarUrl) && Arrays.equals(metadata, that.metadata);
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(atMs, msb, lsb, fields, displayName, avatarUrl, Arrays.hashCode(metadata));
        }
    }

    @Provide
    Arbitrary<Registered> registrations()
    {
        return Combinators.combine(
            Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), GrantModel.grants(),
            UnicodeArbitraries.unicodeStrings(32), UnicodeArbitraries.unicodeStrings(64),
            Arbitraries.strings().ascii().ofMaxLength(200)).as(Registered::new);
    }

    @Provide
    Arbitrary<Rotated> rotations()
    {
        return Combinators.combine(
            Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), GrantModel.digests(), GrantModel.grants())
            .as(Rotated::new);
    }

    @Provide
    Arbitrary<LoggedOut> logouts()
    {
        return Combinators.combine(
            Arbitraries.longs(), Arbitraries.longs(), Arbitraries.of(true, false), GrantModel.digests())
            .as(LoggedOut::new);
    }

    @Provide
    Arbitrary<Updated> updates()
    {
        return Combinators.combine(
            Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.subsetOf(Field.values()),
            UnicodeArbitraries.unicodeStrings(64), UnicodeArbitraries.unicodeStrings(2048),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(16 * 1024)).as(Updated::new);
    }

    @Property(tries = 200)
    void shouldRoundTripPlayerRegistered(
        @ForAll("registrations") final Registered message, @ForAll @IntRange(max = 64) final int offset)
    {
        final PlayerRegisteredEncoder encoder = new PlayerRegisteredEncoder();
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder).atMs(message.atMs());
        encoder.playerId().msb(message.msb()).lsb(message.lsb());
        message.grant().encode(encoder.grant());
        encoder.username(message.username()).displayName(message.displayName()).passwordHash(message.passwordHash());
        encoder.checkEncodingIsComplete();
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        final PlayerRegisteredDecoder decoder = new PlayerRegisteredDecoder().wrapAndApplyHeader(
            buffer, offset, headerDecoder);
        assertHeader(1, 8 + 16 + GRANT_LENGTH);
        final long atMs = decoder.atMs();
        final long msb = decoder.playerId().msb();
        final long lsb = decoder.playerId().lsb();
        final GrantModel grant = GrantModel.decode(decoder.grant());
        final Registered decoded = new Registered(
            atMs, msb, lsb, grant, decoder.username(), decoder.displayName(), decoder.passwordHash());

        assertThat(decoded).isEqualTo(message);
        assertThat(length).isEqualTo(8 + 8 + 16 + GRANT_LENGTH + 6 + utf8(message.username()) +
            utf8(message.displayName()) + utf8(message.passwordHash()));
        assertThat(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength()).isEqualTo(length);
    }

    @Property(tries = 100)
    void shouldRoundTripTokensIssuedAndRotated(@ForAll("rotations") final Rotated message)
    {
        final TokensIssuedEncoder issued = new TokensIssuedEncoder();
        issued.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(message.atMs());
        issued.playerId().msb(message.msb()).lsb(message.lsb());
        message.grant().encode(issued.grant());
        final TokensIssuedDecoder issuedDecoder = new TokensIssuedDecoder().wrapAndApplyHeader(
            buffer, 0, headerDecoder);
        assertHeader(2, 8 + 16 + GRANT_LENGTH);
        assertThat(issuedDecoder.atMs()).isEqualTo(message.atMs());
        assertThat(issuedDecoder.playerId().msb()).isEqualTo(message.msb());
        assertThat(issuedDecoder.playerId().lsb()).isEqualTo(message.lsb());
        assertThat(GrantModel.decode(issuedDecoder.grant())).isEqualTo(message.grant());

        final TokensRotatedEncoder encoder = new TokensRotatedEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(message.atMs());
        encoder.playerId().msb(message.msb()).lsb(message.lsb());
        encoder.putUsedRefreshHash(message.usedRefreshHash(), 0, 32);
        message.grant().encode(encoder.grant());

        final TokensRotatedDecoder decoder = new TokensRotatedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertHeader(3, 8 + 16 + 32 + GRANT_LENGTH);
        final long atMs = decoder.atMs();
        final long msb = decoder.playerId().msb();
        final long lsb = decoder.playerId().lsb();
        final byte[] used = new byte[32];
        decoder.getUsedRefreshHash(used, 0, 32);
        assertThat(new Rotated(atMs, msb, lsb, used, GrantModel.decode(decoder.grant()))).isEqualTo(message);
    }

    @Property(tries = 100)
    void shouldRoundTripLoggedOutAndFamilyRevoked(@ForAll("logouts") final LoggedOut message)
    {
        final LoggedOutEncoder encoder = new LoggedOutEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(message.atMs())
            .familyId(message.familyId())
            .accessHashPresent(message.accessHashPresent() ? BooleanType.TRUE : BooleanType.FALSE)
            .putAccessHash(message.accessHash(), 0, 32);

        final LoggedOutDecoder decoder = new LoggedOutDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertHeader(5, 8 + 8 + 1 + 32);
        final long atMs = decoder.atMs();
        final long familyId = decoder.familyId();
        final boolean present = BooleanType.TRUE == decoder.accessHashPresent();
        final byte[] hash = new byte[32];
        decoder.getAccessHash(hash, 0, 32);
        assertThat(new LoggedOut(atMs, familyId, present, hash)).isEqualTo(message);

        final FamilyRevokedEncoder revoked = new FamilyRevokedEncoder();
        revoked.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(message.atMs()).familyId(message.familyId()).reason(RevokeReason.REFRESH_REUSE);
        final FamilyRevokedDecoder revokedDecoder = new FamilyRevokedDecoder().wrapAndApplyHeader(
            buffer, 0, headerDecoder);
        assertHeader(4, 8 + 8 + 1);
        assertThat(revokedDecoder.atMs()).isEqualTo(message.atMs());
        assertThat(revokedDecoder.familyId()).isEqualTo(message.familyId());
        assertThat(revokedDecoder.reason()).isEqualTo(RevokeReason.REFRESH_REUSE);
    }

    @Property(tries = 100)
    void shouldRoundTripProfileUpdated(@ForAll("updates") final Updated message)
    {
        final ProfileUpdatedEncoder encoder = new ProfileUpdatedEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(message.atMs());
        encoder.playerId().msb(message.msb()).lsb(message.lsb());
        encoder.fields().clear()
            .displayName(message.fields().contains(Field.DISPLAY_NAME))
            .avatarUrl(message.fields().contains(Field.AVATAR_URL))
            .metadata(message.fields().contains(Field.METADATA));
        encoder.displayName(message.displayName()).avatarUrl(message.avatarUrl())
            .putMetadata(message.metadata(), 0, message.metadata().length);

        final ProfileUpdatedDecoder decoder = new ProfileUpdatedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertHeader(6, 8 + 16 + 1);
        final long atMs = decoder.atMs();
        final long msb = decoder.playerId().msb();
        final long lsb = decoder.playerId().lsb();
        final ProfileFieldsDecoder fieldsDecoder = decoder.fields();
        final Set<Field> fields = EnumSet.noneOf(Field.class);
        if (fieldsDecoder.displayName())
        {
            fields.add(Field.DISPLAY_NAME);
        }
        if (fieldsDecoder.avatarUrl())
        {
            fields.add(Field.AVATAR_URL);
        }
        if (fieldsDecoder.metadata())
        {
            fields.add(Field.METADATA);
        }
        final String displayName = decoder.displayName();
        final String avatarUrl = decoder.avatarUrl();
        final byte[] metadata = new byte[decoder.metadataLength()];
        decoder.getMetadata(metadata, 0, metadata.length);

        assertThat(new Updated(atMs, msb, lsb, fields, displayName, avatarUrl, metadata)).isEqualTo(message);
    }

    @Example
    void shouldPutTheSchemaIdentityInEveryHeader()
    {
        new FamilyRevokedEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(1).familyId(2)
            .reason(RevokeReason.REFRESH_REUSE);
        headerDecoder.wrap(buffer, 0);
        assertThat(headerDecoder.schemaId()).isEqualTo(3);
        assertThat(headerDecoder.version()).isEqualTo(0);
        assertThat(MessageHeaderDecoder.SCHEMA_ID).isEqualTo(3);
    }

    private void assertHeader(final int templateId, final int blockLength)
    {
        assertThat(headerDecoder.schemaId()).isEqualTo(3);
        assertThat(headerDecoder.templateId()).isEqualTo(templateId);
        assertThat(headerDecoder.version()).isEqualTo(0);
        assertThat(headerDecoder.blockLength()).isEqualTo(blockLength);
    }

    private static int utf8(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}

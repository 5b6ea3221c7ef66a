package io.asobi.metagame;

import io.asobi.sbe.metagame.FamilyRevokedDecoder;
import io.asobi.sbe.metagame.LoggedOutDecoder;
import io.asobi.sbe.metagame.MessageHeaderDecoder;
import io.asobi.sbe.metagame.PlayerRegisteredDecoder;
import io.asobi.sbe.metagame.ProfileUpdatedDecoder;
import io.asobi.sbe.metagame.RevokeReason;
import io.asobi.sbe.metagame.TokensRotatedDecoder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MetagameRecordValidator}: every record the writer encodes is accepted; damaged ones are rejected with a
 * reason, and so is every strict prefix of a whole record.
 */
class MetagameRecordValidatorTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MetagameRecordValidator validator = new MetagameRecordValidator();

    private static AccountState.Grant grant(final long familyId, final long evictedFamilyId)
    {
        final AccountState.Grant grant = new AccountState.Grant();
        grant.familyId = familyId;
        grant.accessHash = TokenHash.of(TokenHash.newToken(RANDOM));
        grant.refreshHash = TokenHash.of(TokenHash.newToken(RANDOM));
        grant.accessExpiresAtMs = 1_000;
        grant.refreshExpiresAtMs = 2_000;
        grant.evictedFamilyId = evictedFamilyId;
        return grant;
    }

    private static byte[] copy(final MetagameRecordEncoder encoder, final int length)
    {
        final byte[] record = new byte[length];
        encoder.buffer().getBytes(0, record);
        return record;
    }

    private static byte[] playerRegistered(final String username, final String displayName)
    {
        final MetagameRecordEncoder encoder = new MetagameRecordEncoder();
        return copy(encoder, encoder.playerRegistered(
            1, Uuid7.next(1), grant(1, 0), username, displayName, "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA"));
    }

    private static byte[] profileUpdated(final String displayName, final String avatarUrl, final byte[] metadata)
    {
        final MetagameRecordEncoder encoder = new MetagameRecordEncoder();
        return copy(encoder, encoder.profileUpdated(5, Uuid7.next(5), displayName, avatarUrl, metadata));
    }

    /** One record of each template, as the writer encodes them. */
    private static Map<String, byte[]> records()
    {
        final MetagameRecordEncoder encoder = new MetagameRecordEncoder();
        final Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("PlayerRegistered", playerRegistered("zoë", "Zoë 🎮"));
        records.put("TokensIssued", copy(encoder, encoder.tokensIssued(2, Uuid7.next(2), grant(2, 1))));
        records.put("TokensRotated", copy(encoder, encoder.tokensRotated(
            3, Uuid7.next(3), TokenHash.of(TokenHash.newToken(RANDOM)), grant(2, 0))));
        records.put("FamilyRevoked", copy(encoder, encoder.familyRevoked(4, 2, RevokeReason.REFRESH_REUSE)));
        records.put("LoggedOut", copy(encoder, encoder.loggedOut(4, 3, TokenHash.of(TokenHash.newToken(RANDOM)))));
        records.put("LoggedOutAccessOnly", copy(encoder, encoder.loggedOut(4, 0, null)));
        records.put("ProfileUpdated", profileUpdated("Zed", "https://cdn.example/z.png",
            "{\"rank\":3}".getBytes(StandardCharsets.UTF_8)));
        records.put("ProfileUpdatedNothing", profileUpdated(null, null, null));
        return records;
    }

    private String validate(final byte[] record)
    {
        return validate(record, record.length);
    }

    private String validate(final byte[] record, final int length)
    {
        // Within a larger buffer, at an offset, as a journal reader may hand it on.
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length + 16]);
        buffer.putBytes(8, record, 0, length);
        return validator.validate(7, buffer, 8, length);
    }

    private static byte[] edited(final byte[] record, final int offset, final int value, final boolean isShort)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(record.clone());
        if (isShort)
        {
            buffer.putShort(offset, (short)value, ByteOrder.LITTLE_ENDIAN);
        }
        else
        {
            buffer.putByte(offset, (byte)value);
        }
        return buffer.byteArray();
    }

    @Test
    void shouldAcceptEveryRecordTheWriterEncodes()
    {
        records().forEach((name, record) -> assertThat(validate(record)).as(name).isNull());
        records().forEach((name, record) ->
            assertThat(validator.validateAlone(1, new UnsafeBuffer(record), 0, record.length)).as(name).isNull());
    }

    @Test
    void shouldRejectEveryStrictPrefixOfAWholeRecord()
    {
        records().forEach((name, record) ->
        {
            for (int length = 0; length < record.length; length++)
            {
                assertThat(validate(record, length)).as(name + " cut to " + length).isNotNull();
            }
        });
    }

    @Test
    void shouldRejectDamagedHeaders()
    {
        final byte[] record = records().get("TokensIssued");
        assertThat(validate(Arrays.copyOf(record, 5))).isEqualTo("metagame record shorter than its header: 5 bytes");
        assertThat(validate(edited(record, 4, 99, true))).isEqualTo("not a metagame record: schemaId=99");
        assertThat(validate(edited(record, 2, 42, true))).isEqualTo("unknown metagame record: templateId=42 version=0");
        assertThat(validate(edited(record, 6, 1, true))).contains("version=1").contains("version newer than");
        assertThat(validate(edited(record, 0, record.length, true))).contains("not the template's block length");
        // Another template's label: caught by the block length, or (same block length) by the fields that follow.
        assertThat(validate(edited(record, 2, TokensRotatedDecoder.TEMPLATE_ID, true)))
            .contains("templateId=3").contains("not the template's block length");
        assertThat(validate(edited(record, 2, PlayerRegisteredDecoder.TEMPLATE_ID, true)))
            .contains("templateId=1").contains("the length of var data 'username' runs past the record's end");
    }

    @Test
    void shouldRejectDamagedFields()
    {
        final Map<String, byte[]> records = records();
        final byte[] registered = records.get("PlayerRegistered");
        final int usernameAt = HEADER + PlayerRegisteredDecoder.BLOCK_LENGTH;
        assertThat(validate(edited(registered, usernameAt, 5000, true)))
            .contains("var data 'username' of 5000 bytes runs past the record's end");
        assertThat(validate(edited(registered, usernameAt + 2, 0xFF, false)))
            .contains("var data 'username' is not valid UTF-8");
        assertThat(validate(edited(registered, HEADER + PlayerRegisteredDecoder.grantEncodingOffset(), 0, false)))
            .contains("grant familyId 0 is below 1");
        assertThat(validate(Arrays.copyOf(registered, registered.length + 3))).endsWith("3 bytes after the last field");

        assertThat(validate(edited(records.get("FamilyRevoked"),
            HEADER + FamilyRevokedDecoder.reasonEncodingOffset(), 7, false))).contains("unknown revoke reason 7");
        assertThat(validate(edited(records.get("LoggedOut"),
            HEADER + LoggedOutDecoder.accessHashPresentEncodingOffset(), 2, false)))
            .contains("accessHashPresent is 2");
        final byte[] profile = records.get("ProfileUpdated");
        assertThat(validate(edited(profile, HEADER + ProfileUpdatedDecoder.fieldsEncodingOffset(), 0b1000, false)))
            .contains("unknown profile field bits 8");
        assertThat(validate(Arrays.copyOf(profile, profile.length - 1)))
            .contains("var data 'metadata' of 10 bytes runs past the record's end by 1 bytes");
    }

    @Property(tries = 200)
    void shouldAcceptAnyWellEncodedRecordAndRejectItsStrictPrefixes(
        @ForAll @StringLength(max = 40) final String username,
        @ForAll @StringLength(max = 40) final String displayName,
        @ForAll @StringLength(max = 200) final String metadata)
    {
        final byte[] registered = playerRegistered(username, displayName);
        final byte[] profile = profileUpdated(displayName, username, metadata.getBytes(StandardCharsets.UTF_8));
        for (final byte[] record : new byte[][]{ registered, profile })
        {
            assertThat(validate(record)).isNull();
            for (int length = 0; length < record.length; length++)
            {
                assertThat(validate(record, length)).isNotNull();
            }
        }
    }
}

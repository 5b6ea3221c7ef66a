package io.asobi.metagame;

import io.asobi.persistence.JournalRepair;
import io.asobi.sbe.metagame.BooleanType;
import io.asobi.sbe.metagame.FamilyRevokedDecoder;
import io.asobi.sbe.metagame.LoggedOutDecoder;
import io.asobi.sbe.metagame.MessageHeaderDecoder;
import io.asobi.sbe.metagame.PlayerRegisteredDecoder;
import io.asobi.sbe.metagame.ProfileUpdatedDecoder;
import io.asobi.sbe.metagame.RevokeReason;
import io.asobi.sbe.metagame.TokenGrantDecoder;
import io.asobi.sbe.metagame.TokensIssuedDecoder;
import io.asobi.sbe.metagame.TokensRotatedDecoder;
import io.asobi.sbe.metagame.UuidDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks a metagame journal record the way {@link MetagameRecordAdapter} reads it, without applying it: the SBE header
 * (schema {@value MessageHeaderDecoder#SCHEMA_ID}, a known template, a version this code reads, the template's block
 * length), then every field decoded with the generated decoders: enums and sets within their values, family ids as
 * the schema states them, each var-data length within the record, strings valid UTF-8, and nothing after the last
 * field. It keeps no state between records, so {@link #validateAlone} is {@link #validate}.
 * <p>
 * <b>Note:</b> one thread at a time.
 */
final class MetagameRecordValidator implements JournalRepair.DocumentValidator
{
    private static final int VAR_LENGTH_BYTES = 2;
    private static final int MAX_VAR_DATA_BYTES = 0xFFFF;
    private static final short PROFILE_FIELD_BITS = 0b111;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PlayerRegisteredDecoder playerRegistered = new PlayerRegisteredDecoder();
    private final TokensIssuedDecoder tokensIssued = new TokensIssuedDecoder();
    private final TokensRotatedDecoder tokensRotated = new TokensRotatedDecoder();
    private final FamilyRevokedDecoder familyRevoked = new FamilyRevokedDecoder();
    private final LoggedOutDecoder loggedOut = new LoggedOutDecoder();
    private final ProfileUpdatedDecoder profileUpdated = new ProfileUpdatedDecoder();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] hashBytes = new byte[TokenHash.LENGTH];
    private final byte[] scratch = new byte[MAX_VAR_DATA_BYTES];
    private int end;

    /**
     * {@inheritDoc}
     *
     * @return null if {@link MetagameRecordAdapter} reads the record whole, else what is wrong with it.
     */
    public String validate(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return "metagame record shorter than its header: " + length + " bytes";
        }
        end = offset + length;
        header.wrap(buffer, offset);
        final int schemaId = header.schemaId();
        if (MessageHeaderDecoder.SCHEMA_ID != schemaId)
        {
            return "not a metagame record: schemaId=" + schemaId;
        }
        final int templateId = header.templateId();
        final int version = header.version();
        final int blockLength = header.blockLength();
        final int blockOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final String problem = switch (templateId)
        {
            case PlayerRegisteredDecoder.TEMPLATE_ID -> block(PlayerRegisteredDecoder.BLOCK_LENGTH, blockOffset) ?
                playerRegistered(buffer, blockOffset, blockLength, version) : badBlock();
            case TokensIssuedDecoder.TEMPLATE_ID -> block(TokensIssuedDecoder.BLOCK_LENGTH, blockOffset) ?
                tokensIssued(buffer, blockOffset, blockLength, version) : badBlock();
            case TokensRotatedDecoder.TEMPLATE_ID -> block(TokensRotatedDecoder.BLOCK_LENGTH, blockOffset) ?
                tokensRotated(buffer, blockOffset, blockLength, version) : badBlock();
            case FamilyRevokedDecoder.TEMPLATE_ID -> block(FamilyRevokedDecoder.BLOCK_LENGTH, blockOffset) ?
                familyRevoked(buffer, blockOffset, blockLength, version) : badBlock();
            case LoggedOutDecoder.TEMPLATE_ID -> block(LoggedOutDecoder.BLOCK_LENGTH, blockOffset) ?
                loggedOut(buffer, blockOffset, blockLength, version) : badBlock();
            case ProfileUpdatedDecoder.TEMPLATE_ID -> block(ProfileUpdatedDecoder.BLOCK_LENGTH, blockOffset) ?
                profileUpdated(buffer, blockOffset, blockLength, version) : badBlock();
            default -> null;
        };
        if (null == problem)
        {
            return isKnown(templateId) ? null :
                "unknown metagame record: templateId=" + templateId + " version=" + version;
        }
        return "metagame record templateId=" + templateId + " version=" + version + " blockLength=" + blockLength +
            " length=" + length + ": " + problem;
    }

    private static boolean isKnown(final int templateId)
    {
        return switch (templateId)
        {
            case PlayerRegisteredDecoder.TEMPLATE_ID, TokensIssuedDecoder.TEMPLATE_ID, TokensRotatedDecoder.TEMPLATE_ID,
                FamilyRevokedDecoder.TEMPLATE_ID, LoggedOutDecoder.TEMPLATE_ID,
                ProfileUpdatedDecoder.TEMPLATE_ID -> true;
            default -> false;
        };
    }

    /**
     * Whether the header's version is one this code reads and its block is the template's, within the record.
     * Version 0 is the only one yet: a version that adds fields must accept the block lengths of the older ones.
     */
    private boolean block(final int templateBlockLength, final int blockOffset)
    {
        return header.version() <= MessageHeaderDecoder.SCHEMA_VERSION &&
            header.blockLength() == templateBlockLength &&
            blockOffset + templateBlockLength <= end;
    }

    private String badBlock()
    {
        if (header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return "a version newer than this code reads (" + MessageHeaderDecoder.SCHEMA_VERSION + ")";
        }
        return "not the template's block length or the block runs past the record's end";
    }

    private String playerRegistered(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final PlayerRegisteredDecoder d = playerRegistered.wrap(buffer, offset, blockLength, version);
        d.atMs();
        uuid(d.playerId());
        String problem = grant(d.grant());
        if (null == problem && null == (problem = varData("username", buffer, d.limit())))
        {
            problem = utf8("username", d.getUsername(scratch, 0, scratch.length));
        }
        if (null == problem && null == (problem = varData("displayName", buffer, d.limit())))
        {
            problem = utf8("displayName", d.getDisplayName(scratch, 0, scratch.length));
        }
        if (null == problem && null == (problem = varData("passwordHash", buffer, d.limit())))
        {
            problem = utf8("passwordHash", d.getPasswordHash(scratch, 0, scratch.length));
        }
        return null != problem ? problem : rest(d.limit());
    }

    private String tokensIssued(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final TokensIssuedDecoder d = tokensIssued.wrap(buffer, offset, blockLength, version);
        d.atMs();
        uuid(d.playerId());
        final String problem = grant(d.grant());
        return null != problem ? problem : rest(d.limit());
    }

    private String tokensRotated(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final TokensRotatedDecoder d = tokensRotated.wrap(buffer, offset, blockLength, version);
        d.atMs();
        uuid(d.playerId());
        d.getUsedRefreshHash(hashBytes, 0, TokenHash.LENGTH);
        final String problem = grant(d.grant());
        return null != problem ? problem : rest(d.limit());
    }

    private String familyRevoked(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final FamilyRevokedDecoder d = familyRevoked.wrap(buffer, offset, blockLength, version);
        d.atMs();
        final long familyId = d.familyId();
        if (familyId < 1)
        {
            return "familyId " + familyId + " is below 1";
        }
        final short reason = d.reasonRaw();
        if (RevokeReason.REFRESH_REUSE.value() != reason)
        {
            return "unknown revoke reason " + reason;
        }
        return rest(d.limit());
    }

    private String loggedOut(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final LoggedOutDecoder d = loggedOut.wrap(buffer, offset, blockLength, version);
        d.atMs();
        final long familyId = d.familyId();
        if (familyId < 0)
        {
            return "familyId " + familyId + " is negative";
        }
        final short present = d.accessHashPresentRaw();
        if (BooleanType.FALSE.value() != present && BooleanType.TRUE.value() != present)
        {
            return "accessHashPresent is " + present + ", neither FALSE nor TRUE";
        }
        d.getAccessHash(hashBytes, 0, TokenHash.LENGTH);
        return rest(d.limit());
    }

    private String profileUpdated(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final ProfileUpdatedDecoder d = profileUpdated.wrap(buffer, offset, blockLength, version);
        d.atMs();
        uuid(d.playerId());
        final short fields = d.fields().getRaw();
        String problem = 0 != (fields & ~PROFILE_FIELD_BITS) ? "unknown profile field bits " + fields : null;
        if (null == problem && null == (problem = varData("displayName", buffer, d.limit())))
        {
            problem = utf8("displayName", d.getDisplayName(scratch, 0, scratch.length));
        }
        if (null == problem && null == (problem = varData("avatarUrl", buffer, d.limit())))
        {
            problem = utf8("avatarUrl", d.getAvatarUrl(scratch, 0, scratch.length));
        }
        if (null == problem && null == (problem = varData("metadata", buffer, d.limit())))
        {
            problem = utf8("metadata", d.getMetadata(scratch, 0, scratch.length));
        }
        return null != problem ? problem : rest(d.limit());
    }

    private String grant(final TokenGrantDecoder d)
    {
        final long familyId = d.familyId();
        d.getAccessHash(hashBytes, 0, TokenHash.LENGTH);
        d.getRefreshHash(hashBytes, 0, TokenHash.LENGTH);
        d.accessExpiresAtMs();
        d.refreshExpiresAtMs();
        final long evictedFamilyId = d.evictedFamilyId();
        if (familyId < 1)
        {
            return "grant familyId " + familyId + " is below 1";
        }
        if (evictedFamilyId < 0)
        {
            return "grant evictedFamilyId " + evictedFamilyId + " is negative";
        }
        return null;
    }

    private static void uuid(final UuidDecoder d)
    {
        d.msb();
        d.lsb();
    }

    /**
     * Whether a var-data field's length and its bytes lie within the record; the decoder then reads them.
     */
    private String varData(final String field, final DirectBuffer buffer, final int limit)
    {
        if (limit + VAR_LENGTH_BYTES > end)
        {
            return "the length of var data '" + field + "' runs past the record's end";
        }
        final int dataLength = buffer.getShort(limit, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int dataEnd = limit + VAR_LENGTH_BYTES + dataLength;
        return dataEnd <= end ? null :
            "var data '" + field + "' of " + dataLength + " bytes runs past the record's end by " + (dataEnd - end) +
            " bytes";
    }

    private String rest(final int limit)
    {
        return limit == end ? null : (end - limit) + " bytes after the last field";
    }

    private String utf8(final String field, final int length)
    {
        try
        {
            utf8.reset().decode(ByteBuffer.wrap(scratch, 0, length));
            return null;
        }
        catch (final CharacterCodingException ex)
        {
            return "var data '" + field + "' is not valid UTF-8";
        }
    }
}

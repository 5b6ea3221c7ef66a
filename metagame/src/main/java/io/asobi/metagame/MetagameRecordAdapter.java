package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.sbe.metagame.BooleanType;
import io.asobi.sbe.metagame.FamilyRevokedDecoder;
import io.asobi.sbe.metagame.LoggedOutDecoder;
import io.asobi.sbe.metagame.MessageHeaderDecoder;
import io.asobi.sbe.metagame.PlayerRegisteredDecoder;
import io.asobi.sbe.metagame.ProfileFieldsDecoder;
import io.asobi.sbe.metagame.ProfileUpdatedDecoder;
import io.asobi.sbe.metagame.TokenGrantDecoder;
import io.asobi.sbe.metagame.TokensIssuedDecoder;
import io.asobi.sbe.metagame.TokensRotatedDecoder;
import io.asobi.sbe.metagame.UuidDecoder;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.util.UUID;

/**
 * Decodes metagame journal records and applies them to an {@link AccountState}; the one path by which state
 * changes, live and in replay.
 * <p>
 * <b>Note:</b> writer thread only.
 */
final class MetagameRecordAdapter
{
    private final AccountState state;
    private final ObjectMapper objectMapper;
    private final byte[] hashBytes = new byte[TokenHash.LENGTH];
    private final AccountState.Grant grant = new AccountState.Grant();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final PlayerRegisteredDecoder playerRegistered = new PlayerRegisteredDecoder();
    private final TokensIssuedDecoder tokensIssued = new TokensIssuedDecoder();
    private final TokensRotatedDecoder tokensRotated = new TokensRotatedDecoder();
    private final FamilyRevokedDecoder familyRevoked = new FamilyRevokedDecoder();
    private final LoggedOutDecoder loggedOut = new LoggedOutDecoder();
    private final ProfileUpdatedDecoder profileUpdated = new ProfileUpdatedDecoder();

    MetagameRecordAdapter(final AccountState state, final ObjectMapper objectMapper)
    {
        this.state = state;
        this.objectMapper = objectMapper;
    }

    /**
     * Check that a record is one this code can apply.
     *
     * @return the record's template id.
     * @throws IllegalStateException if it is too short, from another schema, or of an unknown template.
     */
    int checkFormat(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalStateException("metagame record shorter than its header: " + length + " bytes");
        }
        headerDecoder.wrap(buffer, offset);
        final int schemaId = headerDecoder.schemaId();
        if (MessageHeaderDecoder.SCHEMA_ID != schemaId)
        {
            throw new IllegalStateException("not a metagame record: schemaId=" + schemaId);
        }
        final int templateId = headerDecoder.templateId();
        switch (templateId)
        {
            case PlayerRegisteredDecoder.TEMPLATE_ID, TokensIssuedDecoder.TEMPLATE_ID,
                TokensRotatedDecoder.TEMPLATE_ID, FamilyRevokedDecoder.TEMPLATE_ID, LoggedOutDecoder.TEMPLATE_ID,
                ProfileUpdatedDecoder.TEMPLATE_ID ->
            {
                return templateId;
            }
            default -> throw new IllegalStateException("unknown metagame record: templateId=" + templateId +
                " version=" + headerDecoder.version());
        }
    }

    /**
     * Apply one record (already checked with {@link #checkFormat}).
     */
    void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        switch (checkFormat(buffer, offset, length))
        {
            case PlayerRegisteredDecoder.TEMPLATE_ID -> onPlayerRegistered(buffer, offset);
            case TokensIssuedDecoder.TEMPLATE_ID -> onTokensIssued(buffer, offset);
            case TokensRotatedDecoder.TEMPLATE_ID -> onTokensRotated(buffer, offset);
            case FamilyRevokedDecoder.TEMPLATE_ID -> onFamilyRevoked(buffer, offset);
            case LoggedOutDecoder.TEMPLATE_ID -> onLoggedOut(buffer, offset);
            case ProfileUpdatedDecoder.TEMPLATE_ID -> onProfileUpdated(buffer, offset);
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private void onPlayerRegistered(final DirectBuffer buffer, final int offset)
    {
        final PlayerRegisteredDecoder d = playerRegistered.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final String playerId = uuid(d.playerId());
        grant(d.grant());
        final String username = d.username();
        final String displayName = d.displayName();
        final String passwordHash = d.passwordHash();
        state.onPlayerRegistered(atMs, playerId, username, displayName, passwordHash, grant);
    }

    private void onTokensIssued(final DirectBuffer buffer, final int offset)
    {
        final TokensIssuedDecoder d = tokensIssued.wrapAndApplyHeader(buffer, offset, headerDecoder);
        d.atMs();
        final String playerId = uuid(d.playerId());
        grant(d.grant());
        state.onTokensIssued(playerId, grant);
    }

    private void onTokensRotated(final DirectBuffer buffer, final int offset)
    {
        final TokensRotatedDecoder d = tokensRotated.wrapAndApplyHeader(buffer, offset, headerDecoder);
        d.atMs();
        final String playerId = uuid(d.playerId());
        d.getUsedRefreshHash(hashBytes, 0, TokenHash.LENGTH);
        final TokenHash used = TokenHash.fromBytes(hashBytes, 0);
        grant(d.grant());
        state.onTokensRotated(playerId, used, grant);
    }

    private void onFamilyRevoked(final DirectBuffer buffer, final int offset)
    {
        final FamilyRevokedDecoder d = familyRevoked.wrapAndApplyHeader(buffer, offset, headerDecoder);
        d.atMs();
        state.onFamilyRevoked(d.familyId());
    }

    private void onLoggedOut(final DirectBuffer buffer, final int offset)
    {
        final LoggedOutDecoder d = loggedOut.wrapAndApplyHeader(buffer, offset, headerDecoder);
        d.atMs();
        final long familyId = d.familyId();
        final boolean accessHashPresent = BooleanType.TRUE == d.accessHashPresent();
        d.getAccessHash(hashBytes, 0, TokenHash.LENGTH);
        state.onLoggedOut(familyId, accessHashPresent ? TokenHash.fromBytes(hashBytes, 0) : null);
    }

    private void onProfileUpdated(final DirectBuffer buffer, final int offset)
    {
        final ProfileUpdatedDecoder d = profileUpdated.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final String playerId = uuid(d.playerId());
        final ProfileFieldsDecoder fields = d.fields();
        final boolean hasDisplayName = fields.displayName();
        final boolean hasAvatarUrl = fields.avatarUrl();
        final boolean hasMetadata = fields.metadata();
        final String displayName = d.displayName();
        final String avatarUrl = d.avatarUrl();
        final byte[] metadataJson = new byte[d.metadataLength()];
        d.getMetadata(metadataJson, 0, metadataJson.length);

        JsonNode metadata = null;
        if (hasMetadata)
        {
            try
            {
                metadata = objectMapper.readTree(metadataJson);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("profile update for " + playerId + " has unreadable metadata", ex);
            }
        }
        state.onProfileUpdated(
            atMs, playerId, hasDisplayName ? displayName : null, hasAvatarUrl ? avatarUrl : null, metadata);
    }

    private void grant(final TokenGrantDecoder d)
    {
        grant.familyId = d.familyId();
        d.getAccessHash(hashBytes, 0, TokenHash.LENGTH);
        grant.accessHash = TokenHash.fromBytes(hashBytes, 0);
        d.getRefreshHash(hashBytes, 0, TokenHash.LENGTH);
        grant.refreshHash = TokenHash.fromBytes(hashBytes, 0);
        grant.accessExpiresAtMs = d.accessExpiresAtMs();
        grant.refreshExpiresAtMs = d.refreshExpiresAtMs();
        grant.evictedFamilyId = d.evictedFamilyId();
    }

    private static String uuid(final UuidDecoder d)
    {
        return new UUID(d.msb(), d.lsb()).toString();
    }
}

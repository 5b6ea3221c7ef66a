package io.asobi.metagame;

import io.asobi.sbe.metagame.BooleanType;
import io.asobi.sbe.metagame.FamilyRevokedEncoder;
import io.asobi.sbe.metagame.LoggedOutEncoder;
import io.asobi.sbe.metagame.MessageHeaderEncoder;
import io.asobi.sbe.metagame.PlayerRegisteredEncoder;
import io.asobi.sbe.metagame.ProfileUpdatedEncoder;
import io.asobi.sbe.metagame.RevokeReason;
import io.asobi.sbe.metagame.TokenGrantEncoder;
import io.asobi.sbe.metagame.TokensIssuedEncoder;
import io.asobi.sbe.metagame.TokensRotatedEncoder;
import io.asobi.sbe.metagame.UuidEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.UUID;

/**
 * Encodes decided commands as metagame journal records (schema {@code io.asobi.sbe.metagame}) into one reused buffer.
 * <p>
 * <b>Note:</b> writer thread only.
 */
final class MetagameRecordEncoder
{
    /** Larger than the largest record the validation limits allow (a profile update is under 48 KiB). */
    static final int BUFFER_CAPACITY = 128 * 1024;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BUFFER_CAPACITY]);
    private final byte[] hashBytes = new byte[TokenHash.LENGTH];
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final PlayerRegisteredEncoder playerRegistered = new PlayerRegisteredEncoder();
    private final TokensIssuedEncoder tokensIssued = new TokensIssuedEncoder();
    private final TokensRotatedEncoder tokensRotated = new TokensRotatedEncoder();
    private final FamilyRevokedEncoder familyRevoked = new FamilyRevokedEncoder();
    private final LoggedOutEncoder loggedOut = new LoggedOutEncoder();
    private final ProfileUpdatedEncoder profileUpdated = new ProfileUpdatedEncoder();

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    int playerRegistered(
        final long atMs,
        final String playerId,
        final AccountState.Grant grant,
        final String username,
        final String displayName,
        final String passwordHash)
    {
        playerRegistered.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(atMs);
        uuid(playerRegistered.playerId(), playerId);
        grant(playerRegistered.grant(), grant);
        playerRegistered.username(username).displayName(displayName).passwordHash(passwordHash);
        return MessageHeaderEncoder.ENCODED_LENGTH + playerRegistered.encodedLength();
    }

    int tokensIssued(final long atMs, final String playerId, final AccountState.Grant grant)
    {
        tokensIssued.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(atMs);
        uuid(tokensIssued.playerId(), playerId);
        grant(tokensIssued.grant(), grant);
        return MessageHeaderEncoder.ENCODED_LENGTH + tokensIssued.encodedLength();
    }

    int tokensRotated(
        final long atMs, final String playerId, final TokenHash usedRefreshHash, final AccountState.Grant grant)
    {
        tokensRotated.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(atMs);
        uuid(tokensRotated.playerId(), playerId);
        usedRefreshHash.toBytes(hashBytes, 0);
        tokensRotated.putUsedRefreshHash(hashBytes, 0, TokenHash.LENGTH);
        grant(tokensRotated.grant(), grant);
        return MessageHeaderEncoder.ENCODED_LENGTH + tokensRotated.encodedLength();
    }

    int familyRevoked(final long atMs, final long familyId, final RevokeReason reason)
    {
        familyRevoked.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(atMs).familyId(familyId).reason(reason);
        return MessageHeaderEncoder.ENCODED_LENGTH + familyRevoked.encodedLength();
    }

    int loggedOut(final long atMs, final long familyId, final TokenHash accessHash)
    {
        loggedOut.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(atMs)
            .familyId(familyId)
            .accessHashPresent(null != accessHash ? BooleanType.TRUE : BooleanType.FALSE);
        if (null != accessHash)
        {
            accessHash.toBytes(hashBytes, 0);
        }
        else
        {
            Arrays.fill(hashBytes, (byte)0);
        }
        loggedOut.putAccessHash(hashBytes, 0, TokenHash.LENGTH);
        return MessageHeaderEncoder.ENCODED_LENGTH + loggedOut.encodedLength();
    }

    int profileUpdated(
        final long atMs,
        final String playerId,
        final String displayName,
        final String avatarUrl,
        final byte[] metadataJson)
    {
        profileUpdated.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(atMs);
        uuid(profileUpdated.playerId(), playerId);
        profileUpdated.fields().clear()
            .displayName(null != displayName)
            .avatarUrl(null != avatarUrl)
            .metadata(null != metadataJson);
        profileUpdated
            .displayName(null != displayName ? displayName : "")
            .avatarUrl(null != avatarUrl ? avatarUrl : "");
        if (null != metadataJson)
        {
            profileUpdated.putMetadata(metadataJson, 0, metadataJson.length);
        }
        else
        {
            profileUpdated.putMetadata(hashBytes, 0, 0);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + profileUpdated.encodedLength();
    }

    private void grant(final TokenGrantEncoder encoder, final AccountState.Grant grant)
    {
        encoder.familyId(grant.familyId);
        grant.accessHash.toBytes(hashBytes, 0);
        encoder.putAccessHash(hashBytes, 0, TokenHash.LENGTH);
        grant.refreshHash.toBytes(hashBytes, 0);
        encoder.putRefreshHash(hashBytes, 0, TokenHash.LENGTH);
        encoder
            .accessExpiresAtMs(grant.accessExpiresAtMs)
            .refreshExpiresAtMs(grant.refreshExpiresAtMs)
            .evictedFamilyId(grant.evictedFamilyId);
    }

    private static void uuid(final UuidEncoder encoder, final String playerId)
    {
        final UUID uuid = UUID.fromString(playerId);
        encoder.msb(uuid.getMostSignificantBits()).lsb(uuid.getLeastSignificantBits());
    }
}

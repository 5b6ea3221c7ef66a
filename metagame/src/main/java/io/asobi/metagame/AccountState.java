package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts, tokens and profiles: the state the metagame journal rebuilds.
 * <p>
 * The {@code on*} methods apply decided journal records and are the only writers; they are called on the writer
 * thread, live (right after the record is journaled) and during replay, through {@link MetagameRecordAdapter}, so
 * both paths run the same code. Queries for decisions run on the writer thread too. Three concurrent maps are also
 * read by other threads: {@link #profile(String)} (any thread), {@link #credentialsByUsername(String)} (hash workers)
 * and {@link #accessToken(TokenHash)} (I/O threads).
 * <p>
 * Expired tokens stay until {@link #prune(long)} removes them; every query that matters checks expiry itself, so
 * pruning changes memory use, never an answer.
 */
final class AccountState
{
    /** Sign-in credentials, as hash workers read them. */
    record Credentials(String playerId, String username, String passwordHash)
    {
    }

    /** A live access token. */
    record AccessToken(String playerId, long familyId, long expiresAtMs)
    {
    }

    /** A refresh token; {@code used} once rotated. */
    static final class RefreshToken
    {
        final String playerId;
        final long familyId;
        final long expiresAtMs;
        boolean used;

        RefreshToken(final String playerId, final long familyId, final long expiresAtMs)
        {
            this.playerId = playerId;
            this.familyId = familyId;
            this.expiresAtMs = expiresAtMs;
        }
    }

    /** A refresh family: every token descending from one sign-in. */
    static final class Family
    {
        final long id;
        final String playerId;
        final ArrayList<TokenHash> accessHashes = new ArrayList<>(2);
        final ArrayList<TokenHash> refreshHashes = new ArrayList<>(2);

        Family(final long id, final String playerId)
        {
            this.id = id;
            this.playerId = playerId;
        }
    }

    /** A new token pair as a record carries it. */
    static final class Grant
    {
        long familyId;
        TokenHash accessHash;
        TokenHash refreshHash;
        long accessExpiresAtMs;
        long refreshExpiresAtMs;
        long evictedFamilyId;
    }

    private final ConcurrentHashMap<String, PlayerProfile> profiles = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Credentials> credentialsByUsername = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TokenHash, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final HashMap<TokenHash, RefreshToken> refreshTokens = new HashMap<>();
    private final Long2ObjectHashMap<Family> families = new Long2ObjectHashMap<>();
    private final HashMap<String, ArrayDeque<Long>> familyIdsByPlayer = new HashMap<>();
    private long lastFamilyId;

    static String usernameKey(final String username)
    {
        return username.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- queries (writer thread unless noted)

    /** Any thread. */
    PlayerProfile profile(final String playerId)
    {
        return null == playerId ? null : profiles.get(playerId);
    }

    /** Any thread. */
    Credentials credentialsByUsername(final String username)
    {
        return credentialsByUsername.get(usernameKey(username));
    }

    /** Any thread. */
    AccessToken accessToken(final TokenHash hash)
    {
        return accessTokens.get(hash);
    }

    boolean hasPlayer(final String playerId)
    {
        return profiles.containsKey(playerId);
    }

    Credentials credentialsOf(final String playerId)
    {
        final PlayerProfile profile = profiles.get(playerId);
        return null == profile ? null : credentialsByUsername.get(usernameKey(profile.username()));
    }

    RefreshToken refreshToken(final TokenHash hash)
    {
        return refreshTokens.get(hash);
    }

    boolean isTokenHashKnown(final TokenHash hash)
    {
        return accessTokens.containsKey(hash) || refreshTokens.containsKey(hash);
    }

    long nextFamilyId()
    {
        return lastFamilyId + 1;
    }

    /**
     * The family to revoke so that the player can get one more without exceeding the cap.
     *
     * @return the oldest family's id, or 0 if under the cap.
     */
    long familyToEvict(final String playerId, final int maxFamiliesPerPlayer)
    {
        final ArrayDeque<Long> ids = familyIdsByPlayer.get(playerId);
        return null == ids || ids.size() < maxFamiliesPerPlayer ? 0 : ids.peekFirst();
    }

    int playerCount()
    {
        return profiles.size();
    }

    /** Every profile, in no particular order (writer thread; a live view, do not modify). */
    java.util.Collection<PlayerProfile> profiles()
    {
        return profiles.values();
    }

    /** Live refresh families (sign-ins) of a player. */
    int familyCountOf(final String playerId)
    {
        final ArrayDeque<Long> ids = familyIdsByPlayer.get(playerId);
        return null == ids ? 0 : ids.size();
    }

    int accessTokenCount()
    {
        return accessTokens.size();
    }

    int refreshTokenCount()
    {
        return refreshTokens.size();
    }

    int familyCount()
    {
        return families.size();
    }

    // ---------------------------------------------------------------- records (writer thread)

    void onPlayerRegistered(
        final long atMs,
        final String playerId,
        final String username,
        final String displayName,
        final String passwordHash,
        final Grant grant)
    {
        final JsonNode metadata = JsonNodeFactory.instance.objectNode();
        profiles.put(playerId, new PlayerProfile(playerId, username, displayName, null, metadata, atMs, atMs));
        credentialsByUsername.put(usernameKey(username), new Credentials(playerId, username, passwordHash));
        onGrant(playerId, grant);
    }

    void onTokensIssued(final String playerId, final Grant grant)
    {
        onGrant(playerId, grant);
    }

    void onTokensRotated(final String playerId, final TokenHash usedRefreshHash, final Grant grant)
    {
        final RefreshToken used = refreshTokens.get(usedRefreshHash);
        if (null != used)
        {
            used.used = true;
        }
        onGrant(playerId, grant);
    }

    void onFamilyRevoked(final long familyId)
    {
        revokeFamily(familyId);
    }

    void onLoggedOut(final long familyId, final TokenHash accessHash)
    {
        if (0 != familyId)
        {
            revokeFamily(familyId);
        }
        if (null != accessHash)
        {
            final AccessToken token = accessTokens.remove(accessHash);
            if (null != token)
            {
                final Family family = families.get(token.familyId());
                if (null != family)
                {
                    family.accessHashes.remove(accessHash);
                }
            }
        }
    }

    void onProfileUpdated(
        final long atMs,
        final String playerId,
        final String displayName,
        final String avatarUrl,
        final JsonNode metadata)
    {
        final PlayerProfile old = profiles.get(playerId);
        if (null == old)
        {
            throw new IllegalStateException("profile update for unknown player " + playerId);
        }
        profiles.put(playerId, new PlayerProfile(
            playerId,
            old.username(),
            null != displayName ? displayName : old.displayName(),
            null != avatarUrl ? avatarUrl : old.avatarUrl(),
            null != metadata ? metadata : old.metadata(),
            old.insertedAtMs(),
            atMs));
    }

    /**
     * Remove a player entirely (an erase record applied, live or in replay): profile, credentials and every token
     * of every family, so that its bearer tokens stop authenticating at once. Unknown players are ignored.
     */
    void onPlayerRemoved(final String playerId)
    {
        final PlayerProfile profile = profiles.remove(playerId);
        if (null != profile)
        {
            credentialsByUsername.remove(usernameKey(profile.username()));
        }
        final ArrayDeque<Long> ids = familyIdsByPlayer.get(playerId);
        if (null != ids)
        {
            for (final Long id : new ArrayList<>(ids))
            {
                revokeFamily(id);
            }
            familyIdsByPlayer.remove(playerId);
        }
    }

    /**
     * Forget tokens expired at {@code nowMs} and families left without tokens. Not journaled: expiry is a function
     * of time, and every decision checks it anyway.
     *
     * @return entries removed.
     */
    int prune(final long nowMs)
    {
        final int before = accessTokens.size() + refreshTokens.size() + families.size();
        accessTokens.values().removeIf(token -> token.expiresAtMs() <= nowMs);
        refreshTokens.values().removeIf(token -> token.expiresAtMs <= nowMs);

        final Iterator<Family> it = families.values().iterator();
        while (it.hasNext())
        {
            final Family family = it.next();
            family.accessHashes.removeIf(hash -> !accessTokens.containsKey(hash));
            family.refreshHashes.removeIf(hash -> !refreshTokens.containsKey(hash));
            if (family.accessHashes.isEmpty() && family.refreshHashes.isEmpty())
            {
                it.remove();
                removeFamilyOfPlayer(family);
            }
        }

        return before - (accessTokens.size() + refreshTokens.size() + families.size());
    }

    /**
     * A canonical description of everything that is still valid at {@code nowMs}: equal descriptions mean equal
     * observable state (profiles, credentials, tokens with their families and used flags, family order per player).
     */
    String describe(final long nowMs)
    {
        final StringBuilder out = new StringBuilder(1024);
        new TreeMap<>(profiles).forEach((id, p) -> out.append("player ").append(p).append('\n'));
        new TreeMap<>(credentialsByUsername).forEach((key, c) -> out.append("login ").append(key).append(' ')
            .append(c).append('\n'));

        final TreeMap<String, String> tokens = new TreeMap<>();
        accessTokens.forEach((hash, t) ->
        {
            if (t.expiresAtMs() > nowMs)
            {
                tokens.put("access " + hash, t.toString());
            }
        });
        refreshTokens.forEach((hash, t) ->
        {
            if (t.expiresAtMs > nowMs)
            {
                tokens.put("refresh " + hash, t.playerId + " family=" + t.familyId + " expires=" + t.expiresAtMs +
                    " used=" + t.used);
            }
        });
        tokens.forEach((key, value) -> out.append(key).append(' ').append(value).append('\n'));

        final TreeMap<String, String> liveFamilies = new TreeMap<>();
        familyIdsByPlayer.forEach((playerId, ids) ->
        {
            final StringBuilder live = new StringBuilder();
            for (final long id : ids)
            {
                if (isLive(families.get(id), nowMs))
                {
                    live.append(id).append(' ');
                }
            }
            if (!live.isEmpty())
            {
                liveFamilies.put(playerId, live.toString());
            }
        });
        liveFamilies.forEach((playerId, ids) -> out.append("families ").append(playerId).append(": ").append(ids)
            .append('\n'));

        return out.toString();
    }

    private boolean isLive(final Family family, final long nowMs)
    {
        if (null == family)
        {
            return false;
        }
        for (final TokenHash hash : family.accessHashes)
        {
            final AccessToken token = accessTokens.get(hash);
            if (null != token && token.expiresAtMs() > nowMs)
            {
                return true;
            }
        }
        for (final TokenHash hash : family.refreshHashes)
        {
            final RefreshToken token = refreshTokens.get(hash);
            if (null != token && token.expiresAtMs > nowMs)
            {
                return true;
            }
        }
        return false;
    }

    private void onGrant(final String playerId, final Grant grant)
    {
        if (!profiles.containsKey(playerId))
        {
            throw new IllegalStateException("tokens for unknown player " + playerId);
        }
        if (0 != grant.evictedFamilyId)
        {
            revokeFamily(grant.evictedFamilyId);
        }

        Family family = families.get(grant.familyId);
        if (null == family)
        {
            family = new Family(grant.familyId, playerId);
            families.put(grant.familyId, family);
            familyIdsByPlayer.computeIfAbsent(playerId, id -> new ArrayDeque<>()).addLast(grant.familyId);
        }
        else if (!family.playerId.equals(playerId))
        {
            throw new IllegalStateException("family " + grant.familyId + " belongs to " + family.playerId +
                ", not " + playerId);
        }
        lastFamilyId = Math.max(lastFamilyId, grant.familyId);

        accessTokens.put(grant.accessHash, new AccessToken(playerId, grant.familyId, grant.accessExpiresAtMs));
        family.accessHashes.add(grant.accessHash);
        refreshTokens.put(grant.refreshHash, new RefreshToken(playerId, grant.familyId, grant.refreshExpiresAtMs));
        family.refreshHashes.add(grant.refreshHash);
    }

    private void revokeFamily(final long familyId)
    {
        final Family family = families.remove(familyId);
        if (null == family)
        {
            return;
        }
        for (final TokenHash hash : family.accessHashes)
        {
            accessTokens.remove(hash);
        }
        for (final TokenHash hash : family.refreshHashes)
        {
            refreshTokens.remove(hash);
        }
        removeFamilyOfPlayer(family);
    }

    private void removeFamilyOfPlayer(final Family family)
    {
        final ArrayDeque<Long> ids = familyIdsByPlayer.get(family.playerId);
        if (null != ids)
        {
            ids.remove(family.id);
            if (ids.isEmpty())
            {
                familyIdsByPlayer.remove(family.playerId);
            }
        }
    }
}

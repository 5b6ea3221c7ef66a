package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CompletableFuture;

/**
 * Password accounts, opaque tokens and player profiles (asobi-spec §3.1, §3.2), held by the metagame state machine:
 * every change is journaled before it is applied and acknowledged, so an acknowledged write survives a restart.
 * <p>
 * Futures complete normally with the result, or exceptionally with an {@link AccountException} carrying the error
 * code of asobi-spec §3.10 ({@code auth.username_taken}, {@code validation_failed}, {@code auth.invalid_credentials},
 * {@code unauthenticated}, {@code player.not_found}, {@code internal}). They complete on an internal thread: chain
 * non-blocking work only.
 * <p>
 * <b>Note:</b> thread safe; no method blocks the caller. Password hashing (Argon2id) runs on a worker pool, never
 * on the caller's thread nor on the state machine's thread.
 */
public interface Accounts extends AutoCloseable
{
    /** Access token lifetime (Asobi: 60 minutes). */
    long ACCESS_TTL_MS = 60L * 60 * 1000;
    /** Refresh token lifetime (Asobi: 30 days). */
    long REFRESH_TTL_MS = 30L * 24 * 60 * 60 * 1000;

    /**
     * Create an account and sign it in. Username 3–32 of {@code [A-Za-z0-9_-]}, unique ignoring case; password
     * 8–128 characters; display name at most 64 characters (defaults to the username).
     *
     * @param username    requested name.
     * @param password    plain password.
     * @param displayName or null.
     * @return tokens for the new player.
     */
    CompletableFuture<AuthTokens> register(String username, String password, String displayName);

    /**
     * Sign in with a password.
     *
     * @param username name.
     * @param password plain password.
     * @return new tokens (a new refresh family); {@code auth.invalid_credentials} on any mismatch.
     */
    CompletableFuture<AuthTokens> login(String username, String password);

    /**
     * Rotate a refresh token: single use; presenting a used token revokes its whole family.
     *
     * @param refreshToken the refresh token.
     * @return new access and refresh tokens ({@link AuthTokens#username()} may be null);
     * {@code unauthenticated} if unknown, used, revoked or expired.
     */
    CompletableFuture<AuthTokens> refresh(String refreshToken);

    /**
     * Revoke a refresh token's family and an access token; unknown tokens are ignored.
     *
     * @param refreshToken or null.
     * @param accessToken  or null.
     * @return completes when the revocation is durable.
     */
    CompletableFuture<Void> logout(String refreshToken, String accessToken);

    /**
     * Resolve a bearer token without blocking.
     *
     * @param accessToken presented token.
     * @return the player id, or null if unknown, revoked or expired.
     */
    String authenticate(String accessToken);

    /**
     * Read a profile.
     *
     * @param playerId player id.
     * @return the profile, or null if there is no such player.
     */
    PlayerProfile player(String playerId);

    /**
     * Update a profile; null arguments leave the field as it is. Display name at most 64 characters, avatar URL
     * at most 2048, metadata a JSON object of at most 16 KiB encoded ({@code validation_failed} otherwise).
     *
     * @param playerId    whose profile.
     * @param displayName new display name, or null.
     * @param avatarUrl   new avatar URL, or null.
     * @param metadata    new metadata object, or null.
     * @return the updated profile.
     */
    CompletableFuture<PlayerProfile> updatePlayer(String playerId, String displayName, String avatarUrl, JsonNode metadata);

    /**
     * Whether the state machine has replayed its journal and accepts commands.
     *
     * @return true when ready.
     */
    boolean isReady();

    /**
     * Stop accepting commands, finish the ones in flight and close the journal.
     */
    @Override
    void close();
}

package io.asobi.metagame;

/**
 * A successful sign-in, registration or refresh.
 *
 * @param playerId     the player (UUIDv7 string).
 * @param accessToken  opaque bearer token, valid {@link Accounts#ACCESS_TTL_MS}.
 * @param refreshToken opaque single-use refresh token, valid {@link Accounts#REFRESH_TTL_MS}.
 * @param username     the player's username; null for a refresh.
 */
public record AuthTokens(String playerId, String accessToken, String refreshToken, String username)
{
}

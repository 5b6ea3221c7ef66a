package io.asobi.client;

/**
 * Tokens of a signed-in player.
 *
 * @param playerId     the player id.
 * @param accessToken  bearer token for REST and {@code session.connect}.
 * @param refreshToken single-use refresh token.
 * @param username     the username, or null after a refresh.
 */
public record Session(String playerId, String accessToken, String refreshToken, String username)
{
}

package io.asobi.metagame;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A request to the writer thread. Commands carry everything nondeterministic (ids, times, token hashes, password
 * hashes), made before they are queued, so that the record the writer decides on can be replayed exactly.
 */
sealed interface Command permits Command.Register, Command.Login, Command.Refresh, Command.Logout,
    Command.UpdateProfile, Command.Query, DomainCommand
{
    /**
     * Answer the caller with an error.
     *
     * @param ex the error.
     */
    void fail(Throwable ex);

    /** A new token pair: the raw tokens go back to the caller, only the hashes are recorded. */
    record NewTokens(String accessToken, TokenHash accessHash, String refreshToken, TokenHash refreshHash)
    {
        static NewTokens generate(final SecureRandom random)
        {
            final String access = TokenHash.newToken(random);
            final String refresh = TokenHash.newToken(random);
            return new NewTokens(access, TokenHash.ofIssued(access), refresh, TokenHash.ofIssued(refresh));
        }
    }

    record Register(
        long atMs,
        String playerId,
        String username,
        String displayName,
        String passwordHash,
        NewTokens tokens,
        CompletableFuture<AuthTokens> result) implements Command
    {
        public void fail(final Throwable ex)
        {
            result.completeExceptionally(ex);
        }
    }

    record Login(
        long atMs,
        String playerId,
        String passwordHash,
        NewTokens tokens,
        CompletableFuture<AuthTokens> result) implements Command
    {
        public void fail(final Throwable ex)
        {
            result.completeExceptionally(ex);
        }
    }

    record Refresh(long atMs, TokenHash presentedHash, NewTokens tokens, CompletableFuture<AuthTokens> result)
        implements Command
    {
        public void fail(final Throwable ex)
        {
            result.completeExceptionally(ex);
        }
    }

    record Logout(long atMs, TokenHash refreshHash, TokenHash accessHash, CompletableFuture<Void> result)
        implements Command
    {
        public void fail(final Throwable ex)
        {
            result.completeExceptionally(ex);
        }
    }

    record UpdateProfile(
        long atMs,
        String playerId,
        String displayName,
        String avatarUrl,
        byte[] metadataJson,
        CompletableFuture<PlayerProfile> result) implements Command
    {
        public void fail(final Throwable ex)
        {
            result.completeExceptionally(ex);
        }
    }

    /** Read the state on the writer thread (tests and diagnostics). */
    record Query<T>(Function<AccountState, T> query, CompletableFuture<T> result) implements Command
    {
        public void fail(final Throwable ex)
        {
            result.completeExceptionally(ex);
        }
    }
}

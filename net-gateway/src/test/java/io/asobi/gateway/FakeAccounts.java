package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.metagame.AccountException;
import io.asobi.metagame.Accounts;
import io.asobi.metagame.AuthTokens;
import io.asobi.metagame.PlayerProfile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * In-memory {@link Accounts} for gateway tests: futures complete on its own thread, as the real one's do.
 */
final class FakeAccounts implements Accounts
{
    static final long CREATED_AT_MS = 1_785_758_400_123L; // 2026-08-03T12:00:00.123Z

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_-]{3,32}");

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r ->
    {
        final Thread thread = new Thread(r, "fake-accounts");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> playerByAccessToken = new ConcurrentHashMap<>();
    private final Map<String, String> playerByRefreshToken = new ConcurrentHashMap<>();
    private final Map<String, String> idByUsername = new ConcurrentHashMap<>();
    private final Map<String, String> passwordById = new ConcurrentHashMap<>();
    private final Map<String, PlayerProfile> profileById = new ConcurrentHashMap<>();
    private final AtomicLong clockMs = new AtomicLong(CREATED_AT_MS);
    final List<String> logouts = new CopyOnWriteArrayList<>();
    volatile boolean isReady = true;
    volatile boolean isBroken;

    /**
     * Register synchronously.
     *
     * @param username name.
     * @return the tokens.
     */
    AuthTokens registerNow(final String username)
    {
        return register(username, "password-123", null).join();
    }

    @Override
    public CompletableFuture<AuthTokens> register(
        final String username, final String password, final String displayName)
    {
        return async(() ->
        {
            if (!USERNAME.matcher(username).matches())
            {
                throw validation("username", "must be 3-32 of [A-Za-z0-9_-]");
            }
            if (password.length() < 8 || password.length() > 128)
            {
                throw validation("password", "must be 8-128 characters");
            }
            final String id = UUID.randomUUID().toString();
            if (null != idByUsername.putIfAbsent(username.toLowerCase(Locale.ROOT), id))
            {
                throw new AccountException("auth.username_taken", "taken", Map.of());
            }
            passwordById.put(id, password);
            final long nowMs = clockMs.get();
            profileById.put(id, new PlayerProfile(id, username, null == displayName ? username : displayName, null,
                Json.NODES.objectNode(), nowMs, nowMs));
            return issue(id, username);
        });
    }

    @Override
    public CompletableFuture<AuthTokens> login(final String username, final String password)
    {
        return async(() ->
        {
            final String id = idByUsername.get(username.toLowerCase(Locale.ROOT));
            if (null == id || !passwordById.get(id).equals(password))
            {
                throw new AccountException("auth.invalid_credentials", "wrong", Map.of());
            }
            return issue(id, profileById.get(id).username());
        });
    }

    @Override
    public CompletableFuture<AuthTokens> refresh(final String refreshToken)
    {
        return async(() ->
        {
            final String id = playerByRefreshToken.remove(refreshToken);
            if (null == id)
            {
                throw new AccountException("unauthenticated", "unknown refresh token", Map.of());
            }
            return issue(id, null);
        });
    }

    @Override
    public CompletableFuture<Void> logout(final String refreshToken, final String accessToken)
    {
        return async(() ->
        {
            logouts.add(refreshToken + "|" + accessToken);
            if (null != refreshToken)
            {
                playerByRefreshToken.remove(refreshToken);
            }
            if (null != accessToken)
            {
                playerByAccessToken.remove(accessToken);
            }
            return null;
        });
    }

    @Override
    public String authenticate(final String accessToken)
    {
        return playerByAccessToken.get(accessToken);
    }

    @Override
    public PlayerProfile player(final String playerId)
    {
        return profileById.get(playerId);
    }

    @Override
    public CompletableFuture<PlayerProfile> updatePlayer(
        final String playerId, final String displayName, final String avatarUrl, final JsonNode metadata)
    {
        return async(() ->
        {
            final PlayerProfile old = profileById.get(playerId);
            if (null == old)
            {
                throw new AccountException("player.not_found", "no such player", Map.of());
            }
            if (null != displayName && displayName.length() > 64)
            {
                throw validation("display_name", "must be at most 64 characters");
            }
            final PlayerProfile updated = new PlayerProfile(old.id(), old.username(),
                null == displayName ? old.displayName() : displayName,
                null == avatarUrl ? old.avatarUrl() : avatarUrl,
                null == metadata ? old.metadata() : metadata,
                old.insertedAtMs(), clockMs.addAndGet(60_000));
            profileById.put(playerId, updated);
            return updated;
        });
    }

    @Override
    public boolean isReady()
    {
        return isReady;
    }

    @Override
    public void close()
    {
        worker.shutdownNow();
    }

    private AuthTokens issue(final String id, final String username)
    {
        final String access = "at-" + UUID.randomUUID();
        final String refresh = "rt-" + UUID.randomUUID();
        playerByAccessToken.put(access, id);
        playerByRefreshToken.put(refresh, id);
        return new AuthTokens(id, access, refresh, username);
    }

    private static AccountException validation(final String field, final String message)
    {
        return new AccountException("validation_failed", "invalid", Map.of("fields", Map.of(field, List.of(message))));
    }

    private <T> CompletableFuture<T> async(final Supplier<T> work)
    {
        if (isBroken)
        {
            return CompletableFuture.failedFuture(new IllegalStateException("accounts store is broken"));
        }
        return CompletableFuture.supplyAsync(work, worker);
    }
}

package io.asobi.metagame;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@link AccountException}s the state machine answers with (asobi-spec §3.10 codes).
 */
final class AccountErrors
{
    static final String VALIDATION_FAILED = "validation_failed";
    static final String USERNAME_TAKEN = "auth.username_taken";
    static final String INVALID_CREDENTIALS = "auth.invalid_credentials";
    static final String UNAUTHENTICATED = "unauthenticated";
    static final String PLAYER_NOT_FOUND = "player.not_found";
    static final String NOT_READY = "not_ready";
    static final String INTERNAL = "internal";

    private AccountErrors()
    {
    }

    static AccountException validationFailed(final Map<String, List<String>> fields)
    {
        return new AccountException(
            VALIDATION_FAILED, "Validation failed", Map.of("fields", Collections.unmodifiableMap(fields)));
    }

    static AccountException usernameTaken()
    {
        return new AccountException(USERNAME_TAKEN, "Username is already taken", Map.of());
    }

    static AccountException invalidCredentials()
    {
        return new AccountException(INVALID_CREDENTIALS, "Invalid username or password", Map.of());
    }

    static AccountException unauthenticated()
    {
        return new AccountException(UNAUTHENTICATED, "Invalid, used, revoked or expired token", Map.of());
    }

    static AccountException playerNotFound()
    {
        return new AccountException(PLAYER_NOT_FOUND, "Player not found", Map.of());
    }

    static AccountException notReady(final String message)
    {
        return new AccountException(NOT_READY, message, Map.of());
    }

    static AccountException internal(final String message)
    {
        return new AccountException(INTERNAL, message, Map.of());
    }
}

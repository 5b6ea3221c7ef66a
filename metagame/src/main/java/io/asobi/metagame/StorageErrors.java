package io.asobi.metagame;

import java.util.Map;

/**
 * The {@link AccountException}s of cloud saves, generic storage and player erase/export (asobi-spec §3.10 codes,
 * plus a few beyond Asobi: {@code save.invalid_slot}, {@code save.version_not_found}, {@code storage.limit_reached}).
 */
final class StorageErrors
{
    static final String SAVE_NOT_FOUND = "save.not_found";
    static final String SAVE_TOO_LARGE = "save.too_large";
    static final String SAVE_VERSION_CONFLICT = "save.version_conflict";
    static final String SAVE_SLOT_LIMIT_REACHED = "save.slot_limit_reached";
    static final String SAVE_INVALID_SLOT = "save.invalid_slot";
    static final String SAVE_VERSION_NOT_FOUND = "save.version_not_found";
    static final String STORAGE_NOT_FOUND = "storage.not_found";
    static final String STORAGE_FORBIDDEN = "storage.forbidden";
    static final String STORAGE_VALUE_TOO_LARGE = "storage.value_too_large";
    static final String STORAGE_INVALID_PERM = "storage.invalid_perm";
    static final String STORAGE_INVALID_REQUEST = "storage.invalid_request";
    static final String STORAGE_CONFLICT = "storage.conflict";
    static final String STORAGE_LIMIT_REACHED = "storage.limit_reached";
    static final String PLAYER_CONFIRMATION_FAILED = "player.confirmation_failed";
    static final String PLAYER_CREDENTIALS_CHANGED = "player.credentials_changed";
    static final String OPS_NOT_FOUND = "ops.not_found";
    static final String OPS_CONFIRMATION_MISMATCH = "ops.confirmation_mismatch";

    private StorageErrors()
    {
    }

    static AccountException of(final String code, final String message)
    {
        return new AccountException(code, message, Map.of());
    }

    static AccountException of(final String code, final String message, final Map<String, Object> details)
    {
        return new AccountException(code, message, details);
    }

    static AccountException saveVersionConflict(final long currentVersion)
    {
        return new AccountException(SAVE_VERSION_CONFLICT, "The slot was written by another client",
            Map.of("current_version", currentVersion));
    }

    static AccountException storageConflict(final long currentVersion)
    {
        return new AccountException(STORAGE_CONFLICT, "The object was written by another client",
            Map.of("current_version", currentVersion));
    }
}

package io.asobi.metagame;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;

/**
 * Player lifecycle beyond the account itself (asobi-spec §3.2, §3.9): self-erase with password confirmation,
 * operator erase and export, and the operator's player list. An erasure is one journaled record whose application
 * removes the account (revoking every token) and every domain's data about the player, live and in replay; it is
 * audited.
 * <p>
 * <b>Note:</b> thread safe; futures fail with an {@link AccountException}.
 */
public interface PlayerData
{
    /** Players' sort fields of {@link #list}. */
    enum SortField
    {
        /** The player id (UUIDv7: creation order). */
        ID,
        /** The username, ignoring case. */
        USERNAME,
        /** The display name, ignoring case. */
        DISPLAY_NAME,
        /** Creation time. */
        INSERTED_AT,
        /** Last profile update. */
        UPDATED_AT
    }

    /**
     * A player erases themself, confirming with their password (verified with Argon2id on the hash pool).
     *
     * @param playerId the player.
     * @param password the player's password.
     * @return completes once the erasure is durable; {@code player.confirmation_failed} (wrong password),
     * {@code player.credentials_changed} (the password changed meanwhile), {@code player.not_found}.
     */
    CompletableFuture<Void> eraseSelf(String playerId, String password);

    /**
     * An operator erases a player, confirming with the player's username.
     *
     * @param operator         the operator label (audited).
     * @param playerId         the player.
     * @param confirmUsername  the player's username as the operator typed it (compared exactly).
     * @return completes once the erasure is durable; {@code ops.not_found}, {@code ops.confirmation_mismatch}.
     */
    CompletableFuture<Void> eraseByOperator(String operator, String playerId, String confirmUsername);

    /**
     * Everything the metagame holds about a player: {@code player} (the profile), {@code account} (sign-in summary,
     * never credentials nor tokens) and one field per domain.
     *
     * @param playerId the player.
     * @return the export; {@code ops.not_found}.
     */
    CompletableFuture<ObjectNode> export(String playerId);

    /**
     * Players, filtered and sorted, one page.
     *
     * @param limit      page size (1..200).
     * @param offset     skip this many.
     * @param query      case-insensitive substring of username or display name, or null for all.
     * @param sortField  the order.
     * @param descending whether descending (ties broken by id, in the same direction).
     * @return the page and the number of players matching.
     */
    CompletableFuture<Audit.Page<PlayerProfile>> list(
        int limit, int offset, String query, SortField sortField, boolean descending);
}

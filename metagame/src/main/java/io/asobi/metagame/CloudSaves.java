package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Cloud saves (asobi-spec §3.8): up to {@link #SLOT_LIMIT} named slots per player, each a JSON document of at most
 * {@link #MAX_DATA_BYTES} encoded, written with optimistic concurrency on an integer version. Beyond Asobi, the last
 * {@link #HISTORY_DEPTH} versions of a slot stay readable.
 * <p>
 * Futures fail with an {@link AccountException} carrying {@code save.not_found}, {@code save.too_large},
 * {@code save.slot_limit_reached}, {@code save.version_conflict} (details {@code current_version}),
 * {@code save.invalid_slot}, {@code save.version_not_found}, {@code player.not_found} or {@code not_ready}.
 * <p>
 * <b>Note:</b> thread safe; every call is answered by the metagame writer; writes are journaled before they answer.
 */
public interface CloudSaves
{
    /** Slots per player. */
    int SLOT_LIMIT = 10;
    /** Largest save document, encoded as JSON (bytes). */
    int MAX_DATA_BYTES = 256 * 1024;
    /** Versions kept per slot, the current one included. */
    int HISTORY_DEPTH = 5;
    /** {@code expectedVersion} meaning "write whatever the current version is". */
    long ANY_VERSION = -1;

    /**
     * A player's slots, current versions, ordered by slot name.
     *
     * @param playerId the player.
     * @return the slots (possibly empty).
     */
    CompletableFuture<List<CloudSave>> list(String playerId);

    /**
     * The current version of a slot.
     *
     * @param playerId the player.
     * @param slot     the slot.
     * @return the save; {@code save.not_found} if the slot is empty.
     */
    CompletableFuture<CloudSave> get(String playerId, String slot);

    /**
     * Write a slot: creates it at version 1 (whatever {@code expectedVersion} says, as Asobi), or updates it to
     * version + 1 when {@code expectedVersion} is {@link #ANY_VERSION} or equals the current version.
     *
     * @param playerId        the player.
     * @param slot            1-64 of {@code [A-Za-z0-9_.-]}.
     * @param data            any JSON value; null stores an empty object.
     * @param expectedVersion the version the client read, or {@link #ANY_VERSION}.
     * @return the written save.
     */
    CompletableFuture<CloudSave> put(String playerId, String slot, JsonNode data, long expectedVersion);

    /**
     * The kept versions of a slot, newest first (at most {@link #HISTORY_DEPTH}).
     *
     * @param playerId the player.
     * @param slot     the slot.
     * @return the versions; {@code save.not_found} if the slot is empty.
     */
    CompletableFuture<List<CloudSave>> versions(String playerId, String slot);

    /**
     * One kept version of a slot.
     *
     * @param playerId the player.
     * @param slot     the slot.
     * @param version  the version.
     * @return the save at that version; {@code save.version_not_found} if it is not kept (any more).
     */
    CompletableFuture<CloudSave> version(String playerId, String slot, long version);
}

package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Generic storage (asobi-spec §3.8): JSON objects addressed by collection and key, with versions and owner/public
 * read and write permissions.
 * <p>
 * Two namespaces. Player objects (the REST API): one object per collection and key, owned by the player who
 * created it; a player reads it if it is public-read or theirs, writes or deletes it if it is public-write or theirs,
 * and only its owner changes its permissions. Global objects (no owner) are reachable from the server side only
 * (the game-script bridge): {@link #getGlobal}, {@link #putGlobal}, {@link #deleteGlobal}. The server side also
 * reads and writes a given player's objects ({@link #getPlayerObject}, {@link #putPlayerObject}) without the REST
 * permission checks.
 * <p>
 * Futures fail with an {@link AccountException} carrying {@code storage.not_found}, {@code storage.forbidden},
 * {@code storage.value_too_large}, {@code storage.invalid_request}, {@code storage.conflict} (details
 * {@code current_version}), {@code storage.limit_reached}, {@code player.not_found} or {@code not_ready}.
 * <p>
 * <b>Note:</b> thread safe; every call is answered by the metagame writer; writes are journaled before they answer.
 */
public interface Storage
{
    /** Largest value, encoded as JSON (bytes). */
    int MAX_VALUE_BYTES = 256 * 1024;
    /** Most objects one player may own. */
    int MAX_OBJECTS_PER_PLAYER = 1000;
    /** Most global objects. */
    int MAX_GLOBAL_OBJECTS = 100_000;
    /** Longest collection name and key (characters of {@code [A-Za-z0-9_.:-]}). */
    int MAX_NAME_LENGTH = 128;
    /** {@code expectedVersion} meaning "write whatever the current version is". */
    long ANY_VERSION = -1;

    /**
     * The objects of a collection the caller may read, ordered by key.
     *
     * @param callerId the reading player.
     * @param collection the collection.
     * @param limit    at most this many (1..100).
     * @param offset   skip this many readable objects first.
     * @return the page.
     */
    CompletableFuture<List<StorageObject>> list(String callerId, String collection, int limit, int offset);

    /**
     * One object, if the caller may read it.
     *
     * @param callerId   the reading player.
     * @param collection the collection.
     * @param key        the key.
     * @return the object; {@code storage.not_found} or {@code storage.forbidden}.
     */
    CompletableFuture<StorageObject> get(String callerId, String collection, String key);

    /**
     * Create an object owned by the caller (version 1) or update one the caller may write (version + 1).
     *
     * @param callerId        the writing player.
     * @param collection      the collection.
     * @param key             the key.
     * @param value           any JSON value; null stores an empty object.
     * @param readPerm        new read permission, or null: {@code owner} on create, unchanged on update.
     * @param writePerm       new write permission, or null: {@code owner} on create, unchanged on update.
     * @param expectedVersion the version the client read, or {@link #ANY_VERSION}; ignored on create.
     * @return the written object; {@code storage.forbidden} if another player's object is not public-write or a
     * non-owner tries to change its permissions.
     */
    CompletableFuture<StorageObject> put(
        String callerId,
        String collection,
        String key,
        JsonNode value,
        StoragePermission readPerm,
        StoragePermission writePerm,
        long expectedVersion);

    /**
     * Delete an object the caller may write.
     *
     * @param callerId   the deleting player.
     * @param collection the collection.
     * @param key        the key.
     * @return completes when the deletion is durable; {@code storage.not_found} or {@code storage.forbidden}.
     */
    CompletableFuture<Void> delete(String callerId, String collection, String key);

    /**
     * Server side: a global object.
     *
     * @param collection the collection.
     * @param key        the key.
     * @return the object, or null if there is none.
     */
    CompletableFuture<StorageObject> getGlobal(String collection, String key);

    /**
     * Server side: create or replace a global object.
     *
     * @param collection the collection.
     * @param key        the key.
     * @param value      any JSON value; null stores an empty object.
     * @return the written object.
     */
    CompletableFuture<StorageObject> putGlobal(String collection, String key, JsonNode value);

    /**
     * Server side: delete a global object.
     *
     * @param collection the collection.
     * @param key        the key.
     * @return whether there was one.
     */
    CompletableFuture<Boolean> deleteGlobal(String collection, String key);

    /**
     * Server side: a player's own object, whatever its read permission.
     *
     * @param playerId   the owner.
     * @param collection the collection.
     * @param key        the key.
     * @return the object, or null if there is none owned by that player.
     */
    CompletableFuture<StorageObject> getPlayerObject(String playerId, String collection, String key);

    /**
     * Server side: create (permissions owner/owner) or update a player's own object, whatever its write permission.
     *
     * @param playerId   the owner.
     * @param collection the collection.
     * @param key        the key.
     * @param value      any JSON value; null stores an empty object.
     * @return the written object; {@code storage.forbidden} if another player owns that collection and key.
     */
    CompletableFuture<StorageObject> putPlayerObject(String playerId, String collection, String key, JsonNode value);
}

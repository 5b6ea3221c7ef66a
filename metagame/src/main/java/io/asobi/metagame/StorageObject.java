package io.asobi.metagame;

/**
 * One generic storage object (asobi-spec §3.8).
 *
 * @param id           its id (UUIDv7), fixed when it was created.
 * @param collection   its collection.
 * @param key          its key within the collection.
 * @param ownerId      the owning player, or null for a global (server-only) object.
 * @param valueJson    the stored JSON document, as UTF-8 text.
 * @param version      1 when created, +1 per write.
 * @param readPerm     who may read it.
 * @param writePerm    who may write or delete it.
 * @param insertedAtMs when it was created (Unix ms).
 * @param updatedAtMs  when it was last written (Unix ms).
 */
public record StorageObject(
    String id,
    String collection,
    String key,
    String ownerId,
    String valueJson,
    long version,
    StoragePermission readPerm,
    StoragePermission writePerm,
    long insertedAtMs,
    long updatedAtMs)
{
    /**
     * @param playerId a player.
     * @return whether that player may read this object.
     */
    public boolean isReadableBy(final String playerId)
    {
        return StoragePermission.PUBLIC == readPerm || (null != ownerId && ownerId.equals(playerId));
    }

    /**
     * @param playerId a player.
     * @return whether that player may write or delete this object.
     */
    public boolean isWritableBy(final String playerId)
    {
        return StoragePermission.PUBLIC == writePerm || (null != ownerId && ownerId.equals(playerId));
    }
}

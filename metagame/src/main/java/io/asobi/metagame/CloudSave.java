package io.asobi.metagame;

/**
 * One version of a cloud save slot (asobi-spec §3.8).
 *
 * @param id           the slot's id (UUIDv7), fixed when the slot was created.
 * @param playerId     the owner.
 * @param slot         the slot name.
 * @param dataJson     the saved JSON document, as UTF-8 text.
 * @param version      1 when created, +1 per write.
 * @param insertedAtMs when the slot was created (Unix ms).
 * @param updatedAtMs  when this version was written (Unix ms).
 */
public record CloudSave(
    String id, String playerId, String slot, String dataJson, long version, long insertedAtMs, long updatedAtMs)
{
}

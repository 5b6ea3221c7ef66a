package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A player's public profile (asobi-spec §3.2).
 *
 * @param id          UUIDv7 string.
 * @param username    unique name.
 * @param displayName shown name.
 * @param avatarUrl   or null.
 * @param metadata    JSON object, never null (empty by default); do not modify.
 * @param insertedAtMs creation time, Unix milliseconds.
 * @param updatedAtMs  last update, Unix milliseconds.
 */
public record PlayerProfile(
    String id, String username, String displayName, String avatarUrl, JsonNode metadata, long insertedAtMs,
    long updatedAtMs)
{
}

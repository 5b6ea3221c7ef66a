package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.asobi.metagame.CloudSave;
import io.asobi.metagame.CloudSaves;
import io.asobi.metagame.MetagameServices;
import io.asobi.metagame.Storage;
import io.asobi.metagame.StorageObject;
import io.asobi.metagame.StoragePermission;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;

/**
 * Cloud saves and generic storage (asobi-spec §3.8), bearer-authenticated:
 * <ul>
 * <li>{@code GET /saves} → {@code {saves:[{slot, version, updated_at}]}};</li>
 * <li>{@code GET /saves/:slot} → {@code {id, player_id, slot, data, version, inserted_at, updated_at}};</li>
 * <li>{@code PUT /saves/:slot} {@code {data, version?}} → the written row;</li>
 * <li>beyond Asobi: {@code GET /saves/:slot/versions} → {@code {slot, versions:[{version, updated_at}]}} newest first
 * and {@code GET /saves/:slot/versions/:version} → that version's row;</li>
 * <li>{@code GET /storage/:collection?limit=&offset=} → {@code {objects:[rows the caller may read]}};</li>
 * <li>{@code GET|PUT|DELETE /storage/:collection/:key}; PUT {@code {value, read_perm?, write_perm?, version?}}.</li>
 * </ul>
 * A player only ever reaches their own saves; storage permissions are enforced by {@link Storage}.
 */
final class StorageRoutes implements RestRoutes
{
    private static final String GET_ONLY = "GET, OPTIONS";
    private static final String GET_PUT = "GET, PUT, OPTIONS";
    private static final String GET_PUT_DELETE = "GET, PUT, DELETE, OPTIONS";

    static
    {
        ErrorCodes.register("save.not_found", 404, "No cloud save exists in this slot.");
        ErrorCodes.register("save.too_large", 413, "The save data is larger than the per-slot limit.");
        ErrorCodes.register("save.version_conflict", 409, "The slot was written by another client.");
        ErrorCodes.register("save.slot_limit_reached", 409, "The player has no free cloud-save slots.");
        ErrorCodes.register("save.invalid_slot", 400, "A slot name is 1-64 characters of A-Z a-z 0-9 _ . -.");
        ErrorCodes.register("save.version_not_found", 404, "This version of the slot is not kept.");
        ErrorCodes.register("storage.not_found", 404, "No object exists at this collection and key.");
        ErrorCodes.register("storage.forbidden", 403, "The object's permissions do not allow this.");
        ErrorCodes.register("storage.value_too_large", 413, "The value is larger than the per-object limit.");
        ErrorCodes.register("storage.invalid_perm", 400, "read_perm and write_perm must be \"public\" or \"owner\".");
        ErrorCodes.register("storage.invalid_request", 400, "The request is not the shape storage expects.");
        ErrorCodes.register("storage.conflict", 409, "The object was written by another client.");
        ErrorCodes.register("storage.limit_reached", 409, "The owner holds as many objects as allowed.");
        ErrorCodes.register("storage.query_failed", 500, "The storage query failed.");
    }

    private final RestSupport support;
    private final CloudSaves saves;
    private final Storage storage;

    StorageRoutes(final RestSupport support, final MetagameServices metagame)
    {
        this.support = support;
        this.saves = metagame.cloudSaves();
        this.storage = metagame.storage();
    }

    public boolean handle(final HttpExchange ex, final String[] seg)
    {
        final int n = seg.length;
        if (n < 3)
        {
            return false;
        }
        if ("saves".equals(seg[2]))
        {
            return saves(ex, seg, n);
        }
        if ("storage".equals(seg[2]) && (4 == n || 5 == n))
        {
            if (4 == n)
            {
                if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                {
                    final String playerId = support.player(ex);
                    final int limit = clampedParam(ex, "limit", 50, 1, 100);
                    final int offset = clampedParam(ex, "offset", 0, 0, 100_000);
                    RestSupport.answer(ex, storage.list(playerId, seg[3], limit, offset), StorageRoutes::objectList);
                }
                return true;
            }
            if (RestSupport.allow(ex, GET_PUT_DELETE, HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE))
            {
                final String playerId = support.player(ex);
                final HttpMethod method = ex.method();
                if (HttpMethod.GET.equals(method))
                {
                    RestSupport.answer(ex, storage.get(playerId, seg[3], seg[4]), StorageRoutes::objectRow);
                }
                else if (HttpMethod.PUT.equals(method))
                {
                    putObject(ex, playerId, seg[3], seg[4]);
                }
                else
                {
                    RestSupport.answer(ex, storage.delete(playerId, seg[3], seg[4]),
                        ignored -> Json.NODES.objectNode().put("success", true));
                }
            }
            return true;
        }
        return false;
    }

    private boolean saves(final HttpExchange ex, final String[] seg, final int n)
    {
        if (3 == n)
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                RestSupport.answer(ex, saves.list(support.player(ex)), StorageRoutes::saveList);
            }
            return true;
        }
        if (4 == n)
        {
            if (RestSupport.allow(ex, GET_PUT, HttpMethod.GET, HttpMethod.PUT))
            {
                final String playerId = support.player(ex);
                if (HttpMethod.GET.equals(ex.method()))
                {
                    RestSupport.answer(ex, saves.get(playerId, seg[3]), StorageRoutes::saveRow);
                }
                else
                {
                    final ObjectNode body = ex.bodyObject();
                    final long version = versionField(body, ErrorCodes.INVALID_PAYLOAD, CloudSaves.ANY_VERSION);
                    RestSupport.answer(ex, saves.put(playerId, seg[3], body.get("data"), version),
                        StorageRoutes::saveRow);
                }
            }
            return true;
        }
        if ((5 == n || 6 == n) && "versions".equals(seg[4]))
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                final String playerId = support.player(ex);
                if (5 == n)
                {
                    final String slot = seg[3];
                    RestSupport.answer(ex, saves.versions(playerId, slot), versions -> versionList(slot, versions));
                }
                else
                {
                    final long version = parseVersion(seg[5]);
                    RestSupport.answer(ex, saves.version(playerId, seg[3], version), StorageRoutes::saveRow);
                }
            }
            return true;
        }
        return false;
    }

    private void putObject(final HttpExchange ex, final String playerId, final String collection, final String key)
    {
        final ObjectNode body;
        try
        {
            body = ex.bodyObject();
        }
        catch (final HttpRequestException refused)
        {
            if (ErrorCodes.INVALID_PAYLOAD.equals(refused.code()))
            {
                throw new HttpRequestException("storage.invalid_request", null);
            }
            throw refused;
        }
        final StoragePermission readPerm = permission(body, "read_perm");
        final StoragePermission writePerm = permission(body, "write_perm");
        final long version = versionField(body, "storage.invalid_request", Storage.ANY_VERSION);
        RestSupport.answer(ex, storage.put(playerId, collection, key, body.get("value"), readPerm, writePerm, version),
            StorageRoutes::objectRow);
    }

    private static StoragePermission permission(final ObjectNode body, final String field)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            return null;
        }
        final StoragePermission permission = node.isTextual() ? StoragePermission.fromWire(node.textValue()) : null;
        if (null == permission)
        {
            throw new HttpRequestException("storage.invalid_perm", Json.NODES.objectNode().put("field", field));
        }
        return permission;
    }

    /** An optional non-negative integer {@code version}; absent or null → {@code absent}. */
    private static long versionField(final ObjectNode body, final String code, final long absent)
    {
        final JsonNode node = body.get("version");
        if (null == node || node.isNull())
        {
            return absent;
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0)
        {
            throw new HttpRequestException(code, Json.NODES.objectNode().put("field", "version")
                .put("reason", "must be a non-negative integer"));
        }
        return node.asLong();
    }

    private static long parseVersion(final String raw)
    {
        try
        {
            final long version = Long.parseLong(raw);
            if (version >= 1)
            {
                return version;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // answered below
        }
        throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD, Json.NODES.objectNode().put("field", "version")
            .put("reason", "must be a positive integer"));
    }

    /** Asobi's list paging: clamped into range, a non-numeric value means the default. */
    private static int clampedParam(
        final HttpExchange ex, final String name, final int defaultValue, final int min, final int max)
    {
        final String raw = ex.param(name);
        if (null == raw || raw.isEmpty())
        {
            return defaultValue;
        }
        try
        {
            return (int)Math.max(min, Math.min(max, Long.parseLong(raw.trim())));
        }
        catch (final NumberFormatException ex2)
        {
            return defaultValue;
        }
    }

    private static ObjectNode saveList(final List<CloudSave> list)
    {
        final ObjectNode body = Json.NODES.objectNode();
        final ArrayNode rows = body.putArray("saves");
        for (final CloudSave save : list)
        {
            rows.addObject()
                .put("slot", save.slot())
                .put("version", save.version())
                .put("updated_at", RestApi.isoSeconds(save.updatedAtMs()));
        }
        return body;
    }

    private static ObjectNode versionList(final String slot, final List<CloudSave> list)
    {
        final ObjectNode body = Json.NODES.objectNode();
        body.put("slot", slot);
        final ArrayNode rows = body.putArray("versions");
        for (final CloudSave save : list)
        {
            rows.addObject()
                .put("version", save.version())
                .put("updated_at", RestApi.isoSeconds(save.updatedAtMs()));
        }
        return body;
    }

    static ObjectNode saveRow(final CloudSave save)
    {
        final ObjectNode row = Json.NODES.objectNode();
        row.put("id", save.id());
        row.put("player_id", save.playerId());
        row.put("slot", save.slot());
        row.putRawValue("data", new RawValue(save.dataJson()));
        row.put("version", save.version());
        row.put("inserted_at", RestApi.isoSeconds(save.insertedAtMs()));
        row.put("updated_at", RestApi.isoSeconds(save.updatedAtMs()));
        return row;
    }

    private static ObjectNode objectList(final List<StorageObject> list)
    {
        final ObjectNode body = Json.NODES.objectNode();
        final ArrayNode rows = body.putArray("objects");
        for (final StorageObject object : list)
        {
            rows.add(objectRow(object));
        }
        return body;
    }

    static ObjectNode objectRow(final StorageObject object)
    {
        final ObjectNode row = Json.NODES.objectNode();
        row.put("id", object.id());
        row.put("collection", object.collection());
        row.put("key", object.key());
        row.put("player_id", object.ownerId());
        row.putRawValue("value", new RawValue(object.valueJson()));
        row.put("version", object.version());
        row.put("read_perm", object.readPerm().wireName());
        row.put("write_perm", object.writePerm().wireName());
        row.put("inserted_at", RestApi.isoSeconds(object.insertedAtMs()));
        row.put("updated_at", RestApi.isoSeconds(object.updatedAtMs()));
        return row;
    }
}

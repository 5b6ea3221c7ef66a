package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.metagame.Accounts;
import io.asobi.metagame.Audit;
import io.asobi.metagame.MetagameServices;
import io.asobi.metagame.PlayerData;
import io.asobi.metagame.PlayerProfile;
import io.asobi.metagame.Uuid7;
import io.netty.handler.codec.http.HttpMethod;

import java.util.Locale;
import java.util.Map;

/**
 * Player erasure and the operator's player API (asobi-spec §3.2, §3.9):
 * <ul>
 * <li>{@code POST /players/me/erase} {@code {password}} (bearer) → {@code {deleted:true}}; 400 {@code missing_field},
 * 403 {@code player.confirmation_failed}, 409 {@code player.credentials_changed}; 3 per minute per player;</li>
 * <li>{@code GET /ops/players?limit=&offset=&q=&sort=&order=} → {@code {data:[profiles], page:{limit, offset,
 * total}}};</li>
 * <li>{@code GET /ops/players/:id} → {@code {data: profile}};</li>
 * <li>{@code GET /ops/players/:id/export} → {@code {data: {player, account, <domain>...}}};</li>
 * <li>{@code POST /ops/players/:id/erase} {@code {username}} → {@code {data:{player_id, erased:true}}}, audited.</li>
 * </ul>
 * The {@code /ops} routes answer the operator secret only (403 {@code forbidden} otherwise, players included).
 */
final class PlayerAdminRoutes implements RestRoutes
{
    private static final String GET_ONLY = "GET, OPTIONS";
    private static final String POST_ONLY = "POST, OPTIONS";
    private static final int MAX_QUERY_LENGTH = 128;
    /** Self-erasures per player per {@link #ERASE_WINDOW_MS} (Asobi's {@code erase} limit). */
    static final int ERASES_PER_WINDOW = 3;
    static final long ERASE_WINDOW_MS = 60_000;

    static
    {
        ErrorCodes.register("player.confirmation_failed", 403, "The password does not confirm the erasure.");
        ErrorCodes.register("player.credentials_changed", 409, "The credentials changed during the erasure. Retry.");
        ErrorCodes.register("player.erase_failed", 500, "The player could not be erased.");
        ErrorCodes.register("ops.invalid_id", 400, "The id is missing or not the shape this endpoint accepts.");
        ErrorCodes.register("ops.not_found", 404, "No record exists with this id.");
        ErrorCodes.register("ops.unknown_sort_field", 400, "That is not a field this endpoint sorts on.");
        ErrorCodes.register("ops.unknown_sort_order", 400, "`order` must be \"asc\" or \"desc\".");
        ErrorCodes.register("ops.confirmation_required", 400,
            "An erasure must echo the player's username in the request body.");
        ErrorCodes.register("ops.confirmation_mismatch", 400,
            "The username in the request body is not this player's username.");
    }

    private final RestSupport support;
    private final Accounts accounts;
    private final PlayerData players;
    private final KeyedRateLimiter eraseLimiter;

    /**
     * @param support      shared route support.
     * @param metagame     the metagame services.
     * @param eraseLimiter self-erasures per player, or null for none.
     */
    PlayerAdminRoutes(final RestSupport support, final MetagameServices metagame, final KeyedRateLimiter eraseLimiter)
    {
        this.support = support;
        this.accounts = metagame.accounts();
        this.players = metagame.playerData();
        this.eraseLimiter = eraseLimiter;
    }

    public boolean handle(final HttpExchange ex, final String[] seg)
    {
        final int n = seg.length;
        if (5 == n && "players".equals(seg[2]) && "me".equals(seg[3]) && "erase".equals(seg[4]))
        {
            if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
            {
                eraseSelf(ex);
            }
            return true;
        }
        if (n >= 4 && n <= 6 && "ops".equals(seg[2]) && "players".equals(seg[3]))
        {
            return ops(ex, seg, n);
        }
        return false;
    }

    private void eraseSelf(final HttpExchange ex)
    {
        final String playerId = support.player(ex);
        final ObjectNode body = ex.bodyObject();
        final JsonNode password = body.get("password");
        if (null == password || password.isNull())
        {
            throw new HttpRequestException(ErrorCodes.MISSING_FIELD, Json.NODES.objectNode().put("field", "password"));
        }
        if (!password.isTextual())
        {
            throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD,
                Json.NODES.objectNode().put("field", "password"));
        }
        if (null != eraseLimiter && !eraseLimiter.tryAcquire(playerId))
        {
            throw new HttpRequestException(ErrorCodes.RATE_LIMITED,
                Json.NODES.objectNode().put("retry_after", ERASE_WINDOW_MS / 1000),
                Map.of("retry_after", Json.NODES.numberNode(ERASE_WINDOW_MS / 1000)));
        }
        RestSupport.answer(ex, players.eraseSelf(playerId, password.textValue()),
            ignored -> Json.NODES.objectNode().put("deleted", true));
    }

    private boolean ops(final HttpExchange ex, final String[] seg, final int n)
    {
        if (4 == n)
        {
            final String operator = support.operator(ex);
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                list(ex, operator);
            }
            return true;
        }
        if (6 == n && !"export".equals(seg[5]) && !"erase".equals(seg[5]))
        {
            return false;
        }
        final String operator = support.operator(ex);
        final String playerId = seg[4];
        if (5 == n)
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                requireId(playerId);
                final PlayerProfile profile = accounts.player(playerId);
                if (null == profile)
                {
                    ex.error("ops.not_found", null);
                    return true;
                }
                ex.json(200, Json.NODES.objectNode().set("data", RestApi.profileBody(profile)));
            }
            return true;
        }
        if ("export".equals(seg[5]))
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                requireId(playerId);
                RestSupport.answer(ex, players.export(playerId), export ->
                    Json.NODES.objectNode().set("data", export));
            }
            return true;
        }
        if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
        {
            requireId(playerId);
            final JsonNode username = ex.bodyObject().get("username");
            if (null == username || !username.isTextual())
            {
                throw new HttpRequestException("ops.confirmation_required", null);
            }
            RestSupport.answer(ex, players.eraseByOperator(operator, playerId, username.textValue()), ignored ->
            {
                final ObjectNode body = Json.NODES.objectNode();
                body.putObject("data").put("player_id", playerId).put("erased", true);
                return body;
            });
        }
        return true;
    }

    private void list(final HttpExchange ex, final String operator)
    {
        final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
        final int offset = RestSupport.intParam(ex, "offset", 0, 0, 100_000);
        final String q = ex.param("q");
        if (null != q && q.length() > MAX_QUERY_LENGTH)
        {
            throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD, Json.NODES.objectNode().put("field", "q")
                .put("reason", "at most " + MAX_QUERY_LENGTH + " characters"));
        }
        final String sort = ex.param("sort");
        final PlayerData.SortField sortField = null == sort || sort.isEmpty() ?
            PlayerData.SortField.INSERTED_AT : sortField(sort);
        final String order = ex.param("order");
        final boolean descending;
        if (null == order || order.isEmpty())
        {
            descending = null == sort || sort.isEmpty();
        }
        else if ("asc".equals(order) || "desc".equals(order))
        {
            descending = "desc".equals(order);
        }
        else
        {
            throw new HttpRequestException("ops.unknown_sort_order", Json.NODES.objectNode().put("order", order),
                Map.of("order", Json.NODES.textNode(order)));
        }
        RestSupport.answer(ex, players.list(limit, offset, q, sortField, descending), page -> page(page, limit, offset));
    }

    private static PlayerData.SortField sortField(final String sort)
    {
        return switch (sort)
        {
            case "id", "username", "display_name", "inserted_at", "updated_at" ->
                PlayerData.SortField.valueOf(sort.toUpperCase(Locale.ROOT));
            default -> throw new HttpRequestException("ops.unknown_sort_field",
                Json.NODES.objectNode().put("field", sort), Map.of("field", Json.NODES.textNode(sort)));
        };
    }

    private static void requireId(final String playerId)
    {
        if (!Uuid7.isCanonical(playerId))
        {
            throw new HttpRequestException("ops.invalid_id", null);
        }
    }

    private static ObjectNode page(final Audit.Page<PlayerProfile> page, final int limit, final int offset)
    {
        final ObjectNode body = Json.NODES.objectNode();
        final ArrayNode data = body.putArray("data");
        for (final PlayerProfile profile : page.items())
        {
            data.add(RestApi.profileBody(profile));
        }
        body.putObject("page").put("limit", limit).put("offset", offset).put("total", page.total());
        return body;
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.metagame.Audit;
import io.asobi.metagame.Economy;
import io.asobi.metagame.MetagameServices;
import io.netty.handler.codec.http.HttpMethod;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The economy's REST routes (asobi-spec §3.6) and its operator routes (§3.9):
 * <ul>
 *     <li>{@code GET /wallets}, {@code GET /wallets/:currency/history?limit=}, {@code GET /store?currency=},
 *     {@code POST /store/purchase {listing_id, quantity?}}, {@code GET /inventory?limit=},
 *     {@code POST /inventory/consume {item_id, quantity?}} for the bearer's own player;</li>
 *     <li>{@code /ops/economy/items[/:id]} (GET, POST), {@code /ops/economy/listings[/:id]} (GET, POST, PUT),
 *     {@code POST /ops/economy/grant|debit}, {@code GET /ops/players/:id/wallets} for the operator secret.</li>
 * </ul>
 * Timestamps are ISO-8601 strings; listing validity bounds are accepted as ISO-8601 strings or Unix milliseconds.
 */
final class EconomyRoutes implements RestRoutes
{
    private static final String GET_ONLY = "GET, OPTIONS";
    private static final String POST_ONLY = "POST, OPTIONS";
    private static final String GET_POST = "GET, POST, OPTIONS";
    private static final String GET_PUT = "GET, PUT, OPTIONS";
    private static final int MAX_ID_LENGTH = 64;

    static
    {
        ErrorCodes.register("economy.insufficient_funds", 402, "The wallet does not hold enough of this currency.");
        ErrorCodes.register("economy.listing_inactive", 400, "This store listing is not on sale.");
        ErrorCodes.register("economy.purchase_failed", 500, "The purchase could not be completed.");
        ErrorCodes.register("economy.invalid_currency", 400, "A currency code is 1 to 16 letters, digits or '_'.");
        ErrorCodes.register("economy.invalid_amount", 400, "`amount` must be an integer in 1..10^15.");
        ErrorCodes.register("economy.balance_limit", 409, "The wallet would exceed its largest balance.");
        ErrorCodes.register("economy.idempotency_conflict", 409,
            "This idempotency key was already used with other arguments.");
        ErrorCodes.register("economy.listing_not_found", 404, "No store listing exists with this id.");
        ErrorCodes.register("economy.item_not_found", 404, "No item definition exists with this id.");
        ErrorCodes.register("economy.slug_taken", 409, "An item definition with this slug already exists.");
        ErrorCodes.register("inventory.item_not_found", 404, "No inventory item exists with this id.");
        ErrorCodes.register("inventory.insufficient_quantity", 400, "The item stack holds fewer than the amount asked.");
        ErrorCodes.register("inventory.invalid_quantity", 400, "`quantity` must be a positive integer within the cap.");
        ErrorCodes.register("inventory.full", 409, "The inventory holds as many items as allowed.");
        ErrorCodes.register("ops.not_found", 404, "No record exists with this id.");
    }

    private final RestSupport support;
    private final Economy economy;

    EconomyRoutes(final RestSupport support, final MetagameServices metagame)
    {
        this.support = support;
        this.economy = metagame.economy();
    }

    public boolean handle(final HttpExchange ex, final String[] seg)
    {
        final int n = seg.length;
        if (n < 3)
        {
            return false;
        }
        switch (seg[2])
        {
            case "wallets" ->
            {
                if (3 == n)
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        final String player = support.player(ex);
                        RestSupport.answer(ex, economy.wallets(player), EconomyRoutes::walletsBody);
                    }
                    return true;
                }
                if (5 == n && "history".equals(seg[4]))
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        final String player = support.player(ex);
                        final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
                        RestSupport.answer(ex, economy.history(player, seg[3], limit),
                            list -> listBody("transactions", list, EconomyRoutes::transactionJson));
                    }
                    return true;
                }
                return false;
            }
            case "store" ->
            {
                if (3 == n)
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        support.player(ex);
                        final String currency = ex.param("currency");
                        RestSupport.answer(ex, economy.store(null == currency || currency.isEmpty() ? null : currency),
                            list -> listBody("listings", list, EconomyRoutes::listingJson));
                    }
                    return true;
                }
                if (4 == n && "purchase".equals(seg[3]))
                {
                    if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
                    {
                        purchase(ex, support.player(ex));
                    }
                    return true;
                }
                return false;
            }
            case "inventory" ->
            {
                if (3 == n)
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        final String player = support.player(ex);
                        final int limit = RestSupport.intParam(ex, "limit", 100, 1, 200);
                        RestSupport.answer(ex, economy.inventory(player, limit),
                            list -> listBody("items", list, EconomyRoutes::inventoryJson));
                    }
                    return true;
                }
                if (4 == n && "consume".equals(seg[3]))
                {
                    if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
                    {
                        consume(ex, support.player(ex));
                    }
                    return true;
                }
                return false;
            }
            case "ops" ->
            {
                return ops(ex, seg);
            }
            default ->
            {
                return false;
            }
        }
    }

    private boolean ops(final HttpExchange ex, final String[] seg)
    {
        final int n = seg.length;
        if (6 == n && "players".equals(seg[3]) && "wallets".equals(seg[5]))
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                support.operator(ex);
                final String playerId = seg[4];
                RestSupport.answer(ex, economy.wallets(playerId),
                    wallets -> walletsBody(wallets).put("player_id", playerId));
            }
            return true;
        }
        if (n < 5 || !"economy".equals(seg[3]))
        {
            return false;
        }
        switch (seg[4])
        {
            case "items" ->
            {
                if (5 == n)
                {
                    if (RestSupport.allow(ex, GET_POST, HttpMethod.GET, HttpMethod.POST))
                    {
                        final String operator = support.operator(ex);
                        if (HttpMethod.GET.equals(ex.method()))
                        {
                            final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
                            final int offset = RestSupport.intParam(ex, "offset", 0, 0, 100_000);
                            RestSupport.answer(ex, economy.items(limit, offset),
                                page -> pageBody(page, limit, offset, EconomyRoutes::itemJson));
                        }
                        else
                        {
                            createItem(ex, operator);
                        }
                    }
                    return true;
                }
                if (6 == n)
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        support.operator(ex);
                        RestSupport.answer(ex, economy.item(seg[5]), EconomyRoutes::itemJson);
                    }
                    return true;
                }
                return false;
            }
            case "listings" ->
            {
                if (5 == n)
                {
                    if (RestSupport.allow(ex, GET_POST, HttpMethod.GET, HttpMethod.POST))
                    {
                        final String operator = support.operator(ex);
                        if (HttpMethod.GET.equals(ex.method()))
                        {
                            final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
                            final int offset = RestSupport.intParam(ex, "offset", 0, 0, 100_000);
                            RestSupport.answer(ex, economy.listings(limit, offset),
                                page -> pageBody(page, limit, offset, EconomyRoutes::listingJson));
                        }
                        else
                        {
                            createListing(ex, operator);
                        }
                    }
                    return true;
                }
                if (6 == n)
                {
                    if (RestSupport.allow(ex, GET_PUT, HttpMethod.GET, HttpMethod.PUT))
                    {
                        final String operator = support.operator(ex);
                        if (HttpMethod.GET.equals(ex.method()))
                        {
                            RestSupport.answer(ex, economy.listing(seg[5]), EconomyRoutes::listingJson);
                        }
                        else
                        {
                            updateListing(ex, operator, seg[5]);
                        }
                    }
                    return true;
                }
                return false;
            }
            case "grant", "debit" ->
            {
                if (5 == n)
                {
                    if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
                    {
                        move(ex, support.operator(ex), "grant".equals(seg[4]));
                    }
                    return true;
                }
                return false;
            }
            default ->
            {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Commands.
    // ---------------------------------------------------------------------------------------------------------------

    private void purchase(final HttpExchange ex, final String player)
    {
        final ObjectNode body = ex.bodyObject();
        final String listingId = requiredId(body, "listing_id");
        final long quantity = optionalLong(body, "quantity", 1, "inventory.invalid_quantity");
        if (quantity < 1 || quantity > Economy.MAX_PURCHASE_QUANTITY)
        {
            throw new HttpRequestException("inventory.invalid_quantity",
                Json.NODES.objectNode().put("max", Economy.MAX_PURCHASE_QUANTITY));
        }
        RestSupport.answer(ex, economy.purchase(player, listingId, (int)quantity), purchase ->
        {
            final ObjectNode out = Json.NODES.objectNode();
            out.put("success", true);
            out.set("item", inventoryJson(purchase.items().getFirst()));
            final ArrayNode items = out.putArray("items");
            purchase.items().forEach(item -> items.add(inventoryJson(item)));
            out.set("transaction", transactionJson(purchase.transaction()));
            out.put("balance", purchase.transaction().balanceAfter());
            return out;
        });
    }

    private void consume(final HttpExchange ex, final String player)
    {
        final ObjectNode body = ex.bodyObject();
        final String itemId = requiredId(body, "item_id");
        final long quantity = optionalLong(body, "quantity", 1, "inventory.invalid_quantity");
        RestSupport.answer(ex, economy.consume(player, itemId, quantity), consumed -> Json.NODES.objectNode()
            .put("success", true)
            .put("remaining_quantity", consumed.remainingQuantity()));
    }

    private void move(final HttpExchange ex, final String operator, final boolean isGrant)
    {
        final ObjectNode body = ex.bodyObject();
        final String playerId = requiredId(body, "player_id");
        final String currency = requiredText(body, "currency");
        final long amount = requiredLong(body, "amount", "economy.invalid_amount");
        final String reason = requiredText(body, "reason");
        final Economy.MovementRequest request = new Economy.MovementRequest(playerId, currency, amount, reason,
            optionalText(body, "idempotency_key"), optionalText(body, "reference_type"),
            optionalText(body, "reference_id"), metadata(body));
        RestSupport.answer(ex, isGrant ? economy.grant(request, operator) : economy.debit(request, operator),
            movement ->
            {
                final ObjectNode out = Json.NODES.objectNode();
                out.set("transaction", transactionJson(movement.transaction()));
                out.put("balance", movement.transaction().balanceAfter());
                out.put("duplicate", movement.isRepeat());
                return out;
            });
    }

    private void createItem(final HttpExchange ex, final String operator)
    {
        final ObjectNode body = ex.bodyObject();
        final String slug = requiredText(body, "slug");
        final String name = requiredText(body, "name");
        final boolean stackable = optionalBoolean(body, "stackable", true);
        final long maxStack = optionalLong(body, "max_stack", 0, ErrorCodes.INVALID_PAYLOAD);
        final Economy.ItemSpec spec = new Economy.ItemSpec(slug, name, optionalText(body, "category"),
            optionalText(body, "rarity"), stackable, maxStack, metadata(body));
        RestSupport.answer(ex, 201, economy.createItem(spec, operator), EconomyRoutes::itemJson);
    }

    private void createListing(final HttpExchange ex, final String operator)
    {
        final ObjectNode body = ex.bodyObject();
        final Economy.ListingSpec spec = new Economy.ListingSpec(
            requiredId(body, "item_def_id"),
            requiredText(body, "currency"),
            requiredLong(body, "price", ErrorCodes.INVALID_PAYLOAD),
            optionalLong(body, "quantity", 1, ErrorCodes.INVALID_PAYLOAD),
            optionalBoolean(body, "active", true),
            timeField(body, "valid_from", Economy.UNBOUNDED),
            timeField(body, "valid_until", Economy.UNBOUNDED),
            metadata(body));
        RestSupport.answer(ex, 201, economy.createListing(spec, operator), EconomyRoutes::listingJson);
    }

    private void updateListing(final HttpExchange ex, final String operator, final String listingId)
    {
        final ObjectNode body = ex.bodyObject();
        final Boolean active = body.has("active") ? optionalBoolean(body, "active", false) : null;
        final Long price = body.has("price") ? requiredLong(body, "price", ErrorCodes.INVALID_PAYLOAD) : null;
        final Long validFrom = body.has("valid_from") ? timeField(body, "valid_from", Economy.UNBOUNDED) : null;
        final Long validUntil = body.has("valid_until") ? timeField(body, "valid_until", Economy.UNBOUNDED) : null;
        RestSupport.answer(ex, economy.updateListing(listingId,
            new Economy.ListingChange(active, price, validFrom, validUntil), operator), EconomyRoutes::listingJson);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Body fields.
    // ---------------------------------------------------------------------------------------------------------------

    private static HttpRequestException invalid(final String field, final String reason)
    {
        return new HttpRequestException(ErrorCodes.INVALID_PAYLOAD,
            Json.NODES.objectNode().put("field", field).put("reason", reason));
    }

    private static String requiredText(final ObjectNode body, final String field)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            throw new HttpRequestException(ErrorCodes.MISSING_FIELD, Json.NODES.objectNode().put("field", field));
        }
        if (!node.isTextual())
        {
            throw invalid(field, "must be a string");
        }
        return node.asText();
    }

    private static String requiredId(final ObjectNode body, final String field)
    {
        final String id = requiredText(body, field);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH)
        {
            throw invalid(field, "must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    private static String optionalText(final ObjectNode body, final String field)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            return null;
        }
        if (!node.isTextual())
        {
            throw invalid(field, "must be a string");
        }
        return node.asText();
    }

    private static long requiredLong(final ObjectNode body, final String field, final String code)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            throw new HttpRequestException(ErrorCodes.MISSING_FIELD, Json.NODES.objectNode().put("field", field));
        }
        return longOf(node, field, code);
    }

    private static long optionalLong(final ObjectNode body, final String field, final long defaultValue,
        final String code)
    {
        final JsonNode node = body.get(field);
        return null == node || node.isNull() ? defaultValue : longOf(node, field, code);
    }

    private static long longOf(final JsonNode node, final String field, final String code)
    {
        if (!node.isIntegralNumber() || !node.canConvertToLong())
        {
            throw new HttpRequestException(code,
                Json.NODES.objectNode().put("field", field).put("reason", "must be an integer"));
        }
        return node.asLong();
    }

    private static boolean optionalBoolean(final ObjectNode body, final String field, final boolean defaultValue)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            return defaultValue;
        }
        if (!node.isBoolean())
        {
            throw invalid(field, "must be true or false");
        }
        return node.asBoolean();
    }

    /** An ISO-8601 instant or Unix milliseconds; null or absent is {@code absent}. */
    private static long timeField(final ObjectNode body, final String field, final long absent)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            return absent;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0)
        {
            return node.asLong();
        }
        if (node.isTextual())
        {
            try
            {
                final long ms = Instant.parse(node.asText()).toEpochMilli();
                if (ms > 0)
                {
                    return ms;
                }
            }
            catch (final DateTimeParseException | ArithmeticException ignore)
            {
                // reported below
            }
        }
        throw invalid(field, "must be an ISO-8601 time after 1970 or Unix milliseconds");
    }

    private static String metadata(final ObjectNode body)
    {
        final JsonNode node = body.get("metadata");
        return null == node || node.isNull() ? null : node.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rendering.
    // ---------------------------------------------------------------------------------------------------------------

    private static String iso(final long ms)
    {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static JsonNode isoOrNull(final long ms)
    {
        return Economy.UNBOUNDED == ms ? Json.NODES.nullNode() : Json.NODES.textNode(iso(ms));
    }

    private static JsonNode emptyToNull(final String value)
    {
        return null == value || value.isEmpty() ? Json.NODES.nullNode() : Json.NODES.textNode(value);
    }

    private static ObjectNode walletsBody(final List<Economy.Wallet> wallets)
    {
        final ObjectNode out = Json.NODES.objectNode();
        final ArrayNode array = out.putArray("wallets");
        for (final Economy.Wallet wallet : wallets)
        {
            array.addObject()
                .put("currency", wallet.currency())
                .put("balance", wallet.balance())
                .put("updated_at", iso(wallet.updatedAtMs()));
        }
        return out;
    }

    private static <T> ObjectNode listBody(final String key, final List<T> list, final Function<T, JsonNode> toJson)
    {
        final ObjectNode out = Json.NODES.objectNode();
        final ArrayNode array = out.putArray(key);
        list.forEach(value -> array.add(toJson.apply(value)));
        return out;
    }

    private static <T> ObjectNode pageBody(
        final Audit.Page<T> page, final int limit, final int offset, final Function<T, JsonNode> toJson)
    {
        final ObjectNode out = listBody("data", page.items(), toJson);
        out.putObject("page").put("limit", limit).put("offset", offset).put("total", page.total());
        return out;
    }

    static ObjectNode transactionJson(final Economy.Transaction t)
    {
        final ObjectNode out = Json.NODES.objectNode()
            .put("id", t.id())
            .put("player_id", t.playerId())
            .put("currency", t.currency())
            .put("amount", t.amount())
            .put("balance_after", t.balanceAfter())
            .put("reason", t.reason());
        out.set("reference_type", emptyToNull(t.referenceType()));
        out.set("reference_id", emptyToNull(t.referenceId()));
        out.set("metadata", Json.parseOrText(t.metadataJson()));
        out.put("inserted_at", iso(t.atMs()));
        return out;
    }

    static ObjectNode itemJson(final Economy.ItemDef item)
    {
        final ObjectNode out = Json.NODES.objectNode()
            .put("id", item.id())
            .put("slug", item.slug())
            .put("name", item.name());
        out.set("category", emptyToNull(item.category()));
        out.set("rarity", emptyToNull(item.rarity()));
        out.put("stackable", item.stackable());
        out.put("max_stack", item.maxStack());
        out.set("metadata", Json.parseOrText(item.metadataJson()));
        out.put("inserted_at", iso(item.createdAtMs()));
        return out;
    }

    static ObjectNode listingJson(final Economy.Listing listing)
    {
        final ObjectNode out = Json.NODES.objectNode()
            .put("id", listing.id())
            .put("item_def_id", listing.itemDefId())
            .put("currency", listing.currency())
            .put("price", listing.price())
            .put("quantity", listing.quantity())
            .put("active", listing.active());
        out.set("valid_from", isoOrNull(listing.validFromMs()));
        out.set("valid_until", isoOrNull(listing.validUntilMs()));
        out.set("metadata", Json.parseOrText(listing.metadataJson()));
        out.put("inserted_at", iso(listing.createdAtMs()));
        out.put("updated_at", iso(listing.updatedAtMs()));
        return out;
    }

    static ObjectNode inventoryJson(final Economy.InventoryItem item)
    {
        final ObjectNode out = Json.NODES.objectNode()
            .put("id", item.id())
            .put("item_def_id", item.itemDefId())
            .put("player_id", item.playerId())
            .put("quantity", item.quantity());
        out.putObject("metadata");
        out.put("acquired_at", iso(item.acquiredAtMs()));
        out.put("updated_at", iso(item.updatedAtMs()));
        return out;
    }
}

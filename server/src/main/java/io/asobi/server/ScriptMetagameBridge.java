package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.MetagameBridge;
import io.asobi.metagame.AccountException;
import io.asobi.metagame.Economy;
import io.asobi.metagame.Leaderboards;
import io.asobi.metagame.MetagameServices;
import io.asobi.metagame.StorageObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The metagame as game scripts see it ({@link MetagameBridge}): each method maps onto the economy, leaderboard or
 * storage service, and every answer is wrapped ({@code {"ok": value}} or {@code {"error": "code"}}). Economy
 * movements use the call's {@code idempotency_key}, so a tick re-run after a crash does not move money twice.
 * <p>
 * <b>Note:</b> thread safe; never blocks (answers complete on the metagame writer).
 */
final class ScriptMetagameBridge implements MetagameBridge
{
    private static final Logger LOG = LoggerFactory.getLogger(ScriptMetagameBridge.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOP = 100;
    private static final int MAX_AROUND = 50;

    private final MetagameServices metagame;

    ScriptMetagameBridge(final MetagameServices metagame)
    {
        this.metagame = metagame;
    }

    public CompletableFuture<JsonNode> call(final String method, final ObjectNode args)
    {
        try
        {
            return switch (method)
            {
                case "economy.grant" -> wrap(metagame.economy().grant(movement(args), null),
                    m -> NODES.numberNode(m.transaction().balanceAfter()));
                case "economy.debit" -> wrap(metagame.economy().debit(movement(args), null),
                    m -> NODES.numberNode(m.transaction().balanceAfter()));
                case "economy.balance" -> wrap(metagame.economy().wallets(text(args, "player_id")),
                    ScriptMetagameBridge::wallets);
                case "economy.purchase" -> wrap(metagame.economy().purchase(text(args, "player_id"),
                    text(args, "listing_id"), 1), ScriptMetagameBridge::purchase);
                case "leaderboard.submit" -> wrap(metagame.leaderboards().submit(text(args, "board"),
                    text(args, "player_id"), args.path("score").asLong(), 0, false), ScriptMetagameBridge::entry);
                case "leaderboard.top" -> wrap(metagame.leaderboards().top(text(args, "board"),
                    bounded(args.path("n").asInt(10), MAX_TOP), 0), ScriptMetagameBridge::entries);
                case "leaderboard.rank" -> wrap(metagame.leaderboards().rank(text(args, "board"),
                    text(args, "player_id")), e -> NODES.numberNode(e.rank()));
                case "leaderboard.around" -> wrap(metagame.leaderboards().around(text(args, "board"),
                    text(args, "player_id"), bounded(args.path("n").asInt(5), MAX_AROUND), 0),
                    ScriptMetagameBridge::entries);
                case "storage.get" -> wrap(metagame.storage().getGlobal(text(args, "collection"),
                    text(args, "key")), ScriptMetagameBridge::value);
                case "storage.set" -> wrap(metagame.storage().putGlobal(text(args, "collection"),
                    text(args, "key"), args.path("value")), o -> NODES.booleanNode(true));
                case "storage.player_get" -> wrap(metagame.storage().getPlayerObject(text(args, "player_id"),
                    text(args, "collection"), text(args, "key")), ScriptMetagameBridge::value);
                case "storage.player_set" -> wrap(metagame.storage().putPlayerObject(text(args, "player_id"),
                    text(args, "collection"), text(args, "key"), args.path("value")), o -> NODES.booleanNode(true));
                default -> CompletableFuture.completedFuture(error("unknown_method"));
            };
        }
        catch (final AccountException ex)
        {
            return CompletableFuture.completedFuture(error(ex.code()));
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("metagame call {} from a game script failed", method, ex);
            return CompletableFuture.completedFuture(error("internal"));
        }
    }

    private static Economy.MovementRequest movement(final ObjectNode args)
    {
        final String reason = args.hasNonNull("reason") ? args.get("reason").asText() : "game";
        final String key = args.hasNonNull("idempotency_key") ? args.get("idempotency_key").asText() : null;
        return Economy.MovementRequest.of(text(args, "player_id"), text(args, "currency"),
            args.path("amount").asLong(), reason, key);
    }

    private static String text(final ObjectNode args, final String field)
    {
        final JsonNode node = args.get(field);
        if (null == node || !node.isTextual())
        {
            throw new AccountException("invalid_payload", field + " must be a string", java.util.Map.of());
        }
        return node.textValue();
    }

    private static int bounded(final int value, final int max)
    {
        return Math.max(1, Math.min(max, value));
    }

    private static <T> CompletableFuture<JsonNode> wrap(
        final CompletableFuture<T> future, final Function<T, JsonNode> ok)
    {
        return future.handle((value, failure) ->
        {
            if (null != failure)
            {
                final Throwable cause = failure instanceof CompletionException && null != failure.getCause() ?
                    failure.getCause() : failure;
                if (cause instanceof final AccountException refused)
                {
                    return error(refused.code());
                }
                LOG.warn("metagame call from a game script failed", cause);
                return error("internal");
            }
            final ObjectNode answer = NODES.objectNode();
            answer.set("ok", null == value ? NODES.nullNode() : ok.apply(value));
            return answer;
        });
    }

    private static ObjectNode error(final String code)
    {
        return NODES.objectNode().put("error", null == code ? "internal" : code);
    }

    private static JsonNode wallets(final List<Economy.Wallet> wallets)
    {
        final ArrayNode out = NODES.arrayNode();
        for (final Economy.Wallet wallet : wallets)
        {
            out.addObject().put("currency", wallet.currency()).put("balance", wallet.balance());
        }
        return out;
    }

    private static JsonNode purchase(final Economy.Purchase purchase)
    {
        final ObjectNode out = NODES.objectNode();
        out.put("balance", purchase.transaction().balanceAfter());
        final ArrayNode items = out.putArray("items");
        for (final Economy.InventoryItem item : purchase.items())
        {
            items.addObject().put("id", item.id()).put("item_def_id", item.itemDefId())
                .put("quantity", item.quantity());
        }
        return out;
    }

    private static JsonNode entry(final Leaderboards.Entry entry)
    {
        return NODES.objectNode().put("player_id", entry.playerId()).put("score", entry.score())
            .put("rank", entry.rank());
    }

    private static JsonNode entries(final List<Leaderboards.Entry> entries)
    {
        final ArrayNode out = NODES.arrayNode();
        for (final Leaderboards.Entry entry : entries)
        {
            out.add(entry(entry));
        }
        return out;
    }

    private static JsonNode value(final StorageObject object)
    {
        if (null == object)
        {
            return NODES.nullNode();
        }
        try
        {
            return JSON.readTree(object.valueJson());
        }
        catch (final IOException ex)
        {
            return NODES.textNode(object.valueJson());
        }
    }
}

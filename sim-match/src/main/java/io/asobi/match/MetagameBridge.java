package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;

/**
 * The metagame services game logic may call (asobi-spec §5.3 {@code game.economy.*}, {@code game.leaderboard.*},
 * {@code game.storage.*}), provided by the server. A match calls it through {@link MatchContext#metagame}, which
 * journals each answer, so replays and crash recovery reuse the answer instead of calling again.
 * <p>
 * Methods and arguments: {@code economy.grant|debit {player_id, currency, amount, reason?}},
 * {@code economy.balance {player_id}}, {@code economy.purchase {player_id, listing_id}},
 * {@code leaderboard.submit {board, player_id, score}}, {@code leaderboard.top {board, n}},
 * {@code leaderboard.rank {board, player_id}}, {@code leaderboard.around {board, player_id, n}},
 * {@code storage.get {collection, key}}, {@code storage.set {collection, key, value}},
 * {@code storage.player_get {player_id, collection, key}}, {@code storage.player_set {player_id, collection, key,
 * value}}.
 * <p>
 * <b>Note:</b> thread safe; must not block.
 */
public interface MetagameBridge
{
    /**
     * Call one metagame method.
     *
     * @param method e.g. {@code economy.grant}.
     * @param args   its arguments.
     * @return completes with {@code {"ok": value}} or {@code {"error": "code"}}; never exceptionally.
     */
    CompletableFuture<JsonNode> call(String method, ObjectNode args);
}

package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.metagame.MetagameStateMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method game scripts can call, against a real metagame: wrapped answers, the idempotency key honoured, and
 * bad calls answered with a code rather than an exception.
 */
class ScriptMetagameBridgeTest
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    private MetagameStateMachine machine;
    private ScriptMetagameBridge bridge;
    private String player;

    @BeforeEach
    void launch()
    {
        machine = MetagameStateMachine.launch(new MetagameStateMachine.Context().dataDir(dir)
            .argon2MemoryKiB(64).argon2Iterations(1));
        machine.ready().join();
        player = machine.register("bridge_player", "bridge-password", null).join().playerId();
        bridge = new ScriptMetagameBridge(machine);
    }

    @AfterEach
    void close()
    {
        machine.close();
    }

    private JsonNode call(final String method, final ObjectNode args)
    {
        return bridge.call(method, args).join();
    }

    private ObjectNode args()
    {
        return NODES.objectNode().put("player_id", player);
    }

    @Test
    void economyCallsMoveMoneyOncePerKey()
    {
        final ObjectNode grant = args().put("currency", "gold").put("amount", 10).put("idempotency_key", "m:1:0");
        assertThat(call("economy.grant", grant).path("ok").asLong()).isEqualTo(10);
        assertThat(call("economy.grant", grant).path("ok").asLong()).as("same key, no second grant").isEqualTo(10);
        assertThat(call("economy.debit", args().put("currency", "gold").put("amount", 4)).path("ok").asLong())
            .isEqualTo(6);
        assertThat(call("economy.debit", args().put("currency", "gold").put("amount", 40)).path("error").asText())
            .isEqualTo("economy.insufficient_funds");
        final JsonNode balance = call("economy.balance", args()).path("ok");
        assertThat(balance.get(0).path("currency").asText()).isEqualTo("gold");
        assertThat(balance.get(0).path("balance").asLong()).isEqualTo(6);
        assertThat(call("economy.purchase", args().put("listing_id", "missing")).has("error")).isTrue();
    }

    @Test
    void leaderboardCallsSubmitAndRead()
    {
        assertThat(call("leaderboard.submit", args().put("board", "b").put("score", 50)).path("ok").path("rank")
            .asLong()).isEqualTo(1);
        assertThat(call("leaderboard.top", NODES.objectNode().put("board", "b").put("n", 10)).path("ok").get(0)
            .path("score").asLong()).isEqualTo(50);
        assertThat(call("leaderboard.rank", args().put("board", "b")).path("ok").asLong()).isEqualTo(1);
        assertThat(call("leaderboard.around", args().put("board", "b").put("n", 3)).path("ok")).hasSize(1);
    }

    @Test
    void storageCallsWriteAndReadGlobalAndPlayerObjects()
    {
        final ObjectNode value = NODES.objectNode().put("level", 3);
        assertThat(call("storage.set", NODES.objectNode().put("collection", "world").put("key", "season")
            .set("value", value)).path("ok").asBoolean()).isTrue();
        assertThat(call("storage.get", NODES.objectNode().put("collection", "world").put("key", "season"))
            .path("ok").path("level").asInt()).isEqualTo(3);
        assertThat(call("storage.player_set", args().put("collection", "progress").put("key", "k")
            .set("value", value)).path("ok").asBoolean()).isTrue();
        assertThat(call("storage.player_get", args().put("collection", "progress").put("key", "k"))
            .path("ok").path("level").asInt()).isEqualTo(3);
    }

    @Test
    void badCallsAnswerACode()
    {
        assertThat(call("economy.mint", args()).path("error").asText()).isEqualTo("unknown_method");
        assertThat(call("economy.grant", NODES.objectNode().put("currency", "gold").put("amount", 1))
            .path("error").asText()).isEqualTo("invalid_payload");
        assertThat(call("economy.grant", args().put("currency", "gold").put("amount", -5)).path("error").asText())
            .startsWith("economy.");
    }
}

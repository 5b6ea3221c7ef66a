package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The economy lives in the journaled metagame: after a restart on the same data dir every acknowledged grant,
 * debit, item, listing change, purchase, consumption and idempotency key is there, as are their audit entries.
 */
class EconomyRestartTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    private static AsobiClient.Response ops(
        final AsobiClient client, final String method, final String path, final JsonNode body)
    {
        return client.request(method, "/api/v1/ops" + path, body, TestServer.OPS_SECRET);
    }

    @Test
    void everyAcknowledgedEconomyWriteSurvivesARestart()
    {
        final Path game = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path data = tempDir.resolve("data");

        final Session ann;
        final String listing;
        final String row;
        final ObjectNode keyedGrant;
        final JsonNode walletsBefore;
        final JsonNode historyBefore;
        final JsonNode inventoryBefore;
        final JsonNode listingBefore;
        final JsonNode storeBefore;
        final long auditTotalBefore;
        try (TestServer first = TestServer.start(game, data))
        {
            final AsobiClient client = first.client;
            ann = client.register("economy_restart", "restart-password");
            keyedGrant = JSON.createObjectNode().put("player_id", ann.playerId()).put("currency", "gold")
                .put("amount", 500).put("reason", "launch").put("idempotency_key", "launch-bonus");
            assertThat(ops(client, "POST", "/economy/grant", keyedGrant).status()).isEqualTo(200);
            assertThat(ops(client, "POST", "/economy/debit", JSON.createObjectNode().put("player_id", ann.playerId())
                .put("currency", "gold").put("amount", 50).put("reason", "fee")).status()).isEqualTo(200);
            final String item = ops(client, "POST", "/economy/items", JSON.createObjectNode().put("slug", "gem")
                .put("name", "Gem").put("max_stack", 10)).body().path("id").asText();
            listing = ops(client, "POST", "/economy/listings", JSON.createObjectNode().put("item_def_id", item)
                .put("currency", "gold").put("price", 20).put("quantity", 6)).body().path("id").asText();
            final String spare = ops(client, "POST", "/economy/listings", JSON.createObjectNode()
                .put("item_def_id", item).put("currency", "gold").put("price", 1)).body().path("id").asText();
            assertThat(ops(client, "PUT", "/economy/listings/" + spare, JSON.createObjectNode().put("active", false))
                .status()).isEqualTo(200);
            final JsonNode purchase = client.request("POST", "/api/v1/store/purchase", JSON.createObjectNode()
                .put("listing_id", listing).put("quantity", 2), ann.accessToken()).body();
            row = purchase.path("items").get(0).path("id").asText();
            assertThat(client.request("POST", "/api/v1/inventory/consume", JSON.createObjectNode().put("item_id", row)
                .put("quantity", 4), ann.accessToken()).status()).isEqualTo(200);

            walletsBefore = client.request("GET", "/api/v1/wallets", null, ann.accessToken()).body();
            historyBefore = client.request("GET", "/api/v1/wallets/gold/history", null, ann.accessToken()).body();
            inventoryBefore = client.request("GET", "/api/v1/inventory", null, ann.accessToken()).body();
            listingBefore = ops(client, "GET", "/economy/listings/" + spare, null).body();
            storeBefore = client.request("GET", "/api/v1/store", null, ann.accessToken()).body();
            auditTotalBefore = ops(client, "GET", "/audit", null).body().path("page").path("total").asLong();
        }

        try (TestServer second = TestServer.start(game, data))
        {
            final AsobiClient client = second.client;
            final Session again = client.login("economy_restart", "restart-password");
            assertThat(client.request("GET", "/api/v1/wallets", null, again.accessToken()).body())
                .isEqualTo(walletsBefore);
            assertThat(walletsBefore.path("wallets").get(0).path("balance").asLong()).isEqualTo(500 - 50 - 40);
            assertThat(client.request("GET", "/api/v1/wallets/gold/history", null, again.accessToken()).body())
                .isEqualTo(historyBefore);
            assertThat(client.request("GET", "/api/v1/inventory", null, again.accessToken()).body())
                .isEqualTo(inventoryBefore);
            assertThat(inventoryBefore.path("items").findValuesAsText("quantity")).containsExactly("2", "6");
            assertThat(client.request("GET", "/api/v1/store", null, again.accessToken()).body())
                .isEqualTo(storeBefore);
            assertThat(ops(client, "GET", "/economy/listings/" + listingBefore.path("id").asText(), null).body())
                .isEqualTo(listingBefore);
            assertThat(ops(client, "GET", "/audit", null).body().path("page").path("total").asLong())
                .isEqualTo(auditTotalBefore);

            final AsobiClient.Response repeat = ops(client, "POST", "/economy/grant", keyedGrant);
            assertThat(repeat.body().path("duplicate").asBoolean()).as("the key is remembered").isTrue();
            assertThat(repeat.body().path("balance").asLong()).isEqualTo(500);
            assertThat(client.request("POST", "/api/v1/store/purchase", JSON.createObjectNode()
                .put("listing_id", listing), again.accessToken()).body().path("items").findValuesAsText("quantity"))
                .as("the stacks are where they were: the oldest (6 of 10) fills first, then the 2")
                .containsExactly("10", "4");
        }
    }
}

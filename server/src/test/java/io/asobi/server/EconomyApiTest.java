package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The economy's REST contract through the real server (asobi-spec §3.6 and the operator routes): shapes, status
 * codes, limits and authorization, plus the race for the last coin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EconomyApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path tempDir;
    private TestServer server;
    private AsobiClient client;

    @BeforeAll
    void start() throws IOException
    {
        tempDir = Files.createTempDirectory("economy-api");
        server = TestServer.start(TestServer.e2eGameDir(tempDir.resolve("game")), tempDir.resolve("data"));
        client = server.client;
    }

    @AfterAll
    void stop()
    {
        server.close();
        try (var paths = Files.walk(tempDir))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private AsobiClient.Response ops(final String method, final String path, final JsonNode body)
    {
        return client.request(method, "/api/v1/ops" + path, body, TestServer.OPS_SECRET);
    }

    private AsobiClient.Response as(final Session player, final String method, final String path, final JsonNode body)
    {
        return client.request(method, "/api/v1" + path, body, player.accessToken());
    }

    private static ObjectNode obj()
    {
        return JSON.createObjectNode();
    }

    private AsobiClient.Response grant(final Session player, final String currency, final long amount)
    {
        return ops("POST", "/economy/grant", obj().put("player_id", player.playerId()).put("currency", currency)
            .put("amount", amount).put("reason", "test"));
    }

    private String createItem(final String slug, final boolean stackable, final long maxStack)
    {
        final AsobiClient.Response created = ops("POST", "/economy/items", obj().put("slug", slug)
            .put("name", "Item " + slug).put("category", "misc").put("stackable", stackable)
            .put("max_stack", maxStack));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private String createListing(final String itemId, final String currency, final long price, final long quantity)
    {
        final AsobiClient.Response created = ops("POST", "/economy/listings", obj().put("item_def_id", itemId)
            .put("currency", currency).put("price", price).put("quantity", quantity));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    @Test
    void walletsAndHistoryShowOnlyTheCallersLedger()
    {
        final Session ann = server.newPlayer();
        final Session bob = server.newPlayer();
        assertThat(client.request("GET", "/api/v1/wallets", null, null).status()).isEqualTo(401);
        assertThat(as(ann, "GET", "/wallets", null).body().path("wallets").size()).isZero();
        assertThat(as(ann, "POST", "/wallets", obj()).status()).isEqualTo(405);

        assertThat(grant(ann, "gold", 100).status()).isEqualTo(200);
        assertThat(ops("POST", "/economy/debit", obj().put("player_id", ann.playerId()).put("currency", "gold")
            .put("amount", 30).put("reason", "fee").put("reference_type", "match").put("reference_id", "m1"))
            .body().path("balance").asLong()).isEqualTo(70);
        grant(ann, "gems", 5);

        final JsonNode wallets = as(ann, "GET", "/wallets", null).body().path("wallets");
        assertThat(wallets.size()).isEqualTo(2);
        assertThat(wallets.findValuesAsText("currency")).containsExactlyInAnyOrder("gold", "gems");
        assertThat(as(bob, "GET", "/wallets", null).body().path("wallets").size()).isZero();

        final JsonNode history = as(ann, "GET", "/wallets/gold/history", null).body().path("transactions");
        assertThat(history.size()).isEqualTo(2);
        final JsonNode newest = history.get(0);
        assertThat(newest.path("amount").asLong()).isEqualTo(-30);
        assertThat(newest.path("balance_after").asLong()).isEqualTo(70);
        assertThat(newest.path("reason").asText()).isEqualTo("fee");
        assertThat(newest.path("reference_type").asText()).isEqualTo("match");
        assertThat(newest.path("metadata").isObject()).isTrue();
        assertThat(newest.path("inserted_at").asText()).endsWith("Z");
        assertThat(history.get(1).path("reference_type").isNull()).isTrue();
        assertThat(as(ann, "GET", "/wallets/gold/history?limit=1", null).body().path("transactions").size())
            .isEqualTo(1);
        assertThat(as(ann, "GET", "/wallets/gold/history?limit=0", null).errorCode()).isEqualTo("invalid_payload");
        assertThat(as(ann, "GET", "/wallets/go-ld/history", null).errorCode()).isEqualTo("economy.invalid_currency");
        assertThat(as(ann, "GET", "/wallets/silver/history", null).body().path("transactions").size()).isZero();
        assertThat(as(bob, "GET", "/wallets/gold/history", null).body().path("transactions").size()).isZero();
    }

    @Test
    void operatorGrantAndDebitValidateAndAreIdempotent()
    {
        final Session ann = server.newPlayer();
        final ObjectNode keyed = obj().put("player_id", ann.playerId()).put("currency", "gold").put("amount", 40)
            .put("reason", "compensation").put("idempotency_key", "ticket-17");
        final AsobiClient.Response first = ops("POST", "/economy/grant", keyed);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("duplicate").asBoolean()).isFalse();
        final AsobiClient.Response again = ops("POST", "/economy/grant", keyed);
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();
        assertThat(again.body().path("transaction").path("id").asText())
            .isEqualTo(first.body().path("transaction").path("id").asText());
        assertThat(again.body().path("balance").asLong()).isEqualTo(40);
        final AsobiClient.Response conflict = ops("POST", "/economy/grant", keyed.deepCopy().put("amount", 41));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("economy.idempotency_conflict");

        final AsobiClient.Response tooMuch = ops("POST", "/economy/debit", obj().put("player_id", ann.playerId())
            .put("currency", "gold").put("amount", 41).put("reason", "x"));
        assertThat(tooMuch.status()).isEqualTo(402);
        assertThat(tooMuch.errorCode()).isEqualTo("economy.insufficient_funds");
        assertThat(tooMuch.body().path("error").path("details").path("balance").asLong()).isEqualTo(40);

        assertThat(ops("POST", "/economy/grant", obj().put("player_id", ann.playerId()).put("currency", "gold")
            .put("reason", "x")).errorCode()).isEqualTo("missing_field");
        assertThat(ops("POST", "/economy/grant", obj().put("player_id", ann.playerId()).put("currency", "gold")
            .put("amount", 0).put("reason", "x")).errorCode()).isEqualTo("economy.invalid_amount");
        assertThat(ops("POST", "/economy/grant", obj().put("player_id", ann.playerId()).put("currency", "gold")
            .put("amount", "5").put("reason", "x")).errorCode()).isEqualTo("economy.invalid_amount");
        assertThat(ops("POST", "/economy/grant", obj().put("player_id", ann.playerId()).put("currency", "gold")
            .put("amount", 1_000_000_000_000_001L).put("reason", "x")).status()).isEqualTo(400);
        assertThat(ops("POST", "/economy/grant", obj().put("player_id", ann.playerId()).put("currency", "g o")
            .put("amount", 1).put("reason", "x")).errorCode()).isEqualTo("economy.invalid_currency");
        assertThat(ops("POST", "/economy/grant", obj().put("player_id", ann.playerId()).put("currency", "gold")
            .put("amount", 1).put("reason", "x").put("metadata", "not an object")).status()).isEqualTo(422);
        final AsobiClient.Response ghost = ops("POST", "/economy/grant", obj().put("player_id", "nobody")
            .put("currency", "gold").put("amount", 1).put("reason", "x"));
        assertThat(ghost.status()).isEqualTo(404);
        assertThat(ghost.errorCode()).isEqualTo("player.not_found");
        assertThat(client.requestRaw("POST", "/api/v1/ops/economy/grant", "{nope", TestServer.OPS_SECRET)
            .errorCode()).isEqualTo("invalid_json");

        final JsonNode audit = ops("GET", "/audit?limit=200", null).body().path("data");
        assertThat(audit.findValuesAsText("target")).contains(ann.playerId());
        assertThat(audit.findValuesAsText("action")).contains("economy.grant");

        final AsobiClient.Response wallets = ops("GET", "/players/" + ann.playerId() + "/wallets", null);
        assertThat(wallets.body().path("wallets").get(0).path("balance").asLong()).isEqualTo(40);
        assertThat(ops("GET", "/players/nobody/wallets", null).status()).isEqualTo(404);
    }

    @Test
    void operatorsDefineItemsAndListings()
    {
        final String sword = createItem("api_sword", false, 1);
        final AsobiClient.Response duplicate = ops("POST", "/economy/items", obj().put("slug", "api_sword")
            .put("name", "Again"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo("economy.slug_taken");
        assertThat(ops("POST", "/economy/items", obj().put("slug", "bad slug").put("name", "x")).status())
            .isEqualTo(422);
        assertThat(ops("POST", "/economy/items", obj().put("slug", "nameless")).errorCode())
            .isEqualTo("missing_field");

        final JsonNode item = ops("GET", "/economy/items/" + sword, null).body();
        assertThat(item.path("slug").asText()).isEqualTo("api_sword");
        assertThat(item.path("stackable").asBoolean()).isFalse();
        assertThat(item.path("max_stack").asLong()).isEqualTo(1);
        assertThat(ops("GET", "/economy/items/" + "0".repeat(8), null).errorCode()).isEqualTo("ops.not_found");
        final JsonNode items = ops("GET", "/economy/items?limit=1", null).body();
        assertThat(items.path("data").size()).isEqualTo(1);
        assertThat(items.path("page").path("limit").asInt()).isEqualTo(1);
        assertThat(items.path("page").path("total").asLong()).isGreaterThanOrEqualTo(1);

        final String listing = createListing(sword, "gold", 10, 1);
        final JsonNode created = ops("GET", "/economy/listings/" + listing, null).body();
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("valid_from").isNull()).isTrue();
        assertThat(ops("POST", "/economy/listings", obj().put("item_def_id", "missing").put("currency", "gold")
            .put("price", 1)).errorCode()).isEqualTo("economy.item_not_found");
        assertThat(ops("POST", "/economy/listings", obj().put("item_def_id", sword).put("currency", "gold")
            .put("price", 0)).status()).isEqualTo(422);
        assertThat(ops("POST", "/economy/listings", obj().put("item_def_id", sword).put("currency", "gold")
            .put("price", 1).put("valid_from", "yesterday")).errorCode()).isEqualTo("invalid_payload");

        final JsonNode updated = ops("PUT", "/economy/listings/" + listing, obj().put("active", false)
            .put("valid_until", "2100-01-01T00:00:00Z")).body();
        assertThat(updated.path("active").asBoolean()).isFalse();
        assertThat(updated.path("valid_until").asText()).isEqualTo("2100-01-01T00:00:00Z");
        assertThat(ops("PUT", "/economy/listings/" + listing, obj().putNull("valid_until")).body()
            .path("valid_until").isNull()).isTrue();
        assertThat(ops("PUT", "/economy/listings/nope", obj().put("active", true)).errorCode())
            .isEqualTo("ops.not_found");
        assertThat(ops("GET", "/economy/listings?offset=0&limit=200", null).body().path("data").findValuesAsText("id"))
            .contains(listing);
        assertThat(ops("DELETE", "/economy/listings/" + listing, null).status()).isEqualTo(405);
    }

    @Test
    void playersCannotReachTheOperatorRoutes()
    {
        final Session ann = server.newPlayer();
        for (final String[] route : new String[][]{
            {"GET", "/economy/items"}, {"POST", "/economy/items"}, {"GET", "/economy/items/x"},
            {"GET", "/economy/listings"}, {"POST", "/economy/listings"}, {"PUT", "/economy/listings/x"},
            {"POST", "/economy/grant"}, {"POST", "/economy/debit"}, {"GET", "/players/" + ann.playerId() + "/wallets"}})
        {
            final AsobiClient.Response response = client.request(route[0], "/api/v1/ops" + route[1],
                "GET".equals(route[0]) ? null : obj().put("player_id", ann.playerId()).put("currency", "gold")
                    .put("amount", 1000).put("reason", "steal"), ann.accessToken());
            assertThat(response.status()).as(route[0] + " " + route[1]).isEqualTo(403);
        }
        assertThat(as(ann, "GET", "/wallets", null).body().path("wallets").size()).isZero();
    }

    @Test
    void storeListsWhatIsOnSaleAndPurchasesStack()
    {
        final Session ann = server.newPlayer();
        final String potion = createItem("api_potion", true, 5);
        final String threePack = createListing(potion, "coins", 10, 3);
        final String gemPotion = createListing(potion, "gems", 1, 1);
        final String hidden = createListing(potion, "coins", 1, 1);
        ops("PUT", "/economy/listings/" + hidden, obj().put("active", false));
        final String future = createListing(potion, "coins", 1, 1);
        ops("PUT", "/economy/listings/" + future, obj().put("valid_from", "2100-01-01T00:00:00Z"));

        final JsonNode store = as(ann, "GET", "/store?currency=coins", null).body().path("listings");
        final List<String> ids = store.findValuesAsText("id");
        assertThat(ids).contains(threePack).doesNotContain(gemPotion, hidden, future);
        assertThat(as(ann, "GET", "/store", null).body().path("listings").findValuesAsText("id")).contains(gemPotion);
        assertThat(as(ann, "GET", "/store?currency=c%20d", null).errorCode()).isEqualTo("economy.invalid_currency");
        assertThat(client.request("GET", "/api/v1/store", null, null).status()).isEqualTo(401);

        assertThat(as(ann, "POST", "/store/purchase", obj().put("listing_id", threePack)).status()).isEqualTo(402);
        grant(ann, "coins", 100);
        final AsobiClient.Response bought = as(ann, "POST", "/store/purchase", obj().put("listing_id", threePack));
        assertThat(bought.status()).isEqualTo(200);
        assertThat(bought.body().path("success").asBoolean()).isTrue();
        assertThat(bought.body().path("item").path("quantity").asLong()).isEqualTo(3);
        assertThat(bought.body().path("item").path("item_def_id").asText()).isEqualTo(potion);
        assertThat(bought.body().path("balance").asLong()).isEqualTo(90);
        final AsobiClient.Response more = as(ann, "POST", "/store/purchase",
            obj().put("listing_id", threePack).put("quantity", 2));
        assertThat(more.body().path("items").findValuesAsText("quantity")).containsExactly("5", "4");
        assertThat(more.body().path("transaction").path("amount").asLong()).isEqualTo(-20);
        assertThat(more.body().path("transaction").path("reference_id").asText()).isEqualTo(threePack);

        final AsobiClient.Response inactive = as(ann, "POST", "/store/purchase", obj().put("listing_id", hidden));
        assertThat(inactive.status()).isEqualTo(400);
        assertThat(inactive.errorCode()).isEqualTo("economy.listing_inactive");
        assertThat(inactive.body().path("error").path("details").path("reason").asText()).isEqualTo("inactive");
        assertThat(as(ann, "POST", "/store/purchase", obj().put("listing_id", future)).body().path("error")
            .path("details").path("reason").asText()).isEqualTo("not_yet_valid");
        assertThat(as(ann, "POST", "/store/purchase", obj().put("listing_id", "missing")).status()).isEqualTo(404);
        assertThat(as(ann, "POST", "/store/purchase", obj()).errorCode()).isEqualTo("missing_field");
        assertThat(as(ann, "POST", "/store/purchase", obj().put("listing_id", threePack).put("quantity", 0))
            .errorCode()).isEqualTo("inventory.invalid_quantity");
        assertThat(as(ann, "POST", "/store/purchase", obj().put("listing_id", threePack).put("quantity", 101))
            .errorCode()).isEqualTo("inventory.invalid_quantity");
        assertThat(as(ann, "GET", "/store/purchase", null).status()).isEqualTo(405);
        assertThat(as(ann, "GET", "/wallets", null).body().path("wallets").get(0).path("balance").asLong())
            .isEqualTo(70);
    }

    @Test
    void inventoryIsNewestFirstAndOnlyItsOwnerConsumes()
    {
        final Session ann = server.newPlayer();
        final Session bob = server.newPlayer();
        final String shield = createItem("api_shield", false, 1);
        final String listing = createListing(shield, "coins", 1, 1);
        final String elixir = createItem("api_elixir", true, 10);
        final String elixirs = createListing(elixir, "coins", 1, 4);
        grant(ann, "coins", 10);
        final String shieldRow = as(ann, "POST", "/store/purchase", obj().put("listing_id", listing)).body()
            .path("item").path("id").asText();
        final String elixirRow = as(ann, "POST", "/store/purchase", obj().put("listing_id", elixirs)).body()
            .path("item").path("id").asText();

        final JsonNode items = as(ann, "GET", "/inventory", null).body().path("items");
        assertThat(items.findValuesAsText("id")).containsExactly(elixirRow, shieldRow);
        assertThat(as(ann, "GET", "/inventory?limit=1", null).body().path("items").size()).isEqualTo(1);
        assertThat(as(ann, "GET", "/inventory?limit=201", null).errorCode()).isEqualTo("invalid_payload");
        assertThat(as(bob, "GET", "/inventory", null).body().path("items").size()).isZero();

        final AsobiClient.Response stolen = as(bob, "POST", "/inventory/consume",
            obj().put("item_id", elixirRow).put("quantity", 1));
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.errorCode()).isEqualTo("forbidden");
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("item_id", elixirRow).put("quantity", 5))
            .errorCode()).isEqualTo("inventory.insufficient_quantity");
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("item_id", elixirRow).put("quantity", 0))
            .errorCode()).isEqualTo("inventory.invalid_quantity");
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("item_id", elixirRow).put("quantity", 1.5))
            .errorCode()).isEqualTo("inventory.invalid_quantity");
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("item_id", elixirRow)
            .put("quantity", 1_000_001)).errorCode()).isEqualTo("inventory.invalid_quantity");
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("item_id", "nope").put("quantity", 1))
            .status()).isEqualTo(404);
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("quantity", 1)).errorCode())
            .isEqualTo("missing_field");

        final JsonNode consumed = as(ann, "POST", "/inventory/consume",
            obj().put("item_id", elixirRow).put("quantity", 3)).body();
        assertThat(consumed.path("success").asBoolean()).isTrue();
        assertThat(consumed.path("remaining_quantity").asLong()).isEqualTo(1);
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("item_id", elixirRow)).body()
            .path("remaining_quantity").asLong()).as("quantity defaults to 1").isZero();
        assertThat(as(ann, "GET", "/inventory", null).body().path("items").findValuesAsText("id"))
            .containsExactly(shieldRow);
        assertThat(as(ann, "POST", "/inventory/consume", obj().put("item_id", elixirRow)).status()).isEqualTo(404);
    }

    @Test
    void twoClientsRacingForTheLastCoinsGetExactlyOnePurchase() throws Exception
    {
        final Session ann = server.newPlayer();
        final Session annElsewhere = client.login(ann.username(), "e2e-password-1");
        final String relic = createItem("api_relic", false, 1);
        final String listing = createListing(relic, "coins", 25, 1);
        final AsobiClient other = new AsobiClient(client.baseUri());
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try
        {
            for (int round = 0; round < 10; round++)
            {
                grant(ann, "coins", 25);
                final CountDownLatch go = new CountDownLatch(1);
                final List<Future<AsobiClient.Response>> attempts = new ArrayList<>();
                attempts.add(pool.submit(() ->
                {
                    go.await();
                    return client.request("POST", "/api/v1/store/purchase", obj().put("listing_id", listing),
                        ann.accessToken());
                }));
                attempts.add(pool.submit(() ->
                {
                    go.await();
                    return other.request("POST", "/api/v1/store/purchase", obj().put("listing_id", listing),
                        annElsewhere.accessToken());
                }));
                go.countDown();
                final List<Integer> statuses = new ArrayList<>();
                for (final Future<AsobiClient.Response> attempt : attempts)
                {
                    statuses.add(attempt.get(20, TimeUnit.SECONDS).status());
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 402);
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        assertThat(as(ann, "GET", "/wallets", null).body().path("wallets").get(0).path("balance").asLong()).isZero();
        assertThat(as(ann, "GET", "/inventory", null).body().path("items").size()).isEqualTo(10);
        assertThat(as(ann, "GET", "/wallets/coins/history?limit=200", null).body().path("transactions").size())
            .isEqualTo(20);
    }
}

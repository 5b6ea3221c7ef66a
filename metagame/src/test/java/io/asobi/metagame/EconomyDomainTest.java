package io.asobi.metagame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static io.asobi.metagame.MetagameTestSupport.codeOf;
import static io.asobi.metagame.MetagameTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

class EconomyDomainTest
{
    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MetagameStateMachine machine;
    private Economy economy;
    private String ann;
    private String bob;

    @BeforeEach
    void launch()
    {
        clock.update(START_MS);
        start();
        ann = await(machine.register("ann", "password1", null)).playerId();
        bob = await(machine.register("bob", "password1", null)).playerId();
    }

    private void start()
    {
        machine = MetagameStateMachine.launch(MetagameTestSupport.cheapContext(dir, clock, errors));
        await(machine.ready());
        economy = machine.economy();
    }

    @AfterEach
    void close()
    {
        machine.close();
        assertThat(errors).isEmpty();
    }

    private Economy.Movement grant(final String player, final long amount, final String key)
    {
        return await(economy.grant(Economy.MovementRequest.of(player, "gold", amount, "test", key), null));
    }

    @Test
    void shouldGrantAndDebitWithALedgerOfBalancesAfter()
    {
        assertThat(grant(ann, 100, null).transaction().balanceAfter()).isEqualTo(100);
        clock.advance(1000);
        final Economy.Movement debit = await(economy.debit(
            Economy.MovementRequest.of(ann, "gold", 30, "shop", null), null));

        assertThat(debit.transaction().amount()).isEqualTo(-30);
        assertThat(debit.transaction().balanceAfter()).isEqualTo(70);
        assertThat(await(economy.walletBalance(ann, "gold"))).isEqualTo(70);
        assertThat(await(economy.walletBalance(ann, "gems"))).isZero();
        assertThat(await(economy.wallets(ann))).containsExactly(new Economy.Wallet("gold", 70, START_MS + 1000));
        assertThat(await(economy.history(ann, "gold", 10))).extracting(Economy.Transaction::amount)
            .containsExactly(-30L, 100L);
        assertThat(await(economy.history(ann, "gold", 1))).hasSize(1);
        assertThat(await(economy.wallets(bob))).isEmpty();
    }

    @Test
    void shouldNeverGoNegative()
    {
        grant(ann, 10, null);
        final AccountException refused = failureOf(economy.debit(
            Economy.MovementRequest.of(ann, "gold", 11, "shop", null), null));

        assertThat(refused.code()).isEqualTo("economy.insufficient_funds");
        assertThat(refused.details()).containsEntry("balance", 10L).containsEntry("required", 11L);
        assertThat(await(economy.walletBalance(ann, "gold"))).isEqualTo(10);
        assertThat(await(economy.history(ann, "gold", 10))).hasSize(1);
    }

    @Test
    void shouldValidateArguments()
    {
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(ann, "go ld", 1, "r", null), null)))
            .isEqualTo("economy.invalid_currency");
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(ann, "g".repeat(17), 1, "r", null), null)))
            .isEqualTo("economy.invalid_currency");
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(ann, "gold", 0, "r", null), null)))
            .isEqualTo("economy.invalid_amount");
        assertThat(codeOf(economy.grant(
            Economy.MovementRequest.of(ann, "gold", Economy.MAX_AMOUNT + 1, "r", null), null)))
            .isEqualTo("economy.invalid_amount");
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(ann, "gold", 1, "", null), null)))
            .isEqualTo("validation_failed");
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(ann, "gold", 1, "r", "has space"), null)))
            .isEqualTo("validation_failed");
        assertThat(codeOf(economy.grant(new Economy.MovementRequest(ann, "gold", 1, "r", null, null, null, "[1]"),
            null))).isEqualTo("validation_failed");
        assertThat(codeOf(economy.grant(new Economy.MovementRequest(ann, "gold", 1, "r", null, null, null,
            "{\"a\":\"" + "x".repeat(Economy.MAX_METADATA_BYTES) + "\"}"), null))).isEqualTo("validation_failed");
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(Uuid7.next(), "gold", 1, "r", null), null)))
            .isEqualTo("player.not_found");
        assertThat(codeOf(economy.history(ann, "", 10))).isEqualTo("economy.invalid_currency");
    }

    @Test
    void shouldCapBalances()
    {
        for (int i = 0; i < 1000; i++)
        {
            grant(ann, Economy.MAX_AMOUNT, null);
        }
        assertThat(await(economy.walletBalance(ann, "gold"))).isEqualTo(Economy.MAX_BALANCE);
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(ann, "gold", 1, "r", null), null)))
            .isEqualTo("economy.balance_limit");
    }

    @Test
    void shouldApplyAnIdempotencyKeyOnce()
    {
        final Economy.Movement first = grant(ann, 50, "k-1");
        final Economy.Movement again = grant(ann, 50, "k-1");

        assertThat(again.isRepeat()).isTrue();
        assertThat(again.transaction()).isEqualTo(first.transaction());
        assertThat(await(economy.walletBalance(ann, "gold"))).isEqualTo(50);
        assertThat(codeOf(economy.grant(Economy.MovementRequest.of(ann, "gold", 51, "test", "k-1"), null)))
            .isEqualTo("economy.idempotency_conflict");
        assertThat(codeOf(economy.debit(Economy.MovementRequest.of(ann, "gold", 50, "test", "k-1"), null)))
            .isEqualTo("economy.idempotency_conflict");
        assertThat(grant(bob, 50, "k-1").isRepeat()).as("keys are per player").isFalse();

        final AccountException refused = failureOf(economy.debit(
            Economy.MovementRequest.of(ann, "gold", 500, "shop", "d-1"), null));
        assertThat(refused.code()).isEqualTo("economy.insufficient_funds");
        grant(ann, 1000, null);
        assertThat(await(economy.debit(Economy.MovementRequest.of(ann, "gold", 500, "shop", "d-1"), null))
            .isRepeat()).as("a refused movement does not spend its key").isFalse();
    }

    @Test
    void shouldAuditOperatorMovementsButNotRepeats()
    {
        await(economy.grant(Economy.MovementRequest.of(ann, "gold", 5, "support", "op-1"), "alice"));
        await(economy.grant(Economy.MovementRequest.of(ann, "gold", 5, "support", "op-1"), "alice"));

        final Audit.Page<AuditEntry> page = await(machine.audit().entries(10, 0));
        assertThat(page.items()).singleElement().satisfies(entry ->
        {
            assertThat(entry.action()).isEqualTo("economy.grant");
            assertThat(entry.operator()).isEqualTo("alice");
            assertThat(entry.target()).isEqualTo(ann);
        });
    }

    private Economy.ItemDef item(final String slug, final boolean stackable, final long maxStack)
    {
        return await(economy.createItem(
            new Economy.ItemSpec(slug, "Item " + slug, "misc", "common", stackable, maxStack, null), "op"));
    }

    private Economy.Listing listing(final Economy.ItemDef item, final long price, final long quantity)
    {
        return await(economy.createListing(new Economy.ListingSpec(item.id(), "gold", price, quantity, true,
            Economy.UNBOUNDED, Economy.UNBOUNDED, "{\"tag\":\"x\"}"), "op"));
    }

    @Test
    void shouldDefineItemsWithUniqueSlugs()
    {
        final Economy.ItemDef sword = item("sword", false, 0);
        assertThat(sword.maxStack()).isEqualTo(1);
        assertThat(item("potion", true, 0).maxStack()).isEqualTo(EconomyChecks.DEFAULT_MAX_STACK);
        assertThat(codeOf(economy.createItem(new Economy.ItemSpec("sword", "Other", null, null, false, 0, null),
            "op"))).isEqualTo("economy.slug_taken");
        assertThat(codeOf(economy.createItem(new Economy.ItemSpec("bad slug", "x", null, null, false, 0, null),
            "op"))).isEqualTo("validation_failed");
        assertThat(codeOf(economy.createItem(new Economy.ItemSpec("x", "x", null, null, true, -1, null),
            "op"))).isEqualTo("validation_failed");
        assertThat(await(economy.item(sword.id()))).isEqualTo(sword);
        assertThat(codeOf(economy.item(Uuid7.next()))).isEqualTo("ops.not_found");
        final Audit.Page<Economy.ItemDef> page = await(economy.items(1, 1));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(Economy.ItemDef::slug).containsExactly("potion");
    }

    @Test
    void shouldPurchaseAtomicallyAndStackUpToMaxStack()
    {
        final Economy.ItemDef potion = item("potion", true, 5);
        final Economy.Listing threePack = listing(potion, 10, 3);
        grant(ann, 100, null);

        final Economy.Purchase first = await(economy.purchase(ann, threePack.id(), 1));
        assertThat(first.transaction().amount()).isEqualTo(-10);
        assertThat(first.transaction().reason()).isEqualTo("store.purchase");
        assertThat(first.transaction().referenceId()).isEqualTo(threePack.id());
        assertThat(first.items()).singleElement().extracting(Economy.InventoryItem::quantity).isEqualTo(3L);

        clock.advance(1);
        final Economy.Purchase second = await(economy.purchase(ann, threePack.id(), 2));
        assertThat(second.transaction().balanceAfter()).isEqualTo(70);
        // 6 more units: top up the first row from 3 to 5, then a new row of 4.
        assertThat(second.items()).extracting(Economy.InventoryItem::quantity).containsExactly(5L, 4L);
        assertThat(second.items().get(0).id()).isEqualTo(first.items().get(0).id());

        final List<Economy.InventoryItem> inventory = await(economy.inventory(ann, 10));
        assertThat(inventory).extracting(Economy.InventoryItem::quantity).containsExactly(4L, 5L);
        assertThat(await(economy.inventory(ann, 1))).hasSize(1);
    }

    @Test
    void shouldGiveUnstackableItemsOneRowEach()
    {
        final Economy.ItemDef sword = item("sword", false, 0);
        final Economy.Listing swords = listing(sword, 7, 2);
        grant(ann, 100, null);

        final Economy.Purchase purchase = await(economy.purchase(ann, swords.id(), 2));

        assertThat(purchase.items()).hasSize(4).allSatisfy(row -> assertThat(row.quantity()).isEqualTo(1));
        assertThat(purchase.transaction().balanceAfter()).isEqualTo(100 - 2 * 7);
    }

    @Test
    void shouldRefuseAPurchaseWithoutChangingAnything()
    {
        final Economy.ItemDef sword = item("sword", false, 0);
        final Economy.Listing listing = listing(sword, 60, 1);
        grant(ann, 100, null);

        assertThat(codeOf(economy.purchase(ann, listing.id(), 2))).isEqualTo("economy.insufficient_funds");
        assertThat(codeOf(economy.purchase(ann, Uuid7.next(), 1))).isEqualTo("economy.listing_not_found");
        assertThat(codeOf(economy.purchase(ann, listing.id(), 0))).isEqualTo("inventory.invalid_quantity");
        assertThat(codeOf(economy.purchase(ann, listing.id(), Economy.MAX_PURCHASE_QUANTITY + 1)))
            .isEqualTo("inventory.invalid_quantity");
        assertThat(await(economy.walletBalance(ann, "gold"))).isEqualTo(100);
        assertThat(await(economy.inventory(ann, 10))).isEmpty();
    }

    @Test
    void shouldEnforceListingWindowsAndActivation()
    {
        final Economy.ItemDef sword = item("sword", false, 0);
        final Economy.Listing timed = await(economy.createListing(new Economy.ListingSpec(sword.id(), "gold", 1, 1,
            true, START_MS + 1000, START_MS + 2000, null), "op"));
        grant(ann, 100, null);

        assertThat(failureOf(economy.purchase(ann, timed.id(), 1)).details())
            .containsEntry("reason", "not_yet_valid");
        assertThat(await(economy.store("gold"))).isEmpty();
        clock.advance(1000);
        assertThat(await(economy.store("gold"))).extracting(Economy.Listing::id).containsExactly(timed.id());
        assertThat(await(economy.store("gems"))).isEmpty();
        await(economy.purchase(ann, timed.id(), 1));
        clock.advance(1000);
        assertThat(failureOf(economy.purchase(ann, timed.id(), 1)).details()).containsEntry("reason", "expired");

        final Economy.Listing reopened = await(economy.updateListing(timed.id(),
            new Economy.ListingChange(false, 2L, Economy.UNBOUNDED, Economy.UNBOUNDED), "op"));
        assertThat(reopened.price()).isEqualTo(2);
        assertThat(reopened.createdAtMs()).isEqualTo(timed.createdAtMs());
        final AccountException inactive = failureOf(economy.purchase(ann, timed.id(), 1));
        assertThat(inactive.code()).isEqualTo("economy.listing_inactive");
        assertThat(inactive.details()).containsEntry("reason", "inactive");
        await(economy.updateListing(timed.id(), new Economy.ListingChange(true, null, null, null), "op"));
        assertThat(await(economy.purchase(ann, timed.id(), 1)).transaction().amount()).isEqualTo(-2);

        assertThat(codeOf(economy.updateListing(timed.id(),
            new Economy.ListingChange(null, null, START_MS + 5000, START_MS + 4000), "op")))
            .isEqualTo("validation_failed");
        await(economy.updateListing(timed.id(), new Economy.ListingChange(null, null, null, START_MS + 10_000), "op"));
        assertThat(codeOf(economy.updateListing(timed.id(),
            new Economy.ListingChange(null, null, START_MS + 20_000, null), "op")))
            .as("a new lower bound must stay before the kept upper bound").isEqualTo("validation_failed");
        assertThat(codeOf(economy.updateListing(Uuid7.next(), new Economy.ListingChange(true, null, null, null),
            "op"))).isEqualTo("ops.not_found");
        assertThat(codeOf(economy.createListing(new Economy.ListingSpec(Uuid7.next(), "gold", 1, 1, true, 0, 0, null),
            "op"))).isEqualTo("economy.item_not_found");
    }

    @Test
    void shouldConsumeOnlyOwnItemsAndDeleteEmptyRows()
    {
        final Economy.ItemDef potion = item("potion", true, 10);
        final Economy.Listing listing = listing(potion, 1, 4);
        grant(ann, 10, null);
        final String row = await(economy.purchase(ann, listing.id(), 1)).items().getFirst().id();

        assertThat(codeOf(economy.consume(bob, row, 1))).isEqualTo("forbidden");
        assertThat(codeOf(economy.consume(ann, row, 5))).isEqualTo("inventory.insufficient_quantity");
        assertThat(codeOf(economy.consume(ann, row, 0))).isEqualTo("inventory.invalid_quantity");
        assertThat(codeOf(economy.consume(ann, Uuid7.next(), 1))).isEqualTo("inventory.item_not_found");
        assertThat(await(economy.consume(ann, row, 3)).remainingQuantity()).isEqualTo(1);
        assertThat(await(economy.consume(ann, row, 1)).remainingQuantity()).isZero();
        assertThat(await(economy.inventory(ann, 10))).isEmpty();
        assertThat(codeOf(economy.consume(ann, row, 1))).isEqualTo("inventory.item_not_found");
    }

    @Test
    void shouldServeOtherDomainsOnTheWriterAndForgetErasedPlayers()
    {
        final EconomyDomain domain = (EconomyDomain)economy;
        final long after = await(machine.execute(writer ->
        {
            final Wallets wallets = writer.domain(Wallets.class);
            wallets.grant(writer, ann, "gold", 40, "tournament.reward", "t-1");
            wallets.grant(writer, ann, "gold", 40, "tournament.reward", "t-1");
            return wallets.debit(writer, ann, "gold", 15, "tournament.entry_fee", null);
        }));
        assertThat(after).isEqualTo(25);
        assertThat(await(machine.<String>execute(writer ->
        {
            try
            {
                writer.domain(Wallets.class).debit(writer, ann, "gold", 26, "fee", null);
                return "none";
            }
            catch (final AccountException ex)
            {
                return ex.code();
            }
        }))).isEqualTo("economy.insufficient_funds");

        final ObjectNode export = JsonNodeFactory.instance.objectNode();
        await(machine.execute(writer ->
        {
            domain.exportPlayer(ann, export);
            return null;
        }));
        assertThat(export.path("economy").path("wallets").path(0).path("balance").asLong()).isEqualTo(25);
        assertThat(export.path("economy").path("wallets").path(0).path("transactions").size()).isEqualTo(2);

        await(machine.execute(writer ->
        {
            domain.onPlayerErased(ann);
            return null;
        }));
        assertThat(await(machine.<Long>execute(writer -> domain.balance(ann, "gold")))).isZero();
    }

    @Test
    void shouldRebuildTheSameStateAfterARestart()
    {
        final Economy.ItemDef potion = item("potion", true, 3);
        final Economy.Listing listing = listing(potion, 2, 2);
        grant(ann, 100, "g-1");
        final String row = await(economy.purchase(ann, listing.id(), 3)).items().getFirst().id();
        await(economy.consume(ann, row, 1));
        await(economy.updateListing(listing.id(), new Economy.ListingChange(false, null, null, null), "op"));
        final String before = await(machine.execute(writer -> ((EconomyDomain)economy).describe()));

        machine.close();
        start();

        assertThat(await(machine.<String>execute(writer -> ((EconomyDomain)economy).describe()))).isEqualTo(before);
        assertThat(grant(ann, 100, "g-1").isRepeat()).as("idempotency keys survive a restart").isTrue();
    }
}

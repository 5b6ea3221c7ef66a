package io.asobi.metagame;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Wallets, their append-only ledger, item definitions, store listings, purchases and inventories (asobi-spec §3.6),
 * all journaled in the metagame writer. What the gateway's REST routes, the operator API and the game-script bridge
 * call; every method answers a future that fails with an {@link AccountException} carrying a §3.10 code
 * ({@code economy.*}, {@code inventory.*}, {@code validation_failed}, {@code player.not_found}, {@code ops.not_found}).
 * <p>
 * Amounts are whole units, {@value #MIN_AMOUNT}..{@value #MAX_AMOUNT} per movement; a balance never goes below zero
 * nor above {@value #MAX_BALANCE}. A grant or debit with an idempotency key is applied once per (player, key): a
 * repeat with the same arguments answers the first result and changes nothing, a repeat with other arguments fails
 * with {@code economy.idempotency_conflict}.
 * <p>
 * <b>Note:</b> thread safe; the work runs on the metagame writer thread.
 */
public interface Economy
{
    /** Smallest amount of one movement. */
    long MIN_AMOUNT = 1;
    /** Largest amount of one movement (10^15). */
    long MAX_AMOUNT = 1_000_000_000_000_000L;
    /** Largest balance of one wallet (10^18). */
    long MAX_BALANCE = 1_000_000_000_000_000_000L;
    /** Largest metadata JSON object, encoded (bytes). */
    int MAX_METADATA_BYTES = 16 * 1024;
    /** Longest currency code; codes match {@code [A-Za-z0-9_]{1,16}}. */
    int MAX_CURRENCY_LENGTH = 16;
    /** Longest reason, reference type or reference id. */
    int MAX_LABEL_LENGTH = 128;
    /** Longest idempotency key. */
    int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    /** Most inventory rows a player holds. */
    int MAX_INVENTORY_ROWS = 10_000;
    /** Most purchase units in one purchase. */
    int MAX_PURCHASE_QUANTITY = 100;
    /** Most new inventory rows one purchase may create. */
    int MAX_ROWS_PER_PURCHASE = 100;
    /** Largest quantity consumed at once (asobi-spec §1.1). */
    long MAX_CONSUME_QUANTITY = 1_000_000;
    /** A validity bound that is not set. */
    long UNBOUNDED = 0;

    /**
     * A player's wallets, by currency code.
     *
     * @param playerId the player.
     * @return the wallets (empty if none).
     */
    CompletableFuture<List<Wallet>> wallets(String playerId);

    /**
     * A player's balance in one currency (0 if the wallet does not exist).
     *
     * @param playerId the player.
     * @param currency the currency code.
     * @return the balance; fails {@code economy.invalid_currency} for a malformed code.
     */
    CompletableFuture<Long> walletBalance(String playerId, String currency);

    /**
     * A wallet's ledger, newest first.
     *
     * @param playerId the player.
     * @param currency the currency code.
     * @param limit    at most this many (1..200).
     * @return the transactions (empty if the wallet does not exist).
     */
    CompletableFuture<List<Transaction>> history(String playerId, String currency, int limit);

    /**
     * Add to a player's wallet (created on first use).
     *
     * @param request  what to move; {@code amount} positive.
     * @param operator the operator label when it comes through the operator API (then audited), else null.
     * @return the ledger row and whether it was an idempotent repeat.
     */
    CompletableFuture<Movement> grant(MovementRequest request, String operator);

    /**
     * Take from a player's wallet; fails {@code economy.insufficient_funds} (402) when the balance is too low.
     *
     * @param request  what to move; {@code amount} positive.
     * @param operator the operator label when it comes through the operator API (then audited), else null.
     * @return the ledger row and whether it was an idempotent repeat.
     */
    CompletableFuture<Movement> debit(MovementRequest request, String operator);

    /**
     * Define an item (operator).
     *
     * @param spec     the definition; the slug must be unique.
     * @param operator the operator label (audited).
     * @return the new definition.
     */
    CompletableFuture<ItemDef> createItem(ItemSpec spec, String operator);

    /**
     * Item definitions in creation order.
     *
     * @param limit  at most this many (1..200).
     * @param offset skip this many.
     * @return the page.
     */
    CompletableFuture<Audit.Page<ItemDef>> items(int limit, int offset);

    /**
     * One item definition; fails {@code ops.not_found}.
     *
     * @param itemDefId its id.
     * @return the definition.
     */
    CompletableFuture<ItemDef> item(String itemDefId);

    /**
     * Create a store listing (operator).
     *
     * @param spec     the listing; its item definition must exist.
     * @param operator the operator label (audited).
     * @return the new listing.
     */
    CompletableFuture<Listing> createListing(ListingSpec spec, String operator);

    /**
     * Change a store listing (operator): activate, deactivate, move its validity window, reprice.
     *
     * @param listingId the listing; fails {@code ops.not_found}.
     * @param change    the fields to change (null fields stay).
     * @param operator  the operator label (audited).
     * @return the listing as changed.
     */
    CompletableFuture<Listing> updateListing(String listingId, ListingChange change, String operator);

    /**
     * All store listings in creation order (operator).
     *
     * @param limit  at most this many (1..200).
     * @param offset skip this many.
     * @return the page.
     */
    CompletableFuture<Audit.Page<Listing>> listings(int limit, int offset);

    /**
     * One listing; fails {@code ops.not_found}.
     *
     * @param listingId its id.
     * @return the listing.
     */
    CompletableFuture<Listing> listing(String listingId);

    /**
     * The listings on sale now: active and inside their validity window.
     *
     * @param currency only listings priced in this currency, or null for all.
     * @return the listings in creation order.
     */
    CompletableFuture<List<Listing>> store(String currency);

    /**
     * Buy {@code quantity} purchase units of a listing: one journaled record debits the price and adds the items
     * (stackable items top up the player's rows of that item up to its max stack, then open new rows; others get one
     * row per unit). Fails {@code economy.listing_not_found}, {@code economy.listing_inactive} (with
     * {@code details.reason}), {@code economy.insufficient_funds}, {@code inventory.full}.
     *
     * @param playerId  the buyer.
     * @param listingId the listing.
     * @param quantity  purchase units, 1..{@value #MAX_PURCHASE_QUANTITY}.
     * @return the ledger row and the inventory rows touched.
     */
    CompletableFuture<Purchase> purchase(String playerId, String listingId, int quantity);

    /**
     * A player's inventory, newest row first.
     *
     * @param playerId the player.
     * @param limit    at most this many (1..200).
     * @return the rows.
     */
    CompletableFuture<List<InventoryItem>> inventory(String playerId, int limit);

    /**
     * Use up units of an inventory row (deleted at 0). Fails {@code inventory.item_not_found},
     * {@code forbidden} (another player's row), {@code inventory.invalid_quantity},
     * {@code inventory.insufficient_quantity}.
     *
     * @param playerId the owner.
     * @param itemId   the inventory row.
     * @param quantity 1..{@value #MAX_CONSUME_QUANTITY}.
     * @return what remains.
     */
    CompletableFuture<Consumed> consume(String playerId, String itemId, long quantity);

    /**
     * One wallet.
     *
     * @param currency    code.
     * @param balance     current balance.
     * @param updatedAtMs last movement (Unix ms).
     */
    record Wallet(String currency, long balance, long updatedAtMs)
    {
    }

    /**
     * One ledger row.
     *
     * @param id            transaction id (UUIDv7).
     * @param playerId      the wallet's player.
     * @param currency      the wallet's currency.
     * @param amount        signed change.
     * @param balanceAfter  the balance once applied.
     * @param reason        why.
     * @param referenceType what it refers to (e.g. {@code store_listing}), or empty.
     * @param referenceId   the referred id, or empty.
     * @param metadataJson  a JSON object.
     * @param atMs          when (Unix ms).
     */
    record Transaction(
        String id,
        String playerId,
        String currency,
        long amount,
        long balanceAfter,
        String reason,
        String referenceType,
        String referenceId,
        String metadataJson,
        long atMs)
    {
    }

    /**
     * A grant or debit to make.
     *
     * @param playerId       the player.
     * @param currency       the currency code.
     * @param amount         {@value #MIN_AMOUNT}..{@value #MAX_AMOUNT}.
     * @param reason         why, 1..{@value #MAX_LABEL_LENGTH} characters.
     * @param idempotencyKey applied once per (player, key), or null.
     * @param referenceType  optional reference type, or null.
     * @param referenceId    optional reference id, or null.
     * @param metadataJson   optional JSON object, or null.
     */
    record MovementRequest(
        String playerId,
        String currency,
        long amount,
        String reason,
        String idempotencyKey,
        String referenceType,
        String referenceId,
        String metadataJson)
    {
        /**
         * A plain movement: no reference, no metadata.
         *
         * @param playerId       the player.
         * @param currency       the currency code.
         * @param amount         the amount.
         * @param reason         why.
         * @param idempotencyKey the key, or null.
         * @return the request.
         */
        public static MovementRequest of(
            final String playerId,
            final String currency,
            final long amount,
            final String reason,
            final String idempotencyKey)
        {
            return new MovementRequest(playerId, currency, amount, reason, idempotencyKey, null, null, null);
        }
    }

    /**
     * The result of a grant or debit.
     *
     * @param transaction the ledger row (the first one for an idempotent repeat).
     * @param isRepeat    true if the idempotency key had been applied before and nothing changed now.
     */
    record Movement(Transaction transaction, boolean isRepeat)
    {
    }

    /**
     * An item definition.
     *
     * @param id           its id (UUIDv7).
     * @param slug         unique code.
     * @param name         display name.
     * @param category     category, or empty.
     * @param rarity       rarity, or empty.
     * @param stackable    whether units stack in one inventory row.
     * @param maxStack     most units per row (1 if not stackable).
     * @param metadataJson a JSON object.
     * @param createdAtMs  when (Unix ms).
     */
    record ItemDef(
        String id,
        String slug,
        String name,
        String category,
        String rarity,
        boolean stackable,
        long maxStack,
        String metadataJson,
        long createdAtMs)
    {
    }

    /**
     * An item definition to create.
     *
     * @param slug         {@code [A-Za-z0-9_.-]{1,64}}, unique.
     * @param name         1..128 characters.
     * @param category     up to 64 characters, or null.
     * @param rarity       up to 64 characters, or null.
     * @param stackable    whether units stack.
     * @param maxStack     1..10^9 (ignored and 1 when not stackable); 0 picks the default.
     * @param metadataJson a JSON object, or null.
     */
    record ItemSpec(
        String slug,
        String name,
        String category,
        String rarity,
        boolean stackable,
        long maxStack,
        String metadataJson)
    {
    }

    /**
     * A store listing.
     *
     * @param id           its id (UUIDv7).
     * @param itemDefId    what it sells.
     * @param currency     priced in.
     * @param price        per purchase unit.
     * @param quantity     item units per purchase unit.
     * @param active       whether it is on sale (inside its window).
     * @param validFromMs  on sale from (Unix ms), or {@link #UNBOUNDED}.
     * @param validUntilMs on sale until, exclusive (Unix ms), or {@link #UNBOUNDED}.
     * @param metadataJson a JSON object.
     * @param createdAtMs  when created.
     * @param updatedAtMs  when last changed.
     */
    record Listing(
        String id,
        String itemDefId,
        String currency,
        long price,
        long quantity,
        boolean active,
        long validFromMs,
        long validUntilMs,
        String metadataJson,
        long createdAtMs,
        long updatedAtMs)
    {
        /**
         * Whether it is on sale at a time.
         *
         * @param nowMs the time.
         * @return true if active and inside its window.
         */
        public boolean isOnSale(final long nowMs)
        {
            return active && (UNBOUNDED == validFromMs || nowMs >= validFromMs) &&
                (UNBOUNDED == validUntilMs || nowMs < validUntilMs);
        }
    }

    /**
     * A listing to create.
     *
     * @param itemDefId    an existing item definition.
     * @param currency     the currency code.
     * @param price        {@value #MIN_AMOUNT}..{@value #MAX_AMOUNT}.
     * @param quantity     item units per purchase unit, 1..10^6.
     * @param active       on sale.
     * @param validFromMs  Unix ms or {@link #UNBOUNDED}.
     * @param validUntilMs Unix ms or {@link #UNBOUNDED}; after {@code validFromMs}.
     * @param metadataJson a JSON object, or null.
     */
    record ListingSpec(
        String itemDefId,
        String currency,
        long price,
        long quantity,
        boolean active,
        long validFromMs,
        long validUntilMs,
        String metadataJson)
    {
    }

    /**
     * Changes to a listing; null leaves a field as it is, {@link #UNBOUNDED} clears a bound.
     *
     * @param active       on sale or not.
     * @param price        new price.
     * @param validFromMs  new lower bound.
     * @param validUntilMs new upper bound.
     */
    record ListingChange(Boolean active, Long price, Long validFromMs, Long validUntilMs)
    {
    }

    /**
     * One inventory row.
     *
     * @param id           row id (UUIDv7).
     * @param itemDefId    the item.
     * @param playerId     the owner.
     * @param quantity     units held.
     * @param acquiredAtMs when the row was created.
     * @param updatedAtMs  when it last changed.
     */
    record InventoryItem(
        String id, String itemDefId, String playerId, long quantity, long acquiredAtMs, long updatedAtMs)
    {
    }

    /**
     * A completed purchase.
     *
     * @param transaction the debit.
     * @param items       the inventory rows it created or topped up, as they are after it.
     */
    record Purchase(Transaction transaction, List<InventoryItem> items)
    {
    }

    /**
     * A consumption.
     *
     * @param itemId            the row.
     * @param remainingQuantity units left (0: the row is gone).
     */
    record Consumed(String itemId, long remainingQuantity)
    {
    }
}

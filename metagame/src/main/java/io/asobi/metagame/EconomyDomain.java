package io.asobi.metagame;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.sbe.economy.ItemConsumedDecoder;
import io.asobi.sbe.economy.ItemConsumedEncoder;
import io.asobi.sbe.economy.ItemDefinedDecoder;
import io.asobi.sbe.economy.ItemDefinedEncoder;
import io.asobi.sbe.economy.ListingSavedDecoder;
import io.asobi.sbe.economy.ListingSavedEncoder;
import io.asobi.sbe.economy.MessageHeaderDecoder;
import io.asobi.sbe.economy.MessageHeaderEncoder;
import io.asobi.sbe.economy.PurchasedDecoder;
import io.asobi.sbe.economy.PurchasedEncoder;
import io.asobi.sbe.economy.WalletMovedDecoder;
import io.asobi.sbe.economy.WalletMovedEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The economy as a metagame domain (schema 4): wallets with an append-only ledger, idempotency keys, item
 * definitions, store listings, purchases and inventories. Commands decide on the writer thread and journal one record
 * each ({@code WalletMoved}, {@code ItemDefined}, {@code ListingSaved}, {@code Purchased}, {@code ItemConsumed});
 * {@link #apply} is the only code that changes the state, live and in replay.
 * <p>
 * <b>Note:</b> the state is touched on the writer thread only; the {@link Economy} methods check their arguments on
 * the caller's thread and queue the rest on the writer.
 */
final class EconomyDomain implements Wallets, Economy
{
    static final String PURCHASE_REASON = "store.purchase";
    static final String LISTING_REFERENCE = "store_listing";

    private final MetagameStateMachine machine;
    private final HashMap<String, Book> books = new HashMap<>();
    private final LinkedHashMap<String, ItemDef> itemDefs = new LinkedHashMap<>();
    private final HashMap<String, String> itemDefIdBySlug = new HashMap<>();
    private final LinkedHashMap<String, Listing> listingsById = new LinkedHashMap<>();
    private final HashMap<String, Row> rowsById = new HashMap<>();

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final WalletMovedEncoder movedEncoder = new WalletMovedEncoder();
    private final WalletMovedDecoder movedDecoder = new WalletMovedDecoder();
    private final ItemDefinedEncoder itemEncoder = new ItemDefinedEncoder();
    private final ItemDefinedDecoder itemDecoder = new ItemDefinedDecoder();
    private final ListingSavedEncoder listingEncoder = new ListingSavedEncoder();
    private final ListingSavedDecoder listingDecoder = new ListingSavedDecoder();
    private final PurchasedEncoder purchasedEncoder = new PurchasedEncoder();
    private final PurchasedDecoder purchasedDecoder = new PurchasedDecoder();
    private final ItemConsumedEncoder consumedEncoder = new ItemConsumedEncoder();
    private final ItemConsumedDecoder consumedDecoder = new ItemConsumedDecoder();

    /** What the economy holds about one player. */
    private static final class Book
    {
        final TreeMap<String, WalletState> wallets = new TreeMap<>();
        final HashMap<String, Transaction> transactionsByKey = new HashMap<>();
        final LinkedHashMap<String, Row> rows = new LinkedHashMap<>();
    }

    private static final class WalletState
    {
        long balance;
        long updatedAtMs;
        final ArrayList<Transaction> ledger = new ArrayList<>();
    }

    private static final class Row
    {
        final String id;
        final String itemDefId;
        final String playerId;
        final long acquiredAtMs;
        long quantity;
        long updatedAtMs;

        Row(final String id, final String itemDefId, final String playerId, final long quantity, final long atMs)
        {
            this.id = id;
            this.itemDefId = itemDefId;
            this.playerId = playerId;
            this.quantity = quantity;
            this.acquiredAtMs = atMs;
            this.updatedAtMs = atMs;
        }

        InventoryItem snapshot()
        {
            return new InventoryItem(id, itemDefId, playerId, quantity, acquiredAtMs, updatedAtMs);
        }
    }

    EconomyDomain(final MetagameStateMachine machine)
    {
        this.machine = machine;
    }

    public int schemaId()
    {
        return MessageHeaderDecoder.SCHEMA_ID;
    }

    public void checkFormat(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalStateException("economy record shorter than its header: " + length + " bytes");
        }
        headerDecoder.wrap(buffer, offset);
        final int templateId = headerDecoder.templateId();
        if (templateId < WalletMovedDecoder.TEMPLATE_ID || templateId > ItemConsumedDecoder.TEMPLATE_ID ||
            headerDecoder.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new IllegalStateException("unknown economy record: templateId=" + templateId +
                " version=" + headerDecoder.version());
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + headerDecoder.blockLength())
        {
            throw new IllegalStateException("economy record " + templateId + " shorter than its block: " + length);
        }
    }

    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        headerDecoder.wrap(buffer, offset);
        switch (headerDecoder.templateId())
        {
            case WalletMovedDecoder.TEMPLATE_ID -> applyMoved(buffer, offset);
            case ItemDefinedDecoder.TEMPLATE_ID -> applyItemDefined(buffer, offset);
            case ListingSavedDecoder.TEMPLATE_ID -> applyListingSaved(buffer, offset);
            case PurchasedDecoder.TEMPLATE_ID -> applyPurchased(buffer, offset);
            case ItemConsumedDecoder.TEMPLATE_ID -> applyConsumed(buffer, offset);
            default -> throw new IllegalStateException("unknown economy record " + headerDecoder.templateId());
        }
    }

    private void applyMoved(final DirectBuffer buffer, final int offset)
    {
        final WalletMovedDecoder d = movedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final long amount = d.amount();
        final long balanceAfter = d.balanceAfter();
        final String transactionId = d.transactionId();
        final String playerId = d.playerId();
        final String currency = d.currency();
        final String reason = d.reason();
        final String referenceType = d.referenceType();
        final String referenceId = d.referenceId();
        final String key = d.idempotencyKey();
        final String metadata = bytesToString(d.metadataLength(), d::getMetadata);

        final Book book = books.computeIfAbsent(playerId, id -> new Book());
        final Transaction transaction = new Transaction(transactionId, playerId, currency, amount, balanceAfter,
            reason, referenceType, referenceId, metadata, atMs);
        addToLedger(book, transaction);
        if (!key.isEmpty())
        {
            book.transactionsByKey.put(key, transaction);
        }
    }

    private static void addToLedger(final Book book, final Transaction transaction)
    {
        final WalletState wallet = book.wallets.computeIfAbsent(transaction.currency(), c -> new WalletState());
        wallet.balance = transaction.balanceAfter();
        wallet.updatedAtMs = transaction.atMs();
        wallet.ledger.add(transaction);
    }

    private void applyItemDefined(final DirectBuffer buffer, final int offset)
    {
        final ItemDefinedDecoder d = itemDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final boolean stackable = 0 != d.stackable();
        final long maxStack = d.maxStack();
        final String id = d.itemDefId();
        final String slug = d.slug();
        final String name = d.name();
        final String category = d.category();
        final String rarity = d.rarity();
        final String metadata = bytesToString(d.metadataLength(), d::getMetadata);
        itemDefs.put(id, new ItemDef(id, slug, name, category, rarity, stackable, maxStack, metadata, atMs));
        itemDefIdBySlug.put(slug, id);
    }

    private void applyListingSaved(final DirectBuffer buffer, final int offset)
    {
        final ListingSavedDecoder d = listingDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final long price = d.price();
        final long quantity = d.quantity();
        final boolean active = 0 != d.active();
        final long validFromMs = d.validFromMs();
        final long validUntilMs = d.validUntilMs();
        final String id = d.listingId();
        final String itemDefId = d.itemDefId();
        final String currency = d.currency();
        final String metadata = bytesToString(d.metadataLength(), d::getMetadata);
        final Listing previous = listingsById.get(id);
        listingsById.put(id, new Listing(id, itemDefId, currency, price, quantity, active, validFromMs, validUntilMs,
            metadata, null == previous ? atMs : previous.createdAtMs(), atMs));
    }

    private void applyPurchased(final DirectBuffer buffer, final int offset)
    {
        final PurchasedDecoder d = purchasedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final long price = d.price();
        final long balanceAfter = d.balanceAfter();
        final long units = d.units();
        final PurchasedDecoder.RowsDecoder rows = d.rows();
        final int rowCount = rows.count();
        final String[] rowIds = new String[rowCount];
        final long[] added = new long[rowCount];
        final boolean[] created = new boolean[rowCount];
        for (int i = 0; i < rowCount; i++)
        {
            rows.next();
            rowIds[i] = new UUID(rows.item().msb(), rows.item().lsb()).toString();
            added[i] = rows.added();
            created[i] = 0 != rows.created();
        }
        final String transactionId = d.transactionId();
        final String playerId = d.playerId();
        final String listingId = d.listingId();
        final String itemDefId = d.itemDefId();
        final String currency = d.currency();

        final Book book = books.computeIfAbsent(playerId, id -> new Book());
        addToLedger(book, new Transaction(transactionId, playerId, currency, -price, balanceAfter, PURCHASE_REASON,
            LISTING_REFERENCE, listingId, "{\"item_def_id\":\"" + itemDefId + "\",\"units\":" + units + "}", atMs));
        for (int i = 0; i < rowCount; i++)
        {
            if (created[i])
            {
                final Row row = new Row(rowIds[i], itemDefId, playerId, added[i], atMs);
                book.rows.put(row.id, row);
                rowsById.put(row.id, row);
            }
            else
            {
                final Row row = rowsById.get(rowIds[i]);
                if (null == row)
                {
                    throw new IllegalStateException("purchase tops up a missing inventory row " + rowIds[i]);
                }
                row.quantity += added[i];
                row.updatedAtMs = atMs;
            }
        }
    }

    private void applyConsumed(final DirectBuffer buffer, final int offset)
    {
        final ItemConsumedDecoder d = consumedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        d.quantity();
        final long remaining = d.remaining();
        final String playerId = d.playerId();
        final String itemId = d.itemId();
        final Row row = rowsById.get(itemId);
        if (null == row)
        {
            throw new IllegalStateException("consumption of a missing inventory row " + itemId);
        }
        if (remaining <= 0)
        {
            rowsById.remove(itemId);
            final Book book = books.get(playerId);
            if (null != book)
            {
                book.rows.remove(itemId);
            }
        }
        else
        {
            row.quantity = remaining;
            row.updatedAtMs = atMs;
        }
    }

    private interface BytesGetter
    {
        int get(byte[] dst, int dstOffset, int length);
    }

    private static String bytesToString(final int length, final BytesGetter getter)
    {
        final byte[] bytes = new byte[length];
        getter.get(bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writer-thread decisions.
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Grant or debit a checked request: answer an idempotent repeat, else decide the balance and journal it.
     */
    private Movement move(final MetagameWriter writer, final MovementRequest r, final boolean isGrant)
    {
        if (!writer.accounts().hasPlayer(r.playerId()))
        {
            throw AccountErrors.playerNotFound();
        }
        final Book book = books.get(r.playerId());
        if (!r.idempotencyKey().isEmpty() && null != book)
        {
            final Transaction prior = book.transactionsByKey.get(r.idempotencyKey());
            if (null != prior)
            {
                if (isSameMovement(prior, r, isGrant))
                {
                    return new Movement(prior, true);
                }
                throw EconomyErrors.of(EconomyErrors.IDEMPOTENCY_CONFLICT,
                    "This idempotency key was used with other arguments",
                    Map.of("idempotency_key", r.idempotencyKey(), "transaction_id", prior.id()));
            }
        }
        final long balance = balanceIn(book, r.currency());
        final long after;
        if (isGrant)
        {
            if (balance > MAX_BALANCE - r.amount())
            {
                throw EconomyErrors.of(EconomyErrors.BALANCE_LIMIT, "The wallet would exceed its largest balance",
                    Map.of("currency", r.currency(), "balance", balance, "max_balance", MAX_BALANCE));
            }
            after = balance + r.amount();
        }
        else
        {
            if (balance < r.amount())
            {
                throw insufficientFunds(r.currency(), balance, r.amount());
            }
            after = balance - r.amount();
        }

        final long atMs = writer.nowMs();
        final String transactionId = Uuid7.next(atMs);
        final byte[] metadata = r.metadataJson().getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer buffer = writer.scratch();
        movedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(atMs)
            .amount(isGrant ? r.amount() : -r.amount())
            .balanceAfter(after)
            .transactionId(transactionId)
            .playerId(r.playerId())
            .currency(r.currency())
            .reason(r.reason())
            .referenceType(r.referenceType())
            .referenceId(r.referenceId())
            .idempotencyKey(r.idempotencyKey())
            .putMetadata(metadata, 0, metadata.length);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + movedEncoder.encodedLength());
        return new Movement(books.get(r.playerId()).wallets.get(r.currency()).ledger.getLast(), false);
    }

    private static boolean isSameMovement(final Transaction prior, final MovementRequest r, final boolean isGrant)
    {
        return (prior.amount() > 0) == isGrant &&
            Math.abs(prior.amount()) == r.amount() &&
            prior.currency().equals(r.currency()) &&
            prior.reason().equals(r.reason()) &&
            prior.referenceType().equals(r.referenceType()) &&
            prior.referenceId().equals(r.referenceId()) &&
            prior.metadataJson().equals(r.metadataJson());
    }

    private static AccountException insufficientFunds(final String currency, final long balance, final long required)
    {
        return EconomyErrors.of(EconomyErrors.INSUFFICIENT_FUNDS, "The wallet does not hold enough of this currency",
            Map.of("currency", currency, "balance", balance, "required", required));
    }

    private static long balanceIn(final Book book, final String currency)
    {
        if (null == book)
        {
            return 0;
        }
        final WalletState wallet = book.wallets.get(currency);
        return null == wallet ? 0 : wallet.balance;
    }

    private void audit(
        final MetagameWriter writer, final String operator, final String action, final String target,
        final ObjectNode details)
    {
        writer.domain(AuditDomain.class).record(writer, operator, action, target, details.toString());
    }

    private static ObjectNode details()
    {
        return JsonNodeFactory.instance.objectNode();
    }

    private Purchase decidePurchase(
        final MetagameWriter writer, final String playerId, final String listingId, final int quantity)
    {
        if (!writer.accounts().hasPlayer(playerId))
        {
            throw AccountErrors.playerNotFound();
        }
        final Listing listing = listingsById.get(listingId);
        if (null == listing)
        {
            throw EconomyErrors.of(EconomyErrors.LISTING_NOT_FOUND, "No store listing exists with this id",
                Map.of("listing_id", listingId));
        }
        final long nowMs = writer.nowMs();
        if (!listing.isOnSale(nowMs))
        {
            final String reason = !listing.active() ? "inactive" :
                nowMs < listing.validFromMs() ? "not_yet_valid" : "expired";
            throw EconomyErrors.of(EconomyErrors.LISTING_INACTIVE, "This store listing is not on sale",
                Map.of("reason", reason));
        }
        final ItemDef item = itemDefs.get(listing.itemDefId());
        final long price = listing.price() * quantity;
        final long units = listing.quantity() * quantity;
        final Book book = books.get(playerId);
        final long balance = balanceIn(book, listing.currency());
        if (balance < price)
        {
            throw insufficientFunds(listing.currency(), balance, price);
        }

        final List<String> rowIds = new ArrayList<>();
        final List<Long> rowAdded = new ArrayList<>();
        final List<Boolean> rowCreated = new ArrayList<>();
        long remaining = units;
        if (item.stackable() && null != book)
        {
            for (final Row row : book.rows.values())
            {
                if (remaining > 0 && row.itemDefId.equals(item.id()) && row.quantity < item.maxStack())
                {
                    final long add = Math.min(remaining, item.maxStack() - row.quantity);
                    rowIds.add(row.id);
                    rowAdded.add(add);
                    rowCreated.add(false);
                    remaining -= add;
                }
            }
        }
        final long perRow = item.stackable() ? item.maxStack() : 1;
        final long newRows = (remaining + perRow - 1) / perRow;
        if (newRows > MAX_ROWS_PER_PURCHASE)
        {
            throw EconomyErrors.of(EconomyErrors.INVENTORY_FULL, "This purchase would create too many inventory rows",
                Map.of("max_rows_per_purchase", MAX_ROWS_PER_PURCHASE));
        }
        final int heldRows = null == book ? 0 : book.rows.size();
        if (heldRows + newRows > MAX_INVENTORY_ROWS)
        {
            throw EconomyErrors.of(EconomyErrors.INVENTORY_FULL, "The inventory holds as many rows as allowed",
                Map.of("max_rows", MAX_INVENTORY_ROWS));
        }
        while (remaining > 0)
        {
            final long add = Math.min(remaining, perRow);
            rowIds.add(Uuid7.next(nowMs));
            rowAdded.add(add);
            rowCreated.add(true);
            remaining -= add;
        }

        final String transactionId = Uuid7.next(nowMs);
        final ExpandableArrayBuffer buffer = writer.scratch();
        purchasedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(nowMs)
            .price(price)
            .balanceAfter(balance - price)
            .units(quantity);
        final PurchasedEncoder.RowsEncoder rows = purchasedEncoder.rowsCount(rowIds.size());
        for (int i = 0; i < rowIds.size(); i++)
        {
            final UUID uuid = UUID.fromString(rowIds.get(i));
            rows.next().added(rowAdded.get(i)).created((short)(rowCreated.get(i) ? 1 : 0))
                .item().msb(uuid.getMostSignificantBits()).lsb(uuid.getLeastSignificantBits());
        }
        purchasedEncoder.transactionId(transactionId)
            .playerId(playerId)
            .listingId(listing.id())
            .itemDefId(item.id())
            .currency(listing.currency());
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + purchasedEncoder.encodedLength());

        final Book after = books.get(playerId);
        final List<InventoryItem> touched = new ArrayList<>(rowIds.size());
        for (final String rowId : rowIds)
        {
            touched.add(after.rows.get(rowId).snapshot());
        }
        return new Purchase(after.wallets.get(listing.currency()).ledger.getLast(), List.copyOf(touched));
    }

    private Consumed decideConsume(
        final MetagameWriter writer, final String playerId, final String itemId, final long quantity)
    {
        final Row row = rowsById.get(itemId);
        if (null == row)
        {
            throw EconomyErrors.of(EconomyErrors.INVENTORY_ITEM_NOT_FOUND, "No inventory item exists with this id");
        }
        if (!row.playerId.equals(playerId))
        {
            throw EconomyErrors.of(EconomyErrors.FORBIDDEN, "This inventory item belongs to another player");
        }
        if (row.quantity < quantity)
        {
            throw EconomyErrors.of(EconomyErrors.INSUFFICIENT_QUANTITY,
                "The item stack holds fewer than the amount asked", Map.of("quantity", row.quantity));
        }
        final long remaining = row.quantity - quantity;
        final ExpandableArrayBuffer buffer = writer.scratch();
        consumedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .quantity(quantity)
            .remaining(remaining)
            .playerId(playerId)
            .itemId(itemId);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + consumedEncoder.encodedLength());
        return new Consumed(itemId, remaining);
    }

    private void journalListing(final MetagameWriter writer, final String id, final ListingSpec s)
    {
        final byte[] metadata = s.metadataJson().getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer buffer = writer.scratch();
        listingEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .price(s.price())
            .quantity(s.quantity())
            .active((short)(s.active() ? 1 : 0))
            .validFromMs(s.validFromMs())
            .validUntilMs(s.validUntilMs())
            .listingId(id)
            .itemDefId(s.itemDefId())
            .currency(s.currency())
            .putMetadata(metadata, 0, metadata.length);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + listingEncoder.encodedLength());
    }

    private static ObjectNode listingDetails(final Listing listing)
    {
        return details()
            .put("item_def_id", listing.itemDefId())
            .put("currency", listing.currency())
            .put("price", listing.price())
            .put("quantity", listing.quantity())
            .put("active", listing.active())
            .put("valid_from", listing.validFromMs())
            .put("valid_until", listing.validUntilMs());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Wallets (writer thread, other domains).
    // ---------------------------------------------------------------------------------------------------------------

    public long grant(
        final MetagameWriter writer,
        final String playerId,
        final String currency,
        final long amount,
        final String reason,
        final String idempotencyKey)
    {
        return move(writer, EconomyChecks.movement(MovementRequest.of(playerId, currency, amount, reason,
            idempotencyKey)), true).transaction().balanceAfter();
    }

    public long debit(
        final MetagameWriter writer,
        final String playerId,
        final String currency,
        final long amount,
        final String reason,
        final String idempotencyKey)
    {
        return move(writer, EconomyChecks.movement(MovementRequest.of(playerId, currency, amount, reason,
            idempotencyKey)), false).transaction().balanceAfter();
    }

    public long balance(final String playerId, final String currency)
    {
        return balanceIn(books.get(playerId), currency);
    }

    public void onPlayerErased(final String playerId)
    {
        final Book book = books.remove(playerId);
        if (null != book)
        {
            for (final String rowId : book.rows.keySet())
            {
                rowsById.remove(rowId);
            }
        }
    }

    public void exportPlayer(final String playerId, final ObjectNode out)
    {
        final ObjectNode economy = out.putObject("economy");
        final ArrayNode wallets = economy.putArray("wallets");
        final ArrayNode inventory = economy.putArray("inventory");
        final Book book = books.get(playerId);
        if (null == book)
        {
            return;
        }
        for (final Map.Entry<String, WalletState> entry : book.wallets.entrySet())
        {
            final ObjectNode wallet = wallets.addObject()
                .put("currency", entry.getKey())
                .put("balance", entry.getValue().balance);
            final ArrayNode ledger = wallet.putArray("transactions");
            for (final Transaction t : entry.getValue().ledger)
            {
                ledger.addObject()
                    .put("id", t.id())
                    .put("amount", t.amount())
                    .put("balance_after", t.balanceAfter())
                    .put("reason", t.reason())
                    .put("reference_type", t.referenceType())
                    .put("reference_id", t.referenceId())
                    .put("metadata", t.metadataJson())
                    .put("at_ms", t.atMs());
            }
        }
        for (final Row row : book.rows.values())
        {
            inventory.addObject()
                .put("id", row.id)
                .put("item_def_id", row.itemDefId)
                .put("quantity", row.quantity)
                .put("acquired_at_ms", row.acquiredAtMs);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Economy (any thread).
    // ---------------------------------------------------------------------------------------------------------------

    private <T> CompletableFuture<T> run(final Function<MetagameWriter, T> body)
    {
        return machine.execute(body);
    }

    private static <T> CompletableFuture<T> refused(final AccountException ex)
    {
        return CompletableFuture.failedFuture(ex);
    }

    private void requirePlayer(final MetagameWriter writer, final String playerId)
    {
        if (!writer.accounts().hasPlayer(playerId))
        {
            throw AccountErrors.playerNotFound();
        }
    }

    public CompletableFuture<List<Wallet>> wallets(final String playerId)
    {
        return run(writer ->
        {
            requirePlayer(writer, playerId);
            final Book book = books.get(playerId);
            if (null == book)
            {
                return List.of();
            }
            final List<Wallet> wallets = new ArrayList<>(book.wallets.size());
            for (final Map.Entry<String, WalletState> entry : book.wallets.entrySet())
            {
                wallets.add(new Wallet(entry.getKey(), entry.getValue().balance, entry.getValue().updatedAtMs));
            }
            return wallets;
        });
    }

    public CompletableFuture<Long> walletBalance(final String playerId, final String currency)
    {
        if (!EconomyChecks.isCurrency(currency))
        {
            return refused(invalidCurrency(currency));
        }
        return run(writer ->
        {
            requirePlayer(writer, playerId);
            return balanceIn(books.get(playerId), currency);
        });
    }

    private static AccountException invalidCurrency(final String currency)
    {
        try
        {
            EconomyChecks.currency(currency);
            throw new IllegalStateException("valid currency " + currency);
        }
        catch (final AccountException ex)
        {
            return ex;
        }
    }

    public CompletableFuture<List<Transaction>> history(final String playerId, final String currency, final int limit)
    {
        if (!EconomyChecks.isCurrency(currency))
        {
            return refused(invalidCurrency(currency));
        }
        final int boundedLimit = EconomyChecks.limit(limit);
        return run(writer ->
        {
            requirePlayer(writer, playerId);
            final Book book = books.get(playerId);
            final WalletState wallet = null == book ? null : book.wallets.get(currency);
            if (null == wallet)
            {
                return List.of();
            }
            final List<Transaction> page = new ArrayList<>(Math.min(boundedLimit, wallet.ledger.size()));
            for (int i = wallet.ledger.size() - 1; i >= 0 && page.size() < boundedLimit; i--)
            {
                page.add(wallet.ledger.get(i));
            }
            return page;
        });
    }

    public CompletableFuture<Movement> grant(final MovementRequest request, final String operator)
    {
        return movement(request, operator, true);
    }

    public CompletableFuture<Movement> debit(final MovementRequest request, final String operator)
    {
        return movement(request, operator, false);
    }

    private CompletableFuture<Movement> movement(
        final MovementRequest request, final String operator, final boolean isGrant)
    {
        final MovementRequest checked;
        try
        {
            checked = EconomyChecks.movement(request);
        }
        catch (final AccountException ex)
        {
            return refused(ex);
        }
        return run(writer ->
        {
            final Movement movement = move(writer, checked, isGrant);
            if (null != operator && !movement.isRepeat())
            {
                final Transaction t = movement.transaction();
                audit(writer, operator, isGrant ? "economy.grant" : "economy.debit", checked.playerId(), details()
                    .put("transaction_id", t.id())
                    .put("currency", t.currency())
                    .put("amount", t.amount())
                    .put("balance_after", t.balanceAfter())
                    .put("reason", t.reason())
                    .put("idempotency_key", checked.idempotencyKey()));
            }
            return movement;
        });
    }

    public CompletableFuture<ItemDef> createItem(final ItemSpec spec, final String operator)
    {
        final ItemSpec s;
        try
        {
            s = EconomyChecks.item(spec);
        }
        catch (final AccountException ex)
        {
            return refused(ex);
        }
        return run(writer ->
        {
            if (itemDefIdBySlug.containsKey(s.slug()))
            {
                throw EconomyErrors.of(EconomyErrors.SLUG_TAKEN, "An item with this slug already exists",
                    Map.of("slug", s.slug(), "item_def_id", itemDefIdBySlug.get(s.slug())));
            }
            final String id = Uuid7.next(writer.nowMs());
            final byte[] metadata = s.metadataJson().getBytes(StandardCharsets.UTF_8);
            final ExpandableArrayBuffer buffer = writer.scratch();
            itemEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .atMs(writer.nowMs())
                .stackable((short)(s.stackable() ? 1 : 0))
                .maxStack(s.maxStack())
                .itemDefId(id)
                .slug(s.slug())
                .name(s.name())
                .category(s.category())
                .rarity(s.rarity())
                .putMetadata(metadata, 0, metadata.length);
            writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + itemEncoder.encodedLength());
            audit(writer, operator, "economy.item_create", id, details()
                .put("slug", s.slug()).put("name", s.name()).put("stackable", s.stackable())
                .put("max_stack", s.maxStack()));
            return itemDefs.get(id);
        });
    }

    public CompletableFuture<Audit.Page<ItemDef>> items(final int limit, final int offset)
    {
        return run(writer -> page(itemDefs.values(), limit, offset));
    }

    private static <T> Audit.Page<T> page(final java.util.Collection<T> all, final int limit, final int offset)
    {
        final int boundedLimit = EconomyChecks.limit(limit);
        final int boundedOffset = Math.max(0, offset);
        final List<T> page = new ArrayList<>(Math.min(boundedLimit, all.size()));
        int index = 0;
        for (final T value : all)
        {
            if (index++ >= boundedOffset)
            {
                page.add(value);
                if (page.size() == boundedLimit)
                {
                    break;
                }
            }
        }
        return new Audit.Page<>(page, all.size());
    }

    public CompletableFuture<ItemDef> item(final String itemDefId)
    {
        return run(writer ->
        {
            final ItemDef item = null == itemDefId ? null : itemDefs.get(itemDefId);
            if (null == item)
            {
                throw EconomyErrors.of(EconomyErrors.OPS_NOT_FOUND, "No item definition exists with this id");
            }
            return item;
        });
    }

    public CompletableFuture<Listing> createListing(final ListingSpec spec, final String operator)
    {
        final ListingSpec s;
        try
        {
            s = EconomyChecks.listing(spec);
        }
        catch (final AccountException ex)
        {
            return refused(ex);
        }
        return run(writer ->
        {
            if (!itemDefs.containsKey(s.itemDefId()))
            {
                throw EconomyErrors.of(EconomyErrors.ITEM_NOT_FOUND, "No item definition exists with this id",
                    Map.of("item_def_id", s.itemDefId()));
            }
            final String id = Uuid7.next(writer.nowMs());
            journalListing(writer, id, s);
            final Listing listing = listingsById.get(id);
            audit(writer, operator, "economy.listing_create", id, listingDetails(listing));
            return listing;
        });
    }

    public CompletableFuture<Listing> updateListing(
        final String listingId, final ListingChange change, final String operator)
    {
        try
        {
            if (null != change.price())
            {
                EconomyChecks.price(change.price());
            }
            EconomyChecks.window(null == change.validFromMs() ? 0 : change.validFromMs(),
                null == change.validUntilMs() ? 0 : change.validUntilMs());
        }
        catch (final AccountException ex)
        {
            return refused(ex);
        }
        return run(writer ->
        {
            final Listing old = null == listingId ? null : listingsById.get(listingId);
            if (null == old)
            {
                throw EconomyErrors.of(EconomyErrors.OPS_NOT_FOUND, "No store listing exists with this id");
            }
            final ListingSpec next = new ListingSpec(
                old.itemDefId(),
                old.currency(),
                null == change.price() ? old.price() : change.price(),
                old.quantity(),
                null == change.active() ? old.active() : change.active(),
                null == change.validFromMs() ? old.validFromMs() : change.validFromMs(),
                null == change.validUntilMs() ? old.validUntilMs() : change.validUntilMs(),
                old.metadataJson());
            EconomyChecks.window(next.validFromMs(), next.validUntilMs());
            journalListing(writer, listingId, next);
            final Listing listing = listingsById.get(listingId);
            audit(writer, operator, "economy.listing_update", listingId, listingDetails(listing));
            return listing;
        });
    }

    public CompletableFuture<Audit.Page<Listing>> listings(final int limit, final int offset)
    {
        return run(writer -> page(listingsById.values(), limit, offset));
    }

    public CompletableFuture<Listing> listing(final String listingId)
    {
        return run(writer ->
        {
            final Listing listing = null == listingId ? null : listingsById.get(listingId);
            if (null == listing)
            {
                throw EconomyErrors.of(EconomyErrors.OPS_NOT_FOUND, "No store listing exists with this id");
            }
            return listing;
        });
    }

    public CompletableFuture<List<Listing>> store(final String currency)
    {
        if (null != currency && !EconomyChecks.isCurrency(currency))
        {
            return refused(invalidCurrency(currency));
        }
        return run(writer ->
        {
            final long nowMs = writer.nowMs();
            final List<Listing> onSale = new ArrayList<>();
            for (final Listing listing : listingsById.values())
            {
                if (listing.isOnSale(nowMs) && (null == currency || currency.equals(listing.currency())))
                {
                    onSale.add(listing);
                }
            }
            return onSale;
        });
    }

    public CompletableFuture<Purchase> purchase(final String playerId, final String listingId, final int quantity)
    {
        if (quantity < 1 || quantity > MAX_PURCHASE_QUANTITY)
        {
            return refused(EconomyErrors.of(EconomyErrors.INVALID_QUANTITY,
                "`quantity` must be a positive integer within the cap", Map.of("max", MAX_PURCHASE_QUANTITY)));
        }
        if (null == listingId || listingId.isEmpty() || listingId.length() > 64)
        {
            return refused(EconomyErrors.of(EconomyErrors.LISTING_NOT_FOUND, "No store listing exists with this id"));
        }
        return run(writer -> decidePurchase(writer, playerId, listingId, quantity));
    }

    public CompletableFuture<List<InventoryItem>> inventory(final String playerId, final int limit)
    {
        final int boundedLimit = EconomyChecks.limit(limit);
        return run(writer ->
        {
            requirePlayer(writer, playerId);
            final Book book = books.get(playerId);
            if (null == book)
            {
                return List.of();
            }
            final List<InventoryItem> items = new ArrayList<>(Math.min(boundedLimit, book.rows.size()));
            for (final Row row : book.rows.sequencedValues().reversed())
            {
                if (items.size() == boundedLimit)
                {
                    break;
                }
                items.add(row.snapshot());
            }
            return items;
        });
    }

    public CompletableFuture<Consumed> consume(final String playerId, final String itemId, final long quantity)
    {
        if (quantity < 1 || quantity > MAX_CONSUME_QUANTITY)
        {
            return refused(EconomyErrors.of(EconomyErrors.INVALID_QUANTITY,
                "`quantity` must be a positive integer within the cap", Map.of("max", MAX_CONSUME_QUANTITY)));
        }
        if (null == itemId || itemId.isEmpty() || itemId.length() > 64)
        {
            return refused(EconomyErrors.of(EconomyErrors.INVENTORY_ITEM_NOT_FOUND,
                "No inventory item exists with this id"));
        }
        return run(writer -> decideConsume(writer, playerId, itemId, quantity));
    }

    /**
     * A canonical dump of the whole state (tests: live state equals replayed state). Writer thread.
     *
     * @return the dump.
     */
    String describe()
    {
        final StringBuilder out = new StringBuilder();
        for (final String playerId : new java.util.TreeSet<>(books.keySet()))
        {
            final Book book = books.get(playerId);
            out.append("player ").append(playerId).append('\n');
            for (final Map.Entry<String, WalletState> wallet : book.wallets.entrySet())
            {
                out.append("  wallet ").append(wallet.getKey()).append(' ').append(wallet.getValue().balance)
                    .append(' ').append(wallet.getValue().updatedAtMs).append('\n');
                for (final Transaction t : wallet.getValue().ledger)
                {
                    out.append("    ").append(t).append('\n');
                }
            }
            for (final Map.Entry<String, Transaction> key : new TreeMap<>(book.transactionsByKey).entrySet())
            {
                out.append("  key ").append(key.getKey()).append(" -> ").append(key.getValue().id()).append('\n');
            }
            for (final Row row : book.rows.values())
            {
                out.append("  row ").append(row.snapshot()).append('\n');
            }
        }
        for (final ItemDef item : itemDefs.values())
        {
            out.append(item).append('\n');
        }
        for (final Listing listing : listingsById.values())
        {
            out.append(listing).append('\n');
        }
        out.append("rows ").append(rowsById.size()).append('\n');
        return out.toString();
    }

    /**
     * The sum of a wallet's ledger amounts (tests: equals its balance). Writer thread.
     */
    long ledgerSum(final String playerId, final String currency)
    {
        final Book book = books.get(playerId);
        final WalletState wallet = null == book ? null : book.wallets.get(currency);
        long sum = 0;
        if (null != wallet)
        {
            for (final Transaction t : wallet.ledger)
            {
                sum += t.amount();
            }
        }
        return sum;
    }

    /**
     * Every transaction in every wallet (tests). Writer thread.
     */
    List<Transaction> allTransactions()
    {
        final List<Transaction> all = new ArrayList<>();
        for (final Book book : books.values())
        {
            for (final WalletState wallet : book.wallets.values())
            {
                all.addAll(wallet.ledger);
            }
        }
        return all;
    }
}

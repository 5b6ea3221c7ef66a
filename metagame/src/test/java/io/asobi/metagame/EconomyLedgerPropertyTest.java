package io.asobi.metagame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.agrona.concurrent.CachedEpochClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ledger properties over random grants, debits (with and without idempotency keys), purchases and consumptions,
 * checked against a model: a wallet's ledger sums to its balance, no balance or {@code balance_after} is ever
 * negative, a key applied twice changes nothing the second time (and with other arguments is a conflict), and the
 * state replayed from the journal after a restart equals the live state.
 */
class EconomyLedgerPropertyTest
{
    private static final String[] CURRENCIES = {"gold", "gems"};
    private static final String[] KEYS = {"k0", "k1", "k2", "k3"};

    sealed interface Action
    {
    }

    record Move(boolean isGrant, int player, int currency, long amount, int key) implements Action
    {
    }

    record Buy(int player, int listing, int quantity) implements Action
    {
    }

    record Consume(int player, int row, long quantity) implements Action
    {
    }

    record Advance(long ms) implements Action
    {
    }

    @Provide
    Arbitrary<List<Action>> actions()
    {
        final Arbitrary<Action> move = Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(0, CURRENCIES.length - 1),
            Arbitraries.longs().between(1, 120),
            Arbitraries.integers().between(-1, KEYS.length - 1)).as(Move::new);
        final Arbitrary<Action> buy = Combinators.combine(
            Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(1, 4)).as(Buy::new);
        final Arbitrary<Action> consume = Combinators.combine(
            Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(0, 20),
            Arbitraries.longs().between(1, 6)).as(Consume::new);
        final Arbitrary<Action> advance = Arbitraries.longs().between(0, 5_000).map(Advance::new);
        return Arbitraries.frequencyOf(Tuple.of(6, move), Tuple.of(3, buy), Tuple.of(2, consume),
            Tuple.of(1, advance)).list().ofMinSize(1).ofMaxSize(60);
    }

    /** The model's view of one movement made under a key. */
    private record Keyed(boolean isGrant, String currency, long amount)
    {
    }

    @Property(tries = 40)
    void ledgerHoldsItsInvariantsAndReplaysIdentically(@ForAll("actions") final List<Action> actions)
        throws IOException
    {
        final Path dir = Files.createTempDirectory("economy-ledger");
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(START_MS);
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        try
        {
            final String[] players = new String[2];
            final String liveState;
            try (MetagameStateMachine machine = launch(dir, clock, errors))
            {
                players[0] = await(machine.register("ann", "password1", null)).playerId();
                players[1] = await(machine.register("bob", "password1", null)).playerId();
                final Economy economy = machine.economy();
                final List<Economy.Listing> listings = setUpStore(economy);
                final Map<String, Long> balances = new HashMap<>();
                final Map<String, Keyed> keys = new HashMap<>();

                for (final Action action : actions)
                {
                    switch (action)
                    {
                        case Move m -> move(economy, players, balances, keys, m);
                        case Buy b -> buy(economy, players[b.player()], listings.get(b.listing()), b.quantity(),
                            balances);
                        case Consume c -> consume(economy, players[c.player()], c);
                        case Advance a -> clock.advance(a.ms());
                    }
                }

                final EconomyDomain domain = (EconomyDomain)economy;
                for (final String player : players)
                {
                    for (final String currency : CURRENCIES)
                    {
                        final long balance = await(economy.walletBalance(player, currency));
                        assertThat(balance).isEqualTo(balances.getOrDefault(player + currency, 0L));
                        assertThat(await(machine.<Long>execute(w -> domain.ledgerSum(player, currency))))
                            .as("ledger sum of %s", currency).isEqualTo(balance);
                    }
                }
                final List<Economy.Transaction> all = await(machine.execute(w -> domain.allTransactions()));
                assertThat(all).allSatisfy(t -> assertThat(t.balanceAfter()).isNotNegative());
                liveState = await(machine.execute(w -> domain.describe()));
            }

            try (MetagameStateMachine replayed = launch(dir, clock, errors))
            {
                final EconomyDomain domain = (EconomyDomain)replayed.economy();
                assertThat(await(replayed.<String>execute(w -> domain.describe()))).isEqualTo(liveState);
            }
            assertThat(errors).isEmpty();
        }
        finally
        {
            deleteRecursively(dir);
        }
    }

    private static MetagameStateMachine launch(
        final Path dir, final CachedEpochClock clock, final List<Throwable> errors)
    {
        final MetagameStateMachine machine =
            MetagameStateMachine.launch(MetagameTestSupport.cheapContext(dir, clock, errors));
        await(machine.ready());
        return machine;
    }

    private static List<Economy.Listing> setUpStore(final Economy economy)
    {
        final Economy.ItemDef potion = await(economy.createItem(
            new Economy.ItemSpec("potion", "Potion", null, null, true, 4, null), "op"));
        final Economy.ItemDef sword = await(economy.createItem(
            new Economy.ItemSpec("sword", "Sword", null, null, false, 0, null), "op"));
        return List.of(
            await(economy.createListing(new Economy.ListingSpec(potion.id(), "gold", 5, 3, true, 0, 0, null), "op")),
            await(economy.createListing(new Economy.ListingSpec(sword.id(), "gems", 40, 1, true, 0, 0, null), "op")),
            await(economy.createListing(new Economy.ListingSpec(potion.id(), "gems", 1, 1, true, 0, 0, null), "op")));
    }

    private static void move(
        final Economy economy,
        final String[] players,
        final Map<String, Long> balances,
        final Map<String, Keyed> keys,
        final Move m)
    {
        final String player = players[m.player()];
        final String currency = CURRENCIES[m.currency()];
        final String key = m.key() < 0 ? null : KEYS[m.key()];
        final Economy.MovementRequest request = Economy.MovementRequest.of(player, currency, m.amount(), "r", key);
        final CompletableFuture<Economy.Movement> future =
            m.isGrant() ? economy.grant(request, null) : economy.debit(request, null);
        final Outcome<Economy.Movement> outcome = outcomeOf(future);
        final String wallet = player + currency;
        final long before = balances.getOrDefault(wallet, 0L);
        final Keyed prior = null == key ? null : keys.get(player + "/" + key);

        if (null != prior)
        {
            if (prior.equals(new Keyed(m.isGrant(), currency, m.amount())))
            {
                assertThat(outcome.value()).as("a repeat answers the first result").isNotNull();
                assertThat(outcome.value().isRepeat()).isTrue();
            }
            else
            {
                assertThat(outcome.code()).isEqualTo("economy.idempotency_conflict");
            }
            return; // nothing changes either way
        }
        if (!m.isGrant() && before < m.amount())
        {
            assertThat(outcome.code()).isEqualTo("economy.insufficient_funds");
            return;
        }
        assertThat(outcome.value()).isNotNull();
        assertThat(outcome.value().isRepeat()).isFalse();
        final long after = before + (m.isGrant() ? m.amount() : -m.amount());
        assertThat(outcome.value().transaction().balanceAfter()).isEqualTo(after);
        balances.put(wallet, after);
        if (null != key)
        {
            keys.put(player + "/" + key, new Keyed(m.isGrant(), currency, m.amount()));
        }
    }

    private static void buy(
        final Economy economy,
        final String player,
        final Economy.Listing listing,
        final int quantity,
        final Map<String, Long> balances)
    {
        final Outcome<Economy.Purchase> outcome = outcomeOf(economy.purchase(player, listing.id(), quantity));
        final String wallet = player + listing.currency();
        final long before = balances.getOrDefault(wallet, 0L);
        final long price = listing.price() * quantity;
        if (before < price)
        {
            assertThat(outcome.code()).isEqualTo("economy.insufficient_funds");
            return;
        }
        assertThat(outcome.value()).isNotNull();
        assertThat(outcome.value().transaction().balanceAfter()).isEqualTo(before - price);
        assertThat(outcome.value().items().stream().mapToLong(Economy.InventoryItem::quantity).sum())
            .isGreaterThanOrEqualTo(listing.quantity() * quantity);
        balances.put(wallet, before - price);
    }

    private static void consume(final Economy economy, final String player, final Consume c)
    {
        final List<Economy.InventoryItem> items = await(economy.inventory(player, 200));
        if (items.isEmpty())
        {
            return;
        }
        final Economy.InventoryItem item = items.get(c.row() % items.size());
        final Outcome<Economy.Consumed> outcome = outcomeOf(economy.consume(player, item.id(), c.quantity()));
        if (c.quantity() > item.quantity())
        {
            assertThat(outcome.code()).isEqualTo("inventory.insufficient_quantity");
        }
        else
        {
            assertThat(outcome.value().remainingQuantity()).isEqualTo(item.quantity() - c.quantity());
        }
    }

    private record Outcome<T>(T value, String code)
    {
    }

    private static <T> Outcome<T> outcomeOf(final CompletableFuture<T> future)
    {
        try
        {
            return new Outcome<>(future.get(MetagameTestSupport.TIMEOUT_S, TimeUnit.SECONDS), null);
        }
        catch (final ExecutionException ex)
        {
            assertThat(ex.getCause()).isInstanceOf(AccountException.class);
            return new Outcome<>(null, ((AccountException)ex.getCause()).code());
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}

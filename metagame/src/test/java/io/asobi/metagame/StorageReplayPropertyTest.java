package io.asobi.metagame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random save, storage and erase commands applied live, then replayed from the journal into a fresh state machine:
 * the storage state and the account state must be equal, and every answer read back must be the same.
 */
class StorageReplayPropertyTest
{
    private static final int PLAYERS = 3;
    private static final String[] SLOTS = {"a", "b", "c"};
    private static final String[] KEYS = {"k1", "k2", "k3"};
    private static final StoragePermission[] PERMS = {null, StoragePermission.OWNER, StoragePermission.PUBLIC};

    sealed interface Action
    {
    }

    record PutSave(int player, int slot, int value, int versionHint) implements Action
    {
    }

    record PutObject(int player, int key, int value, int readPerm, int writePerm, int versionHint) implements Action
    {
    }

    record DeleteObject(int player, int key) implements Action
    {
    }

    record PutGlobal(int key, int value) implements Action
    {
    }

    record Erase(int player, boolean byOperator) implements Action
    {
    }

    record Advance(int ms) implements Action
    {
    }

    @Provide
    Arbitrary<List<Action>> actions()
    {
        final Arbitrary<Integer> player = Arbitraries.integers().between(0, PLAYERS - 1);
        final Arbitrary<Integer> small = Arbitraries.integers().between(0, 2);
        final Arbitrary<Integer> value = Arbitraries.integers().between(0, 100);
        final Arbitrary<Integer> hint = Arbitraries.integers().between(-1, 3);
        final Arbitrary<Action> action = Arbitraries.frequencyOf(
            Tuple.of(5, Combinators.combine(player, small, value, hint).as(PutSave::new)),
            Tuple.of(5, Combinators.combine(player, small, value, small, small, hint).as(PutObject::new)),
            Tuple.of(2, Combinators.combine(player, small).as(DeleteObject::new)),
            Tuple.of(2, Combinators.combine(small, value).as(PutGlobal::new)),
            Tuple.of(1, Combinators.combine(player, Arbitraries.of(true, false)).as(Erase::new)),
            Tuple.of(2, Arbitraries.integers().between(0, 5000).map(Advance::new)));
        return action.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 30)
    void shouldReplayTheJournalIntoTheSameStorageState(@ForAll("actions") final List<Action> actions)
        throws IOException
    {
        final Path dir = Files.createTempDirectory("storage-replay");
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(START_MS);
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        try
        {
            final List<String> playerIds = new ArrayList<>();
            final String liveStorage;
            final String liveAccounts;
            final List<Object> liveReads;
            try (MetagameStateMachine live = launch(dir, clock, errors))
            {
                for (int i = 0; i < PLAYERS; i++)
                {
                    playerIds.add(await(live.register("player" + i, "password-" + i, null)).playerId());
                }
                for (final Action action : actions)
                {
                    apply(live, clock, action, playerIds);
                }
                liveStorage = await(live.execute(writer -> writer.domain(StorageDomain.class).describe()));
                liveAccounts = await(live.query(state -> state.describe(clock.time())));
                liveReads = reads(live, playerIds);
            }

            try (MetagameStateMachine replayed = launch(dir, clock, errors))
            {
                final String replayedStorage =
                    await(replayed.execute(writer -> writer.domain(StorageDomain.class).describe()));
                final String replayedAccounts = await(replayed.query(state -> state.describe(clock.time())));
                assertThat(replayedStorage).isEqualTo(liveStorage);
                assertThat(replayedAccounts).isEqualTo(liveAccounts);
                assertThat(reads(replayed, playerIds)).isEqualTo(liveReads);
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

    private static void apply(
        final MetagameStateMachine machine,
        final CachedEpochClock clock,
        final Action action,
        final List<String> playerIds)
    {
        switch (action)
        {
            case PutSave p -> settle(machine.cloudSaves().put(playerIds.get(p.player()), SLOTS[p.slot()],
                JsonNodeFactory.instance.objectNode().put("v", p.value()), p.versionHint()));
            case PutObject p -> settle(machine.storage().put(playerIds.get(p.player()), "col", KEYS[p.key()],
                JsonNodeFactory.instance.numberNode(p.value()), PERMS[p.readPerm()], PERMS[p.writePerm()],
                p.versionHint()));
            case DeleteObject d -> settle(machine.storage().delete(playerIds.get(d.player()), "col", KEYS[d.key()]));
            case PutGlobal g -> settle(machine.storage().putGlobal("cfg", KEYS[g.key()],
                JsonNodeFactory.instance.numberNode(g.value())));
            case Erase e ->
            {
                final String id = playerIds.get(e.player());
                settle(e.byOperator() ? machine.playerData().eraseByOperator("op", id, "player" + e.player()) :
                    machine.playerData().eraseSelf(id, "password-" + e.player()));
            }
            case Advance a -> clock.advance(a.ms());
        }
    }

    /** What a client would read back, per player and for the server side. */
    private static List<Object> reads(final MetagameStateMachine machine, final List<String> playerIds)
    {
        final List<Object> reads = new ArrayList<>();
        for (final String id : playerIds)
        {
            reads.add(machine.player(id));
            reads.add(settle(machine.cloudSaves().list(id)));
            for (final String slot : SLOTS)
            {
                reads.add(settle(machine.cloudSaves().versions(id, slot)));
            }
            reads.add(settle(machine.storage().list(id, "col", 100, 0)));
        }
        for (final String key : KEYS)
        {
            reads.add(settle(machine.storage().getGlobal("cfg", key)));
        }
        return reads;
    }

    /** The outcome: the value, or the failure's code (both are deterministic functions of the state). */
    private static Object settle(final CompletableFuture<?> future)
    {
        try
        {
            final Object value = future.get(MetagameTestSupport.TIMEOUT_S, TimeUnit.SECONDS);
            return null == value ? "null" : value;
        }
        catch (final ExecutionException ex)
        {
            return ex.getCause() instanceof final AccountException refused ? refused.code() : ex.getCause();
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

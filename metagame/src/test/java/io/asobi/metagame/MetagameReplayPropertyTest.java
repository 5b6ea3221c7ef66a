package io.asobi.metagame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.CachedEpochClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences applied live, then replayed from the journal into a fresh state machine: the replayed
 * state must equal the live one (players, credentials, every token's validity, used flags and families).
 */
class MetagameReplayPropertyTest
{
    private static final String[] NAMES = {"ann", "Ann", "bob", "cy_1"};
    private static final String[] PASSWORDS = {"password1", "password2"};
    private static final long[] ADVANCES_MS =
        {0, 1000, 30 * 60 * 1000, 61 * 60 * 1000, 10L * 24 * 60 * 60 * 1000, 31L * 24 * 60 * 60 * 1000};

    sealed interface Action
    {
    }

    record Register(int name, int password, boolean withDisplayName) implements Action
    {
    }

    record Login(int name, int password) implements Action
    {
    }

    record Refresh(int token) implements Action
    {
    }

    record Logout(int refreshToken, int accessToken, int which) implements Action
    {
    }

    record Update(int player, int variant) implements Action
    {
    }

    record Advance(int step) implements Action
    {
    }

    @Provide
    Arbitrary<List<Action>> actions()
    {
        final Arbitrary<Integer> any = Arbitraries.integers().between(0, 1000);
        final Arbitrary<Action> action = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Combinators.combine(
                Arbitraries.integers().between(0, NAMES.length - 1),
                Arbitraries.integers().between(0, PASSWORDS.length - 1),
                Arbitraries.of(true, false)).as(Register::new)),
            net.jqwik.api.Tuple.of(3, Combinators.combine(
                Arbitraries.integers().between(0, NAMES.length - 1),
                Arbitraries.integers().between(0, PASSWORDS.length - 1)).as(Login::new)),
            net.jqwik.api.Tuple.of(4, any.map(Refresh::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(any, any, Arbitraries.integers().between(0, 2))
                .as(Logout::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(any, Arbitraries.integers().between(0, 4))
                .as(Update::new)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, ADVANCES_MS.length - 1).map(Advance::new)));

        return action.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 50)
    void shouldReplayTheJournalIntoTheSameObservableState(@ForAll("actions") final List<Action> actions)
        throws IOException
    {
        final Path dir = Files.createTempDirectory("metagame-replay");
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(START_MS);
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final List<AuthTokens> issued = new ArrayList<>();
        final List<String> playerIds = new ArrayList<>();

        try
        {
            final String liveState;
            final Map<String, String> liveAuthentications = new LinkedHashMap<>();
            final Map<String, PlayerProfile> liveProfiles = new LinkedHashMap<>();
            try (MetagameStateMachine live = launch(dir, clock, errors))
            {
                await(live.ready());
                for (final Action action : actions)
                {
                    apply(live, clock, action, issued, playerIds);
                }
                liveState = await(live.query(state -> state.describe(clock.time())));
                for (final AuthTokens tokens : issued)
                {
                    liveAuthentications.put(tokens.accessToken(), live.authenticate(tokens.accessToken()));
                }
                for (final String id : playerIds)
                {
                    liveProfiles.put(id, live.player(id));
                }
            }

            try (MetagameStateMachine replayed = launch(dir, clock, errors))
            {
                await(replayed.ready());
                final String replayedState = await(replayed.query(state -> state.describe(clock.time())));

                assertThat(replayedState).isEqualTo(liveState);
                for (final Map.Entry<String, String> entry : liveAuthentications.entrySet())
                {
                    assertThat(replayed.authenticate(entry.getKey())).isEqualTo(entry.getValue());
                }
                for (final Map.Entry<String, PlayerProfile> entry : liveProfiles.entrySet())
                {
                    assertThat(replayed.player(entry.getKey())).isEqualTo(entry.getValue());
                }
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
        return MetagameStateMachine.launch(MetagameTestSupport.cheapContext(dir, clock, errors)
            .maxFamiliesPerPlayer(2)
            .pruneIntervalMs(1));
    }

    private static void apply(
        final MetagameStateMachine machine,
        final CachedEpochClock clock,
        final Action action,
        final List<AuthTokens> issued,
        final List<String> playerIds)
    {
        switch (action)
        {
            case Register r ->
            {
                final AuthTokens tokens = outcome(machine.register(
                    NAMES[r.name()], PASSWORDS[r.password()], r.withDisplayName() ? "Player " + r.name() : null));
                if (null != tokens)
                {
                    issued.add(tokens);
                    playerIds.add(tokens.playerId());
                }
            }
            case Login l ->
            {
                final AuthTokens tokens = outcome(machine.login(NAMES[l.name()], PASSWORDS[l.password()]));
                if (null != tokens)
                {
                    issued.add(tokens);
                }
            }
            case Refresh r ->
            {
                final String token = issued.isEmpty() ? "x".repeat(43) : issued.get(r.token() % issued.size())
                    .refreshToken();
                final AuthTokens tokens = outcome(machine.refresh(token));
                if (null != tokens)
                {
                    issued.add(tokens);
                }
            }
            case Logout l ->
            {
                final String refresh = issued.isEmpty() || l.which() == 1 ? null :
                    issued.get(l.refreshToken() % issued.size()).refreshToken();
                final String access = issued.isEmpty() || l.which() == 0 ? null :
                    issued.get(l.accessToken() % issued.size()).accessToken();
                outcome(machine.logout(refresh, access));
            }
            case Update u ->
            {
                final String id = playerIds.isEmpty() || u.variant() == 4 ? Uuid7.next() :
                    playerIds.get(u.player() % playerIds.size());
                switch (u.variant())
                {
                    case 0 -> outcome(machine.updatePlayer(id, "Name " + u.player(), null, null));
                    case 1 -> outcome(machine.updatePlayer(id, null, "https://a.example/" + u.player(), null));
                    case 2 -> outcome(machine.updatePlayer(id, null, null,
                        JsonNodeFactory.instance.objectNode().put("v", u.player())));
                    case 3 -> outcome(machine.updatePlayer(id, "n".repeat(65), null, null));
                    default -> outcome(machine.updatePlayer(id, "Ghost", null, null));
                }
            }
            case Advance a -> clock.advance(ADVANCES_MS[a.step()]);
        }
    }

    /** The value, or null if the future failed with an account error (anything else fails the property). */
    private static <T> T outcome(final CompletableFuture<T> future)
    {
        return future.orTimeout(MetagameTestSupport.TIMEOUT_S, TimeUnit.SECONDS).handle((value, ex) ->
        {
            if (null != ex && !(ex instanceof AccountException))
            {
                throw new AssertionError("unexpected failure", ex);
            }
            return value;
        }).join();
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}

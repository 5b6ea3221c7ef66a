package io.asobi.metagame;

import io.asobi.metagame.Leaderboards.BoardConfig;
import io.asobi.metagame.Leaderboards.ResetKind;
import io.asobi.metagame.Leaderboards.Reward;
import io.asobi.metagame.Leaderboards.Tournament;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random leaderboard and tournament commands and clock advances (so resets and tournament lifecycles happen),
 * applied live on the real writer and journal; the writer is then restarted on the same directory and the replayed
 * state must equal the live one: boards, tie order, periods and archives, tournaments, entrants, wallets.
 */
class LeaderboardReplayPropertyTest
{
    private static final String[] BOARDS = {"daily", "every", "plain", "asc"};
    private static final long[] ADVANCES_MS = {0, 1_000, 60_000, 11 * 60_000, 3_600_000, 86_400_000};

    sealed interface Action
    {
    }

    record Configure(int board, boolean clientSubmit, int schedule, boolean isDescending) implements Action
    {
    }

    record Submit(int board, int player, long score, boolean fromClient) implements Action
    {
    }

    record SubmitToTournament(int tournament, int player, long score) implements Action
    {
    }

    record Create(int startHours, int maxEntries, boolean withFee, boolean withRewards) implements Action
    {
    }

    record Join(int tournament, int player) implements Action
    {
    }

    record Fund(int player) implements Action
    {
    }

    record Advance(int index) implements Action
    {
    }

    @Provide
    Arbitrary<List<Action>> actions()
    {
        final Arbitrary<Action> configure = Combinators.combine(
            Arbitraries.integers().between(0, BOARDS.length - 1), Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 2), Arbitraries.of(true, false)).as(Configure::new);
        final Arbitrary<Action> submit = Combinators.combine(
            Arbitraries.integers().between(0, BOARDS.length - 1), Arbitraries.integers().between(0, 6),
            Arbitraries.longs().between(-2, 5), Arbitraries.of(true, false)).as(Submit::new);
        final Arbitrary<Action> tournamentSubmit = Combinators.combine(
            Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 6),
            Arbitraries.longs().between(0, 5)).as(SubmitToTournament::new);
        final Arbitrary<Action> create = Combinators.combine(
            Arbitraries.integers().between(-1, 2), Arbitraries.integers().between(1, 4),
            Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Create::new);
        final Arbitrary<Action> join = Combinators.combine(
            Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 6)).as(Join::new);
        final Arbitrary<Action> fund = Arbitraries.integers().between(0, 6).map(Fund::new);
        final Arbitrary<Action> advance = Arbitraries.integers().between(0, ADVANCES_MS.length - 1).map(Advance::new);
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, configure),
            net.jqwik.api.Tuple.of(8, submit),
            net.jqwik.api.Tuple.of(4, tournamentSubmit),
            net.jqwik.api.Tuple.of(1, create),
            net.jqwik.api.Tuple.of(3, join),
            net.jqwik.api.Tuple.of(2, fund),
            net.jqwik.api.Tuple.of(3, advance)).list().ofMaxSize(80);
    }

    @Property(tries = 30)
    void replayedStateEqualsLiveState(@ForAll("actions") final List<Action> actions) throws IOException
    {
        final Path dir = Files.createTempDirectory("leaderboard-replay");
        try
        {
            final CachedEpochClock clock = new CachedEpochClock();
            clock.update(START_MS);
            final List<String> tournamentIds = new ArrayList<>();
            final String live;
            try (LeaderboardHarness h = new LeaderboardHarness(dir, clock))
            {
                for (final Action action : actions)
                {
                    apply(h, clock, action, tournamentIds);
                }
                live = h.describe();
                assertThat(h.errors).isEmpty();
            }
            try (LeaderboardHarness replayed = new LeaderboardHarness(dir, clock))
            {
                assertThat(replayed.describe()).isEqualTo(live);
                assertThat(replayed.errors).isEmpty();
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void apply(
        final LeaderboardHarness h, final CachedEpochClock clock, final Action action, final List<String> tournaments)
    {
        final CompletableFuture<?> result = switch (action)
        {
            case Configure c -> h.domain.configure("ops", new BoardConfig(BOARDS[c.board()], c.clientSubmit(),
                switch (c.schedule())
                {
                    case 0 -> ResetKind.NONE;
                    case 1 -> ResetKind.DAILY;
                    default -> ResetKind.EVERY;
                }, 2 == c.schedule() ? 10 * 60_000 : 0, c.isDescending()));
            case Submit s -> h.domain.submit(BOARDS[s.board()], "p" + s.player(), s.score(), s.score() * 3,
                s.fromClient());
            case SubmitToTournament s -> tournaments.isEmpty() ? null : h.domain.submit(
                "tournament:" + tournaments.get(s.tournament() % tournaments.size()), "p" + s.player(), s.score(), 0,
                false);
            case Create c -> h.domain.createTournament("ops", new Leaderboards.TournamentSpec("t",
                clock.time() + c.startHours() * 3_600_000L, clock.time() + (c.startHours() + 2) * 3_600_000L,
                c.maxEntries(), c.withFee() ? "gold" : null, c.withFee() ? 3 : 0,
                c.withRewards() ? List.of(new Reward(1, 1, "gold", 10), new Reward(2, 3, "gems", 1)) : List.of(),
                "{}", false));
            case Join j -> tournaments.isEmpty() ? null :
                h.domain.join(tournaments.get(j.tournament() % tournaments.size()), "p" + j.player());
            case Fund f -> h.execute(writer -> h.wallets.grant(writer, "p" + f.player(), "gold", 5, "test", null));
            case Advance a ->
            {
                h.advance(ADVANCES_MS[a.index()]);
                yield null;
            }
        };
        if (null != result)
        {
            h.run(result);
            if (action instanceof Create && !result.isCompletedExceptionally())
            {
                tournaments.add(((Tournament)result.join()).id());
            }
        }
    }
}

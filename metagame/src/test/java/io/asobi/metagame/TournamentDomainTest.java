package io.asobi.metagame;

import io.asobi.metagame.Leaderboards.Entry;
import io.asobi.metagame.Leaderboards.Reward;
import io.asobi.metagame.Leaderboards.Tournament;
import io.asobi.metagame.Leaderboards.TournamentStatus;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.asobi.metagame.LeaderboardDomainTest.spec;
import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tournaments on the real writer and journal with a journaled test wallet: lifecycle by timer, joins with entry
 * fees, entrant-only submits, rewards by final rank granted once even across a crash in the middle of the payout.
 */
class TournamentDomainTest
{
    private static final long HOUR_MS = 3_600_000;

    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private LeaderboardHarness h;

    @BeforeEach
    void open()
    {
        clock.update(START_MS);
        h = new LeaderboardHarness(dir, clock);
    }

    @AfterEach
    void close()
    {
        h.close();
    }

    private void reopen()
    {
        final String before = h.describe();
        h.close();
        h = new LeaderboardHarness(dir, clock);
        assertThat(h.describe()).isEqualTo(before);
    }

    private void fund(final String player, final long amount)
    {
        h.get(h.execute(writer -> h.wallets.grant(writer, player, "gold", amount, "test", null)));
    }

    private Tournament tournament(final String id)
    {
        return h.get(h.domain.tournament(id));
    }

    @Test
    void lifecycleFeesEntrantOnlySubmitsAndRewardsByFinalRank()
    {
        final List<Reward> rewards = List.of(new Reward(1, 1, "gold", 100), new Reward(2, 3, "gems", 10));
        final Tournament created = h.get(h.domain.createTournament("ops",
            spec(START_MS + HOUR_MS, START_MS + 2 * HOUR_MS, 4, "gold", 5, rewards)));
        assertThat(created.status()).isEqualTo(TournamentStatus.PENDING);
        assertThat(created.leaderboardId()).isEqualTo("tournament:" + created.id());
        assertThat(created.metadataJson()).isEqualTo("{\"tier\":1}");
        final String id = created.id();

        for (final String player : List.of("a", "b", "c", "d"))
        {
            fund(player, 7);
        }
        assertThat(h.get(h.domain.join(id, "a")).entries()).isEqualTo(1);
        assertThat(h.wallets.balance("a", "gold")).isEqualTo(2);
        assertThat(h.code(h.domain.join(id, "a"))).isEqualTo("tournament.already_joined");
        assertThat(h.wallets.balance("a", "gold")).isEqualTo(2);
        assertThat(h.code(h.domain.join(id, "poor"))).isEqualTo("economy.insufficient_funds");
        assertThat(h.code(h.domain.join("missing", "a"))).isEqualTo("tournament.not_found");
        h.get(h.domain.join(id, "b"));
        h.get(h.domain.join(id, "c"));
        h.get(h.domain.join(id, "d"));
        fund("e", 7);
        assertThat(h.code(h.domain.join(id, "e"))).isEqualTo("tournament.full");
        assertThat(h.wallets.balance("e", "gold")).isEqualTo(7);

        final String board = created.leaderboardId();
        assertThat(h.code(h.domain.submit(board, "a", 1, 0, false))).isEqualTo("tournament.not_active");
        h.advance(HOUR_MS);
        assertThat(tournament(id).status()).isEqualTo(TournamentStatus.ACTIVE);
        assertThat(h.code(h.domain.submit(board, "e", 1, 0, false))).isEqualTo("tournament.not_joined");
        assertThat(h.code(h.domain.submit(board, "a", 1, 0, true))).isEqualTo("leaderboard.client_submit_disabled");
        h.get(h.domain.submit(board, "a", 30, 0, false));
        h.get(h.domain.submit(board, "b", 50, 0, false));
        h.get(h.domain.submit(board, "c", 40, 0, false));
        h.get(h.domain.submit(board, "d", 10, 0, false));
        reopen();

        h.advance(HOUR_MS);
        final Tournament finished = tournament(id);
        assertThat(finished.status()).isEqualTo(TournamentStatus.FINISHED);
        assertThat(h.wallets.balance("b", "gold")).isEqualTo(2 + 100);
        assertThat(h.wallets.balance("c", "gems")).isEqualTo(10);
        assertThat(h.wallets.balance("a", "gems")).isEqualTo(10);
        assertThat(h.wallets.balance("d", "gems")).isZero();
        assertThat(h.wallets.balance("d", "gold")).isEqualTo(2);
        assertThat(h.code(h.domain.join(id, "e"))).isEqualTo("tournament.not_open");
        assertThat(h.code(h.domain.submit(board, "a", 99, 0, false))).isEqualTo("tournament.not_active");
        assertThat(h.get(h.domain.top(board, 10, 0))).extracting(Entry::playerId).containsExactly("b", "c", "a", "d");

        final int movements = h.wallets.movements;
        h.advance(HOUR_MS);
        assertThat(h.wallets.movements).isEqualTo(movements);
        reopen();
        assertThat(h.get(h.domain.tournaments("finished", 10, 0)).items()).extracting(Tournament::id)
            .containsExactly(id);
        assertThat(h.get(h.domain.entrants(id))).containsExactly("a", "b", "c", "d");
        assertThat(h.errors).isEmpty();
    }

    @Test
    void aTournamentWhoseStartHasPassedIsActiveAtOnceAndTheEndMustBeInTheFuture()
    {
        final Tournament t = h.get(h.domain.createTournament("ops",
            spec(START_MS - HOUR_MS, START_MS + HOUR_MS, 10, null, 0, List.of())));
        assertThat(t.status()).isEqualTo(TournamentStatus.ACTIVE);
        assertThat(h.code(h.domain.createTournament("ops",
            spec(START_MS - 2 * HOUR_MS, START_MS - HOUR_MS, 10, null, 0, List.of())))).isEqualTo("validation_failed");
        assertThat(h.code(h.domain.createTournament("ops",
            spec(START_MS, START_MS + HOUR_MS, 0, null, 0, List.of())))).isEqualTo("validation_failed");
        assertThat(h.code(h.domain.createTournament("ops", spec(START_MS, START_MS + HOUR_MS, 10, null, 0,
            List.of(new Reward(1, 3, "gold", 5), new Reward(3, 4, "gold", 1)))))).isEqualTo("validation_failed");
        assertThat(h.code(h.domain.createTournament("ops",
            spec(START_MS, START_MS + HOUR_MS, 10, "gold", 0, List.of())))).isEqualTo("validation_failed");
        // Free: no economy needed.
        assertThat(h.get(h.domain.join(t.id(), "p")).entries()).isEqualTo(1);
        assertThat(h.wallets.movements).isZero();
        assertThat(h.errors).isEmpty();
    }

    @Test
    void aJoinWhoseAppendFailsAfterTheDebitIsSafeToRetry()
    {
        final Tournament t = h.get(h.domain.createTournament("ops",
            spec(START_MS, START_MS + HOUR_MS, 10, "gold", 5, List.of())));
        fund("p", 12);
        h.failNextJoinAppend = true;
        assertThat(h.code(h.domain.join(t.id(), "p"))).isEqualTo("internal");
        assertThat(h.wallets.balance("p", "gold")).isEqualTo(7);
        assertThat(tournament(t.id()).entries()).isZero();

        assertThat(h.get(h.domain.join(t.id(), "p")).entries()).isEqualTo(1);
        assertThat(h.wallets.balance("p", "gold")).isEqualTo(7);
        reopen();
        assertThat(h.wallets.balance("p", "gold")).isEqualTo(7);
        assertThat(h.get(h.domain.entrants(t.id()))).containsExactly("p");
        h.errors.clear(); // the simulated journal failure was reported
    }

    @Test
    void aCrashInTheMiddleOfThePayoutGrantsEveryRewardExactlyOnceAfterRestart()
    {
        final Tournament t = h.get(h.domain.createTournament("ops",
            spec(START_MS, START_MS + HOUR_MS, 10, null, 0, List.of(new Reward(1, 3, "gold", 50)))));
        for (final String player : List.of("a", "b", "c"))
        {
            h.get(h.domain.join(t.id(), player));
        }
        h.get(h.domain.submit(t.leaderboardId(), "a", 3, 0, false));
        h.get(h.domain.submit(t.leaderboardId(), "b", 2, 0, false));
        h.get(h.domain.submit(t.leaderboardId(), "c", 1, 0, false));

        h.wallets.failGrantsAfter = 1;
        h.advance(HOUR_MS);
        assertThat(tournament(t.id()).status()).isEqualTo(TournamentStatus.ENDED);
        assertThat(h.wallets.balance("a", "gold")).isEqualTo(50);
        assertThat(h.wallets.balance("b", "gold")).isZero();
        assertThat(h.errors).hasSize(1);

        h.close();
        h = new LeaderboardHarness(dir, clock);
        // The first writer cycle after the restart runs the timer, which re-runs the whole payout.
        assertThat(tournament(t.id()).status()).isEqualTo(TournamentStatus.FINISHED);
        assertThat(List.of("a", "b", "c")).allSatisfy(p -> assertThat(h.wallets.balance(p, "gold")).isEqualTo(50));
        assertThat(h.errors).isEmpty();
    }
}

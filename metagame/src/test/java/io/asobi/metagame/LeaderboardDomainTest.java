package io.asobi.metagame;

import io.asobi.metagame.Leaderboards.BoardConfig;
import io.asobi.metagame.Leaderboards.Entry;
import io.asobi.metagame.Leaderboards.ResetKind;
import io.asobi.metagame.Leaderboards.Reward;
import io.asobi.metagame.Leaderboards.Tournament;
import io.asobi.metagame.Leaderboards.TournamentSpec;
import io.asobi.metagame.Leaderboards.TournamentStatus;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaderboard domain on the real writer and journal, driven by hand (no threads, no sleeps).
 */
class LeaderboardDomainTest
{
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 60 * MINUTE_MS;

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
        assertThat(h.errors).isEmpty();
    }

    private LeaderboardHarness reopen()
    {
        final String before = h.describe();
        h.close();
        h = new LeaderboardHarness(dir, clock);
        assertThat(h.describe()).isEqualTo(before);
        return h;
    }

    private Entry submit(final String board, final String player, final long score)
    {
        return h.get(h.domain.submit(board, player, score, 0, false));
    }

    private List<String> topPlayers(final String board, final int limit)
    {
        return h.get(h.domain.top(board, limit, 0)).stream().map(Entry::playerId).toList();
    }

    @Test
    void submitReplacesTheScoreAndTiesGoToTheEarlierSubmitThenThePlayerId()
    {
        submit("b", "carol", 50);
        clock.advance(10);
        submit("b", "bob", 50);
        submit("b", "alice", 50);
        submit("b", "dave", 70);
        assertThat(topPlayers("b", 10)).containsExactly("dave", "carol", "alice", "bob");

        final Entry replaced = submit("b", "dave", 10);
        assertThat(replaced.rank()).isEqualTo(4);
        assertThat(replaced.score()).isEqualTo(10);
        final Entry withSubScore = h.get(h.domain.submit("b", "erin", 60, 42, false));
        assertThat(withSubScore).isEqualTo(new Entry("b", "erin", 60, 42, 1, START_MS + 10));
        assertThat(h.get(h.domain.rank("b", "alice")).rank()).isEqualTo(3);
        assertThat(h.get(h.domain.rank("b", "nobody"))).isNull();
        assertThat(h.get(h.domain.top("b", 2, 0))).extracting(Entry::rank).containsExactly(1L, 2L);
        reopen();
        assertThat(topPlayers("b", 10)).containsExactly("erin", "carol", "alice", "bob", "dave");
    }

    @Test
    void aroundReturnsRangeEitherSideOfThePlayer()
    {
        for (int i = 0; i < 20; i++)
        {
            submit("b", "p" + i, i);
        }
        final List<Entry> around = h.get(h.domain.around("b", "p10", 2, 0));
        assertThat(around).extracting(Entry::playerId).containsExactly("p12", "p11", "p10", "p9", "p8");
        assertThat(around).extracting(Entry::rank).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(h.get(h.domain.around("b", "p19", 3, 0))).extracting(Entry::playerId)
            .containsExactly("p19", "p18", "p17", "p16");
        assertThat(h.get(h.domain.around("b", "p0", 1, 0))).extracting(Entry::playerId).containsExactly("p1", "p0");
        assertThat(h.get(h.domain.around("b", "nobody", 5, 0))).isEmpty();
        assertThat(h.get(h.domain.around("nope", "p0", 5, 0))).isEmpty();
    }

    @Test
    void clientSubmitIsOffByDefaultAndReadsNeverCreateABoard()
    {
        assertThat(h.get(h.domain.top("unknown", 10, 0))).isEmpty();
        assertThat(h.get(h.domain.board("unknown"))).isNull();
        assertThat(h.code(h.domain.submit("unknown", "p", 1, 0, true)))
            .isEqualTo("leaderboard.client_submit_disabled");
        assertThat(h.get(h.domain.board("unknown"))).isNull();

        submit("implicit", "server", 5);
        final Leaderboards.Board implicit = h.get(h.domain.board("implicit"));
        assertThat(implicit.clientSubmit()).isFalse();
        assertThat(implicit.isDescending()).isTrue();
        assertThat(implicit.resetKind()).isEqualTo(ResetKind.NONE);
        assertThat(h.code(h.domain.submit("implicit", "p", 1, 0, true)))
            .isEqualTo("leaderboard.client_submit_disabled");

        final Leaderboards.Configured configured =
            h.get(h.domain.configure("ops", new BoardConfig("implicit", true, ResetKind.NONE, 0, true)));
        assertThat(configured.isCreated()).isFalse();
        assertThat(configured.board().entries()).isEqualTo(1);
        assertThat(h.get(h.domain.submit("implicit", "p", 9, 0, true)).rank()).isEqualTo(1);
    }

    @Test
    void validationRefusesBadIdsAndSchedules()
    {
        assertThat(h.code(h.domain.submit("bad id", "p", 1, 0, false))).isEqualTo("validation_failed");
        assertThat(h.code(h.domain.submit("b", "", 1, 0, false))).isEqualTo("validation_failed");
        assertThat(h.code(h.domain.configure("ops", new BoardConfig("tournament:x", false, ResetKind.NONE, 0, true))))
            .isEqualTo("validation_failed");
        assertThat(h.code(h.domain.configure("ops", new BoardConfig("b", false, ResetKind.EVERY, 1000, true))))
            .isEqualTo("validation_failed");
        assertThat(h.code(h.domain.configure("ops", new BoardConfig("b", false, null, 0, true))))
            .isEqualTo("validation_failed");
    }

    @Test
    void atMostAThousandBoardsAndTournamentBoardsDoNotCount()
    {
        for (int i = 0; i < Leaderboards.MAX_BOARDS; i++)
        {
            h.domain.configure("ops", new BoardConfig("b" + i, false, ResetKind.NONE, 0, true));
        }
        h.agent.doWork();
        h.agent.doWork();
        h.agent.doWork();
        h.agent.doWork();
        assertThat(h.get(h.domain.boards(10, 0)).total()).isEqualTo(Leaderboards.MAX_BOARDS);
        assertThat(h.code(h.domain.configure("ops", new BoardConfig("more", false, ResetKind.NONE, 0, true))))
            .isEqualTo("leaderboard.capacity_reached");
        assertThat(h.code(h.domain.submit("more", "p", 1, 0, false))).isEqualTo("leaderboard.capacity_reached");
        assertThat(submit("b7", "p", 1).rank()).isEqualTo(1);
        final Tournament t = h.get(h.domain.createTournament("ops", spec(START_MS, START_MS + HOUR_MS, 10, null, 0,
            List.of())));
        assertThat(h.get(h.domain.board(t.leaderboardId())).tournamentId()).isEqualTo(t.id());
    }

    @Test
    void scheduledResetArchivesTheClosedPeriodAndKeepsItReadable()
    {
        h.get(h.domain.configure("ops", new BoardConfig("weekly", true, ResetKind.EVERY, 10 * MINUTE_MS, true)));
        submit("weekly", "a", 10);
        submit("weekly", "b", 20);
        final Leaderboards.Board before = h.get(h.domain.board("weekly"));
        assertThat(before.period()).isEqualTo(1);
        assertThat(before.nextResetAtMs()).isEqualTo(START_MS + 10 * MINUTE_MS);

        h.advance(10 * MINUTE_MS - 1000);
        assertThat(h.get(h.domain.board("weekly")).period()).isEqualTo(1);
        h.advance(1000);
        final Leaderboards.Board after = h.get(h.domain.board("weekly"));
        assertThat(after.period()).isEqualTo(2);
        assertThat(after.entries()).isZero();
        assertThat(after.nextResetAtMs()).isEqualTo(START_MS + 20 * MINUTE_MS);
        assertThat(topPlayers("weekly", 10)).isEmpty();
        assertThat(h.get(h.domain.top("weekly", 10, 1))).extracting(Entry::playerId).containsExactly("b", "a");
        assertThat(h.get(h.domain.around("weekly", "a", 1, 1))).extracting(Entry::rank).containsExactly(1L, 2L);
        assertThat(h.get(h.domain.periods("weekly")))
            .containsExactly(new Leaderboards.Period(1, START_MS, START_MS + 10 * MINUTE_MS, 2));
        assertThat(h.code(h.domain.top("weekly", 10, 7))).isEqualTo("leaderboard.period_not_found");

        submit("weekly", "c", 5);
        // Down through two boundaries: one reset on the next timer, the next period ends at the next boundary.
        h.close();
        clock.advance(25 * MINUTE_MS);
        h = new LeaderboardHarness(dir, clock);
        h.agent.doWork();
        final Leaderboards.Board late = h.get(h.domain.board("weekly"));
        assertThat(late.period()).isEqualTo(3);
        assertThat(late.nextResetAtMs()).isEqualTo(START_MS + 40 * MINUTE_MS);
        assertThat(h.get(h.domain.top("weekly", 10, 2))).extracting(Entry::playerId).containsExactly("c");
        reopen();
        assertThat(h.get(h.domain.periods("weekly"))).extracting(Leaderboards.Period::period).containsExactly(2L, 1L);
    }

    @Test
    void onlyTheLastArchivedPeriodsAreKept()
    {
        h.get(h.domain.configure("ops", new BoardConfig("fast", false, ResetKind.EVERY, MINUTE_MS, true)));
        for (int i = 0; i < Leaderboards.MAX_ARCHIVED_PERIODS + 3; i++)
        {
            submit("fast", "p", i);
            h.advance(MINUTE_MS);
        }
        final List<Leaderboards.Period> periods = h.get(h.domain.periods("fast"));
        assertThat(periods).hasSize(Leaderboards.MAX_ARCHIVED_PERIODS);
        assertThat(periods.getFirst().period()).isEqualTo(Leaderboards.MAX_ARCHIVED_PERIODS + 3);
        reopen();
    }

    @Test
    void eraseRemovesThePlayerEverywhere()
    {
        h.get(h.domain.configure("ops", new BoardConfig("e", false, ResetKind.EVERY, MINUTE_MS, true)));
        submit("e", "gone", 10);
        submit("e", "kept", 5);
        h.advance(MINUTE_MS);
        submit("e", "gone", 3);
        h.get(h.execute(writer ->
        {
            h.domain.onPlayerErased("gone");
            return null;
        }));
        assertThat(topPlayers("e", 10)).isEmpty();
        assertThat(h.get(h.domain.top("e", 10, 1))).extracting(Entry::playerId).containsExactly("kept");
        assertThat(h.get(h.domain.top("e", 10, 1))).extracting(Entry::rank).containsExactly(1L);
    }

    static TournamentSpec spec(final long startMs, final long endMs, final int maxEntries, final String feeCurrency,
        final long fee, final List<Reward> rewards)
    {
        return new TournamentSpec("Cup", startMs, endMs, maxEntries, feeCurrency, fee, rewards, "{\"tier\":1}", false);
    }
}

package io.asobi.metagame;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Leaderboards and tournaments (asobi-spec §1.1, §3.5), journaled in the metagame writer. Failures complete the
 * futures with an {@link AccountException} carrying a {@code leaderboard.*}, {@code tournament.*} or
 * {@code economy.*} code.
 * <p>
 * Order of a board: score (highest first on a descending board), then the earlier submit, then player id. A submit
 * replaces the player's previous score.
 * <p>
 * <b>Note:</b> thread safe; every call is answered on the metagame writer thread.
 */
public interface Leaderboards
{
    /** Most boards (tournament boards not counted). */
    int MAX_BOARDS = 1000;
    /** Most entries on one board. */
    int MAX_ENTRIES_PER_BOARD = 1_000_000;
    /** Archived periods kept per board; older ones are dropped. */
    int MAX_ARCHIVED_PERIODS = 12;
    /** Most tournaments kept (finished ones included). */
    int MAX_TOURNAMENTS = 10_000;
    /** Shortest period of an {@code every_ms} reset. */
    long MIN_RESET_EVERY_MS = 60_000;
    /** Prefix of a tournament's own board id. */
    String TOURNAMENT_BOARD_PREFIX = "tournament:";

    /**
     * Submit a score; replaces the player's previous one.
     *
     * @param boardId    the board; a server-side submit creates it with the defaults if unknown.
     * @param playerId   the player.
     * @param score      the score.
     * @param subScore   the sub score (kept, shown, not ranked).
     * @param fromClient true when the player submits its own score (needs the board's client-submit policy).
     * @return the player's entry with its rank.
     */
    CompletableFuture<Entry> submit(String boardId, String playerId, long score, long subScore, boolean fromClient);

    /**
     * Submit a score for a player as the operator (audited); like a server-side {@link #submit}.
     *
     * @param operator operator label.
     * @param boardId  the board; created with the defaults if unknown.
     * @param playerId the player.
     * @param score    the score.
     * @param subScore the sub score.
     * @return the player's entry with its rank.
     */
    CompletableFuture<Entry> operatorSubmit(String operator, String boardId, String playerId, long score,
        long subScore);

    /**
     * The first entries of a board, or of one of its archived periods.
     *
     * @param boardId the board (unknown: an empty list).
     * @param limit   1..100.
     * @param period  0 for the current period, else an archived period's number.
     * @return entries in rank order.
     */
    CompletableFuture<List<Entry>> top(String boardId, int limit, long period);

    /**
     * Entries around a player: up to {@code range} either side of it.
     *
     * @param boardId  the board (unknown: an empty list).
     * @param playerId the player (no entry: an empty list).
     * @param range    1..50.
     * @param period   0 for the current period, else an archived period's number.
     * @return entries in rank order.
     */
    CompletableFuture<List<Entry>> around(String boardId, String playerId, int range, long period);

    /**
     * A player's entry on a board's current period.
     *
     * @param boardId  the board.
     * @param playerId the player.
     * @return its entry, or null when it has none.
     */
    CompletableFuture<Entry> rank(String boardId, String playerId);

    /**
     * A page of a board's current entries (operator).
     *
     * @param boardId the board.
     * @param limit   1..200.
     * @param offset  entries skipped.
     * @return the page and the board's size; {@code leaderboard.not_found} if unknown.
     */
    CompletableFuture<Audit.Page<Entry>> entries(String boardId, int limit, int offset);

    /**
     * Create a board or change its policy (operator, audited). A changed reset schedule applies from now; entries
     * are kept.
     *
     * @param operator operator label.
     * @param config   the policy.
     * @return the board and whether it was created.
     */
    CompletableFuture<Configured> configure(String operator, BoardConfig config);

    /**
     * A board's policy and period.
     *
     * @param boardId the board.
     * @return it, or null if unknown.
     */
    CompletableFuture<Board> board(String boardId);

    /**
     * Every board, by id (operator).
     *
     * @param limit  1..200.
     * @param offset boards skipped.
     * @return the page and the total.
     */
    CompletableFuture<Audit.Page<Board>> boards(int limit, int offset);

    /**
     * A board's archived periods, newest first.
     *
     * @param boardId the board.
     * @return the periods; {@code leaderboard.not_found} if unknown.
     */
    CompletableFuture<List<Period>> periods(String boardId);

    /**
     * Create a tournament and its board (operator, audited).
     *
     * @param operator operator label.
     * @param spec     what to create.
     * @return the tournament.
     */
    CompletableFuture<Tournament> createTournament(String operator, TournamentSpec spec);

    /**
     * Tournaments by start time.
     *
     * @param status null for all, else {@code pending}, {@code active} or {@code finished}.
     * @param limit  most returned.
     * @param offset skipped.
     * @return the page and the number matching.
     */
    CompletableFuture<Audit.Page<Tournament>> tournaments(String status, int limit, int offset);

    /**
     * One tournament.
     *
     * @param tournamentId its id.
     * @return it; {@code tournament.not_found} if unknown.
     */
    CompletableFuture<Tournament> tournament(String tournamentId);

    /**
     * A tournament's entrants in join order (operator).
     *
     * @param tournamentId its id.
     * @return player ids; {@code tournament.not_found} if unknown.
     */
    CompletableFuture<List<String>> entrants(String tournamentId);

    /**
     * Enter a tournament that is pending or active; its entry fee is debited in the same command.
     *
     * @param tournamentId its id.
     * @param playerId     the player.
     * @return the tournament after the join.
     */
    CompletableFuture<Tournament> join(String tournamentId, String playerId);

    /**
     * One ranked entry.
     *
     * @param leaderboardId its board.
     * @param playerId      the player.
     * @param score         the score.
     * @param subScore      the sub score.
     * @param rank          1-based rank.
     * @param updatedAtMs   when it was submitted.
     */
    record Entry(String leaderboardId, String playerId, long score, long subScore, long rank, long updatedAtMs)
    {
    }

    /**
     * When a board's period closes.
     */
    enum ResetKind
    {
        /** Never. */
        NONE,
        /** At 00:00 UTC. */
        DAILY,
        /** At Monday 00:00 UTC. */
        WEEKLY,
        /** At 00:00 UTC on the first of the month. */
        MONTHLY,
        /** Every {@code everyMs} from the board's creation (or the schedule's change). */
        EVERY
    }

    /**
     * A board's policy.
     *
     * @param id           board id: 1..64 of {@code [A-Za-z0-9_.:-]}, not starting with
     *                     {@value #TOURNAMENT_BOARD_PREFIX}.
     * @param clientSubmit whether players may submit their own scores.
     * @param resetKind    the reset schedule.
     * @param resetEveryMs period for {@link ResetKind#EVERY}, at least {@value #MIN_RESET_EVERY_MS}; else 0.
     * @param isDescending highest score first.
     */
    record BoardConfig(String id, boolean clientSubmit, ResetKind resetKind, long resetEveryMs, boolean isDescending)
    {
    }

    /**
     * A board.
     *
     * @param id               its id.
     * @param clientSubmit     whether players may submit.
     * @param resetKind        reset schedule.
     * @param resetEveryMs     period of an {@link ResetKind#EVERY} schedule.
     * @param isDescending     highest first.
     * @param period           current period number, from 1.
     * @param periodStartedAtMs when the current period began.
     * @param nextResetAtMs    when it closes, 0 if never.
     * @param entries          entries in the current period.
     * @param tournamentId     the tournament owning it, or null.
     */
    record Board(
        String id,
        boolean clientSubmit,
        ResetKind resetKind,
        long resetEveryMs,
        boolean isDescending,
        long period,
        long periodStartedAtMs,
        long nextResetAtMs,
        int entries,
        String tournamentId)
    {
    }

    /**
     * A board after {@link #configure}.
     *
     * @param board     the board.
     * @param isCreated true if it did not exist.
     */
    record Configured(Board board, boolean isCreated)
    {
    }

    /**
     * An archived period.
     *
     * @param period      its number.
     * @param startedAtMs when it began.
     * @param endedAtMs   when it was closed.
     * @param entries     its entries.
     */
    record Period(long period, long startedAtMs, long endedAtMs, int entries)
    {
    }

    /**
     * A reward tier: every ranked entrant from {@code rankFrom} to {@code rankTo} receives {@code amount}.
     *
     * @param rankFrom first rank, from 1.
     * @param rankTo   last rank, at least {@code rankFrom}.
     * @param currency currency code.
     * @param amount   at least 1.
     */
    record Reward(int rankFrom, int rankTo, String currency, long amount)
    {
    }

    /**
     * What an operator creates.
     *
     * @param name             1..128 characters.
     * @param startAtMs        start.
     * @param endAtMs          end, after start and after now.
     * @param maxEntries       1..1 000 000.
     * @param entryFeeCurrency fee currency, or null when free.
     * @param entryFeeAmount   fee, 0 when free.
     * @param rewards          tiers whose rank ranges do not overlap.
     * @param metadataJson     a JSON object, at most 16 KiB.
     * @param clientSubmit     whether entrants may submit their own scores.
     */
    record TournamentSpec(
        String name,
        long startAtMs,
        long endAtMs,
        int maxEntries,
        String entryFeeCurrency,
        long entryFeeAmount,
        List<Reward> rewards,
        String metadataJson,
        boolean clientSubmit)
    {
    }

    /**
     * Tournament lifecycle; {@code ENDED} is finished but its rewards not yet all granted.
     */
    enum TournamentStatus
    {
        /** Before start. */
        PENDING,
        /** Between start and end: entrants' scores count. */
        ACTIVE,
        /** Over; rewards being granted. */
        ENDED,
        /** Over; rewards granted. */
        FINISHED
    }

    /**
     * A tournament.
     *
     * @param id               its id (UUIDv7).
     * @param name             its name.
     * @param leaderboardId    its board ({@value #TOURNAMENT_BOARD_PREFIX} + id).
     * @param status           lifecycle status.
     * @param startAtMs        start.
     * @param endAtMs          end.
     * @param maxEntries       entry cap.
     * @param entries          entrants so far.
     * @param entryFeeCurrency fee currency or null.
     * @param entryFeeAmount   fee or 0.
     * @param rewards          reward tiers.
     * @param metadataJson     metadata JSON object.
     * @param clientSubmit     whether entrants submit their own scores.
     * @param createdAtMs      when created.
     */
    record Tournament(
        String id,
        String name,
        String leaderboardId,
        TournamentStatus status,
        long startAtMs,
        long endAtMs,
        int maxEntries,
        int entries,
        String entryFeeCurrency,
        long entryFeeAmount,
        List<Reward> rewards,
        String metadataJson,
        boolean clientSubmit,
        long createdAtMs)
    {
    }
}

package io.asobi.metagame;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.sbe.leaderboard.BoardConfiguredDecoder;
import io.asobi.sbe.leaderboard.BoardConfiguredEncoder;
import io.asobi.sbe.leaderboard.BoardResetDecoder;
import io.asobi.sbe.leaderboard.BoardResetEncoder;
import io.asobi.sbe.leaderboard.MessageHeaderDecoder;
import io.asobi.sbe.leaderboard.MessageHeaderEncoder;
import io.asobi.sbe.leaderboard.ScoreSubmittedDecoder;
import io.asobi.sbe.leaderboard.ScoreSubmittedEncoder;
import io.asobi.sbe.leaderboard.TournamentCreatedDecoder;
import io.asobi.sbe.leaderboard.TournamentCreatedEncoder;
import io.asobi.sbe.leaderboard.TournamentJoinedDecoder;
import io.asobi.sbe.leaderboard.TournamentJoinedEncoder;
import io.asobi.sbe.leaderboard.TournamentStatusChangedDecoder;
import io.asobi.sbe.leaderboard.TournamentStatusChangedEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Object2IntHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Leaderboards and tournaments as a metagame domain (schema 5). Boards are {@link ScoreBoard}s keyed by id; a
 * tournament owns the board {@code tournament:<id>}. Every change is one record of {@code io.asobi.sbe.leaderboard}:
 * {@code BoardConfigured} (operator), {@code ScoreSubmitted} (creates an unknown board with the defaults),
 * {@code BoardReset} (timer: archives the closed period), {@code TournamentCreated}, {@code TournamentJoined} (after
 * the entry fee's ledger record, in the same command) and {@code TournamentStatusChanged} (timer).
 * <p>
 * Timer ({@link #onTimer}, about once a second): due resets, then tournament lifecycle: pending to active at start,
 * active to ended at end, then the rewards are granted through {@link Wallets#grant} with the idempotency key
 * {@code tournament:<id>:<player>} (so a crash in the middle of a payout re-runs it safely) and the tournament is
 * finished.
 * <p>
 * <b>Note:</b> state is touched on the writer thread only; the public methods queue their work on it.
 */
final class LeaderboardDomain implements MetagameDomain, Leaderboards
{
    /**
     * Runs a body on the writer thread and answers its result (the state machine's {@code execute}).
     */
    interface Executor
    {
        /**
         * @param body the work.
         * @param <T>  its answer.
         * @return the answer's future.
         */
        <T> CompletableFuture<T> execute(Function<MetagameWriter, T> body);
    }

    static final String CLIENT_SUBMIT_DISABLED = "leaderboard.client_submit_disabled";
    static final String CAPACITY_REACHED = "leaderboard.capacity_reached";
    static final String BOARD_NOT_FOUND = "leaderboard.not_found";
    static final String PERIOD_NOT_FOUND = "leaderboard.period_not_found";
    static final String TOURNAMENT_NOT_FOUND = "tournament.not_found";
    static final String TOURNAMENT_FULL = "tournament.full";
    static final String TOURNAMENT_ALREADY_JOINED = "tournament.already_joined";
    static final String TOURNAMENT_NOT_OPEN = "tournament.not_open";
    static final String TOURNAMENT_NOT_ACTIVE = "tournament.not_active";
    static final String TOURNAMENT_NOT_JOINED = "tournament.not_joined";
    static final String TOURNAMENT_CAPACITY_REACHED = "tournament.capacity_reached";
    static final String ECONOMY_UNAVAILABLE = "tournament.economy_unavailable";

    static final Pattern BOARD_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    static final Pattern CURRENCY = Pattern.compile("[A-Za-z0-9_]{1,32}");
    static final int MAX_PLAYER_ID_LENGTH = 64;
    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_REWARD_TIERS = 100;
    static final int MAX_REWARD_RANK = 100_000;
    static final int MAX_TOURNAMENT_ENTRIES = 1_000_000;
    static final int MAX_METADATA_BYTES = 16 * 1024;
    static final String REWARD_REASON = "tournament.reward";
    static final String ENTRY_FEE_REASON = "tournament.entry_fee";

    private static final Logger LOGGER = LoggerFactory.getLogger(LeaderboardDomain.class);

    private final Executor executor;
    private final TreeMap<String, BoardState> boards = new TreeMap<>();
    private final LinkedHashMap<String, TournamentState> tournaments = new LinkedHashMap<>();
    private final Set<String> payoutWarned = new HashSet<>();
    private int regularBoardCount;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BoardConfiguredDecoder configuredDecoder = new BoardConfiguredDecoder();
    private final BoardConfiguredEncoder configuredEncoder = new BoardConfiguredEncoder();
    private final ScoreSubmittedDecoder submittedDecoder = new ScoreSubmittedDecoder();
    private final ScoreSubmittedEncoder submittedEncoder = new ScoreSubmittedEncoder();
    private final BoardResetDecoder resetDecoder = new BoardResetDecoder();
    private final BoardResetEncoder resetEncoder = new BoardResetEncoder();
    private final TournamentCreatedDecoder createdDecoder = new TournamentCreatedDecoder();
    private final TournamentCreatedEncoder createdEncoder = new TournamentCreatedEncoder();
    private final TournamentJoinedDecoder joinedDecoder = new TournamentJoinedDecoder();
    private final TournamentJoinedEncoder joinedEncoder = new TournamentJoinedEncoder();
    private final TournamentStatusChangedDecoder statusDecoder = new TournamentStatusChangedDecoder();
    private final TournamentStatusChangedEncoder statusEncoder = new TournamentStatusChangedEncoder();

    /**
     * @param executor runs reads and commands on the writer thread.
     */
    LeaderboardDomain(final Executor executor)
    {
        this.executor = executor;
    }

    public int schemaId()
    {
        return MessageHeaderDecoder.SCHEMA_ID;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Records

    public void checkFormat(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalStateException("leaderboard record shorter than its header: " + length + " bytes");
        }
        headerDecoder.wrap(buffer, offset);
        final int templateId = headerDecoder.templateId();
        if (templateId < BoardConfiguredDecoder.TEMPLATE_ID ||
            templateId > TournamentStatusChangedDecoder.TEMPLATE_ID ||
            headerDecoder.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new IllegalStateException("unknown leaderboard record: templateId=" + templateId +
                " version=" + headerDecoder.version());
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + headerDecoder.blockLength())
        {
            throw new IllegalStateException("leaderboard record " + templateId + " shorter than its block");
        }
    }

    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        headerDecoder.wrap(buffer, offset);
        switch (headerDecoder.templateId())
        {
            case BoardConfiguredDecoder.TEMPLATE_ID -> applyConfigured(buffer, offset);
            case ScoreSubmittedDecoder.TEMPLATE_ID -> applySubmitted(buffer, offset);
            case BoardResetDecoder.TEMPLATE_ID -> applyReset(buffer, offset);
            case TournamentCreatedDecoder.TEMPLATE_ID -> applyTournamentCreated(buffer, offset);
            case TournamentJoinedDecoder.TEMPLATE_ID -> applyJoined(buffer, offset);
            case TournamentStatusChangedDecoder.TEMPLATE_ID -> applyStatus(buffer, offset);
            default -> throw new IllegalStateException("unknown leaderboard record " + headerDecoder.templateId());
        }
    }

    private void applyConfigured(final DirectBuffer buffer, final int offset)
    {
        final BoardConfiguredDecoder d = configuredDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final boolean clientSubmit = 0 != d.clientSubmit();
        final boolean isDescending = 0 != d.descending();
        final ResetKind kind = ResetKind.values()[d.resetKind().value()];
        final long everyMs = d.resetEveryMs();
        final long nextResetAtMs = d.nextResetAtMs();
        final String boardId = d.boardId();
        BoardState board = boards.get(boardId);
        if (null == board)
        {
            board = newBoard(boardId, isDescending, atMs, null);
        }
        else if (board.live.isDescending() != isDescending)
        {
            board.reorder(isDescending);
        }
        board.clientSubmit = clientSubmit;
        board.resetKind = kind;
        board.resetEveryMs = everyMs;
        board.nextResetAtMs = nextResetAtMs;
    }

    private void applySubmitted(final DirectBuffer buffer, final int offset)
    {
        final ScoreSubmittedDecoder d = submittedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final long score = d.score();
        final long subScore = d.subScore();
        final String boardId = d.boardId();
        final String playerId = d.playerId();
        BoardState board = boards.get(boardId);
        if (null == board)
        {
            board = newBoard(boardId, true, atMs, null);
        }
        board.live.submit(playerId, score, subScore, atMs);
    }

    private void applyReset(final DirectBuffer buffer, final int offset)
    {
        final BoardResetDecoder d = resetDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final long closedPeriod = d.closedPeriod();
        final long nextResetAtMs = d.nextResetAtMs();
        final String boardId = d.boardId();
        final BoardState board = boards.get(boardId);
        if (null == board || board.period != closedPeriod)
        {
            throw new IllegalStateException("reset of board " + boardId + " period " + closedPeriod +
                " does not match its state");
        }
        board.archives.addLast(ArchivedPeriod.of(board, atMs));
        while (board.archives.size() > MAX_ARCHIVED_PERIODS)
        {
            board.archives.removeFirst();
        }
        board.live.clear();
        board.period = closedPeriod + 1;
        board.periodStartedAtMs = atMs;
        board.nextResetAtMs = nextResetAtMs;
    }

    private void applyTournamentCreated(final DirectBuffer buffer, final int offset)
    {
        final TournamentCreatedDecoder d = createdDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final TournamentState t = new TournamentState();
        t.createdAtMs = d.atMs();
        t.startAtMs = d.startAtMs();
        t.endAtMs = d.endAtMs();
        t.maxEntries = d.maxEntries();
        t.entryFeeAmount = d.entryFeeAmount();
        t.clientSubmit = 0 != d.clientSubmit();
        t.status = TournamentStatus.values()[d.status().value()];
        final List<Reward> rewards = new ArrayList<>();
        for (final TournamentCreatedDecoder.RewardsDecoder reward : d.rewards())
        {
            final int from = reward.rankFrom();
            final int to = reward.rankTo();
            final long amount = reward.amount();
            rewards.add(new Reward(from, to, reward.currency(), amount));
        }
        t.rewards = List.copyOf(rewards);
        t.id = d.tournamentId();
        t.name = d.name();
        final String currency = d.entryFeeCurrency();
        t.entryFeeCurrency = currency.isEmpty() ? null : currency;
        final byte[] metadata = new byte[d.metadataLength()];
        d.getMetadata(metadata, 0, metadata.length);
        t.metadataJson = new String(metadata, StandardCharsets.UTF_8);
        t.boardId = TOURNAMENT_BOARD_PREFIX + t.id;
        tournaments.put(t.id, t);
        newBoard(t.boardId, true, t.createdAtMs, t.id).clientSubmit = t.clientSubmit;
    }

    private void applyJoined(final DirectBuffer buffer, final int offset)
    {
        final TournamentJoinedDecoder d = joinedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        d.atMs();
        final String tournamentId = d.tournamentId();
        final String playerId = d.playerId();
        final TournamentState t = tournaments.get(tournamentId);
        if (null == t)
        {
            throw new IllegalStateException("join of unknown tournament " + tournamentId);
        }
        t.entrants.add(playerId);
    }

    private void applyStatus(final DirectBuffer buffer, final int offset)
    {
        final TournamentStatusChangedDecoder d = statusDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        d.atMs();
        final TournamentStatus status = TournamentStatus.values()[d.status().value()];
        final String tournamentId = d.tournamentId();
        final TournamentState t = tournaments.get(tournamentId);
        if (null == t)
        {
            throw new IllegalStateException("status of unknown tournament " + tournamentId);
        }
        t.status = status;
    }

    private BoardState newBoard(final String boardId, final boolean isDescending, final long atMs,
        final String tournamentId)
    {
        final BoardState board = new BoardState(boardId, isDescending, atMs, tournamentId);
        boards.put(boardId, board);
        if (null == tournamentId)
        {
            regularBoardCount++;
        }
        return board;
    }

    private void appendSubmitted(
        final MetagameWriter writer, final String boardId, final String playerId, final long score, final long subScore)
    {
        final ExpandableArrayBuffer buffer = writer.scratch();
        submittedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .score(score)
            .subScore(subScore)
            .boardId(boardId)
            .playerId(playerId);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + submittedEncoder.encodedLength());
    }

    private void appendConfigured(final MetagameWriter writer, final BoardConfig config, final long nextResetAtMs)
    {
        final ExpandableArrayBuffer buffer = writer.scratch();
        configuredEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .clientSubmit((short)(config.clientSubmit() ? 1 : 0))
            .descending((short)(config.isDescending() ? 1 : 0))
            .resetKind(io.asobi.sbe.leaderboard.ResetKind.get((short)config.resetKind().ordinal()))
            .resetEveryMs(config.resetEveryMs())
            .nextResetAtMs(nextResetAtMs)
            .boardId(config.id());
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + configuredEncoder.encodedLength());
    }

    private void appendReset(final MetagameWriter writer, final BoardState board, final long nextResetAtMs)
    {
        final ExpandableArrayBuffer buffer = writer.scratch();
        resetEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .closedPeriod(board.period)
            .nextResetAtMs(nextResetAtMs)
            .boardId(board.id);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + resetEncoder.encodedLength());
    }

    private void appendStatus(final MetagameWriter writer, final TournamentState t, final TournamentStatus status)
    {
        final ExpandableArrayBuffer buffer = writer.scratch();
        statusEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .status(io.asobi.sbe.leaderboard.TournamentStatus.get((short)status.ordinal()))
            .tournamentId(t.id);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + statusEncoder.encodedLength());
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Timer

    public int onTimer(final MetagameWriter writer)
    {
        final long nowMs = writer.nowMs();
        int work = 0;
        final List<BoardState> due = new ArrayList<>();
        for (final BoardState board : boards.values())
        {
            if (0 != board.nextResetAtMs && nowMs >= board.nextResetAtMs)
            {
                due.add(board);
            }
        }
        for (final BoardState board : due)
        {
            appendReset(writer, board,
                ResetCalendar.next(board.resetKind, board.resetEveryMs, board.nextResetAtMs, nowMs));
            work++;
        }

        final List<TournamentState> open = new ArrayList<>();
        for (final TournamentState t : tournaments.values())
        {
            if (TournamentStatus.FINISHED != t.status)
            {
                open.add(t);
            }
        }
        for (final TournamentState t : open)
        {
            if (TournamentStatus.PENDING == t.status && nowMs >= t.startAtMs)
            {
                appendStatus(writer, t, TournamentStatus.ACTIVE);
                work++;
            }
            if (TournamentStatus.ACTIVE == t.status && nowMs >= t.endAtMs)
            {
                appendStatus(writer, t, TournamentStatus.ENDED);
                work++;
            }
            if (TournamentStatus.ENDED == t.status && payRewards(writer, t))
            {
                appendStatus(writer, t, TournamentStatus.FINISHED);
                work++;
            }
        }
        return work;
    }

    /**
     * Grant every reward by final rank; each grant is idempotent by its key, so a payout cut short by a crash is
     * simply run again.
     *
     * @return false if the economy is not there (the tournament stays ended and is retried).
     */
    private boolean payRewards(final MetagameWriter writer, final TournamentState t)
    {
        final BoardState board = boards.get(t.boardId);
        if (t.rewards.isEmpty() || 0 == board.live.size())
        {
            return true;
        }
        final Wallets wallets;
        try
        {
            wallets = writer.domain(Wallets.class);
        }
        catch (final IllegalArgumentException ex)
        {
            if (payoutWarned.add(t.id))
            {
                LOGGER.warn("tournament {} ended but no economy domain is registered: its rewards wait", t.id);
            }
            return false;
        }
        int lastRank = 0;
        for (final Reward reward : t.rewards)
        {
            lastRank = Math.max(lastRank, reward.rankTo());
        }
        final List<String> ranked = new ArrayList<>(Math.min(lastRank, board.live.size()));
        board.live.forEach(0, lastRank, (index, playerId, score, subScore, atMs) -> ranked.add(playerId));
        for (final Reward reward : t.rewards)
        {
            for (int rank = reward.rankFrom(); rank <= reward.rankTo() && rank <= ranked.size(); rank++)
            {
                final String playerId = ranked.get(rank - 1);
                try
                {
                    wallets.grant(writer, playerId, reward.currency(), reward.amount(), REWARD_REASON,
                        "tournament:" + t.id + ":" + playerId);
                }
                catch (final AccountException ex)
                {
                    LOGGER.warn("tournament {}: reward for rank {} ({}) refused: {} {}", t.id, rank, playerId,
                        ex.code(), ex.getMessage());
                }
            }
        }
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Players

    public void onPlayerErased(final String playerId)
    {
        for (final BoardState board : boards.values())
        {
            board.live.remove(playerId);
            for (final ArchivedPeriod archive : board.archives)
            {
                archive.remove(playerId);
            }
        }
        for (final TournamentState t : tournaments.values())
        {
            t.entrants.remove(playerId);
        }
    }

    public void exportPlayer(final String playerId, final ObjectNode out)
    {
        final ObjectNode node = out.putObject("leaderboards");
        final ArrayNode entries = node.putArray("entries");
        for (final BoardState board : boards.values())
        {
            final int index = board.live.indexOf(playerId);
            if (index >= 0)
            {
                final Entry entry = entryAt(board, index);
                entries.addObject()
                    .put("leaderboard_id", board.id)
                    .put("score", entry.score())
                    .put("sub_score", entry.subScore())
                    .put("rank", entry.rank())
                    .put("updated_at_ms", entry.updatedAtMs());
            }
        }
        final ArrayNode joined = node.putArray("tournaments");
        for (final TournamentState t : tournaments.values())
        {
            if (t.entrants.contains(playerId))
            {
                joined.add(t.id);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Leaderboards

    public CompletableFuture<Entry> submit(
        final String boardId, final String playerId, final long score, final long subScore, final boolean fromClient)
    {
        return submit(null, boardId, playerId, score, subScore, fromClient);
    }

    public CompletableFuture<Entry> operatorSubmit(
        final String operator, final String boardId, final String playerId, final long score, final long subScore)
    {
        return submit(null == operator ? "operator" : operator, boardId, playerId, score, subScore, false);
    }

    private CompletableFuture<Entry> submit(
        final String operator,
        final String boardId,
        final String playerId,
        final long score,
        final long subScore,
        final boolean fromClient)
    {
        final Map<String, List<String>> fields = new LinkedHashMap<>();
        if (null == boardId || !BOARD_ID.matcher(boardId).matches())
        {
            fields.put("leaderboard_id", List.of("must be 1-64 of A-Z a-z 0-9 _ . : -"));
        }
        if (!isPlayerId(playerId))
        {
            fields.put("player_id", List.of("must be 1-" + MAX_PLAYER_ID_LENGTH + " printable characters"));
        }
        if (!fields.isEmpty())
        {
            return CompletableFuture.failedFuture(AccountErrors.validationFailed(fields));
        }
        return executor.execute(writer ->
        {
            final BoardState board = boards.get(boardId);
            if (boardId.startsWith(TOURNAMENT_BOARD_PREFIX))
            {
                final TournamentState t = null == board ? null : tournaments.get(board.tournamentId);
                if (null == t)
                {
                    throw error(TOURNAMENT_NOT_FOUND, "Tournament not found");
                }
                if (fromClient && !t.clientSubmit)
                {
                    throw error(CLIENT_SUBMIT_DISABLED, "Client score submission is disabled for this leaderboard");
                }
                if (TournamentStatus.ACTIVE != t.status)
                {
                    throw error(TOURNAMENT_NOT_ACTIVE, "The tournament is not active");
                }
                if (!t.entrants.contains(playerId))
                {
                    throw error(TOURNAMENT_NOT_JOINED, "The player has not joined the tournament");
                }
            }
            else if (null == board)
            {
                if (fromClient)
                {
                    throw error(CLIENT_SUBMIT_DISABLED, "Client score submission is disabled for this leaderboard");
                }
                if (regularBoardCount >= MAX_BOARDS)
                {
                    throw new AccountException(CAPACITY_REACHED, "Leaderboard capacity reached",
                        Map.of("max_boards", MAX_BOARDS));
                }
            }
            else if (fromClient && !board.clientSubmit)
            {
                throw error(CLIENT_SUBMIT_DISABLED, "Client score submission is disabled for this leaderboard");
            }
            if (null != board && board.live.indexOf(playerId) < 0 && board.live.size() >= MAX_ENTRIES_PER_BOARD)
            {
                throw new AccountException(CAPACITY_REACHED, "Leaderboard is full",
                    Map.of("max_entries", MAX_ENTRIES_PER_BOARD));
            }
            appendSubmitted(writer, boardId, playerId, score, subScore);
            if (null != operator)
            {
                writer.domain(AuditDomain.class).record(writer, operator, "leaderboards.submit", boardId,
                    JsonNodeFactory.instance.objectNode().put("player_id", playerId).put("score", score)
                        .put("sub_score", subScore).toString());
            }
            final BoardState after = boards.get(boardId);
            return entryAt(after, after.live.indexOf(playerId));
        });
    }

    public CompletableFuture<List<Entry>> top(final String boardId, final int limit, final long period)
    {
        final int bounded = Math.max(1, Math.min(100, limit));
        return executor.execute(writer ->
        {
            final BoardState board = null == boardId ? null : boards.get(boardId);
            if (null == board)
            {
                return List.of();
            }
            return page(board, period, 0, bounded);
        });
    }

    public CompletableFuture<List<Entry>> around(
        final String boardId, final String playerId, final int range, final long period)
    {
        final int bounded = Math.max(1, Math.min(50, range));
        return executor.execute(writer ->
        {
            final BoardState board = null == boardId ? null : boards.get(boardId);
            if (null == board || null == playerId)
            {
                return List.of();
            }
            final int index = 0 == period || period == board.period ?
                board.live.indexOf(playerId) : archive(board, period).indexOf(playerId);
            if (index < 0)
            {
                return List.of();
            }
            final int from = Math.max(0, index - bounded);
            return page(board, period, from, index - from + bounded + 1);
        });
    }

    public CompletableFuture<Entry> rank(final String boardId, final String playerId)
    {
        return executor.execute(writer ->
        {
            final BoardState board = null == boardId ? null : boards.get(boardId);
            final int index = null == board || null == playerId ? -1 : board.live.indexOf(playerId);
            return index < 0 ? null : entryAt(board, index);
        });
    }

    public CompletableFuture<Audit.Page<Entry>> entries(final String boardId, final int limit, final int offset)
    {
        final int bounded = Math.max(1, Math.min(200, limit));
        final int from = Math.max(0, offset);
        return executor.execute(writer ->
        {
            final BoardState board = requireBoard(boardId);
            return new Audit.Page<>(page(board, 0, from, bounded), board.live.size());
        });
    }

    public CompletableFuture<Configured> configure(final String operator, final BoardConfig config)
    {
        final Map<String, List<String>> fields = new LinkedHashMap<>();
        if (null == config.id() || !BOARD_ID.matcher(config.id()).matches())
        {
            fields.put("id", List.of("must be 1-64 of A-Z a-z 0-9 _ . : -"));
        }
        else if (config.id().startsWith(TOURNAMENT_BOARD_PREFIX))
        {
            fields.put("id", List.of("the prefix " + TOURNAMENT_BOARD_PREFIX + " is reserved for tournaments"));
        }
        if (null == config.resetKind())
        {
            fields.put("reset", List.of("must be none, daily, weekly, monthly or {\"every_ms\": N}"));
        }
        else if (ResetKind.EVERY == config.resetKind() ?
            config.resetEveryMs() < MIN_RESET_EVERY_MS : 0 != config.resetEveryMs())
        {
            fields.put("reset", List.of("every_ms must be at least " + MIN_RESET_EVERY_MS));
        }
        if (!fields.isEmpty())
        {
            return CompletableFuture.failedFuture(AccountErrors.validationFailed(fields));
        }
        return executor.execute(writer ->
        {
            final BoardState existing = boards.get(config.id());
            if (null == existing && regularBoardCount >= MAX_BOARDS)
            {
                throw new AccountException(CAPACITY_REACHED, "Leaderboard capacity reached",
                    Map.of("max_boards", MAX_BOARDS));
            }
            final boolean isSameSchedule = null != existing && existing.resetKind == config.resetKind() &&
                existing.resetEveryMs == config.resetEveryMs();
            final long nextResetAtMs = isSameSchedule ? existing.nextResetAtMs :
                ResetCalendar.next(config.resetKind(), config.resetEveryMs(), writer.nowMs(), writer.nowMs());
            appendConfigured(writer, config, nextResetAtMs);
            final ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("client_submit", config.clientSubmit())
                .put("reset", config.resetKind().name().toLowerCase(Locale.ROOT))
                .put("every_ms", config.resetEveryMs())
                .put("order", config.isDescending() ? "desc" : "asc");
            writer.domain(AuditDomain.class).record(
                writer, operator, "leaderboards.configure", config.id(), details.toString());
            return new Configured(boards.get(config.id()).view(), null == existing);
        });
    }

    public CompletableFuture<Board> board(final String boardId)
    {
        return executor.execute(writer ->
        {
            final BoardState board = null == boardId ? null : boards.get(boardId);
            return null == board ? null : board.view();
        });
    }

    public CompletableFuture<Audit.Page<Board>> boards(final int limit, final int offset)
    {
        final int bounded = Math.max(1, Math.min(200, limit));
        final int from = Math.max(0, offset);
        return executor.execute(writer ->
        {
            final List<Board> page = new ArrayList<>(Math.min(bounded, boards.size()));
            int index = 0;
            for (final BoardState board : boards.values())
            {
                if (index++ >= from)
                {
                    page.add(board.view());
                    if (page.size() == bounded)
                    {
                        break;
                    }
                }
            }
            return new Audit.Page<>(page, boards.size());
        });
    }

    public CompletableFuture<List<Period>> periods(final String boardId)
    {
        return executor.execute(writer ->
        {
            final BoardState board = requireBoard(boardId);
            final List<Period> periods = new ArrayList<>(board.archives.size());
            final var iterator = board.archives.descendingIterator();
            while (iterator.hasNext())
            {
                final ArchivedPeriod archive = iterator.next();
                periods.add(new Period(archive.period, archive.startedAtMs, archive.endedAtMs, archive.size()));
            }
            return periods;
        });
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Tournaments

    public CompletableFuture<Tournament> createTournament(final String operator, final TournamentSpec spec)
    {
        final Map<String, List<String>> fields = validate(spec);
        if (!fields.isEmpty())
        {
            return CompletableFuture.failedFuture(AccountErrors.validationFailed(fields));
        }
        return executor.execute(writer ->
        {
            final long nowMs = writer.nowMs();
            if (spec.endAtMs() <= nowMs)
            {
                throw AccountErrors.validationFailed(Map.of("end_at", List.of("must be in the future")));
            }
            if (tournaments.size() >= MAX_TOURNAMENTS)
            {
                throw new AccountException(TOURNAMENT_CAPACITY_REACHED, "Tournament capacity reached",
                    Map.of("max_tournaments", MAX_TOURNAMENTS));
            }
            String id = Uuid7.next(nowMs);
            while (tournaments.containsKey(id) || boards.containsKey(TOURNAMENT_BOARD_PREFIX + id))
            {
                id = Uuid7.next(nowMs);
            }
            final TournamentStatus status = nowMs >= spec.startAtMs() ? TournamentStatus.ACTIVE :
                TournamentStatus.PENDING;
            final byte[] metadata = spec.metadataJson().getBytes(StandardCharsets.UTF_8);
            final ExpandableArrayBuffer buffer = writer.scratch();
            createdEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .atMs(nowMs)
                .startAtMs(spec.startAtMs())
                .endAtMs(spec.endAtMs())
                .maxEntries(spec.maxEntries())
                .entryFeeAmount(spec.entryFeeAmount())
                .clientSubmit((short)(spec.clientSubmit() ? 1 : 0))
                .status(io.asobi.sbe.leaderboard.TournamentStatus.get((short)status.ordinal()));
            final TournamentCreatedEncoder.RewardsEncoder rewards = createdEncoder.rewardsCount(spec.rewards().size());
            for (final Reward reward : spec.rewards())
            {
                rewards.next()
                    .rankFrom(reward.rankFrom())
                    .rankTo(reward.rankTo())
                    .amount(reward.amount())
                    .currency(reward.currency());
            }
            createdEncoder
                .tournamentId(id)
                .name(spec.name())
                .entryFeeCurrency(null == spec.entryFeeCurrency() ? "" : spec.entryFeeCurrency())
                .putMetadata(metadata, 0, metadata.length);
            writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + createdEncoder.encodedLength());
            final TournamentState t = tournaments.get(id);
            final ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("name", spec.name())
                .put("start_at_ms", spec.startAtMs())
                .put("end_at_ms", spec.endAtMs())
                .put("max_entries", spec.maxEntries())
                .put("entry_fee", spec.entryFeeAmount())
                .put("reward_tiers", spec.rewards().size());
            writer.domain(AuditDomain.class).record(writer, operator, "tournaments.create", id, details.toString());
            return t.view();
        });
    }

    private static Map<String, List<String>> validate(final TournamentSpec spec)
    {
        final Map<String, List<String>> fields = new LinkedHashMap<>();
        if (null == spec.name() || spec.name().isBlank() || spec.name().length() > MAX_NAME_LENGTH)
        {
            fields.put("name", List.of("must be 1-" + MAX_NAME_LENGTH + " characters"));
        }
        if (spec.startAtMs() <= 0)
        {
            fields.put("start_at", List.of("must be a time"));
        }
        if (spec.endAtMs() <= spec.startAtMs())
        {
            fields.put("end_at", List.of("must be after start_at"));
        }
        if (spec.maxEntries() < 1 || spec.maxEntries() > MAX_TOURNAMENT_ENTRIES)
        {
            fields.put("max_entries", List.of("must be in 1.." + MAX_TOURNAMENT_ENTRIES));
        }
        if (null != spec.entryFeeCurrency() || 0 != spec.entryFeeAmount())
        {
            if (null == spec.entryFeeCurrency() || !CURRENCY.matcher(spec.entryFeeCurrency()).matches() ||
                spec.entryFeeAmount() < 1)
            {
                fields.put("entry_fee", List.of("must be {currency: 1-32 of A-Z a-z 0-9 _, amount >= 1}"));
            }
        }
        if (null == spec.rewards() || spec.rewards().size() > MAX_REWARD_TIERS)
        {
            fields.put("rewards", List.of("at most " + MAX_REWARD_TIERS + " tiers"));
        }
        else
        {
            final List<Reward> sorted = new ArrayList<>(spec.rewards());
            sorted.sort(Comparator.comparingInt(Reward::rankFrom));
            int previousTo = 0;
            for (final Reward reward : sorted)
            {
                if (reward.rankFrom() < 1 || reward.rankTo() < reward.rankFrom() ||
                    reward.rankTo() > MAX_REWARD_RANK || null == reward.currency() ||
                    !CURRENCY.matcher(reward.currency()).matches() || reward.amount() < 1)
                {
                    fields.put("rewards", List.of("each needs 1 <= rank_from <= rank_to <= " + MAX_REWARD_RANK +
                        ", a currency of 1-32 of A-Z a-z 0-9 _ and an amount >= 1"));
                    break;
                }
                if (reward.rankFrom() <= previousTo)
                {
                    fields.put("rewards", List.of("rank ranges must not overlap"));
                    break;
                }
                previousTo = reward.rankTo();
            }
        }
        if (null == spec.metadataJson() ||
            spec.metadataJson().getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES)
        {
            fields.put("metadata", List.of("must be a JSON object of at most " + MAX_METADATA_BYTES + " bytes"));
        }
        return fields;
    }

    public CompletableFuture<Audit.Page<Tournament>> tournaments(final String status, final int limit, final int offset)
    {
        final int bounded = Math.max(1, Math.min(200, limit));
        final int from = Math.max(0, offset);
        return executor.execute(writer ->
        {
            final List<TournamentState> matching = new ArrayList<>();
            for (final TournamentState t : tournaments.values())
            {
                if (null == status || status.equals(publicStatus(t.status)))
                {
                    matching.add(t);
                }
            }
            matching.sort(Comparator.comparingLong((TournamentState t) -> t.startAtMs).thenComparing(t -> t.id));
            final List<Tournament> page = new ArrayList<>();
            for (int i = from; i < matching.size() && page.size() < bounded; i++)
            {
                page.add(matching.get(i).view());
            }
            return new Audit.Page<>(page, matching.size());
        });
    }

    /**
     * The status as the REST API shows it: ended (rewards being granted) shows as finished.
     *
     * @param status the status.
     * @return {@code pending}, {@code active} or {@code finished}.
     */
    static String publicStatus(final TournamentStatus status)
    {
        return switch (status)
        {
            case PENDING -> "pending";
            case ACTIVE -> "active";
            case ENDED, FINISHED -> "finished";
        };
    }

    public CompletableFuture<Tournament> tournament(final String tournamentId)
    {
        return executor.execute(writer -> requireTournament(tournamentId).view());
    }

    public CompletableFuture<List<String>> entrants(final String tournamentId)
    {
        return executor.execute(writer -> List.copyOf(requireTournament(tournamentId).entrants));
    }

    public CompletableFuture<Tournament> join(final String tournamentId, final String playerId)
    {
        if (!isPlayerId(playerId))
        {
            return CompletableFuture.failedFuture(AccountErrors.validationFailed(
                Map.of("player_id", List.of("must be 1-" + MAX_PLAYER_ID_LENGTH + " printable characters"))));
        }
        return executor.execute(writer ->
        {
            final TournamentState t = requireTournament(tournamentId);
            if (TournamentStatus.PENDING != t.status && TournamentStatus.ACTIVE != t.status)
            {
                throw error(TOURNAMENT_NOT_OPEN, "The tournament is not open for entries");
            }
            if (t.entrants.contains(playerId))
            {
                throw error(TOURNAMENT_ALREADY_JOINED, "Already joined this tournament");
            }
            if (t.entrants.size() >= t.maxEntries)
            {
                throw error(TOURNAMENT_FULL, "The tournament is full");
            }
            if (t.entryFeeAmount > 0)
            {
                // The fee's ledger record first, the join second; a retry after a failed join append repeats the
                // debit with the same key, which changes nothing.
                wallets(writer).debit(writer, playerId, t.entryFeeCurrency, t.entryFeeAmount, ENTRY_FEE_REASON,
                    "tournament:" + t.id + ":" + playerId + ":entry");
            }
            final ExpandableArrayBuffer buffer = writer.scratch();
            joinedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .atMs(writer.nowMs())
                .tournamentId(t.id)
                .playerId(playerId);
            writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + joinedEncoder.encodedLength());
            return t.view();
        });
    }

    private static Wallets wallets(final MetagameWriter writer)
    {
        try
        {
            return writer.domain(Wallets.class);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new AccountException(ECONOMY_UNAVAILABLE, "The economy is not available", Map.of());
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Helpers

    private BoardState requireBoard(final String boardId)
    {
        final BoardState board = null == boardId ? null : boards.get(boardId);
        if (null == board)
        {
            throw error(BOARD_NOT_FOUND, "Leaderboard not found");
        }
        return board;
    }

    private TournamentState requireTournament(final String tournamentId)
    {
        final TournamentState t = null == tournamentId ? null : tournaments.get(tournamentId);
        if (null == t)
        {
            throw error(TOURNAMENT_NOT_FOUND, "Tournament not found");
        }
        return t;
    }

    private static ArchivedPeriod archive(final BoardState board, final long period)
    {
        for (final ArchivedPeriod archive : board.archives)
        {
            if (archive.period == period)
            {
                return archive;
            }
        }
        throw new AccountException(PERIOD_NOT_FOUND, "Leaderboard period not found",
            Map.of("current_period", board.period));
    }

    /** Entries of the current period ({@code period} 0 or current) or of an archived one, from a 0-based rank. */
    private static List<Entry> page(final BoardState board, final long period, final int from, final int count)
    {
        final List<Entry> entries = new ArrayList<>(Math.min(count, 128));
        if (0 == period || period == board.period)
        {
            board.live.forEach(from, count, (index, playerId, score, subScore, atMs) ->
                entries.add(new Entry(board.id, playerId, score, subScore, index + 1L, atMs)));
        }
        else
        {
            final ArchivedPeriod archive = archive(board, period);
            for (int i = from; i < archive.size() && entries.size() < count; i++)
            {
                entries.add(new Entry(board.id, archive.players[i], archive.scores[i], archive.subScores[i], i + 1L,
                    archive.atMs[i]));
            }
        }
        return entries;
    }

    private static Entry entryAt(final BoardState board, final int index)
    {
        final Entry[] found = new Entry[1];
        board.live.forEach(index, 1, (i, playerId, score, subScore, atMs) ->
            found[0] = new Entry(board.id, playerId, score, subScore, i + 1L, atMs));
        return found[0];
    }

    private static boolean isPlayerId(final String playerId)
    {
        if (null == playerId || playerId.isEmpty() || playerId.length() > MAX_PLAYER_ID_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < playerId.length(); i++)
        {
            if (Character.isISOControl(playerId.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static AccountException error(final String code, final String message)
    {
        return new AccountException(code, message, Map.of());
    }

    /**
     * A canonical text of the whole state (tests compare live and replayed state with it).
     *
     * @return the description.
     */
    String describe()
    {
        final StringBuilder out = new StringBuilder();
        out.append("regular=").append(regularBoardCount).append('\n');
        for (final BoardState board : boards.values())
        {
            out.append("board ").append(board.view()).append('\n');
            board.live.forEach(0, Integer.MAX_VALUE, (index, playerId, score, subScore, atMs) ->
                out.append("  ").append(index).append(' ').append(playerId).append(' ').append(score).append(' ')
                    .append(subScore).append(' ').append(atMs).append('\n'));
            for (final ArchivedPeriod archive : board.archives)
            {
                out.append("  period ").append(archive.period).append(' ').append(archive.startedAtMs).append(' ')
                    .append(archive.endedAtMs).append('\n');
                for (int i = 0; i < archive.size(); i++)
                {
                    out.append("    ").append(i).append(' ').append(archive.players[i]).append(' ')
                        .append(archive.scores[i]).append(' ').append(archive.subScores[i]).append(' ')
                        .append(archive.atMs[i]).append('\n');
                }
            }
        }
        for (final TournamentState t : tournaments.values())
        {
            out.append("tournament ").append(t.view()).append(' ').append(t.entrants).append('\n');
        }
        return out.toString();
    }

    /** One board's mutable state. */
    private static final class BoardState
    {
        final String id;
        final String tournamentId;
        final ArrayDeque<ArchivedPeriod> archives = new ArrayDeque<>();
        ScoreBoard live;
        boolean clientSubmit;
        ResetKind resetKind = ResetKind.NONE;
        long resetEveryMs;
        long nextResetAtMs;
        long period = 1;
        long periodStartedAtMs;

        BoardState(final String id, final boolean isDescending, final long atMs, final String tournamentId)
        {
            this.id = id;
            this.tournamentId = tournamentId;
            this.live = new ScoreBoard(isDescending);
            this.periodStartedAtMs = atMs;
        }

        void reorder(final boolean isDescending)
        {
            final ScoreBoard reordered = new ScoreBoard(isDescending);
            live.forEach(0, Integer.MAX_VALUE, (index, playerId, score, subScore, atMs) ->
                reordered.submit(playerId, score, subScore, atMs));
            live = reordered;
        }

        Board view()
        {
            return new Board(id, clientSubmit, resetKind, resetEveryMs, live.isDescending(), period,
                periodStartedAtMs, nextResetAtMs, live.size(), tournamentId);
        }
    }

    /** A closed period, frozen in rank order. */
    private static final class ArchivedPeriod
    {
        final long period;
        final long startedAtMs;
        final long endedAtMs;
        String[] players;
        long[] scores;
        long[] subScores;
        long[] atMs;
        final Object2IntHashMap<String> indexByPlayer = new Object2IntHashMap<>(-1);

        private ArchivedPeriod(final long period, final long startedAtMs, final long endedAtMs, final int size)
        {
            this.period = period;
            this.startedAtMs = startedAtMs;
            this.endedAtMs = endedAtMs;
            players = new String[size];
            scores = new long[size];
            subScores = new long[size];
            atMs = new long[size];
        }

        static ArchivedPeriod of(final BoardState board, final long endedAtMs)
        {
            final ArchivedPeriod archive =
                new ArchivedPeriod(board.period, board.periodStartedAtMs, endedAtMs, board.live.size());
            board.live.forEach(0, Integer.MAX_VALUE, (index, playerId, score, subScore, at) ->
            {
                archive.players[index] = playerId;
                archive.scores[index] = score;
                archive.subScores[index] = subScore;
                archive.atMs[index] = at;
                archive.indexByPlayer.put(playerId, index);
            });
            return archive;
        }

        int size()
        {
            return players.length;
        }

        int indexOf(final String playerId)
        {
            return indexByPlayer.getValue(playerId);
        }

        void remove(final String playerId)
        {
            final int index = indexByPlayer.getValue(playerId);
            if (index < 0)
            {
                return;
            }
            final int size = players.length;
            final String[] newPlayers = new String[size - 1];
            final long[] newScores = new long[size - 1];
            final long[] newSubScores = new long[size - 1];
            final long[] newAtMs = new long[size - 1];
            indexByPlayer.clear();
            for (int i = 0, j = 0; i < size; i++)
            {
                if (i != index)
                {
                    newPlayers[j] = players[i];
                    newScores[j] = scores[i];
                    newSubScores[j] = subScores[i];
                    newAtMs[j] = atMs[i];
                    indexByPlayer.put(players[i], j);
                    j++;
                }
            }
            players = newPlayers;
            scores = newScores;
            subScores = newSubScores;
            atMs = newAtMs;
        }
    }

    /** One tournament's mutable state. */
    private static final class TournamentState
    {
        String id;
        String name;
        String boardId;
        TournamentStatus status;
        long createdAtMs;
        long startAtMs;
        long endAtMs;
        int maxEntries;
        String entryFeeCurrency;
        long entryFeeAmount;
        boolean clientSubmit;
        List<Reward> rewards = Collections.emptyList();
        String metadataJson;
        final LinkedHashSet<String> entrants = new LinkedHashSet<>();

        Tournament view()
        {
            return new Tournament(id, name, boardId, status, startAtMs, endAtMs, maxEntries, entrants.size(),
                entryFeeCurrency, entryFeeAmount, rewards, metadataJson, clientSubmit, createdAtMs);
        }
    }
}

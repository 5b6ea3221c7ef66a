package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.metagame.AccountException;
import io.asobi.metagame.Audit;
import io.asobi.metagame.Leaderboards;
import io.asobi.metagame.MetagameServices;
import io.netty.handler.codec.http.HttpMethod;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Leaderboard and tournament routes (asobi-spec §3.5) and their operator routes (§3.9):
 * <ul>
 * <li>{@code GET /leaderboards/:id?limit=&period=}, {@code GET /leaderboards/:id/around/:player_id?range=&period=},
 * {@code POST /leaderboards/:id {score, sub_score?}}, {@code GET /leaderboards/:id/periods} (beyond);</li>
 * <li>{@code GET /tournaments?status=&limit=}, {@code GET /tournaments/:id}, {@code POST /tournaments/:id/join};</li>
 * <li>{@code GET|POST /ops/leaderboards}, {@code GET /ops/leaderboards/:id}, {@code GET /ops/leaderboards/:id/entries},
 * {@code POST /ops/leaderboards/:id/scores}, {@code GET|POST /ops/tournaments}, {@code GET /ops/tournaments/:id}.</li>
 * </ul>
 */
final class LeaderboardRoutes implements RestRoutes
{
    private static final String GET_ONLY = "GET, OPTIONS";
    private static final String POST_ONLY = "POST, OPTIONS";
    private static final String GET_POST = "GET, POST, OPTIONS";

    static
    {
        ErrorCodes.register("leaderboard.client_submit_disabled", 403,
            "Players may not submit their own scores to this leaderboard.");
        ErrorCodes.register("leaderboard.capacity_reached", 503,
            "The deployment holds as many leaderboards as allowed.");
        ErrorCodes.register("leaderboard.not_found", 404, "No leaderboard exists with this id.");
        ErrorCodes.register("leaderboard.period_not_found", 404,
            "This leaderboard has no archived period with this number.");
        ErrorCodes.register("tournament.not_found", 404, "No tournament exists with this id.");
        ErrorCodes.register("tournament.full", 409, "The tournament has no free entry.");
        ErrorCodes.register("tournament.already_joined", 409, "The player already joined this tournament.");
        ErrorCodes.register("tournament.not_open", 403, "The tournament is over and takes no entries.");
        ErrorCodes.register("tournament.not_active", 403, "The tournament is not running: scores are not accepted.");
        ErrorCodes.register("tournament.not_joined", 403, "Only the tournament's entrants may submit scores to it.");
        ErrorCodes.register("tournament.capacity_reached", 503, "The deployment holds as many tournaments as allowed.");
        ErrorCodes.register("tournament.economy_unavailable", 503,
            "Entry fees cannot be taken: no economy is running.");
        if (!ErrorCodes.isDefined("economy.insufficient_funds"))
        {
            ErrorCodes.register("economy.insufficient_funds", 402, "The wallet balance is too low.");
        }
    }

    private final RestSupport support;
    private final Leaderboards leaderboards;

    LeaderboardRoutes(final RestSupport support, final MetagameServices metagame)
    {
        this.support = support;
        this.leaderboards = metagame.leaderboards();
    }

    public boolean handle(final HttpExchange ex, final String[] seg)
    {
        if (3 == seg.length)
        {
            return handleList(ex, seg);
        }
        if (seg.length < 4)
        {
            return false;
        }
        return switch (seg[2])
        {
            case "leaderboards" -> leaderboard(ex, seg);
            case "tournaments" -> tournament(ex, seg);
            case "ops" -> "leaderboards".equals(seg[3]) ? opsLeaderboard(ex, seg) :
                "tournaments".equals(seg[3]) && opsTournament(ex, seg);
            default -> false;
        };
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Players

    private boolean leaderboard(final HttpExchange ex, final String[] seg)
    {
        final String boardId = seg[3];
        if (4 == seg.length)
        {
            if (!RestSupport.allow(ex, GET_POST, HttpMethod.GET, HttpMethod.POST))
            {
                return true;
            }
            final String playerId = support.player(ex);
            if (HttpMethod.GET.equals(ex.method()))
            {
                final int limit = RestSupport.intParam(ex, "limit", 100, 1, 100);
                final long period = longParam(ex, "period");
                RestSupport.answer(ex, leaderboards.top(boardId, limit, period), LeaderboardRoutes::entries);
            }
            else
            {
                final ObjectNode body = ex.bodyObject();
                final long score = number(body, "score", true);
                final long subScore = number(body, "sub_score", false);
                RestSupport.answer(ex, leaderboards.submit(boardId, playerId, score, subScore, true),
                    LeaderboardRoutes::entry);
            }
            return true;
        }
        if (6 == seg.length && "around".equals(seg[4]))
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                support.player(ex);
                final int range = RestSupport.intParam(ex, "range", 5, 1, 50);
                final long period = longParam(ex, "period");
                RestSupport.answer(ex, leaderboards.around(boardId, seg[5], range, period),
                    LeaderboardRoutes::entries);
            }
            return true;
        }
        if (5 == seg.length && "periods".equals(seg[4]))
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                support.player(ex);
                RestSupport.answer(ex, leaderboards.board(boardId).thenCombine(
                    leaderboards.periods(boardId), (board, periods) -> periods(board, periods)), body -> body);
            }
            return true;
        }
        return false;
    }

    private boolean tournament(final HttpExchange ex, final String[] seg)
    {
        if (4 == seg.length && seg[3].isEmpty())
        {
            return false;
        }
        if (4 == seg.length)
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                support.player(ex);
                RestSupport.answer(ex, leaderboards.tournament(seg[3]), LeaderboardRoutes::tournament);
            }
            return true;
        }
        if (5 == seg.length && "join".equals(seg[4]))
        {
            if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
            {
                final String playerId = support.player(ex);
                RestSupport.answer(ex, leaderboards.join(seg[3], playerId), t -> Json.NODES.objectNode()
                    .put("success", true).put("tournament_id", t.id()));
            }
            return true;
        }
        return false;
    }

    /**
     * {@code GET /tournaments} arrives as segments {@code api, v1, tournaments}: handled here when only three.
     */
    private boolean handleList(final HttpExchange ex, final String[] seg)
    {
        if (3 != seg.length || !"tournaments".equals(seg[2]))
        {
            return false;
        }
        if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
        {
            support.player(ex);
            final String status = statusParam(ex);
            final int limit = RestSupport.intParam(ex, "limit", 50, 1, 100);
            RestSupport.answer(ex, leaderboards.tournaments(status, limit, 0), page ->
            {
                final ObjectNode body = Json.NODES.objectNode();
                final ArrayNode rows = body.putArray("tournaments");
                for (final Leaderboards.Tournament t : page.items())
                {
                    rows.add(tournament(t));
                }
                return body;
            });
        }
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Operators

    private boolean opsLeaderboard(final HttpExchange ex, final String[] seg)
    {
        if (4 == seg.length)
        {
            final String operator = support.operator(ex);
            if (!RestSupport.allow(ex, GET_POST, HttpMethod.GET, HttpMethod.POST))
            {
                return true;
            }
            if (HttpMethod.GET.equals(ex.method()))
            {
                final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
                final int offset = RestSupport.intParam(ex, "offset", 0, 0, 100_000);
                RestSupport.answer(ex, leaderboards.boards(limit, offset),
                    page -> page(page, limit, offset, LeaderboardRoutes::board));
            }
            else
            {
                final Leaderboards.BoardConfig config = boardConfig(ex.bodyObject());
                leaderboards.configure(operator, config).whenComplete((configured, failure) ->
                {
                    if (null != failure)
                    {
                        RestSupport.fail(ex, failure);
                    }
                    else
                    {
                        ex.json(configured.isCreated() ? 201 : 200, board(configured.board()));
                    }
                });
            }
            return true;
        }
        final String boardId = seg[4];
        if (5 == seg.length)
        {
            support.operator(ex);
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                RestSupport.answer(ex, leaderboards.board(boardId).thenCompose(board -> null == board ?
                    CompletableFuture.failedFuture(new AccountException("leaderboard.not_found",
                        "Leaderboard not found", Map.of())) :
                    CompletableFuture.completedFuture(board)), LeaderboardRoutes::board);
            }
            return true;
        }
        if (6 == seg.length && "entries".equals(seg[5]))
        {
            support.operator(ex);
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
                final int offset = RestSupport.intParam(ex, "offset", 0, 0, 100_000);
                RestSupport.answer(ex, leaderboards.entries(boardId, limit, offset),
                    page -> page(page, limit, offset, LeaderboardRoutes::entry));
            }
            return true;
        }
        if (6 == seg.length && "scores".equals(seg[5]))
        {
            final String operator = support.operator(ex);
            if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
            {
                final ObjectNode body = ex.bodyObject();
                final JsonNode player = body.get("player_id");
                if (null == player || !player.isTextual())
                {
                    throw missing("player_id");
                }
                final long score = number(body, "score", true);
                final long subScore = number(body, "sub_score", false);
                RestSupport.answer(ex, leaderboards.operatorSubmit(operator, boardId, player.asText(), score,
                    subScore), LeaderboardRoutes::entry);
            }
            return true;
        }
        return false;
    }

    private boolean opsTournament(final HttpExchange ex, final String[] seg)
    {
        if (4 == seg.length)
        {
            final String operator = support.operator(ex);
            if (!RestSupport.allow(ex, GET_POST, HttpMethod.GET, HttpMethod.POST))
            {
                return true;
            }
            if (HttpMethod.GET.equals(ex.method()))
            {
                final String status = statusParam(ex);
                final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
                final int offset = RestSupport.intParam(ex, "offset", 0, 0, 100_000);
                RestSupport.answer(ex, leaderboards.tournaments(status, limit, offset),
                    page -> page(page, limit, offset, LeaderboardRoutes::tournament));
            }
            else
            {
                RestSupport.answer(ex, 201, leaderboards.createTournament(operator, tournamentSpec(ex.bodyObject())),
                    LeaderboardRoutes::tournament);
            }
            return true;
        }
        if (5 == seg.length)
        {
            support.operator(ex);
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                final String id = seg[4];
                RestSupport.answer(ex, leaderboards.tournament(id).thenCombine(leaderboards.entrants(id),
                    (t, entrants) ->
                    {
                        final ObjectNode row = tournament(t);
                        final ArrayNode list = row.putArray("entrants");
                        entrants.forEach(list::add);
                        return row;
                    }), row -> row);
            }
            return true;
        }
        return false;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Parsing

    private static Leaderboards.BoardConfig boardConfig(final ObjectNode body)
    {
        final JsonNode id = body.get("id");
        if (null == id || !id.isTextual())
        {
            throw missing("id");
        }
        final JsonNode clientSubmit = body.get("client_submit");
        if (null != clientSubmit && !clientSubmit.isBoolean())
        {
            throw invalid("client_submit", "must be true or false");
        }
        final JsonNode order = body.get("order");
        final boolean isDescending;
        if (null == order || order.isNull() || "desc".equals(order.asText()) && order.isTextual())
        {
            isDescending = true;
        }
        else if (order.isTextual() && "asc".equals(order.asText()))
        {
            isDescending = false;
        }
        else
        {
            throw invalid("order", "must be desc or asc");
        }
        final JsonNode reset = body.get("reset");
        Leaderboards.ResetKind kind = Leaderboards.ResetKind.NONE;
        long everyMs = 0;
        if (null != reset && !reset.isNull())
        {
            if (reset.isTextual())
            {
                kind = switch (reset.asText())
                {
                    case "none" -> Leaderboards.ResetKind.NONE;
                    case "daily" -> Leaderboards.ResetKind.DAILY;
                    case "weekly" -> Leaderboards.ResetKind.WEEKLY;
                    case "monthly" -> Leaderboards.ResetKind.MONTHLY;
                    default -> throw invalid("reset", "must be none, daily, weekly, monthly or {\"every_ms\": N}");
                };
            }
            else if (reset.isObject() && reset.path("every_ms").canConvertToLong() &&
                reset.path("every_ms").isIntegralNumber() && 1 == reset.size())
            {
                kind = Leaderboards.ResetKind.EVERY;
                everyMs = reset.get("every_ms").asLong();
            }
            else
            {
                throw invalid("reset", "must be none, daily, weekly, monthly or {\"every_ms\": N}");
            }
        }
        return new Leaderboards.BoardConfig(id.asText(), null != clientSubmit && clientSubmit.asBoolean(), kind,
            everyMs, isDescending);
    }

    private static Leaderboards.TournamentSpec tournamentSpec(final ObjectNode body)
    {
        final JsonNode name = body.get("name");
        if (null == name || !name.isTextual())
        {
            throw missing("name");
        }
        final long startAtMs = time(body, "start_at");
        final long endAtMs = time(body, "end_at");
        final JsonNode maxEntries = body.get("max_entries");
        if (null == maxEntries || maxEntries.isNull())
        {
            throw missing("max_entries");
        }
        if (!maxEntries.isIntegralNumber() || !maxEntries.canConvertToInt())
        {
            throw invalid("max_entries", "must be an integer");
        }
        String feeCurrency = null;
        long feeAmount = 0;
        final JsonNode fee = body.get("entry_fee");
        if (null != fee && !fee.isNull())
        {
            if (!fee.isObject() || !fee.path("currency").isTextual() || !fee.path("amount").isIntegralNumber() ||
                !fee.path("amount").canConvertToLong())
            {
                throw invalid("entry_fee", "must be {currency, amount}");
            }
            feeCurrency = fee.get("currency").asText();
            feeAmount = fee.get("amount").asLong();
        }
        final List<Leaderboards.Reward> rewards = new ArrayList<>();
        final JsonNode rewardsNode = body.get("rewards");
        if (null != rewardsNode && !rewardsNode.isNull())
        {
            if (!rewardsNode.isArray())
            {
                throw invalid("rewards", "must be a list of {rank_from, rank_to, currency, amount}");
            }
            if (rewardsNode.size() > 100)
            {
                throw invalid("rewards", "at most 100 tiers");
            }
            for (final JsonNode reward : rewardsNode)
            {
                if (!reward.isObject() || !reward.path("rank_from").canConvertToInt() ||
                    !reward.path("rank_from").isIntegralNumber() || !reward.path("rank_to").isIntegralNumber() ||
                    !reward.path("rank_to").canConvertToInt() || !reward.path("currency").isTextual() ||
                    !reward.path("amount").isIntegralNumber() || !reward.path("amount").canConvertToLong())
                {
                    throw invalid("rewards", "must be a list of {rank_from, rank_to, currency, amount}");
                }
                rewards.add(new Leaderboards.Reward(reward.get("rank_from").asInt(), reward.get("rank_to").asInt(),
                    reward.get("currency").asText(), reward.get("amount").asLong()));
            }
        }
        final JsonNode metadata = body.get("metadata");
        if (null != metadata && !metadata.isNull() && !metadata.isObject())
        {
            throw invalid("metadata", "must be an object");
        }
        final JsonNode clientSubmit = body.get("client_submit");
        if (null != clientSubmit && !clientSubmit.isBoolean())
        {
            throw invalid("client_submit", "must be true or false");
        }
        return new Leaderboards.TournamentSpec(name.asText(), startAtMs, endAtMs, maxEntries.asInt(), feeCurrency,
            feeAmount, rewards, null == metadata || metadata.isNull() ? "{}" : metadata.toString(),
            null != clientSubmit && clientSubmit.asBoolean());
    }

    /** A time: an ISO-8601 instant string or Unix milliseconds. */
    private static long time(final ObjectNode body, final String field)
    {
        final JsonNode value = body.get(field);
        if (null == value || value.isNull())
        {
            throw missing(field);
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0)
        {
            return value.asLong();
        }
        if (value.isTextual())
        {
            try
            {
                return Instant.parse(value.asText()).toEpochMilli();
            }
            catch (final DateTimeParseException | ArithmeticException e)
            {
                // falls through
            }
        }
        throw invalid(field, "must be an ISO-8601 time (e.g. 2026-08-03T12:00:00Z) or Unix milliseconds");
    }

    /** A score: an integer (a fractional number is truncated); numeric strings are accepted too. */
    private static long number(final ObjectNode body, final String field, final boolean isRequired)
    {
        final JsonNode value = body.get(field);
        if (null == value || value.isNull())
        {
            if (isRequired)
            {
                throw missing(field);
            }
            return 0;
        }
        if (value.isNumber() && value.canConvertToLong())
        {
            return value.asLong();
        }
        if (value.isTextual())
        {
            try
            {
                return Long.parseLong(value.asText().trim());
            }
            catch (final NumberFormatException e)
            {
                // falls through
            }
        }
        throw invalid(field, "must be an integer");
    }

    private static long longParam(final HttpExchange ex, final String name)
    {
        final String raw = ex.param(name);
        if (null == raw || raw.isEmpty())
        {
            return 0;
        }
        try
        {
            final long value = Long.parseLong(raw.trim());
            if (value >= 1)
            {
                return value;
            }
        }
        catch (final NumberFormatException e)
        {
            // falls through
        }
        throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD,
            Json.NODES.objectNode().put("field", name).put("reason", "must be a period number >= 1"));
    }

    private static String statusParam(final HttpExchange ex)
    {
        final String status = ex.param("status");
        if (null == status || status.isEmpty())
        {
            return null;
        }
        final String lower = status.toLowerCase(Locale.ROOT);
        if (!"pending".equals(lower) && !"active".equals(lower) && !"finished".equals(lower))
        {
            throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD,
                Json.NODES.objectNode().put("field", "status").put("reason", "must be pending, active or finished"));
        }
        return lower;
    }

    private static HttpRequestException missing(final String field)
    {
        return new HttpRequestException(ErrorCodes.MISSING_FIELD, Json.NODES.objectNode().put("field", field));
    }

    private static HttpRequestException invalid(final String field, final String reason)
    {
        return new HttpRequestException(ErrorCodes.INVALID_PAYLOAD,
            Json.NODES.objectNode().put("field", field).put("reason", reason));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // JSON

    private static String iso(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    static ObjectNode entry(final Leaderboards.Entry entry)
    {
        return Json.NODES.objectNode()
            .put("leaderboard_id", entry.leaderboardId())
            .put("player_id", entry.playerId())
            .put("score", entry.score())
            .put("sub_score", entry.subScore())
            .put("rank", entry.rank())
            .put("updated_at", iso(entry.updatedAtMs()));
    }

    private static ObjectNode entries(final List<Leaderboards.Entry> entries)
    {
        final ObjectNode body = Json.NODES.objectNode();
        final ArrayNode rows = body.putArray("entries");
        for (final Leaderboards.Entry entry : entries)
        {
            rows.add(entry(entry));
        }
        return body;
    }

    static ObjectNode board(final Leaderboards.Board board)
    {
        final ObjectNode row = Json.NODES.objectNode()
            .put("id", board.id())
            .put("client_submit", board.clientSubmit());
        if (Leaderboards.ResetKind.EVERY == board.resetKind())
        {
            row.putObject("reset").put("every_ms", board.resetEveryMs());
        }
        else
        {
            row.put("reset", board.resetKind().name().toLowerCase(Locale.ROOT));
        }
        row.put("order", board.isDescending() ? "desc" : "asc")
            .put("period", board.period())
            .put("period_started_at", iso(board.periodStartedAtMs()));
        if (0 == board.nextResetAtMs())
        {
            row.putNull("next_reset_at");
        }
        else
        {
            row.put("next_reset_at", iso(board.nextResetAtMs()));
        }
        row.put("entries", board.entries());
        if (null == board.tournamentId())
        {
            row.putNull("tournament_id");
        }
        else
        {
            row.put("tournament_id", board.tournamentId());
        }
        return row;
    }

    private static ObjectNode periods(final Leaderboards.Board board, final List<Leaderboards.Period> periods)
    {
        final ObjectNode body = Json.NODES.objectNode()
            .put("leaderboard_id", board.id())
            .put("current_period", board.period());
        final ArrayNode rows = body.putArray("periods");
        for (final Leaderboards.Period period : periods)
        {
            rows.addObject()
                .put("period", period.period())
                .put("started_at", iso(period.startedAtMs()))
                .put("ended_at", iso(period.endedAtMs()))
                .put("entries", period.entries());
        }
        return body;
    }

    static ObjectNode tournament(final Leaderboards.Tournament t)
    {
        final ObjectNode row = Json.NODES.objectNode()
            .put("id", t.id())
            .put("name", t.name())
            .put("leaderboard_id", t.leaderboardId())
            .put("status", switch (t.status())
            {
                case PENDING -> "pending";
                case ACTIVE -> "active";
                case ENDED, FINISHED -> "finished";
            })
            .put("rewards_granted", Leaderboards.TournamentStatus.FINISHED == t.status())
            .put("start_at", iso(t.startAtMs()))
            .put("end_at", iso(t.endAtMs()))
            .put("max_entries", t.maxEntries())
            .put("entries", t.entries());
        if (null == t.entryFeeCurrency())
        {
            row.putNull("entry_fee");
        }
        else
        {
            row.putObject("entry_fee").put("currency", t.entryFeeCurrency()).put("amount", t.entryFeeAmount());
        }
        final ArrayNode rewards = row.putArray("rewards");
        for (final Leaderboards.Reward reward : t.rewards())
        {
            rewards.addObject()
                .put("rank_from", reward.rankFrom())
                .put("rank_to", reward.rankTo())
                .put("currency", reward.currency())
                .put("amount", reward.amount());
        }
        row.set("metadata", Json.parseOrText(t.metadataJson()));
        row.put("client_submit", t.clientSubmit());
        row.put("inserted_at", iso(t.createdAtMs()));
        return row;
    }

    private static <T> ObjectNode page(
        final Audit.Page<T> page,
        final int limit,
        final int offset,
        final java.util.function.Function<T, ObjectNode> row)
    {
        final ObjectNode body = Json.NODES.objectNode();
        final ArrayNode data = body.putArray("data");
        for (final T item : page.items())
        {
            data.add(row.apply(item));
        }
        body.putObject("page").put("limit", limit).put("offset", offset).put("total", page.total());
        return body;
    }
}

package io.asobi.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * The closed error-code set of asobi-spec §3.10 with HTTP statuses and messages, and the legacy WebSocket
 * reason → code mapping of §4.3.
 */
final class ErrorCodes
{
    static final String INTERNAL = "internal";
    static final String RATE_LIMITED = "rate_limited";
    static final String JOIN_RATE_LIMITED = "join_rate_limited";
    static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    static final String INVALID_JSON = "invalid_json";
    static final String INVALID_MESSAGE = "invalid_message";
    static final String INVALID_PAYLOAD = "invalid_payload";
    static final String MISSING_FIELD = "missing_field";
    static final String UNKNOWN_TYPE = "unknown_type";
    static final String UNAUTHENTICATED = "unauthenticated";
    static final String FORBIDDEN = "forbidden";
    static final String VALIDATION_FAILED = "validation_failed";
    static final String NOT_READY = "not_ready";
    static final String WS_REQUEST_FAILED = "ws.request_failed";
    static final String NOT_FOUND = "not_found";
    static final String WORLD_NOT_FOUND = "world.not_found";
    static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    static final String UPGRADE_REQUIRED = "upgrade_required";
    static final String BAD_REQUEST = "bad_request";
    static final String PLAYER_NOT_FOUND = "player.not_found";
    static final String TICKET_NOT_FOUND = "matchmaker.ticket_not_found";
    static final String RPC_UNKNOWN_METHOD = "rpc.unknown_method";
    static final String RPC_INVALID_CID = "rpc.invalid_cid";
    static final String RPC_UNSUPPORTED_PROTOCOL = "rpc.unsupported_protocol";
    static final String RPC_INVALID_PARAMS = "rpc.invalid_params";

    /** Reason used when a handler throws. */
    static final String INTERNAL_ERROR_REASON = "internal_error";

    private static final String UNKNOWN_CODE_MESSAGE = "The server reported an error code it does not define.";

    private static final Map<String, Entry> CODES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> WS_REASONS = new HashMap<>();

    record Entry(int status, String message)
    {
    }

    static
    {
        // Cross-cutting.
        code(INTERNAL, 500, "The server failed while handling the request.");
        code(RATE_LIMITED, 429, "Too many requests. Slow down and retry.");
        code(JOIN_RATE_LIMITED, 429, "Too many join attempts. Slow down and retry.");
        code(PAYLOAD_TOO_LARGE, 413, "The payload is larger than the server accepts.");
        code(INVALID_JSON, 400, "The body is not valid JSON.");
        code(INVALID_MESSAGE, 400, "The message is missing a string `type` field.");
        code(INVALID_PAYLOAD, 400, "The payload is not the shape this request expects.");
        code(MISSING_FIELD, 400, "The payload is missing a required field.");
        code(UNKNOWN_TYPE, 400, "No handler is registered for this message type.");
        code(UNAUTHENTICATED, 401, "The credentials are missing, expired, or invalid.");
        code(FORBIDDEN, 403, "The caller may not perform this action.");
        code(VALIDATION_FAILED, 422, "One or more fields are invalid. See `details`.");
        code("length_required", 411, "The request must declare a Content-Length.");
        code("client_gate_denied", 403, "The registration gate rejected this request.");
        code(NOT_READY, 503, "The server is still starting. Retry shortly.");
        code("datagram_unavailable", 503, "The datagram channel is not available.");
        code(WS_REQUEST_FAILED, 400, "The request failed. See `details.reason`.");

        // Gateway-level HTTP codes (routing and framing; not part of a domain).
        code(NOT_FOUND, 404, "No resource exists at this path.");
        code(METHOD_NOT_ALLOWED, 405, "This path does not accept that method.");
        code(UPGRADE_REQUIRED, 426, "This path accepts WebSocket upgrades only.");
        code(BAD_REQUEST, 400, "The HTTP request is malformed.");

        // RPC.
        code(RPC_UNKNOWN_METHOD, 404, "No installed extension serves this RPC method.");
        code(RPC_INVALID_CID, 400, "`cid` must be 1-64 printable ASCII characters.");
        code(RPC_UNSUPPORTED_PROTOCOL, 400, "This server does not speak that RPC protocol version.");
        code(RPC_INVALID_PARAMS, 400, "`params` must be a JSON object.");

        // Accounts.
        code("auth.registration_closed", 403, "This deployment is not accepting new players.");
        code("auth.password_registration_disabled", 403, "This deployment accepts provider sign-in only.");
        code("auth.username_taken", 409, "That username already belongs to another player.");
        code("auth.invalid_credentials", 401, "The username or password is wrong.");
        code(PLAYER_NOT_FOUND, 404, "No player exists with this id.");

        // Matches, worlds, chat, matchmaking, direct messages.
        code("match.not_found", 404, "No live match exists with this id.");
        code("match.not_in_match", 409, "This connection is not joined to a match.");
        code("match.full", 409, "The match has no free slot.");
        code("match.locked", 409, "The match does not accept new players now.");
        code("match.join_refused", 403, "The game refused the join. See `details.refused_reason`.");
        code("world.player_limit_reached", 429, "This player already owns as many worlds as allowed.");
        code("world.capacity_reached", 503, "The deployment is running as many worlds as allowed.");
        code("world.create_failed", 400, "The world could not be created. See `details.reason`.");
        code("world.not_found", 404, "No live world exists with this id.");
        code("world.already_joined", 409, "This connection is already joined to a world.");
        code("chat.invalid_channel_id", 400, "The channel id is not valid.");
        code("chat.too_many_channels", 429, "This connection has joined too many channels.");
        code("matchmaker.unknown_mode", 400, "No game mode is configured under this name.");
        code("matchmaker.queue_full", 503, "The matchmaking queue is full.");
        code(TICKET_NOT_FOUND, 404, "No matchmaking ticket exists with this id.");
        code("dm.blocked", 403, "The recipient blocked this sender.");
        code("dm.content_empty", 400, "A direct message needs content.");
        code("dm.content_too_large", 413, "The message is longer than the server accepts.");

        for (final String same : new String[]{
            PAYLOAD_TOO_LARGE, INVALID_JSON, INVALID_MESSAGE, INVALID_PAYLOAD, MISSING_FIELD, RATE_LIMITED,
            JOIN_RATE_LIMITED, UNKNOWN_TYPE, INTERNAL})
        {
            WS_REASONS.put(same, same);
        }
        WS_REASONS.put(INTERNAL_ERROR_REASON, INTERNAL);
        WS_REASONS.put("invalid_token", UNAUTHENTICATED);
        WS_REASONS.put("not_authorized", FORBIDDEN);
        WS_REASONS.put("not_owner", FORBIDDEN);
        WS_REASONS.put("not_in_match", "match.not_in_match");
        WS_REASONS.put("match_not_found", "match.not_found");
        WS_REASONS.put("match_full", "match.full");
        WS_REASONS.put("match_locked", "match.locked");
        WS_REASONS.put("join_refused", "match.join_refused");
        WS_REASONS.put("world_not_found", "world.not_found");
        WS_REASONS.put("already_in_world", "world.already_joined");
        WS_REASONS.put("invalid_channel_id", "chat.invalid_channel_id");
        WS_REASONS.put("too_many_channels", "chat.too_many_channels");
        WS_REASONS.put("unknown_mode", "matchmaker.unknown_mode");
        WS_REASONS.put("queue_full", "matchmaker.queue_full");
        WS_REASONS.put("blocked", "dm.blocked");
        WS_REASONS.put("content_empty", "dm.content_empty");
        WS_REASONS.put("content_too_large", "dm.content_too_large");
    }

    private ErrorCodes()
    {
    }

    private static void code(final String code, final int status, final String message)
    {
        CODES.put(code, new Entry(status, message));
    }

    /**
     * Add a domain's codes (asobi-spec §3.10's {@code economy.*}, {@code leaderboard.*}, ...): route classes call
     * this from their static initializer.
     *
     * @param code    the code.
     * @param status  its HTTP status.
     * @param message its message.
     */
    static synchronized void register(final String code, final int status, final String message)
    {
        CODES.put(code, new Entry(status, message));
    }

    /**
     * The code for a legacy WebSocket reason.
     *
     * @param reason the reason string, possibly a game's own.
     * @return its code, or {@value #WS_REQUEST_FAILED} when the reason has no code of its own.
     */
    static String codeForReason(final String reason)
    {
        final String code = WS_REASONS.get(reason);
        return null == code ? WS_REQUEST_FAILED : code;
    }

    /**
     * The HTTP status of a code; an undefined code is a server bug, so 500.
     *
     * @param code error code.
     * @return the status.
     */
    static int status(final String code)
    {
        final Entry entry = CODES.get(code);
        return null == entry ? 500 : entry.status();
    }

    /**
     * The human readable message for a code.
     *
     * @param code error code.
     * @return the message.
     */
    static String message(final String code)
    {
        final Entry entry = CODES.get(code);
        return null == entry ? UNKNOWN_CODE_MESSAGE : entry.message();
    }

    /**
     * Whether a code is defined.
     *
     * @param code error code.
     * @return true when known.
     */
    static boolean isDefined(final String code)
    {
        return CODES.containsKey(code);
    }
}

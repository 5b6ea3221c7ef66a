package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.InputResult;
import io.asobi.match.MatchService;
import io.asobi.metagame.Accounts;
import io.asobi.world.ResyncResult;
import io.asobi.world.WorldInputResult;
import io.asobi.world.WorldService;
import io.netty.channel.Channel;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The realtime message catalogue (asobi-spec §4.4) for decoded envelopes {@code {type, payload, cid}}.
 * <p>
 * Before authentication only {@code session.connect}, {@code session.heartbeat} and {@code rpc.call} (answered
 * {@code unauthenticated}) are served; anything else is {@code unknown_type}. A type that needs a payload and has
 * none is {@code unknown_type} too, as in Asobi; a payload of the wrong shape is {@code invalid_payload} and a
 * missing required field {@code missing_field}. A handler that throws answers {@code internal_error}. Nothing here
 * closes the socket.
 * <p>
 * <b>Note:</b> stateless and shared by all connections; runs on their event loops.
 */
final class WsDispatcher
{
    static final String WIRE_JSON = "json";
    static final String WIRE_BINARY = "binary";
    static final int RPC_PROTOCOL = 1;
    static final int MAX_CID_CHARS = 64;
    /** Largest {@code seq} a {@code world.input} may carry (2^53 - 1, as Asobi); others are ignored. */
    static final long MAX_INPUT_SEQ = (1L << 53) - 1;

    private static final Logger LOG = LoggerFactory.getLogger(WsDispatcher.class);

    private final GatewayResources resources;
    private final Accounts accounts;
    private final MatchService matches;
    private final WorldService worlds;
    private final Sessions sessions;
    private final KeyedRateLimiter joinLimiter;
    private final EpochClock epochClock;
    private final NanoClock nanoClock;
    private final boolean isBinaryWireEnabled;

    WsDispatcher(final GatewayResources resources)
    {
        this.resources = resources;
        accounts = resources.accounts;
        matches = resources.matches;
        worlds = resources.worlds;
        sessions = resources.sessions;
        joinLimiter = resources.joinLimiter;
        epochClock = resources.ctx.epochClock();
        nanoClock = resources.ctx.nanoClock();
        isBinaryWireEnabled = resources.ctx.binaryWire();
    }

    /**
     * Handle one envelope.
     *
     * @param s       the connection.
     * @param message an object whose {@code type} is a string.
     */
    void dispatch(final WsSession s, final ObjectNode message)
    {
        final String type = message.get("type").textValue();
        final JsonNode cid = message.get("cid");
        final JsonNode payload = message.get("payload");
        try
        {
            if (!s.isAuthenticated())
            {
                switch (type)
                {
                    case "session.connect" -> onConnect(s, payload, cid);
                    case "session.heartbeat" -> onHeartbeat(s, cid);
                    case "rpc.call" -> onRpcCall(s, payload, cid);
                    default -> s.sendError(ErrorCodes.UNKNOWN_TYPE, null, cid, null);
                }
                return;
            }

            switch (type)
            {
                case "session.connect" -> onConnect(s, payload, cid);
                case "session.heartbeat" -> onHeartbeat(s, cid);
                case "rpc.call" -> onRpcCall(s, payload, cid);
                case "match.leave" -> matches.leave(s.playerId(), new WsReply(s, cid, null));
                case "world.leave" -> worlds.leave(s.playerId(), new WsReply(s, cid, null));
                default -> dispatchWithPayload(s, type, payload, message.get("seq"), cid);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("{} handling {} failed", s.channel(), type, ex);
            s.sendError(ErrorCodes.INTERNAL_ERROR_REASON, null, cid, null);
        }
    }

    private void dispatchWithPayload(
        final WsSession s, final String type, final JsonNode payload, final JsonNode seq, final JsonNode cid)
    {
        if (null == payload)
        {
            s.sendError(ErrorCodes.UNKNOWN_TYPE, null, cid, null);
            return;
        }

        switch (type)
        {
            case "match.list" -> onMatchList(s, payload, cid);
            case "match.join" -> onMatchJoin(s, payload, cid);
            case "match.find_or_create" -> onFindOrCreate(s, payload, cid);
            case "match.input" -> onMatchInput(s, payload, cid);
            case "matchmaker.add" -> onMatchmakerAdd(s, payload, cid);
            case "matchmaker.remove" -> onMatchmakerRemove(s, payload, cid);
            case "presence.update" -> onPresenceUpdate(s, payload, cid);
            case "world.list" -> onWorldList(s, payload, cid);
            case "world.join" -> onWorldJoin(s, payload, cid);
            case "world.create" -> onWorldCreate(s, payload, cid, false);
            case "world.find_or_create" -> onWorldCreate(s, payload, cid, true);
            case "world.input" -> onWorldInput(s, payload, seq, cid);
            case "world.resync" -> onWorldResync(s, payload, cid);
            default -> s.sendError(ErrorCodes.UNKNOWN_TYPE, null, cid, null);
        }
    }

    /**
     * A connection closed: detach it and tell the match and world runtimes when it was the player's last one.
     *
     * @param playerId the player it was authenticated as.
     * @param channel  the connection.
     */
    void onSessionEnded(final String playerId, final Channel channel)
    {
        if (sessions.unbind(playerId, channel))
        {
            try
            {
                matches.playerDisconnected(playerId);
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("playerDisconnected({}) failed", playerId, ex);
            }
            try
            {
                worlds.playerDisconnected(playerId);
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("world playerDisconnected({}) failed", playerId, ex);
            }
        }
    }

    private void onConnect(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        if (null == payload)
        {
            s.sendError(ErrorCodes.UNKNOWN_TYPE, null, cid, null);
            return;
        }
        final JsonNode token = payload.get("token");
        final String playerId = null != token && token.isTextual() ? accounts.authenticate(token.textValue()) : null;
        if (null == playerId)
        {
            s.sendError("invalid_token", null, cid, null);
            return;
        }

        final String previous = s.playerId();
        if (null != previous && !previous.equals(playerId))
        {
            s.playerId(null);
            onSessionEnded(previous, s.channel());
        }
        // asobi-spec §4.4/§4.7: binary only when asked for and enabled; anything else (absent, "json", another
        // value or type) is granted JSON, as Asobi does.
        final JsonNode wire = payload.get("wire");
        final boolean isBinary = isBinaryWireEnabled && null != wire && WIRE_BINARY.equals(wire.textValue());
        s.channel().attr(Sessions.BINARY_WIRE).set(isBinary);
        s.playerId(playerId);
        sessions.bind(playerId, s.channel());
        s.cancelIdleAuthTimer();

        final ObjectNode connected = Json.NODES.objectNode();
        connected.put("player_id", playerId);
        connected.put("wire", isBinary ? WIRE_BINARY : WIRE_JSON);
        s.send("session.connected", connected, cid);
        try
        {
            matches.playerConnected(playerId);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("playerConnected({}) failed", playerId, ex);
        }
        try
        {
            worlds.playerConnected(playerId);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("world playerConnected({}) failed", playerId, ex);
        }
    }

    private void onHeartbeat(final WsSession s, final JsonNode cid)
    {
        s.send("session.heartbeat", Json.NODES.objectNode().put("ts", epochClock.time()), cid);
    }

    private void onRpcCall(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        if (!isValidRpcCid(cid))
        {
            s.send("rpc.error", rpcError(ErrorCodes.RPC_INVALID_CID, null), null);
            return;
        }
        if (!s.isAuthenticated())
        {
            s.send("rpc.error", rpcError(ErrorCodes.UNAUTHENTICATED, null), cid);
            return;
        }
        if (null != payload && !payload.isObject())
        {
            s.send("rpc.error", rpcError(ErrorCodes.INVALID_PAYLOAD, null), cid);
            return;
        }

        final JsonNode protocol = null == payload ? null : payload.get("protocol");
        if (null == protocol || !protocol.isIntegralNumber() || RPC_PROTOCOL != protocol.asLong())
        {
            final ObjectNode details = Json.NODES.objectNode();
            details.putArray("supported").add(RPC_PROTOCOL);
            s.send("rpc.error", rpcError(ErrorCodes.RPC_UNSUPPORTED_PROTOCOL, details), cid);
            return;
        }
        final JsonNode method = payload.get("method");
        if (null == method || !method.isTextual())
        {
            s.send("rpc.error", rpcError(ErrorCodes.INVALID_PAYLOAD, null), cid);
            return;
        }
        final JsonNode params = payload.get("params");
        if (null != params && !params.isNull() && !params.isObject())
        {
            s.send("rpc.error", rpcError(ErrorCodes.RPC_INVALID_PARAMS, null), cid);
            return;
        }
        // No extensions are installed yet, so no method is served.
        s.send("rpc.error", rpcError(ErrorCodes.RPC_UNKNOWN_METHOD, null), cid);
    }

    private static boolean isValidRpcCid(final JsonNode cid)
    {
        if (null == cid || !cid.isTextual())
        {
            return false;
        }
        final String text = cid.textValue();
        if (text.isEmpty() || text.length() > MAX_CID_CHARS)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode rpcError(final String code, final ObjectNode details)
    {
        final ObjectNode payload = Json.NODES.objectNode();
        payload.set("error", Json.errorObject(code, details));
        return payload;
    }

    private void onMatchList(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        if (!payload.isObject())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, null);
            return;
        }
        final ListingFilters filters = ListingFilters.fromPayload(payload);
        if (null != filters.errorReason())
        {
            s.sendError(filters.errorReason(), null, cid, null);
            return;
        }
        s.send("match.list", matches.list(filters.mode(), filters.hasCapacity(), filters.joinable()), cid);
    }

    private void onMatchJoin(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        final String matchId = requiredString(s, payload, "match_id", cid, null);
        if (null != matchId && isJoinAllowed(s, payload, cid))
        {
            matches.join(s.playerId(), matchId, joinContext(payload), new WsReply(s, cid, null));
        }
    }

    private void onFindOrCreate(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        final String mode = requiredString(s, payload, "mode", cid, null);
        if (null != mode && isJoinAllowed(s, payload, cid))
        {
            matches.findOrCreate(s.playerId(), mode, joinContext(payload), new WsReply(s, cid, null));
        }
    }

    /**
     * The join rate, then the join context; answers the refusal itself.
     */
    private boolean isJoinAllowed(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        if (!joinLimiter.tryAcquire(s.playerId()))
        {
            s.sendError(ErrorCodes.JOIN_RATE_LIMITED, null, cid, null);
            return false;
        }
        final String ctxError = JoinContextValidator.validate(payload.get("ctx"));
        if (null != ctxError)
        {
            s.sendError(ctxError, null, cid, null);
            return false;
        }
        return true;
    }

    private static ObjectNode joinContext(final JsonNode payload)
    {
        final JsonNode ctx = payload.get("ctx");
        return null == ctx ? null : (ObjectNode)ctx;
    }

    private void onMatchInput(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        if (!payload.isObject())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, null);
            return;
        }

        JsonNode input = payload;
        if (1 == payload.size() && payload.has("data"))
        {
            final JsonNode data = payload.get("data");
            if (data.isObject())
            {
                input = data;
            }
            else if (data.isTextual())
            {
                try
                {
                    input = Json.read(data.textValue());
                }
                catch (final IOException ex)
                {
                    input = null;
                }
                if (null == input || !input.isObject())
                {
                    s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, null);
                    return;
                }
            }
        }

        final byte[] bytes = Json.bytes(input);
        final InputResult result = matches.input(s.playerId(), bytes, 0, bytes.length);
        switch (result)
        {
            case NOT_IN_MATCH ->
            {
                // Not in a match: routed to the player's world zone, if any (asobi-spec §4.4).
                final WorldInputResult worldResult = worlds.input(s.playerId(), -1, bytes, 0, bytes.length);
                if (WorldInputResult.NOT_IN_WORLD != worldResult)
                {
                    onWorldInputResult(s, worldResult, cid);
                }
                else if (s.tryHintNotInMatch(nanoClock.nanoTime()))
                {
                    s.sendError("not_in_match", null, null, "match.input");
                }
            }
            case TOO_LARGE -> s.sendError(ErrorCodes.PAYLOAD_TOO_LARGE, null, cid, null);
            case BACK_PRESSURE -> resources.inputBackPressureCount.increment();
            case ACCEPTED, DROPPED ->
            {
            }
            case null -> throw new IllegalStateException("MatchService.input returned null");
        }
    }

    private void onMatchmakerAdd(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        final String requestType = "matchmaker.add";
        if (!payload.isObject())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, requestType);
            return;
        }
        final JsonNode modeNode = payload.get("mode");
        final String mode;
        if (null == modeNode || modeNode.isNull())
        {
            mode = "default";
        }
        else if (modeNode.isTextual())
        {
            mode = modeNode.textValue();
        }
        else
        {
            s.sendError("unknown_mode", null, cid, requestType);
            return;
        }

        final JsonNode propertiesNode = payload.get("properties");
        final ObjectNode properties;
        if (null == propertiesNode || propertiesNode.isNull())
        {
            properties = Json.NODES.objectNode();
        }
        else if (propertiesNode.isObject())
        {
            properties = (ObjectNode)propertiesNode;
        }
        else
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, requestType);
            return;
        }
        matches.matchmakerAdd(s.playerId(), mode, properties, new WsReply(s, cid, requestType));
    }

    private void onMatchmakerRemove(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        final String requestType = "matchmaker.remove";
        final String ticketId = requiredString(s, payload, "ticket_id", cid, requestType);
        if (null != ticketId)
        {
            matches.matchmakerRemove(s.playerId(), ticketId, new WsReply(s, cid, requestType));
        }
    }

    private void onPresenceUpdate(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        if (!payload.isObject())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, null);
            return;
        }
        final JsonNode status = payload.get("status");
        final ObjectNode updated = Json.NODES.objectNode();
        updated.set("status", null == status ? Json.NODES.textNode("online") : status);
        s.send("presence.updated", updated, cid);
    }

    private void onWorldList(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        if (!payload.isObject())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, null);
            return;
        }
        final ListingFilters filters = ListingFilters.fromPayload(payload);
        if (null != filters.errorReason())
        {
            s.sendError(filters.errorReason(), null, cid, null);
            return;
        }
        s.send("world.list", worlds.list(filters.mode(), filters.hasCapacity()), cid);
    }

    private void onWorldJoin(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        final String worldId = requiredString(s, payload, "world_id", cid, null);
        if (null != worldId && isJoinAllowed(s, payload, cid))
        {
            worlds.join(s.playerId(), worldId, joinContext(payload), new WsReply(s, cid, null));
        }
    }

    /**
     * {@code world.create} and {@code world.find_or_create}: {@code {mode}}; no join context is passed (as Asobi).
     */
    private void onWorldCreate(
        final WsSession s, final JsonNode payload, final JsonNode cid, final boolean isFindOrCreate)
    {
        final String mode = requiredString(s, payload, "mode", cid, null);
        if (null == mode)
        {
            return;
        }
        if (!joinLimiter.tryAcquire(s.playerId()))
        {
            s.sendError(ErrorCodes.JOIN_RATE_LIMITED, null, cid, null);
            return;
        }
        if (isFindOrCreate)
        {
            worlds.findOrCreate(s.playerId(), mode, new WsReply(s, cid, null));
        }
        else
        {
            worlds.create(s.playerId(), mode, new WsReply(s, cid, null));
        }
    }

    /**
     * {@code world.input}: the payload is the input map (a sole {@code data} object is unwrapped); the envelope's
     * optional top-level {@code seq} (an integer in 0..2^53-1, else ignored) asks for a {@code world.ack}.
     */
    private void onWorldInput(final WsSession s, final JsonNode payload, final JsonNode seqNode, final JsonNode cid)
    {
        if (!payload.isObject())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, null);
            return;
        }
        JsonNode input = payload;
        if (1 == payload.size() && payload.has("data") && payload.get("data").isObject())
        {
            input = payload.get("data");
        }
        long seq = -1;
        if (null != seqNode && seqNode.isIntegralNumber() && seqNode.canConvertToLong())
        {
            final long value = seqNode.longValue();
            if (value >= 0 && value <= MAX_INPUT_SEQ)
            {
                seq = value;
            }
        }
        final byte[] bytes = Json.bytes(input);
        onWorldInputResult(s, worlds.input(s.playerId(), seq, bytes, 0, bytes.length), cid);
    }

    private void onWorldInputResult(final WsSession s, final WorldInputResult result, final JsonNode cid)
    {
        switch (result)
        {
            case TOO_LARGE -> s.sendError(ErrorCodes.PAYLOAD_TOO_LARGE, null, cid, null);
            case BACK_PRESSURE -> resources.inputBackPressureCount.increment();
            case ACCEPTED, NOT_IN_WORLD ->
            {
                // Accepted, or dropped silently outside a world (as Asobi).
            }
            case null -> throw new IllegalStateException("WorldService.input returned null");
        }
    }

    /**
     * {@code world.resync {zone:[x,y]}}: never answered on success, outside the grid, over the rate or outside a
     * world (as Asobi); a payload that is not an object with a two-integer {@code zone} is {@code invalid_payload}.
     */
    private void onWorldResync(final WsSession s, final JsonNode payload, final JsonNode cid)
    {
        final JsonNode zone = payload.isObject() ? payload.get("zone") : null;
        if (null == zone || !zone.isArray() || 2 != zone.size() || !isInt(zone.get(0)) || !isInt(zone.get(1)))
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, Json.NODES.objectNode().put("field", "zone"), cid, null);
            return;
        }
        final ResyncResult result = worlds.resync(s.playerId(), zone.get(0).intValue(), zone.get(1).intValue());
        if (ResyncResult.ACCEPTED != result)
        {
            LOG.debug("{} world.resync {} for {}", s.channel(), result, zone);
        }
    }

    private static boolean isInt(final JsonNode node)
    {
        return node.isIntegralNumber() && node.canConvertToInt();
    }

    /**
     * A required string member of an object payload; answers the error itself.
     *
     * @return the value, or null after answering {@code invalid_payload} or {@code missing_field}.
     */
    private static String requiredString(
        final WsSession s, final JsonNode payload, final String field, final JsonNode cid, final String requestType)
    {
        if (!payload.isObject())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, null, cid, requestType);
            return null;
        }
        final JsonNode value = payload.get(field);
        if (null == value || value.isNull())
        {
            s.sendError(ErrorCodes.MISSING_FIELD, Json.NODES.objectNode().put("field", field), cid, requestType);
            return null;
        }
        if (!value.isTextual())
        {
            s.sendError(ErrorCodes.INVALID_PAYLOAD, Json.NODES.objectNode().put("field", field), cid, requestType);
            return null;
        }
        return value.textValue();
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.MatchService;
import io.asobi.metagame.AccountException;
import io.asobi.metagame.Accounts;
import io.asobi.metagame.AuthTokens;
import io.asobi.metagame.PlayerProfile;
import io.netty.handler.codec.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The REST routes (asobi-spec §3.1–3.4, §3.9 health) and static files.
 * <p>
 * Routes: {@code POST /api/v1/auth/register|login|refresh|logout} (open); {@code GET|PUT /api/v1/players/:id},
 * {@code POST /api/v1/matchmaker}, {@code GET|DELETE /api/v1/matchmaker/:ticket_id},
 * {@code GET /api/v1/matches/live}, {@code GET|POST /api/v1/worlds}, {@code GET /api/v1/worlds/:id} (bearer); {@code GET /live|/ready|/health}; {@code GET /} and
 * {@code GET /<file>} from the web root. {@code OPTIONS} on a route answers 204 with {@code Allow}.
 * <p>
 * <b>Note:</b> stateless and shared; {@link #handle} runs on I/O threads and never blocks.
 */
final class RestApi
{
    static final String API_PREFIX_0 = "api";
    static final String API_PREFIX_1 = "v1";

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String POST_ONLY = "POST, OPTIONS";
    private static final String GET_ONLY = "GET, OPTIONS";
    private static final String GET_POST = "GET, POST, OPTIONS";
    private static final String GET_PUT = "GET, PUT, OPTIONS";
    private static final String GET_DELETE = "GET, DELETE, OPTIONS";
    private static final Map<String, String> MATCHMAKER_CODES = Map.of(
        "not_found", ErrorCodes.TICKET_NOT_FOUND,
        "ticket_not_found", ErrorCodes.TICKET_NOT_FOUND);

    private final GatewayResources resources;
    private final Accounts accounts;
    private final MatchService matches;
    private final io.asobi.world.WorldService worlds;

    RestApi(final GatewayResources resources)
    {
        this.resources = resources;
        accounts = resources.accounts;
        matches = resources.matches;
        worlds = resources.worlds;
    }

    /**
     * Route and answer one request (now or later).
     *
     * @param ex the exchange.
     * @throws HttpRequestException for a request refused before any asynchronous step.
     */
    void handle(final HttpExchange ex)
    {
        final String[] seg = ex.segments();
        if (seg.length >= 2 && API_PREFIX_0.equals(seg[0]) && API_PREFIX_1.equals(seg[1]))
        {
            api(ex, seg);
            return;
        }

        if (1 == seg.length)
        {
            switch (seg[0])
            {
                case "live" ->
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        ex.json(200, Json.NODES.objectNode().put("status", "alive"));
                    }
                    return;
                }
                case "ready" ->
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        final boolean isReady = resources.isReady();
                        ex.json(isReady ? 200 : 503,
                            Json.NODES.objectNode().put("status", isReady ? "ready" : "not_ready"));
                    }
                    return;
                }
                case "health" ->
                {
                    if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                    {
                        health(ex);
                    }
                    return;
                }
                default ->
                {
                }
            }
        }

        if (null != resources.staticFiles && StaticFiles.isCandidate(ex.path()))
        {
            final StaticFiles.StaticFile file = resources.staticFiles.find(ex.path());
            if (null != file)
            {
                if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
                {
                    ex.bytes(200, file.contentType(), file.bytes());
                }
                return;
            }
        }
        ex.error(ErrorCodes.NOT_FOUND, null);
    }

    private void api(final HttpExchange ex, final String[] seg)
    {
        final int n = seg.length;
        if (4 == n && "auth".equals(seg[2]))
        {
            if (isLimited(resources.httpAuthLimiter, "ip:" + ex.clientAddress()) ||
                ("register".equals(seg[3]) && isLimited(resources.httpRegisterLimiter, "ip:" + ex.clientAddress())))
            {
                ex.rateLimited(1);
                return;
            }
            switch (seg[3])
            {
                case "register" ->
                {
                    if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
                    {
                        register(ex);
                    }
                    return;
                }
                case "login" ->
                {
                    if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
                    {
                        login(ex);
                    }
                    return;
                }
                case "refresh" ->
                {
                    if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
                    {
                        refresh(ex);
                    }
                    return;
                }
                case "logout" ->
                {
                    if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
                    {
                        logout(ex);
                    }
                    return;
                }
                default ->
                {
                }
            }
        }
        else if (4 == n && "players".equals(seg[2]) && !seg[3].isEmpty())
        {
            if (RestSupport.allow(ex, GET_PUT, HttpMethod.GET, HttpMethod.PUT))
            {
                final String playerId = resources.restSupport.player(ex);
                if (HttpMethod.GET.equals(ex.method()))
                {
                    getPlayer(ex, seg[3]);
                }
                else
                {
                    updatePlayer(ex, playerId, seg[3]);
                }
            }
            return;
        }
        else if (3 == n && "matchmaker".equals(seg[2]))
        {
            if (RestSupport.allow(ex, POST_ONLY, HttpMethod.POST))
            {
                matchmakerAdd(ex, resources.restSupport.player(ex));
            }
            return;
        }
        else if (4 == n && "matchmaker".equals(seg[2]) && !seg[3].isEmpty())
        {
            if (RestSupport.allow(ex, GET_DELETE, HttpMethod.GET, HttpMethod.DELETE))
            {
                final String playerId = resources.restSupport.player(ex);
                final HttpReply reply = new HttpReply(ex, MATCHMAKER_CODES);
                if (HttpMethod.GET.equals(ex.method()))
                {
                    matches.matchmakerTicket(playerId, seg[3], reply);
                }
                else
                {
                    matches.matchmakerRemove(playerId, seg[3], reply);
                }
            }
            return;
        }
        else if (4 == n && "matches".equals(seg[2]) && "live".equals(seg[3]))
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                resources.restSupport.player(ex);
                liveMatches(ex);
            }
            return;
        }
        else if (3 == n && "worlds".equals(seg[2]))
        {
            if (RestSupport.allow(ex, GET_POST, HttpMethod.GET, HttpMethod.POST))
            {
                final String playerId = resources.restSupport.player(ex);
                if (HttpMethod.POST.equals(ex.method()))
                {
                    createWorld(ex, playerId);
                }
                else
                {
                    listWorlds(ex);
                }
            }
            return;
        }
        else if (4 == n && "worlds".equals(seg[2]) && !seg[3].isEmpty())
        {
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                resources.restSupport.player(ex);
                getWorld(ex, seg[3]);
            }
            return;
        }
        for (final RestRoutes routes : resources.restRoutes)
        {
            if (routes.handle(ex, seg))
            {
                return;
            }
        }
        ex.error(ErrorCodes.NOT_FOUND, null);
    }


    /**
     * One request against a rate limit (asobi-spec §1.1: per client address for the auth routes, per player for
     * the rest; fixed one-second windows).
     *
     * @return true if the request must be refused with 429.
     */
    private static boolean isLimited(final KeyedRateLimiter limiter, final String key)
    {
        return null != limiter && !limiter.tryAcquire(key);
    }

    private void register(final HttpExchange ex)
    {
        final ObjectNode body = ex.bodyObject();
        final String username = requiredString(body, "username");
        final String password = requiredString(body, "password");
        final String displayName = optionalString(body, "display_name", "fields");
        onComplete(ex, accounts.register(username, password, displayName), "fields",
            tokens -> ex.json(200, tokensBody(tokens, true)));
    }

    private void login(final HttpExchange ex)
    {
        final ObjectNode body = ex.bodyObject();
        final String username = requiredString(body, "username");
        final String password = requiredString(body, "password");
        onComplete(ex, accounts.login(username, password), "fields", tokens -> ex.json(200, tokensBody(tokens, true)));
    }

    private void refresh(final HttpExchange ex)
    {
        final ObjectNode body = ex.bodyObject();
        final String refreshToken = requiredString(body, "refresh_token");
        onComplete(ex, accounts.refresh(refreshToken), "fields", tokens -> ex.json(200, tokensBody(tokens, false)));
    }

    private void logout(final HttpExchange ex)
    {
        String refreshToken = null;
        try
        {
            final JsonNode node = ex.bodyObject().get("refresh_token");
            refreshToken = null != node && node.isTextual() ? node.textValue() : null;
        }
        catch (final HttpRequestException ignore)
        {
            // Logout always succeeds; a malformed body only means no refresh token.
        }
        final String accessToken = ex.bearerToken();
        final ObjectNode success = Json.NODES.objectNode().put("success", true);
        if (null == refreshToken && null == accessToken)
        {
            ex.json(200, success);
            return;
        }
        accounts.logout(refreshToken, accessToken).whenComplete((ignored, failure) ->
        {
            if (null != failure)
            {
                LOG.debug("logout failed; answering success as asobi does", failure);
            }
            ex.json(200, success);
        });
    }

    private void getPlayer(final HttpExchange ex, final String playerId)
    {
        final PlayerProfile profile = accounts.player(playerId);
        if (null == profile)
        {
            ex.error(ErrorCodes.PLAYER_NOT_FOUND, null);
            return;
        }
        ex.json(200, profileBody(profile));
    }

    private void updatePlayer(final HttpExchange ex, final String callerId, final String playerId)
    {
        if (!callerId.equals(playerId))
        {
            ex.error(ErrorCodes.FORBIDDEN, null);
            return;
        }

        final ObjectNode body = ex.bodyObject();
        final ObjectNode fieldErrors = Json.NODES.objectNode();
        final String displayName = stringField(body, "display_name", fieldErrors);
        final String avatarUrl = stringField(body, "avatar_url", fieldErrors);
        JsonNode metadata = body.get("metadata");
        if (null != metadata && metadata.isNull())
        {
            metadata = null;
        }
        else if (null != metadata && !metadata.isObject())
        {
            fieldErrors.set("metadata", Json.NODES.arrayNode().add("must be an object"));
            metadata = null;
        }
        if (!fieldErrors.isEmpty())
        {
            throw validationFailed(fieldErrors, "errors");
        }

        onComplete(ex, accounts.updatePlayer(playerId, displayName, avatarUrl, metadata), "errors",
            profile -> ex.json(200, profileBody(profile)));
    }

    private void matchmakerAdd(final HttpExchange ex, final String playerId)
    {
        final ObjectNode body = ex.bodyObject();
        final JsonNode modeNode = body.get("mode");
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
            throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD, details("field", "mode"));
        }

        final JsonNode propertiesNode = body.get("properties");
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
            throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD, details("field", "properties"));
        }
        matches.matchmakerAdd(playerId, mode, properties, new HttpReply(ex, MATCHMAKER_CODES));
    }

    private void liveMatches(final HttpExchange ex)
    {
        final ListingFilters filters =
            ListingFilters.fromQuery(ex.param("mode"), ex.param("has_capacity"), ex.param("joinable"));
        if (null != filters.errorReason())
        {
            ex.error(ErrorCodes.WS_REQUEST_FAILED, details("reason", filters.errorReason()));
            return;
        }
        ex.json(200, matches.list(filters.mode(), filters.hasCapacity(), filters.joinable()));
    }

    /**
     * {@code POST /api/v1/worlds {mode}}: 201 with the new world's listing object; the caller owns it and is not
     * joined (asobi-spec §3.3).
     */
    private void createWorld(final HttpExchange ex, final String playerId)
    {
        final JsonNode mode = ex.bodyObject().get("mode");
        if (null == mode || !mode.isTextual() || mode.textValue().isEmpty())
        {
            throw new HttpRequestException(ErrorCodes.INVALID_PAYLOAD, details("field", "mode"));
        }
        worlds.createOwned(playerId, mode.textValue(), new io.asobi.world.WorldReply()
        {
            public void ok(final String type, final ObjectNode payload)
            {
                ex.json(201, payload);
            }

            public void error(final String reason, final ObjectNode details)
            {
                switch (null == reason ? "" : reason)
                {
                    case "player_world_limit_reached" ->
                        ex.error("world.player_limit_reached", Json.NODES.objectNode());
                    case "world_capacity_reached" -> ex.error("world.capacity_reached", Json.NODES.objectNode());
                    case "invalid_payload" -> ex.error(ErrorCodes.INVALID_PAYLOAD, Json.NODES.objectNode());
                    default -> ex.error("world.create_failed", details("reason", null == reason ? "internal" :
                        reason));
                }
            }
        });
    }

    private void listWorlds(final HttpExchange ex)
    {
        final ListingFilters filters = ListingFilters.fromQuery(ex.param("mode"), ex.param("has_capacity"), null);
        if (null != filters.errorReason())
        {
            ex.error(ErrorCodes.WS_REQUEST_FAILED, details("reason", filters.errorReason()));
            return;
        }
        ex.json(200, worlds.list(filters.mode(), filters.hasCapacity()));
    }

    /**
     * {@code GET /api/v1/worlds/:id}: the listing object of one live world of a listed mode, else 404.
     */
    private void getWorld(final HttpExchange ex, final String worldId)
    {
        final JsonNode list = worlds.list(null, null).get("worlds");
        if (null != list)
        {
            for (final JsonNode world : list)
            {
                if (worldId.equals(world.path("world_id").textValue()))
                {
                    ex.json(200, world);
                    return;
                }
            }
        }
        ex.error(ErrorCodes.WORLD_NOT_FOUND, null);
    }

    private void health(final HttpExchange ex)
    {
        final boolean isReady = resources.isReady();
        final ObjectNode details = Json.NODES.objectNode();
        details.put("connections", resources.channels.size());
        details.put("sessions", resources.sessions.sessionCount());
        details.put("players_online", resources.sessions.playerCount());
        details.put("frames_sent", resources.sessions.sentFrameCount());
        details.put("frames_dropped", resources.sessions.droppedFrameCount());
        details.put("inputs_back_pressured", resources.inputBackPressureCount.sum());
        boolean isAccountsReady;
        try
        {
            isAccountsReady = accounts.isReady();
        }
        catch (final RuntimeException e)
        {
            isAccountsReady = false;
        }
        details.put("accounts_ready", isAccountsReady);
        try
        {
            final Map<String, Object> extra = resources.ctx.healthDetails().get();
            if (null != extra)
            {
                for (final Map.Entry<String, Object> entry : extra.entrySet())
                {
                    details.set(entry.getKey(), Json.toTree(entry.getValue()));
                }
            }
        }
        catch (final RuntimeException e)
        {
            details.put("health_details_error", String.valueOf(e.getMessage()));
        }

        final ObjectNode body = Json.NODES.objectNode();
        body.put("status", isReady ? "healthy" : "unhealthy");
        body.put("ready", isReady);
        body.set("details", details);
        ex.json(isReady ? 200 : 503, body);
    }

    private static ObjectNode tokensBody(final AuthTokens tokens, final boolean withPlayer)
    {
        final ObjectNode body = Json.NODES.objectNode();
        if (withPlayer)
        {
            body.put("player_id", tokens.playerId());
        }
        body.put("access_token", tokens.accessToken());
        body.put("refresh_token", tokens.refreshToken());
        if (withPlayer)
        {
            body.put("username", tokens.username());
        }
        return body;
    }

    static ObjectNode profileBody(final PlayerProfile profile)
    {
        final ObjectNode body = Json.NODES.objectNode();
        body.put("id", profile.id());
        body.put("username", profile.username());
        body.put("display_name", profile.displayName());
        body.put("avatar_url", profile.avatarUrl());
        body.set("metadata", null == profile.metadata() ? Json.NODES.objectNode() : profile.metadata());
        body.put("inserted_at", isoSeconds(profile.insertedAtMs()));
        body.put("updated_at", isoSeconds(profile.updatedAtMs()));
        return body;
    }

    static String isoSeconds(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private <T> void onComplete(
        final HttpExchange ex,
        final CompletableFuture<T> future,
        final String legacyFieldsKey,
        final Consumer<T> onSuccess)
    {
        future.whenComplete((value, failure) ->
        {
            try
            {
                if (null == failure)
                {
                    onSuccess.accept(value);
                }
                else
                {
                    accountFailure(ex, failure, legacyFieldsKey);
                }
            }
            catch (final RuntimeException bug)
            {
                LOG.warn("answering {} failed", ex.path(), bug);
                ex.error(ErrorCodes.INTERNAL, null);
            }
        });
    }

    private static void accountFailure(final HttpExchange ex, final Throwable failure, final String legacyFieldsKey)
    {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) &&
            null != cause.getCause())
        {
            cause = cause.getCause();
        }
        if (!(cause instanceof final AccountException refused))
        {
            LOG.warn("accounts request {} failed", ex.path(), cause);
            ex.error(ErrorCodes.INTERNAL, null);
            return;
        }

        final JsonNode detailsNode = Json.toTree(refused.details());
        final ObjectNode details = detailsNode.isObject() ? (ObjectNode)detailsNode : Json.NODES.objectNode();
        Map<String, JsonNode> topLevel = null;
        if (ErrorCodes.VALIDATION_FAILED.equals(refused.code()))
        {
            final JsonNode fields = details.get("fields");
            topLevel = Map.of(legacyFieldsKey, null == fields ? Json.NODES.objectNode() : fields);
        }
        ex.error(refused.code(), details, topLevel);
    }

    private static String requiredString(final ObjectNode body, final String field)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            throw new HttpRequestException(ErrorCodes.MISSING_FIELD, details("field", field));
        }
        if (!node.isTextual())
        {
            final ObjectNode fieldErrors = Json.NODES.objectNode();
            fieldErrors.set(field, Json.NODES.arrayNode().add("must be a string"));
            throw validationFailed(fieldErrors, "fields");
        }
        return node.textValue();
    }

    private static String optionalString(final ObjectNode body, final String field, final String legacyFieldsKey)
    {
        final ObjectNode fieldErrors = Json.NODES.objectNode();
        final String value = stringField(body, field, fieldErrors);
        if (!fieldErrors.isEmpty())
        {
            throw validationFailed(fieldErrors, legacyFieldsKey);
        }
        return value;
    }

    private static String stringField(final ObjectNode body, final String field, final ObjectNode fieldErrors)
    {
        final JsonNode node = body.get(field);
        if (null == node || node.isNull())
        {
            return null;
        }
        if (!node.isTextual())
        {
            fieldErrors.set(field, Json.NODES.arrayNode().add("must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static HttpRequestException validationFailed(final ObjectNode fieldErrors, final String legacyFieldsKey)
    {
        final ObjectNode details = Json.NODES.objectNode();
        details.set("fields", fieldErrors);
        final Map<String, JsonNode> topLevel = new LinkedHashMap<>();
        topLevel.put(legacyFieldsKey, fieldErrors);
        return new HttpRequestException(ErrorCodes.VALIDATION_FAILED, details, topLevel);
    }

    private static ObjectNode details(final String key, final String value)
    {
        return Json.NODES.objectNode().put(key, value);
    }
}

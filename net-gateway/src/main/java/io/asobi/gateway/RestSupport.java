package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.metagame.AccountException;
import io.netty.handler.codec.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * What route groups ({@link RestRoutes}) share: authentication of players and operators, method checks, query
 * parameters, and answering a future with JSON or with the error code of an {@link AccountException}.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class RestSupport
{
    private static final Logger LOG = LoggerFactory.getLogger(RestSupport.class);

    private final GatewayResources resources;
    private final byte[] opsSecret;

    RestSupport(final GatewayResources resources)
    {
        this.resources = resources;
        final String secret = resources.ctx.opsSecret();
        this.opsSecret = null == secret ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The player of the request's bearer token, counted against the per-player API rate limit.
     *
     * @throws HttpRequestException {@code unauthenticated} or {@code rate_limited}.
     */
    String player(final HttpExchange ex)
    {
        final String token = ex.bearerToken();
        final String playerId = null == token ? null : resources.accounts.authenticate(token);
        if (null == playerId)
        {
            throw new HttpRequestException(ErrorCodes.UNAUTHENTICATED, null);
        }
        final KeyedRateLimiter limiter = resources.httpApiLimiter;
        if (null != limiter && !limiter.tryAcquire(playerId))
        {
            throw new HttpRequestException(ErrorCodes.RATE_LIMITED, Json.NODES.objectNode().put("retry_after", 1));
        }
        return playerId;
    }

    /**
     * The operator label of a request to the operator API: its bearer token must equal the configured operator
     * secret (compared in constant time). The label is the {@code x-asobi-operator} header, else {@code operator}.
     *
     * @throws HttpRequestException {@code forbidden} when no secret is configured or the token does not match.
     */
    String operator(final HttpExchange ex)
    {
        final String token = ex.bearerToken();
        if (null == opsSecret || null == token ||
            !MessageDigest.isEqual(opsSecret, token.getBytes(StandardCharsets.UTF_8)))
        {
            throw new HttpRequestException(ErrorCodes.FORBIDDEN, null);
        }
        final String label = ex.operatorLabel();
        return null == label || label.isBlank() ? "operator" : label.strip();
    }

    /**
     * Answer {@code OPTIONS} and wrong methods.
     *
     * @return true if the route should run.
     */
    static boolean allow(final HttpExchange ex, final String allowHeader, final HttpMethod... methods)
    {
        final HttpMethod method = ex.method();
        for (final HttpMethod allowed : methods)
        {
            if (allowed.equals(method))
            {
                return true;
            }
        }
        ex.allow(HttpMethod.OPTIONS.equals(method) ? 204 : 405, allowHeader);
        return false;
    }

    /**
     * An integer query parameter within bounds.
     *
     * @return the value, or {@code defaultValue} when absent.
     * @throws HttpRequestException {@code invalid_payload} when present but not an integer in range.
     */
    static int intParam(final HttpExchange ex, final String name, final int defaultValue, final int min, final int max)
    {
        final String raw = ex.param(name);
        if (null == raw || raw.isEmpty())
        {
            return defaultValue;
        }
        try
        {
            final int value = Integer.parseInt(raw.trim());
            if (value < min || value > max)
            {
                throw badParam(name, min, max);
            }
            return value;
        }
        catch (final NumberFormatException e)
        {
            throw badParam(name, min, max);
        }
    }

    private static HttpRequestException badParam(final String name, final int min, final int max)
    {
        return new HttpRequestException(ErrorCodes.INVALID_PAYLOAD,
            Json.NODES.objectNode().put("field", name).put("reason", "must be an integer in " + min + ".." + max));
    }

    /**
     * Answer with 200 and the future's value turned into JSON, or with its failure's code.
     *
     * @param ex     the exchange.
     * @param future the work.
     * @param toJson the answer's JSON.
     * @param <T>    its type.
     */
    static <T> void answer(
        final HttpExchange ex, final CompletionStage<T> future, final Function<T, ? extends JsonNode> toJson)
    {
        answer(ex, 200, future, toJson);
    }

    /**
     * Answer with {@code status} and the future's value turned into JSON, or with its failure's code.
     */
    static <T> void answer(
        final HttpExchange ex,
        final int status,
        final CompletionStage<T> future,
        final Function<T, ? extends JsonNode> toJson)
    {
        future.whenComplete((value, failure) ->
        {
            if (null != failure)
            {
                fail(ex, failure);
                return;
            }
            final JsonNode body;
            try
            {
                body = toJson.apply(value);
            }
            catch (final RuntimeException e)
            {
                LOG.warn("request {} could not be answered", ex.path(), e);
                ex.error(ErrorCodes.INTERNAL, null);
                return;
            }
            ex.json(status, body);
        });
    }

    /**
     * Answer a failure: an {@link AccountException} with its code and details, anything else {@code internal}.
     */
    static void fail(final HttpExchange ex, final Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) &&
            null != cause.getCause())
        {
            cause = cause.getCause();
        }
        if (cause instanceof final AccountException refused)
        {
            final JsonNode details = Json.toTree(refused.details());
            ex.error(refused.code(), details.isObject() && !details.isEmpty() ? (ObjectNode)details : null);
            return;
        }
        if (cause instanceof final HttpRequestException refused)
        {
            ex.error(refused.code(), refused.details());
            return;
        }
        LOG.warn("request {} failed", ex.path(), cause);
        ex.error(ErrorCodes.INTERNAL, null);
    }
}

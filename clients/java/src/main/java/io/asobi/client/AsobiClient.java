package io.asobi.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * REST side of the Asobi API ({@code /api/v1}) and the factory of realtime connections.
 * <p>
 * <b>Note:</b> thread safe; one instance can serve many players (tokens are passed per call).
 */
public final class AsobiClient
{
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param baseUri the server, for example {@code http://127.0.0.1:8080}.
     */
    public AsobiClient(final URI baseUri)
    {
        this(baseUri, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(30));
    }

    /**
     * @param baseUri the server.
     * @param http    the HTTP client to use (and to open WebSockets with).
     * @param timeout per request.
     */
    public AsobiClient(final URI baseUri, final HttpClient http, final Duration timeout)
    {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * @return the server's base URI.
     */
    public URI baseUri()
    {
        return baseUri;
    }

    /**
     * A status and a parsed JSON body.
     *
     * @param status HTTP status.
     * @param body   parsed body ({@code null} JSON node when empty or not JSON).
     */
    public record Response(int status, JsonNode body)
    {
        /**
         * @return the body's {@code error.code}, or null.
         */
        public String errorCode()
        {
            return body.path("error").path("code").asText(null);
        }
    }

    /**
     * Send any request and return status and body without interpreting them.
     *
     * @param method      HTTP method.
     * @param path        path and query, for example {@code /api/v1/players/abc}.
     * @param body        JSON body, or null for none.
     * @param accessToken bearer token, or null.
     * @return the response.
     */
    public Response request(final String method, final String path, final JsonNode body, final String accessToken)
    {
        return requestRaw(method, path, null == body ? null : body.toString(), accessToken);
    }

    /**
     * Send a request with a raw body (for malformed-input tests).
     *
     * @param method      HTTP method.
     * @param path        path and query.
     * @param rawBody     body text, or null for none.
     * @param accessToken bearer token, or null.
     * @return the response.
     */
    public Response requestRaw(final String method, final String path, final String rawBody, final String accessToken)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout)
            .method(method, null == rawBody ?
                HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(rawBody));
        if (null != rawBody)
        {
            builder.header("Content-Type", "application/json");
        }
        if (null != accessToken)
        {
            builder.header("Authorization", "Bearer " + accessToken);
        }

        try
        {
            final HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()));
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * {@code POST /api/v1/auth/register}.
     *
     * @param username username.
     * @param password password.
     * @return the new player's tokens.
     * @throws AsobiException on an error status.
     */
    public Session register(final String username, final String password)
    {
        final ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return session(expectOk(request("POST", "/api/v1/auth/register", body, null)));
    }

    /**
     * {@code POST /api/v1/auth/login}.
     *
     * @param username username.
     * @param password password.
     * @return tokens.
     * @throws AsobiException on an error status.
     */
    public Session login(final String username, final String password)
    {
        final ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return session(expectOk(request("POST", "/api/v1/auth/login", body, null)));
    }

    /**
     * {@code POST /api/v1/auth/refresh}.
     *
     * @param refreshToken the refresh token (single use).
     * @return new tokens (player id and username are null).
     * @throws AsobiException on an error status.
     */
    public Session refresh(final String refreshToken)
    {
        final ObjectNode body = JSON.createObjectNode().put("refresh_token", refreshToken);
        return session(expectOk(request("POST", "/api/v1/auth/refresh", body, null)));
    }

    /**
     * {@code POST /api/v1/matchmaker}.
     *
     * @param accessToken bearer token.
     * @param mode        game mode.
     * @return the queued ticket payload.
     * @throws AsobiException on an error status.
     */
    public JsonNode matchmakerAdd(final String accessToken, final String mode)
    {
        final ObjectNode body = JSON.createObjectNode().put("mode", mode);
        return expectOk(request("POST", "/api/v1/matchmaker", body, accessToken));
    }

    /**
     * Open a realtime connection to {@code /ws} (not yet authenticated).
     *
     * @return the open connection.
     */
    public RealtimeConnection connect()
    {
        final String scheme = "https".equals(baseUri.getScheme()) ? "wss" : "ws";
        final URI ws = URI.create(scheme + "://" + baseUri.getRawAuthority() + "/ws");
        return RealtimeConnection.open(http, ws, timeout);
    }

    /**
     * Open a realtime connection and authenticate it with {@code session.connect}.
     *
     * @param accessToken bearer token.
     * @return the connected session.
     * @throws AsobiException if the server answers an error frame.
     */
    public RealtimeConnection connect(final String accessToken)
    {
        final RealtimeConnection connection = connect();
        final Frame reply = connection.request("session.connect",
            JSON.createObjectNode().put("token", accessToken)).join();
        if (!"session.connected".equals(reply.type()))
        {
            connection.close();
            throw new AsobiException(401, reply.errorCode(), "session.connect answered " + reply.type());
        }
        return connection;
    }

    private static Session session(final JsonNode body)
    {
        return new Session(
            body.path("player_id").asText(null),
            body.path("access_token").asText(null),
            body.path("refresh_token").asText(null),
            body.path("username").asText(null));
    }

    private static JsonNode expectOk(final Response response)
    {
        if (response.status() / 100 != 2)
        {
            throw new AsobiException(response.status(), response.errorCode(),
                response.body().path("error").path("message").asText(""));
        }
        return response.body();
    }

    static JsonNode parse(final String text)
    {
        if (null == text || text.isEmpty())
        {
            return NullNode.getInstance();
        }
        try
        {
            return JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            return NullNode.getInstance();
        }
    }
}

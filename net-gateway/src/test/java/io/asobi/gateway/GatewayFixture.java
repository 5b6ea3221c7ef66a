package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.metagame.AuthTokens;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@link Gateway} on an ephemeral port with fakes behind it and hand-driven clocks, plus JDK clients.
 */
final class GatewayFixture implements AutoCloseable
{
    static final long EPOCH_MS = 1_785_758_400_000L;

    final FakeAccounts accounts = new FakeAccounts();
    final FakeMatchService matches = new FakeMatchService();
    final Sessions sessions = new Sessions();
    final CachedNanoClock nanoClock = new CachedNanoClock();
    final CachedEpochClock epochClock = new CachedEpochClock();
    final Gateway gateway;
    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    final URI base;
    private final List<WsClient> clients = new ArrayList<>();

    GatewayFixture()
    {
        this(ctx -> {});
    }

    GatewayFixture(final Consumer<Gateway.Context> customizer)
    {
        nanoClock.update(1_000_000_000L);
        epochClock.update(EPOCH_MS);
        final Gateway.Context ctx = new Gateway.Context()
            .port(0)
            .accounts(accounts)
            .matches(matches)
            .sessions(sessions)
            .nanoClock(nanoClock)
            .epochClock(epochClock)
            .httpAuthPerSecond(0) // HTTP limits off unless a test turns them on (HttpRateLimitTest)
            .httpRegisterPerSecond(0)
            .httpApiPerSecond(0)
            .wsConnectsPerSecond(0)
            .shutdownTimeoutMs(2_000);
        customizer.accept(ctx);
        gateway = new Gateway(ctx);
        gateway.start();
        base = URI.create("http://127.0.0.1:" + gateway.localAddress().getPort());
    }

    URI wsUri()
    {
        return URI.create("ws://127.0.0.1:" + gateway.localAddress().getPort() + "/ws");
    }

    HttpResponse<String> send(final String method, final String path, final String body, final String token)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(5))
            .method(method, null == body ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body));
        if (null != body)
        {
            builder.header("Content-Type", "application/json");
        }
        if (null != token)
        {
            builder.header("Authorization", "Bearer " + token);
        }
        try
        {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    HttpResponse<String> get(final String path, final String token)
    {
        return send("GET", path, null, token);
    }

    HttpResponse<String> post(final String path, final String body, final String token)
    {
        return send("POST", path, body, token);
    }

    static JsonNode json(final HttpResponse<String> response)
    {
        return WsClient.parse(response.body());
    }

    /**
     * Assert an HTTP error response.
     *
     * @param response the response.
     * @param status   expected status.
     * @param code     expected error code.
     * @return the body.
     */
    static JsonNode assertError(final HttpResponse<String> response, final int status, final String code)
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        final JsonNode body = json(response);
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        assertThat(body.path("error").path("details").isObject()).isTrue();
        return body;
    }

    WsClient ws()
    {
        final WsClient client = WsClient.connect(http, wsUri());
        clients.add(client);
        return client;
    }

    /**
     * Register a player, open a socket and authenticate it.
     *
     * @param username new username.
     * @return the authenticated client ({@link WsClient#playerId} set).
     */
    WsClient authenticated(final String username)
    {
        final AuthTokens tokens = accounts.registerNow(username);
        return authenticated(tokens);
    }

    WsClient authenticated(final AuthTokens tokens)
    {
        final WsClient client = ws();
        final JsonNode connected =
            client.request("{\"type\":\"session.connect\",\"payload\":{\"token\":\"" + tokens.accessToken() + "\"}}");
        assertThat(connected.path("type").asText()).as(connected.toString()).isEqualTo("session.connected");
        client.playerId = tokens.playerId();
        return client;
    }

    @Override
    public void close()
    {
        for (final WsClient client : clients)
        {
            client.close();
        }
        gateway.close();
        http.close();
        accounts.close();
        matches.close();
    }
}

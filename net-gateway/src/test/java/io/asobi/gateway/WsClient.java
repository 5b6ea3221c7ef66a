package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JDK WebSocket client that queues every text message it receives, for tests.
 */
final class WsClient implements AutoCloseable
{
    static final long TIMEOUT_MS = 5_000;

    /**
     * How the server closed the socket.
     *
     * @param status close status code.
     * @param reason close reason.
     */
    record Closed(int status, String reason)
    {
    }

    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicLong barrierSequence = new AtomicLong();
    private final WebSocket webSocket;
    String playerId;

    private WsClient(final HttpClient client, final URI uri, final String origin)
    {
        final WebSocket.Builder builder = client.newWebSocketBuilder()
            .connectTimeout(java.time.Duration.ofMillis(TIMEOUT_MS));
        if (null != origin)
        {
            builder.header("Origin", origin);
        }
        webSocket = builder
            .buildAsync(uri, new Listener())
            .orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .join();
    }

    static WsClient connect(final HttpClient client, final URI uri)
    {
        return new WsClient(client, uri, null);
    }

    static WsClient connect(final HttpClient client, final URI uri, final String origin)
    {
        return new WsClient(client, uri, origin);
    }

    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(final WebSocket webSocket)
        {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            messages.add("<binary>");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            closed.completeExceptionally(error);
        }
    }

    void send(final String text)
    {
        webSocket.sendText(text, true).orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
    }

    void sendFragments(final String... parts)
    {
        for (int i = 0; i < parts.length; i++)
        {
            webSocket.sendText(parts[i], i == parts.length - 1).orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
        }
    }

    JsonNode requestFragments(final String... parts)
    {
        sendFragments(parts);
        return next();
    }

    void sendBinary(final byte[] bytes)
    {
        webSocket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
    }

    /**
     * The next message, waiting at most {@value #TIMEOUT_MS} ms.
     *
     * @return the decoded message.
     */
    JsonNode next()
    {
        final String text;
        try
        {
            text = messages.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        assertThat(text).as("a message within %d ms", TIMEOUT_MS).isNotNull();
        return parse(text);
    }

    /**
     * Send a frame and return the next message.
     *
     * @param text the frame.
     * @return the next message.
     */
    JsonNode request(final String text)
    {
        send(text);
        return next();
    }

    /**
     * Send a heartbeat with a fresh cid and collect every message received before its reply: messages are answered
     * in order, so this is everything the earlier frames produced.
     *
     * @return the messages before the barrier's reply.
     */
    List<JsonNode> drainUntilBarrier()
    {
        final String cid = "barrier-" + barrierSequence.incrementAndGet();
        send("{\"type\":\"session.heartbeat\",\"cid\":\"" + cid + "\"}");
        final List<JsonNode> before = new ArrayList<>();
        while (true)
        {
            final JsonNode message = next();
            if ("session.heartbeat".equals(message.path("type").asText()) && cid.equals(message.path("cid").asText()))
            {
                return before;
            }
            before.add(message);
        }
    }

    /**
     * Wait for the server to close the socket.
     *
     * @return how it closed.
     */
    Closed awaitClose()
    {
        return closed.orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
    }

    /**
     * Wait a bounded time for the server to close the socket.
     *
     * @param timeoutMs how long to wait.
     * @return how it closed, or null if it is still open.
     */
    Closed awaitCloseWithin(final long timeoutMs)
    {
        try
        {
            return closed.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final java.util.concurrent.TimeoutException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    boolean isClosed()
    {
        return closed.isDone() || webSocket.isInputClosed();
    }

    static JsonNode parse(final String text)
    {
        try
        {
            return Json.read(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        if (!webSocket.isOutputClosed())
        {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        webSocket.abort();
    }
}

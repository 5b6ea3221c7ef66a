package io.asobi.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One WebSocket connection speaking the Asobi realtime protocol (JSON text frames {@code {type, payload, cid}}).
 * <p>
 * Frames that are not replies to {@link #request} are queued for {@link #await} (unless recording is switched
 * off) and handed to the listener set with {@link #onFrame}.
 * <p>
 * <b>Note:</b> thread safe; sends are serialised.
 */
public final class RealtimeConnection implements AutoCloseable
{
    /**
     * How the server closed the connection.
     *
     * @param code   WebSocket close code.
     * @param reason close reason.
     */
    public record Close(int code, String reason)
    {
    }

    private final Map<String, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final AtomicLong nextCid = new AtomicLong(1);
    private final Duration timeout;
    private volatile boolean recording = true;
    private volatile Consumer<Frame> listener;
    private WebSocket webSocket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

    private RealtimeConnection(final Duration timeout)
    {
        this.timeout = timeout;
    }

    static RealtimeConnection open(final HttpClient http, final URI uri, final Duration timeout)
    {
        final RealtimeConnection connection = new RealtimeConnection(timeout);
        connection.webSocket = http.newWebSocketBuilder().connectTimeout(timeout)
            .buildAsync(uri, connection.new Listener()).join();
        return connection;
    }

    /**
     * Keep (true, the default) or stop keeping unsolicited frames for {@link #await}.
     *
     * @param recording whether to queue frames.
     * @return this.
     */
    public RealtimeConnection recording(final boolean recording)
    {
        this.recording = recording;
        if (!recording)
        {
            frames.clear();
        }
        return this;
    }

    /**
     * Be told of every frame (replies included), on the WebSocket's thread.
     *
     * @param listener callback; must not block.
     * @return this.
     */
    public RealtimeConnection onFrame(final Consumer<Frame> listener)
    {
        this.listener = listener;
        return this;
    }

    /**
     * Send a request with a fresh string {@code cid} and get the frame that echoes it.
     *
     * @param type    request type.
     * @param payload payload, or null to leave it out.
     * @return completes with the reply (which may be an {@code error} frame).
     */
    public CompletableFuture<Frame> request(final String type, final JsonNode payload)
    {
        final String cid = Long.toString(nextCid.getAndIncrement());
        final CompletableFuture<Frame> reply = new CompletableFuture<>();
        pending.put(cid, reply);
        final ObjectNode frame = AsobiClient.JSON.createObjectNode().put("type", type).put("cid", cid);
        if (null != payload)
        {
            frame.set("payload", payload);
        }
        sendText(frame.toString());
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .whenComplete((f, ex) -> pending.remove(cid));
    }

    /**
     * Send a frame without a {@code cid} (no reply expected).
     *
     * @param type    frame type.
     * @param payload payload, or null to leave it out.
     */
    public void send(final String type, final JsonNode payload)
    {
        final ObjectNode frame = AsobiClient.JSON.createObjectNode().put("type", type);
        if (null != payload)
        {
            frame.set("payload", payload);
        }
        sendText(frame.toString());
    }

    /**
     * Send any text as one frame.
     *
     * @param text frame content.
     */
    public synchronized void sendText(final String text)
    {
        sendChain = sendChain.handle((v, ex) -> null).thenCompose(v -> webSocket.sendText(text, true));
    }

    /**
     * Send a binary frame.
     *
     * @param data frame content.
     */
    public synchronized void sendBinary(final byte[] data)
    {
        sendChain = sendChain.handle((v, ex) -> null)
            .thenCompose(v -> webSocket.sendBinary(ByteBuffer.wrap(data), true));
    }

    /**
     * Wait for the next queued frame matching a predicate; frames before it that do not match are discarded.
     *
     * @param match   the frame wanted.
     * @param timeout how long to wait.
     * @return the frame.
     * @throws TimeoutException if none arrived in time.
     */
    public Frame await(final Predicate<Frame> match, final Duration timeout) throws TimeoutException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final long leftNs = deadlineNs - System.nanoTime();
            final Frame frame;
            try
            {
                frame = leftNs <= 0 ? null : frames.poll(leftNs, TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
            if (null == frame)
            {
                throw new TimeoutException("no matching frame within " + timeout);
            }
            if (match.test(frame))
            {
                return frame;
            }
        }
    }

    /**
     * Wait for the next queued frame of a type.
     *
     * @param type    frame type.
     * @param timeout how long to wait.
     * @return the frame.
     * @throws TimeoutException if none arrived in time.
     */
    public Frame await(final String type, final Duration timeout) throws TimeoutException
    {
        return await(f -> type.equals(f.type()), timeout);
    }

    /**
     * Take every frame queued so far.
     *
     * @return the frames, oldest first.
     */
    public List<Frame> drain()
    {
        final List<Frame> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    /**
     * @return completes when the server closes the connection (or it fails, with code 1006).
     */
    public CompletableFuture<Close> closed()
    {
        return closed;
    }

    /**
     * Close normally (1000) without waiting.
     */
    @Override
    public void close()
    {
        if (!webSocket.isOutputClosed())
        {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(ex -> null);
        }
        webSocket.abort();
    }

    private void onFrameText(final String text)
    {
        final JsonNode node = AsobiClient.parse(text);
        final JsonNode payload = node.has("payload") ? node.get("payload") : AsobiClient.JSON.createObjectNode();
        final JsonNode cid = node.get("cid");
        final Frame frame = new Frame(node.path("type").asText(null), payload, cid, System.nanoTime());
        final Consumer<Frame> l = listener;
        if (null != l)
        {
            l.accept(frame);
        }
        final CompletableFuture<Frame> reply = null == cid ? null : pending.remove(cid instanceof TextNode ?
            cid.asText() : cid.toString());
        if (null != reply)
        {
            reply.complete(frame);
        }
        else if (recording)
        {
            frames.add(frame);
        }
    }

    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                final String text = partial.toString();
                partial.setLength(0);
                onFrameText(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket ws, final ByteBuffer data, final boolean last)
        {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket ws, final int statusCode, final String reason)
        {
            closed.complete(new Close(statusCode, reason));
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed " + statusCode)));
            return null;
        }

        @Override
        public void onError(final WebSocket ws, final Throwable error)
        {
            closed.complete(new Close(1006, String.valueOf(error.getMessage())));
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}

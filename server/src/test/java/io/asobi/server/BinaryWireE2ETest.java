package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binary {@code world.tick} wire through the real server (asobi-spec §4.4, §4.7): with {@code binaryWire} on, a
 * connection asking for {@code wire:"binary"} is granted it and gets its {@code world.tick} frames as WebSocket binary
 * messages it can decode into its zone tables (everything else stays text); a connection not asking, asking for
 * something else, or talking to a server with the option off is granted {@code wire:"json"}.
 */
class BinaryWireE2ETest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    private TestServer server;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    private TestServer start(final boolean binaryWire)
    {
        final Path gameDir = TestServer.e2eGameDir(tempDir.resolve("game"));
        final Path dataDir = tempDir.resolve("data");
        server = new TestServer(gameDir, dataDir,
            AsobiServer.launch(TestServer.context(gameDir, dataDir).binaryWire(binaryWire)));
        return server;
    }

    @Test
    void binaryClientGetsDecodableBinaryTicksAndJsonClientText() throws Exception
    {
        start(true);
        final Session a = server.newPlayer();
        final Session b = server.newPlayer();
        try (RawClient binary = RawClient.open(server); RawClient json = RawClient.open(server))
        {
            assertThat(binary.connect(a.accessToken(), "binary").path("wire").asText()).isEqualTo("binary");
            assertThat(json.connect(b.accessToken(), null).path("wire").asText()).isEqualTo("json");

            final JsonNode joined = binary.request("world.find_or_create",
                JSON.createObjectNode().put("mode", TestWorldMode.NAME), "world.joined");
            final String worldId = joined.path("world_id").asText();
            final ObjectNode join = JSON.createObjectNode().put("world_id", worldId);
            join.putObject("ctx").put("x", 60).put("y", 50);
            json.request("world.join", join, "world.joined");

            // The binary client rebuilds its zone (0,0) from binary frames alone: itself, B and the zone's NPC.
            await().atMost(WAIT).until(() -> binary.model.entity("0,0", b.playerId()) != null &&
                binary.model.entity("0,0", a.playerId()) != null && binary.model.entity("0,0", "npc-0-0") != null);
            final Map<String, Object> self = binary.model.entity("0,0", a.playerId());
            assertThat(self).containsEntry("type", "player").containsEntry("x", 50.0f).containsEntry("hp", 10);

            // Its moves come back as binary updates.
            binary.send("world.input", JSON.createObjectNode().put("dx", 5).put("dy", 0));
            await().atMost(WAIT).until(() -> Float.valueOf(55.0f).equals(binary.model.entity("0,0", a.playerId())
                .get("x")));
            await().atMost(WAIT).until(() -> json.texts.stream().anyMatch(f -> "world.tick".equals(f.path("type")
                .asText()) && f.toString().contains("55.0")));

            assertThat(binary.model.frames).isPositive();
            assertThat(binary.model.problems).isEmpty();
            assertThat(binary.texts).as("no world.tick as text on the binary connection (no fallback here)")
                .noneMatch(f -> "world.tick".equals(f.path("type").asText()));
            assertThat(binary.texts).anyMatch(f -> "world.joined".equals(f.path("type").asText()));
            assertThat(json.binaries).isEmpty();
            assertThat(json.texts).anyMatch(f -> "world.tick".equals(f.path("type").asText()));
        }
    }

    @Test
    void optionOffOrOtherWireValuesGrantJson() throws Exception
    {
        start(false);
        final Session a = server.newPlayer();
        try (RawClient client = RawClient.open(server))
        {
            assertThat(client.connect(a.accessToken(), "binary").path("wire").asText()).isEqualTo("json");
            client.request("world.find_or_create", JSON.createObjectNode().put("mode", TestWorldMode.NAME),
                "world.joined");
            await().atMost(WAIT).until(() -> client.texts.stream()
                .anyMatch(f -> "world.tick".equals(f.path("type").asText())));
            assertThat(client.binaries).isEmpty();
        }
        server.close();
        server = null;

        start(true);
        final Session b = server.newPlayer();
        try (RawClient client = RawClient.open(server))
        {
            final ObjectNode connect = JSON.createObjectNode().put("token", b.accessToken()).put("wire", "msgpack");
            assertThat(client.request("session.connect", connect, "session.connected").path("wire").asText())
                .isEqualTo("json");
            final ObjectNode numeric = JSON.createObjectNode().put("token", b.accessToken()).put("wire", 1);
            assertThat(client.request("session.connect", numeric, "session.connected").path("wire").asText())
                .isEqualTo("json");
        }
    }

    @Test
    void binaryWireEnvironmentValues()
    {
        assertThat(ServerContext.parseBinaryWireEnv(null)).isFalse();
        assertThat(ServerContext.parseBinaryWireEnv(" ")).isFalse();
        assertThat(ServerContext.parseBinaryWireEnv("TRUE")).isTrue();
        assertThat(ServerContext.parseBinaryWireEnv("1")).isTrue();
        assertThat(ServerContext.parseBinaryWireEnv("false")).isFalse();
        assertThat(ServerContext.parseBinaryWireEnv("0")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerContext.parseBinaryWireEnv("yes"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASOBI_BINARY_WIRE");
    }

    /** A bare WebSocket client: text frames as JSON, binary messages decoded into a slot-resolving zone model. */
    private static final class RawClient implements AutoCloseable
    {
        final List<JsonNode> texts = new CopyOnWriteArrayList<>();
        final List<byte[]> binaries = new CopyOnWriteArrayList<>();
        final BinaryModel model = new BinaryModel();
        private WebSocket ws;
        private int cid;

        static RawClient open(final TestServer server)
        {
            final RawClient client = new RawClient();
            final URI uri = URI.create("ws://" + server.server.address().getHostString() + ":" +
                server.server.address().getPort() + "/ws");
            client.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client.listener()).join();
            return client;
        }

        JsonNode connect(final String token, final String wire)
        {
            final ObjectNode payload = JSON.createObjectNode().put("token", token);
            if (null != wire)
            {
                payload.put("wire", wire);
            }
            return request("session.connect", payload, "session.connected");
        }

        synchronized void send(final String type, final JsonNode payload)
        {
            ws.sendText(JSON.createObjectNode().put("type", type).set("payload", payload).toString(), true).join();
        }

        JsonNode request(final String type, final JsonNode payload, final String replyType)
        {
            final String id = "c" + (++cid);
            synchronized (this)
            {
                ws.sendText(JSON.createObjectNode().put("type", type).put("cid", id).set("payload", payload)
                    .toString(), true).join();
            }
            await().atMost(WAIT).until(() -> texts.stream().anyMatch(f -> id.equals(f.path("cid").asText())));
            final JsonNode reply = texts.stream().filter(f -> id.equals(f.path("cid").asText())).findFirst()
                .orElseThrow();
            assertThat(reply.path("type").asText()).as("%s", reply).isEqualTo(replyType);
            return reply.path("payload");
        }

        private WebSocket.Listener listener()
        {
            return new WebSocket.Listener()
            {
                private final StringBuilder text = new StringBuilder();
                private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

                public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last)
                {
                    text.append(data);
                    if (last)
                    {
                        try
                        {
                            texts.add(JSON.readTree(text.toString()));
                        }
                        catch (final Exception ex)
                        {
                            throw new IllegalStateException(ex);
                        }
                        text.setLength(0);
                    }
                    socket.request(1);
                    return null;
                }

                public CompletionStage<?> onBinary(final WebSocket socket, final ByteBuffer data, final boolean last)
                {
                    final byte[] chunk = new byte[data.remaining()];
                    data.get(chunk);
                    bytes.writeBytes(chunk);
                    if (last)
                    {
                        final byte[] message = bytes.toByteArray();
                        bytes.reset();
                        binaries.add(message);
                        model.apply(message);
                    }
                    socket.request(1);
                    return null;
                }
            };
        }

        public void close()
        {
            ws.abort();
        }
    }

    /** Per-zone entity tables from binary {@code world.tick} frames (asobi-spec §4.7), resolving slots by the adds. */
    private static final class BinaryModel
    {
        final Map<String, Map<String, Map<String, Object>>> zones = new HashMap<>();
        final Map<String, Map<Integer, String>> slots = new HashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile int frames;

        synchronized Map<String, Object> entity(final String zone, final String id)
        {
            final Map<String, Map<String, Object>> table = zones.get(zone);
            return null == table ? null : table.get(id);
        }

        synchronized void apply(final byte[] frame)
        {
            frames++;
            final ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
            final int kind = in.get();
            final String zone = in.getInt() + "," + in.getInt();
            in.getLong(); // frame_seq (contiguity is the sim-world property's business)
            final boolean keyframe = 0 != in.get();
            in.getLong(); // tick
            final String[] dict = new String[in.get() & 0xFF];
            for (int i = 0; i < dict.length; i++)
            {
                dict[i] = string(in, in.get() & 0xFF);
            }
            final Map<String, Map<String, Object>> table = zones.computeIfAbsent(zone, z -> new HashMap<>());
            final Map<Integer, String> ids = slots.computeIfAbsent(zone, z -> new HashMap<>());
            if (1 == kind && keyframe)
            {
                table.clear();
                ids.clear();
            }
            for (int r = 0, count = in.getShort() & 0xFFFF; r < count; r++)
            {
                final int op = in.get();
                final int slot = in.getShort() & 0xFFFF;
                in.get(); // generation
                final String id = 0 == op ? string(in, in.get() & 0xFF) : ids.get(slot);
                if (null == id)
                {
                    problems.add("unbound slot " + slot + " in " + zone);
                }
                if (0 == op)
                {
                    ids.put(slot, id);
                    table.put(id, new HashMap<>());
                }
                final Map<String, Object> entity = null == id ? new HashMap<>() :
                    table.computeIfAbsent(id, k -> new HashMap<>());
                for (int f = 0, fields = in.get() & 0xFF; f < fields; f++)
                {
                    final int header = in.get() & 0xFF;
                    final String name = dict[header & 0x1F];
                    switch (header >>> 5)
                    {
                        case 0 -> entity.put(name, in.getFloat());
                        case 1 -> entity.put(name, in.getInt());
                        case 2 -> entity.put(name, true);
                        case 3 -> entity.put(name, false);
                        case 4 -> entity.put(name, string(in, in.getShort() & 0xFFFF));
                        case 5 -> entity.put(name, null);
                        default -> problems.add("value type " + (header >>> 5));
                    }
                }
                if (2 == op && null != id)
                {
                    table.remove(id);
                    ids.remove(slot);
                }
            }
            if (in.hasRemaining())
            {
                problems.add(in.remaining() + " trailing bytes in a frame of " + zone);
            }
        }

        private static String string(final ByteBuffer in, final int length)
        {
            final byte[] bytes = new byte[length];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}

package io.asobi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script that loops forever in a callback is cut off by the instruction budget: the match keeps its previous
 * state and keeps ticking, and the connection is unaffected.
 */
class RunawayScriptTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    private TestServer server;

    @BeforeEach
    void start()
    {
        server = TestServer.e2e(tempDir);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void infiniteLoopsAreCutOffAndTheMatchGoesOn() throws Exception
    {
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            server.client.matchmakerAdd(player.accessToken(), "runaway");
            ws.await("match.matched", Duration.ofSeconds(10));
            final Frame first = ws.await("match.state", Duration.ofSeconds(3));
            assertThat(first.payload().path("inputs").asInt()).isZero();

            ws.send("match.input", JSON.createObjectNode().put("loop", true));
            ws.send("match.input", JSON.createObjectNode().put("pcall_loop", true));
            ws.send("match.input", JSON.createObjectNode().put("plain", true));

            final long ticks0 = first.payload().path("ticks").asLong();
            final Frame later = ws.await(f -> "match.state".equals(f.type()) &&
                f.payload().path("ticks").asLong() > ticks0 + 5 && f.payload().path("inputs").asInt() > 0,
                Duration.ofSeconds(10));
            assertThat(later.payload().path("inputs").asInt())
                .as("the two runaway inputs were discarded with their state changes; the plain one counted")
                .isEqualTo(1);
            assertThat(ws.request("session.heartbeat", null).join().type()).isEqualTo("session.heartbeat");
        }
    }
}

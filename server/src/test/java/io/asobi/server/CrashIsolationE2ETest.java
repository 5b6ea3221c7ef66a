package io.asobi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash isolation through the real protocol: a bug in a Java mode's {@code handleInput} does not end the match or
 * disconnect anyone; both players see the state go on tick by tick with everything they saw before, and only the
 * crash limit finishes the match with {@code {"status":"crashed"}}.
 */
class CrashIsolationE2ETest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void aThrowingMatchIsRestoredForItsPlayersAndFinishesAsCrashedAtTheLimit() throws Exception
    {
        try (TestServer server = TestServer.start(TestServer.e2eGameDir(tempDir.resolve("game")),
            tempDir.resolve("data")))
        {
            final Session a = server.newPlayer();
            final Session b = server.newPlayer();
            try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b))
            {
                server.client.matchmakerAdd(a.accessToken(), "fragile");
                server.client.matchmakerAdd(b.accessToken(), "fragile");
                wsA.await("match.matched", WAIT);
                wsB.await("match.matched", WAIT);

                wsA.send("match.input", JSON.createObjectNode().put("add", 5));
                final long totalBefore = awaitTotal(wsA, 5);
                wsB.send("match.input", JSON.createObjectNode().put("crash", true));
                wsA.send("match.input", JSON.createObjectNode().put("add", 7));
                awaitTotal(wsB, totalBefore + 7);

                final List<Long> ticks = new ArrayList<>();
                for (final Frame frame : wsA.drain())
                {
                    if ("match.state".equals(frame.type()))
                    {
                        ticks.add(frame.payload().path("tick").asLong());
                        assertThat(frame.payload().path("total").asLong()).isGreaterThanOrEqualTo(totalBefore);
                    }
                    assertThat(frame.type()).isNotEqualTo("match.finished");
                }
                for (int i = 1; i < ticks.size(); i++)
                {
                    assertThat(ticks.get(i)).isEqualTo(ticks.get(i - 1) + 1);
                }

                wsB.send("match.input", JSON.createObjectNode().put("crash", true));
                wsB.send("match.input", JSON.createObjectNode().put("crash", true));
                final Frame finished = wsA.await("match.finished", WAIT);
                assertThat(finished.payload().path("result").toString()).isEqualTo("{\"status\":\"crashed\"}");
                assertThat(wsB.await("match.finished", WAIT).payload().path("result").path("status").asText())
                    .isEqualTo("crashed");
            }
        }
    }

    private static long awaitTotal(final RealtimeConnection ws, final long total) throws Exception
    {
        return ws.await(f -> "match.state".equals(f.type()) && f.payload().path("total").asLong() == total, WAIT)
            .payload().path("total").asLong();
    }
}

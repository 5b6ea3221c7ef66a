package io.asobi.server;

import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationRecordHandler;
import io.asobi.persistence.SimulationSummary;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A match played through the protocol is in the data dir's simulation journal afterwards: started under its match
 * id and mode, with both joins and the input a player sent, applied tick by tick.
 */
class MatchJournalE2ETest
{
    @TempDir
    Path tempDir;

    @Test
    void aPlayedMatchIsJournaled() throws Exception
    {
        final Path data = tempDir.resolve("data");
        final String matchId;
        try (TestServer server = TestServer.start(TestServer.e2eGameDir(tempDir.resolve("game")), data))
        {
            final Session a = server.newPlayer();
            final Session b = server.newPlayer();
            try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b))
            {
                server.client.matchmakerAdd(a.accessToken(), "demo");
                server.client.matchmakerAdd(b.accessToken(), "demo");
                final Frame matched = wsA.await("match.matched", Duration.ofSeconds(10));
                matchId = matched.payload().path("match_id").asText();
                final double x0 = wsA.await("match.state", Duration.ofSeconds(3))
                    .payload().path("players").path(a.playerId()).path("x").asDouble();
                wsA.send("match.input", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("move_x", 1).put("move_y", 0));
                wsA.await(f -> "match.state".equals(f.type()) &&
                    f.payload().path("players").path(a.playerId()).path("x").asDouble() > x0,
                    Duration.ofSeconds(3));
            }
        }

        final List<String> inputs = new ArrayList<>();
        try (SimulationJournalReader reader = SimulationJournalReader.open(data.resolve("simulations/tick-0")))
        {
            final SimulationSummary summary = reader.simulations().stream()
                .filter(s -> matchId.equals(s.name())).findFirst().orElseThrow();
            assertThat(summary.mode()).isEqualTo("demo");
            assertThat(summary.tickCount()).isPositive();
            reader.read(new SimulationRecordHandler()
            {
                public void onInput(
                    final long index, final long simulationId, final long tick, final long sequence,
                    final long sourceId, final int inputType, final DirectBuffer payload, final int offset,
                    final int length)
                {
                    if (simulationId == summary.simulationId())
                    {
                        final byte[] bytes = new byte[length];
                        payload.getBytes(offset, bytes);
                        inputs.add(new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            });
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(3);
        assertThat(inputs).anyMatch(s -> s.contains("\"move_x\":1"));
    }
}

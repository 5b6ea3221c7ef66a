package io.asobi.server;

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
 * {@code examples/sdk-demo}, the backend the Asobi SDKs' smoke tests expect: its {@code party} mode (built on
 * {@code demo.lua} through {@code require}) groups four players into one match in a 1200x900 arena.
 */
class SdkDemoGameDirTest
{
    @TempDir
    Path tempDir;

    @Test
    void partyModeMatchesFourPlayers() throws Exception
    {
        try (TestServer server = TestServer.start(
            TestServer.copyOf(Path.of("../examples/sdk-demo"), tempDir.resolve("game")), tempDir.resolve("data")))
        {
            final List<RealtimeConnection> sockets = new ArrayList<>();
            final List<Session> players = new ArrayList<>();
            try
            {
                for (int i = 0; i < 4; i++)
                {
                    final Session player = server.newPlayer();
                    players.add(player);
                    sockets.add(server.connected(player));
                    server.client.matchmakerAdd(player.accessToken(), "party");
                }
                final Frame matched = sockets.get(0).await("match.matched", Duration.ofSeconds(10));
                assertThat(matched.payload().path("players")).hasSize(4);
                final Frame state = sockets.get(3).await("match.state", Duration.ofSeconds(3));
                assertThat(state.payload().path("players").size()).isEqualTo(4);
                for (final Session player : players)
                {
                    assertThat(state.payload().path("players").path(player.playerId()).path("x").asDouble())
                        .isBetween(0.0, 1200.0);
                }
            }
            finally
            {
                sockets.forEach(RealtimeConnection::close);
            }
        }
    }
}

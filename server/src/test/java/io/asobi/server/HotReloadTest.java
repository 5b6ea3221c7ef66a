package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headline demo through the protocol: edit the running mode's Lua, the match changes within a tick plus
 * 200 ms, players keep their state and their connection; a broken edit keeps the old code.
 */
class HotReloadTest
{
    private static final Pattern COLOR = Pattern.compile("(?m)^cube_color\\s*=\\s*\"[^\"]*\"");

    @TempDir
    Path tempDir;

    private TestServer server;

    @BeforeEach
    void start()
    {
        server = TestServer.hotReloadDemo(tempDir);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void savedEditChangesTheRunningMatchWithoutReconnect() throws Exception
    {
        final Path script = server.gameDir.resolve("match.lua");
        final Session player = server.newPlayer();
        try (RealtimeConnection ws = server.connected(player))
        {
            server.client.matchmakerAdd(player.accessToken(), "default");
            ws.await("match.matched", Duration.ofSeconds(10));
            final JsonNode before = ws.await("match.state", Duration.ofSeconds(3)).payload();
            final JsonNode me = before.path("players").path(player.playerId());
            assertThat(me.isObject()).as(before.toString()).isTrue();

            rewriteColor(script, "#123456");
            final Frame changed = ws.await(f -> "match.state".equals(f.type()) &&
                "#123456".equals(f.payload().path("cube_color").asText()), Duration.ofSeconds(3));
            assertThat(changed.payload().path("players").path(player.playerId()))
                .as("the player's state survives the reload").isEqualTo(me);

            // A syntax error keeps the old code running.
            final String good = Files.readString(script);
            Files.writeString(script, good + "\nfunction broken(\n", StandardCharsets.UTF_8);
            bumpMtime(script);
            Thread.sleep(600); // real time: let the poller see the broken file (e2e; the unit tests use a fake clock)
            ws.drain();
            final Frame still = ws.await("match.state", Duration.ofSeconds(3));
            assertThat(still.payload().path("cube_color").asText()).isEqualTo("#123456");

            Files.writeString(script, good, StandardCharsets.UTF_8);
            rewriteColor(script, "#abcdef");
            ws.await(f -> "match.state".equals(f.type()) &&
                "#abcdef".equals(f.payload().path("cube_color").asText()), Duration.ofSeconds(3));
            assertThat(ws.closed()).isNotDone();
        }
    }

    private static void rewriteColor(final Path script, final String color) throws Exception
    {
        final String source = Files.readString(script);
        assertThat(COLOR.matcher(source).find()).as("match.lua defines cube_color").isTrue();
        Files.writeString(script, COLOR.matcher(source).replaceFirst("cube_color = \"" + color + "\""),
            StandardCharsets.UTF_8);
        bumpMtime(script);
    }

    private static void bumpMtime(final Path script) throws Exception
    {
        // Coarse file-system clocks could leave the mtime unchanged within one tick; make each save visible.
        Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.fromMillis(
            Math.max(System.currentTimeMillis(), Files.getLastModifiedTime(script).toMillis() + 1_000)));
    }
}

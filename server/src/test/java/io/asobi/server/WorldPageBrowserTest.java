package io.asobi.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page's world view in a real browser: browser-tests/world.test.mjs (Playwright driving Debian's Chromium)
 * against a real server serving {@code examples/world-terrain}. {@code bin/setup-test-env} installs both; without
 * them this test fails and says so, it is never skipped.
 */
class WorldPageBrowserTest
{
    @TempDir
    Path tempDir;

    @Test
    void joinSeeTerrainAndNpcsAndWalkInChromium() throws Exception
    {
        try (TestServer server = TestServer.start(
            TestServer.copyOf(Path.of("../examples/world-terrain"), tempDir.resolve("game")), tempDir.resolve("data")))
        {
            final String url = "http://127.0.0.1:" + server.server.address().getPort();
            final String output = BrowserScript.run("world.test.mjs", tempDir, url, "world_terrain");
            assertThat(output).contains("ok - one WebSocket, still open");
        }
    }
}

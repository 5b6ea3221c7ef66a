package io.asobi.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page in a real browser: browser-tests/demo.test.mjs (Playwright driving Debian's Chromium) against a
 * real server serving the hot-reload demo. {@code bin/setup-test-env} installs both; without them this test fails
 * and says so, it is never skipped.
 */
class DemoPageBrowserTest
{
    @TempDir
    Path tempDir;

    @Test
    void registerMoveAndHotReloadInChromium() throws Exception
    {
        try (TestServer server = TestServer.hotReloadDemo(tempDir))
        {
            final String url = "http://127.0.0.1:" + server.server.address().getPort();
            final String output = BrowserScript.run("demo.test.mjs", tempDir, url,
                server.gameDir.resolve("match.lua").toString());
            assertThat(output).contains("ok - no reconnect");
        }
    }
}

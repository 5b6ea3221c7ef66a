package io.asobi.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page's world view in a real browser: browser-tests/world.test.mjs (Playwright driving Debian's Chromium)
 * against a real server serving {@code examples/world-terrain}. {@code bin/setup-test-env} installs both; without
 * them this test fails and says so, it is never skipped.
 */
class WorldPageBrowserTest
{
    private static final Path SCRIPT = Path.of("../browser-tests/world.test.mjs").toAbsolutePath().normalize();

    @TempDir
    Path tempDir;

    @Test
    void joinSeeTerrainAndNpcsAndWalkInChromium() throws Exception
    {
        final String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Chromium missing: run bin/setup-test-env").exists();
        assertThat(SCRIPT.getParent().resolve("node_modules/playwright-core"))
            .as("playwright-core missing: run bin/setup-test-env").exists();

        try (TestServer server = TestServer.start(
            TestServer.copyOf(Path.of("../examples/world-terrain"), tempDir.resolve("game")), tempDir.resolve("data")))
        {
            final String url = "http://127.0.0.1:" + server.server.address().getPort();
            final Path log = tempDir.resolve("browser.log");
            final Process node = new ProcessBuilder("node", SCRIPT.toString(), url, "world_terrain")
                .directory(SCRIPT.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            final boolean finished = node.waitFor(120, TimeUnit.SECONDS);
            if (!finished)
            {
                node.destroyForcibly();
            }
            final String output = read(log);
            System.out.println(output);
            assertThat(finished).as("browser test finished in time:\n" + output).isTrue();
            assertThat(node.exitValue()).as("browser test output:\n" + output).isZero();
            assertThat(output).contains("ok - one WebSocket, still open");
        }
    }

    private static String read(final Path log) throws IOException
    {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}

package io.asobi.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one Playwright script of {@code browser-tests/} with node against a running server and asserts that it
 * passed in time, with its output in every failure message.
 */
final class BrowserScript
{
    private static final Path DIR = Path.of("../browser-tests").toAbsolutePath().normalize();
    private static final long TIMEOUT_S = 120;

    private BrowserScript()
    {
    }

    /**
     * @param script   the script's file name in {@code browser-tests/}.
     * @param logDir   where its output is kept.
     * @param args     its arguments (the server URL first).
     * @return the script's output, after it exited 0 within the time limit.
     */
    static String run(final String script, final Path logDir, final String... args)
        throws IOException, InterruptedException
    {
        final String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Chromium missing: run bin/setup-test-env").exists();
        assertThat(DIR.resolve("node_modules/playwright-core")).as("playwright-core missing: run bin/setup-test-env")
            .exists();

        final List<String> command = new ArrayList<>(List.of("node", DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        final Path log = logDir.resolve(script + ".log");
        final Process node = new ProcessBuilder(command)
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        final boolean finished = node.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!finished)
        {
            node.destroyForcibly();
        }
        final String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        System.out.println(output);
        assertThat(finished).as("browser test finished in time:\n" + output).isTrue();
        assertThat(node.exitValue()).as("browser test output:\n" + output).isZero();
        return output;
    }
}

package io.asobi.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code asobi serve} in a child JVM (for tests that kill it with SIGKILL): started on a data dir with cheap
 * Argon2 and no HTTP rate limits; {@link #url()} waits for its "listening on" line.
 */
final class ChildServer
{
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private ChildServer()
    {
    }

    static Process start(final Path data, final String gameDir, final String... extraArgs) throws Exception
    {
        final Path root = Path.of("..").toAbsolutePath().normalize();
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + root.resolve(".mvn/jvm25.args"),
            "-cp", System.getProperty("java.class.path"),
            "io.asobi.tools.Asobi", "serve", "--port", "0", "--no-http-rate-limits",
            "--argon2-memory-kib", "64", "--argon2-iterations", "1",
            "--game-dir", root.resolve(gameDir).toString(),
            "--data-dir", data.toString()));
        command.addAll(List.of(extraArgs));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * Wait for the server's address, then keep draining its output so its pipe never fills.
     *
     * @return the base URL.
     */
    static String url(final Process server) throws Exception
    {
        final BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
            StandardCharsets.UTF_8));
        final StringBuilder seen = new StringBuilder();
        for (String line; null != (line = out.readLine()); )
        {
            seen.append(line).append('\n');
            final Matcher m = LISTENING.matcher(line);
            if (m.find())
            {
                final Thread drain = new Thread(() ->
                {
                    try
                    {
                        while (-1 != out.read())
                        {
                            // keep the child's pipe from filling up
                        }
                    }
                    catch (final java.io.IOException ignore)
                    {
                        // the child ended
                    }
                }, "child-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("server did not start:\n" + seen);
    }
}

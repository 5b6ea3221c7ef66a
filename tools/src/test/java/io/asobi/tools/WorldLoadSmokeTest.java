package io.asobi.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asobi load world} with three bots for two seconds against a real server (a child JVM serving
 * examples/bench): every bot lands in the one world, receives world.tick frames, and the server's world tick report
 * comes back through {@code /health}.
 */
class WorldLoadSmokeTest
{
    @TempDir
    Path tempDir;

    @Test
    void threeBotsInOneWorld() throws Exception
    {
        final Process server = ChildServer.start(tempDir.resolve("data"), "examples/bench");
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        try
        {
            final String url = ChildServer.url(server);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            final int exit = new CommandLine(new Asobi()).setErr(new PrintWriter(err)).execute(
                "load", "world", "--url", url, "--mode", "world", "--bots", "3", "--seconds", "2",
                "--warmup-seconds", "0", "--input-rate", "5", "--io-threads", "1");
            System.setOut(stdout);
            final String report = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(report + err).isZero();
            assertThat(report)
                .contains("3 of 3 bots joined", "one world")
                .contains("errors: join 0, error frames 0, connections lost 0")
                .containsPattern("tick_delta +[1-9]\\d* frames")
                .containsPattern("ack +[1-9]\\d* frames")
                .containsPattern("inputs refused by back pressure 0, frames sent [1-9]\\d*, frames dropped")
                .containsPattern("server world \\(.*\\): players 3, live zones 100")
                .containsPattern("server world step \\(µs\\): n=[1-9]");
        }
        finally
        {
            System.setOut(stdout);
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badOptionsAreRefused()
    {
        final StringWriter err = new StringWriter();
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            final CommandLine cli = new CommandLine(new Asobi()).setErr(new PrintWriter(err));
            assertThat(cli.execute("load", "world", "--bots", "0")).isEqualTo(2);
            assertThat(cli.execute("load", "world", "--input-rate", "0")).isEqualTo(2);
            assertThat(cli.execute("load", "world", "--bots", "10001")).isEqualTo(2);
        }
        finally
        {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("need 1 <= bots");
    }
}

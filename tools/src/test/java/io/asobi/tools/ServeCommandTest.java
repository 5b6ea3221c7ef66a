package io.asobi.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asobi serve} as a user runs it: a child JVM with the project's flags, serving the hot-reload demo on an
 * ephemeral port, stopped with SIGINT (what Ctrl-C sends) and shutting down cleanly.
 */
class ServeCommandTest
{
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path tempDir;

    @Test
    void servesAndStopsCleanlyOnCtrlC() throws Exception
    {
        final Path root = Path.of("..").toAbsolutePath().normalize();
        final Process server = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + root.resolve(".mvn/jvm25.args"),
            "-cp", System.getProperty("java.class.path"),
            "io.asobi.tools.Asobi", "serve", "--port", "0",
            "--game-dir", root.resolve("examples/hotreload-demo/lua").toString(),
            "--data-dir", tempDir.resolve("data").toString())
            .redirectErrorStream(true)
            .start();
        final List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String url = null;
            for (String line; null == url && null != (line = out.readLine()); )
            {
                output.add(line);
                final Matcher m = LISTENING.matcher(line);
                if (m.find())
                {
                    url = m.group(1);
                }
            }
            assertThat(url).as(String.join("\n", output)).isNotNull();

            final HttpResponse<String> live = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/live")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            final HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("<canvas");

            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();
            for (String line; null != (line = out.readLine()); )
            {
                output.add(line);
            }
        }
        finally
        {
            server.destroyForcibly();
        }
        final String all = String.join("\n", output);
        assertThat(server.exitValue()).as(all).isEqualTo(130);
        assertThat(all).contains("stopped").doesNotContain("Exception");
    }
}

package io.asobi.persistence;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a class's {@code main} in a child JVM (this JVM's module and Chronicle flags, this classpath), waits for a
 * line of its output, then kills it with SIGKILL: the kill tests' common part.
 */
final class KilledChild
{
    private KilledChild()
    {
    }

    /**
     * Start {@code main} with {@code args}, wait until it prints {@code line} (failing on any line naming an
     * exception before it), then SIGKILL it.
     *
     * @return the child's exit value (non-zero: killed).
     */
    static int runUntilThenKill(final Class<?> main, final String line, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(arg -> arg.startsWith("--add-") || arg.startsWith("--enable-native-access") ||
                arg.startsWith("--sun-misc") || arg.startsWith("-Dchronicle"))
            .toList());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));

        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            String read;
            while (null != (read = out.readLine()) && !read.equals(line))
            {
                assertThat(read).doesNotContain("Exception");
            }
            assertThat(read).as("child output").isEqualTo(line);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        finally
        {
            child.destroyForcibly();
        }
        return child.exitValue();
    }
}

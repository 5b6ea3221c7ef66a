package io.asobi.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
 * The durability promise of {@link Journal}: a process killed without warning (SIGKILL) loses none of the records
 * it had appended.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalKillTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAppendedRecordWhenTheAppendingProcessIsKilled() throws Exception
    {
        final int count = 5000;
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(arg -> arg.startsWith("--add-") || arg.startsWith("--enable-native-access") ||
                arg.startsWith("--sun-misc") || arg.startsWith("-Dchronicle"))
            .toList());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JournalAppendingChild.class.getName());
        command.add(dir.toString());
        command.add(Integer.toString(count));

        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = out.readLine()) && !line.equals("appended " + count))
            {
                assertThat(line).doesNotContain("Exception");
            }
            assertThat(line).as("child output").isEqualTo("appended " + count);

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        finally
        {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed, not exited").isNotZero();

        final List<Integer> seen = new ArrayList<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir)))
        {
            journal.replay((index, buffer, offset, length) ->
            {
                assertThat(length).isEqualTo(12);
                assertThat(buffer.getLong(offset + 4)).isEqualTo(buffer.getInt(offset) * 31L);
                seen.add(buffer.getInt(offset));
            });
        }
        assertThat(seen).hasSize(count).isSorted().startsWith(0).endsWith(count - 1);
    }
}

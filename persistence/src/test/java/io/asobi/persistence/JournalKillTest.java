package io.asobi.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
        final int exitValue = KilledChild.runUntilThenKill(JournalAppendingChild.class, "appended " + count,
            dir.toString(), Integer.toString(count));
        assertThat(exitValue).as("killed, not exited").isNotZero();

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

package io.asobi.match;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class UuidV7Test
{
    private static final Pattern UUID_V7 =
        Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void shouldOrderIdsWithinOneMillisecondAndAcrossAClockStepBack()
    {
        final UuidV7 ids = new UuidV7(new CachedEpochClock());
        String last = ids.next(1_000);
        for (int i = 0; i < 5000; i++)
        {
            final String next = ids.next(i % 2 == 0 ? 1_000 : 999);
            assertThat(next).matches(UUID_V7).isGreaterThan(last);
            last = next;
        }
        assertThat(ids.next(0x0123_4567_89ABL)).startsWith("01234567-89ab-7");
    }

    @Test
    void shouldStampWithTheClock()
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(0x0198_0000_0000L);
        assertThat(new UuidV7(clock).get()).startsWith("01980000-0000-7").matches(UUID_V7);
    }
}

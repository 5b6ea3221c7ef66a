package io.asobi.metagame;

import io.asobi.metagame.Leaderboards.ResetKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResetCalendarTest
{
    private static long at(final String iso)
    {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void calendarSchedulesCloseAtTheNextUtcBoundaryStrictlyAfterNow()
    {
        // 2026-08-05 is a Wednesday.
        final long now = at("2026-08-05T13:45:00Z");
        assertThat(ResetCalendar.next(ResetKind.NONE, 0, now, now)).isZero();
        assertThat(ResetCalendar.next(ResetKind.DAILY, 0, now, now)).isEqualTo(at("2026-08-06T00:00:00Z"));
        assertThat(ResetCalendar.next(ResetKind.WEEKLY, 0, now, now)).isEqualTo(at("2026-08-10T00:00:00Z"));
        assertThat(ResetCalendar.next(ResetKind.MONTHLY, 0, now, now)).isEqualTo(at("2026-09-01T00:00:00Z"));

        final long midnight = at("2026-08-10T00:00:00Z");
        assertThat(ResetCalendar.next(ResetKind.DAILY, 0, midnight, midnight)).isEqualTo(at("2026-08-11T00:00:00Z"));
        assertThat(ResetCalendar.next(ResetKind.WEEKLY, 0, midnight, midnight)).isEqualTo(at("2026-08-17T00:00:00Z"));
        assertThat(ResetCalendar.next(ResetKind.MONTHLY, 0, at("2026-12-31T23:59:59Z"), at("2026-12-31T23:59:59Z")))
            .isEqualTo(at("2027-01-01T00:00:00Z"));
    }

    @Test
    void everyCountsPeriodsFromItsAnchorAndSkipsMissedOnes()
    {
        assertThat(ResetCalendar.next(ResetKind.EVERY, 60_000, 1_000, 1_000)).isEqualTo(61_000);
        assertThat(ResetCalendar.next(ResetKind.EVERY, 60_000, 61_000, 61_000)).isEqualTo(121_000);
        assertThat(ResetCalendar.next(ResetKind.EVERY, 60_000, 61_000, 200_000)).isEqualTo(241_000);
        assertThat(ResetCalendar.next(ResetKind.EVERY, 60_000, 61_000, 10)).isEqualTo(61_000);
    }
}

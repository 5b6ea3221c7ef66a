package io.asobi.metagame;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * When a board's period closes: the first schedule boundary strictly after a time, in UTC. A boundary missed while
 * the server was down closes the period once, at the next timer; the period after it ends at the next boundary after
 * that time (missed empty periods are not invented).
 */
final class ResetCalendar
{
    private ResetCalendar()
    {
    }

    /**
     * The next boundary after {@code nowMs}.
     *
     * @param kind       the schedule.
     * @param everyMs    period of {@link Leaderboards.ResetKind#EVERY}.
     * @param anchorMs   for {@code EVERY}: a past boundary (or the schedule's start) the periods count from.
     * @param nowMs      now.
     * @return the boundary, or 0 for {@link Leaderboards.ResetKind#NONE}.
     */
    static long next(final Leaderboards.ResetKind kind, final long everyMs, final long anchorMs, final long nowMs)
    {
        final LocalDate today = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate();
        return switch (kind)
        {
            case NONE -> 0;
            case DAILY -> startOf(today.plusDays(1));
            case WEEKLY -> startOf(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
            case MONTHLY -> startOf(today.withDayOfMonth(1).plusMonths(1));
            case EVERY ->
            {
                if (nowMs < anchorMs)
                {
                    yield anchorMs;
                }
                yield anchorMs + everyMs * ((nowMs - anchorMs) / everyMs + 1);
            }
        };
    }

    private static long startOf(final LocalDate day)
    {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}

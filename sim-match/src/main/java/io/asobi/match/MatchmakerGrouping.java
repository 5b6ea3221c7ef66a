package io.asobi.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The matchmaker's built-in strategies as pure functions over the pending tickets of one mode (in submission
 * order). Each returns groups of exactly {@code matchSize} tickets; a ticket is in at most one group and tickets in
 * no group stay queued.
 */
final class MatchmakerGrouping
{
    private static final long MS_PER_SECOND = 1000;

    private MatchmakerGrouping()
    {
    }

    /**
     * {@code fill}: first come, first grouped, in groups of {@code matchSize}.
     *
     * @param pending   tickets in submission order.
     * @param matchSize group size, positive.
     * @return the groups, oldest tickets first.
     */
    static <T> List<List<T>> fill(final List<T> pending, final int matchSize)
    {
        requirePositive(matchSize);
        final List<List<T>> groups = new ArrayList<>();
        for (int start = 0; start + matchSize <= pending.size(); start += matchSize)
        {
            groups.add(new ArrayList<>(pending.subList(start, start + matchSize)));
        }
        return groups;
    }

    /**
     * {@code skill_based}: tickets sorted by skill (ties in submission order); a run of {@code matchSize}
     * neighbours forms a group when its highest and lowest skill differ by at most
     * {@code skillWindow + skillExpandPerSecond × (whole seconds the longest-waiting of them has waited)};
     * otherwise the run starts one ticket later.
     *
     * @param pending              tickets in submission order.
     * @param skill                a ticket's skill.
     * @param waitedMs             how long a ticket has waited.
     * @param matchSize            group size, positive.
     * @param skillWindow          initial allowed skill difference.
     * @param skillExpandPerSecond widening per second waited.
     * @return the groups, lowest skills first.
     */
    static <T> List<List<T>> skillBased(
        final List<T> pending,
        final ToDoubleFunction<T> skill,
        final ToLongFunction<T> waitedMs,
        final int matchSize,
        final int skillWindow,
        final int skillExpandPerSecond)
    {
        requirePositive(matchSize);
        final List<T> sorted = new ArrayList<>(pending);
        sorted.sort(Comparator.comparingDouble(skill));

        final List<List<T>> groups = new ArrayList<>();
        int start = 0;
        while (start + matchSize <= sorted.size())
        {
            final int end = start + matchSize - 1;
            long longestWaitMs = 0;
            for (int i = start; i <= end; i++)
            {
                longestWaitMs = Math.max(longestWaitMs, waitedMs.applyAsLong(sorted.get(i)));
            }
            final double allowed = (double)skillWindow +
                (double)skillExpandPerSecond * (double)(Math.max(0, longestWaitMs) / MS_PER_SECOND);
            final double spread = skill.applyAsDouble(sorted.get(end)) - skill.applyAsDouble(sorted.get(start));
            if (spread <= allowed)
            {
                groups.add(new ArrayList<>(sorted.subList(start, end + 1)));
                start = end + 1;
            }
            else
            {
                start++;
            }
        }
        return groups;
    }

    private static void requirePositive(final int matchSize)
    {
        if (matchSize < 1)
        {
            throw new IllegalArgumentException("matchSize must be positive: " + matchSize);
        }
    }
}

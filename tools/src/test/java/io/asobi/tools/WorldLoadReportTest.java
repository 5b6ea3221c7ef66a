package io.asobi.tools;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WorldLoadReportTest
{
    private static final int KINDS = WorldFrameKind.VALUES.length;

    @Test
    void nearestRankPercentiles()
    {
        final double[] hundred = new double[100];
        for (int i = 0; i < hundred.length; i++)
        {
            hundred[i] = i + 1;
        }
        assertThat(WorldLoadReport.nearestRank(hundred, 50)).isEqualTo(50);
        assertThat(WorldLoadReport.nearestRank(hundred, 99)).isEqualTo(99);
        assertThat(WorldLoadReport.nearestRank(hundred, 100)).isEqualTo(100);
        assertThat(WorldLoadReport.nearestRank(hundred, 0)).isEqualTo(1);
        assertThat(WorldLoadReport.nearestRank(new double[] {7}, 99)).isEqualTo(7);
        assertThat(WorldLoadReport.nearestRank(new double[] {1, 2, 3}, 50)).isEqualTo(2);
        assertThatThrownBy(() -> WorldLoadReport.nearestRank(new double[0], 50))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorldLoadReport.nearestRank(hundred, 101))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spreadSortsACopy()
    {
        final double[] values = {40, 10, 30, 20};
        final WorldLoadReport.Spread spread = WorldLoadReport.Spread.of(values);
        assertThat(spread.mean()).isEqualTo(25);
        assertThat(spread.p50()).isEqualTo(20);
        assertThat(spread.p99()).isEqualTo(40);
        assertThat(spread.max()).isEqualTo(40);
        assertThat(values).containsExactly(40, 10, 30, 20);
        assertThat(WorldLoadReport.Spread.of(new double[0])).isEqualTo(new WorldLoadReport.Spread(0, 0, 0, 0));
    }

    @Test
    void perBotRatesComeFromTheDifferenceOfTwoReadingsOverTheBotsOwnInterval()
    {
        final WorldLoadReport.Counters before = counters(10, 1_000, 2_000, 5, 7_000_000_000L);
        final WorldLoadReport.Counters after = counters(30, 5_000, 8_100, 15, 9_000_000_000L);
        final WorldLoadReport.Counters delta = WorldLoadReport.delta(before, after);
        assertThat(delta.frames()[WorldFrameKind.TICK_DELTA.ordinal()]).isEqualTo(20);
        assertThat(delta.totalFrames()).isEqualTo(20 + 2);
        assertThat(delta.totalPayloadBytes()).isEqualTo(4_000 + 2);
        assertThat(delta.wireBytes()).isEqualTo(6_100);
        assertThat(delta.inputsSent()).isEqualTo(10);
        assertThat(WorldLoadReport.seconds(delta)).isEqualTo(2.0);

        final WorldLoadReport.Counters other = WorldLoadReport.delta(WorldLoadReport.Counters.zero(),
            counters(0, 0, 100, 0, 2_000_000_000L));
        final List<WorldLoadReport.Counters> bots = List.of(delta, other);
        final WorldLoadReport.Spread bytes = WorldLoadReport.payloadBytesPerSecond(bots);
        assertThat(bytes.p50()).isEqualTo(0.0); // nearest rank of two: the lower one, the bot that got nothing
        assertThat(bytes.max()).isEqualTo(2_001.0); // (4,000 + 2) B in 2 s
        assertThat(bytes.mean()).isEqualTo(1_000.5);
        assertThat(WorldLoadReport.wireBytesPerSecond(bots).max()).isEqualTo(3_050.0);
        assertThat(WorldLoadReport.framesPerSecond(bots).max()).isEqualTo(11.0);

        final WorldLoadReport.Counters sum = WorldLoadReport.sum(bots);
        assertThat(sum.frames()[WorldFrameKind.TICK_DELTA.ordinal()]).isEqualTo(20);
        assertThat(sum.frames()[WorldFrameKind.OTHER.ordinal()]).isEqualTo(2);
        assertThat(sum.wireBytes()).isEqualTo(6_200);
        assertThat(sum.inputsSent()).isEqualTo(10);
        assertThat(sum.atNs()).isEqualTo(4_000_000_000L);
    }

    @Test
    void tickThreadLoad()
    {
        assertThat(WorldLoadReport.busyPercent(1_000, 1_500, 10)).isCloseTo(5.0, within(1e-9));
        assertThat(WorldLoadReport.cpuUsPerTick(1_000, 1_500, 200)).isCloseTo(2_500.0, within(1e-9));
        assertThat(WorldLoadReport.busyPercent(-1, 1_500, 10)).isNaN();
        assertThat(WorldLoadReport.busyPercent(2_000, 1_500, 10)).isNaN();
        assertThat(WorldLoadReport.busyPercent(1_000, 1_500, 0)).isNaN();
        assertThat(WorldLoadReport.cpuUsPerTick(1_000, 1_500, 0)).isNaN();
    }

    @Test
    void countersNeedOneSlotPerKind()
    {
        assertThatThrownBy(() -> new WorldLoadReport.Counters(new long[1], new long[KINDS], 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code deltas} world.tick deltas ({@code deltaBytes} in all) and a tenth as many 1-byte "other" frames. */
    private static WorldLoadReport.Counters counters(
        final long deltas, final long deltaBytes, final long wireBytes, final long inputs, final long atNs)
    {
        final long[] frames = new long[KINDS];
        final long[] bytes = new long[KINDS];
        frames[WorldFrameKind.TICK_DELTA.ordinal()] = deltas;
        bytes[WorldFrameKind.TICK_DELTA.ordinal()] = deltaBytes;
        frames[WorldFrameKind.OTHER.ordinal()] = deltas / 10;
        bytes[WorldFrameKind.OTHER.ordinal()] = deltas / 10;
        return new WorldLoadReport.Counters(frames, bytes, wireBytes, inputs, atNs);
    }
}

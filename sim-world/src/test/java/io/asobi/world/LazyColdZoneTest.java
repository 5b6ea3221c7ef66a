package io.asobi.world;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LazyColdZoneTest
{
    private final WorldHarness h = new WorldHarness();

    @AfterEach
    void close()
    {
        h.close();
    }

    @Test
    void aSmallGridHasAllItsZonesAndEmptyOnesTickAtTheColdRate()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        final WorldInstance world = h.world(worldId);
        assertThat(world.zoneCount()).isEqualTo(16);

        final ZoneInstance busy = world.liveZone(0, 0);
        final ZoneInstance empty = world.liveZone(3, 3);
        final long busySteps = busy.steppedTicks;
        final long emptySteps = empty.steppedTicks;
        h.advanceMs(10_000);
        assertThat(busy.steppedTicks - busySteps).isEqualTo(100);
        assertThat(empty.steppedTicks - emptySteps).isEqualTo(10);
        assertThat(empty.coldSkippedTicks).isGreaterThanOrEqualTo(90);

        // work makes a cold zone warm at once: an entity walking in
        h.input("p1", "{\"to\":[350,350]}");
        h.advanceMs(200);
        final long warmSteps = empty.steppedTicks;
        h.advanceMs(1_000);
        assertThat(empty.steppedTicks - warmSteps).isEqualTo(10);
    }

    @Test
    void aLargeGridCreatesZonesOnDemandAndReapsIdleOnesKeepingFrameSeq()
    {
        h.mode(WorldHarness.small("big").withGrid(1000, 100, 1));
        h.launch(h.context().zoneIdleReapMs(30_000).zoneSweepIntervalMs(10_000));
        final String worldId = h.createWith("p1", "big");
        final WorldInstance world = h.world(worldId);
        assertThat(world.zoneCount()).isEqualTo(4);

        // walk east by 9 zones: the ring follows, zones behind become idle
        for (int x = 1; x < 10; x++)
        {
            h.input("p1", "{\"to\":[" + (x * 100 + 50) + ",50]}");
            h.advanceMs(100);
        }
        assertThat(world.member("p1").zone.zoneX).isEqualTo(9);
        final int afterWalk = world.zoneCount();
        assertThat(afterWalk).isGreaterThan(4);
        final long seqOfStart = world.liveZone(0, 0).frameSeq;
        assertThat(seqOfStart).isPositive();

        h.advanceMs(45_000);
        assertThat(world.zoneCount()).isEqualTo(6);
        assertThat(world.liveZone(0, 0)).isNull();

        // back to the start: the zone is created again and its frame_seq carries on
        h.input("p1", "{\"to\":[50,50]}");
        h.advanceMs(100);
        assertThat(world.liveZone(0, 0)).isNotNull();
        assertThat(world.liveZone(0, 0).frameSeq).isGreaterThanOrEqualTo(seqOfStart);
    }

    @Test
    void theLiveZoneCapLeavesEntitiesWhereTheyAre()
    {
        h.mode(WorldHarness.small("big").withGrid(1000, 100, 0));
        h.launch(h.context().maxZonesPerWorld(2));
        final String worldId = h.createWith("p1", "big");
        final WorldInstance world = h.world(worldId);
        h.input("p1", "{\"to\":[150,50]}");
        h.advanceMs(200);
        assertThat(world.zoneCount()).isEqualTo(2);
        assertThat(world.member("p1").zone.zoneX).isEqualTo(1);
        h.input("p1", "{\"to\":[250,50]}");
        h.advanceMs(200);
        assertThat(world.zoneCount()).isEqualTo(2);
        assertThat(world.member("p1").zone.zoneX).isEqualTo(1);
    }
}

package io.asobi.world;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-home rate limit (Asobi's {@code rehome}: 5 per second per player): a player jumping across a zone edge
 * every tick changes zone at most 5 times per second of world ticks; past the limit its entity stays in its zone
 * (beyond the edge) and moves on once the window renews, so its zone always catches up with its position.
 */
class RehomeLimitTest
{
    private final WorldHarness h = new WorldHarness();

    @AfterEach
    void close()
    {
        h.close();
    }

    @Test
    void aPlayerChangesZoneAtMostFiveTimesASecond()
    {
        h.mode(WorldHarness.small("walk")).launch(); // 10 Hz
        final String worldId = h.createWith("p1", "walk");
        final WorldInstance world = h.world(worldId);
        final java.util.List<Long> changeTicks = new java.util.ArrayList<>();
        ZoneInstance last = world.member("p1").zone;
        for (int i = 0; i < 20; i++) // 2 s, one jump per tick
        {
            h.input("p1", 0 == i % 2 ? "{\"to\":[150,50]}" : "{\"to\":[50,50]}");
            h.advanceMs(100);
            final ZoneInstance zone = world.member("p1").zone;
            if (zone != last)
            {
                changeTicks.add(world.worldTick());
                last = zone;
            }
        }
        // a jump every tick for 2 s (21 ticks, so at most three one-second windows of 5): never more than 5 changes
        // on consecutive ticks, then the player waits for the next window
        int run = 1;
        int longestRun = 1;
        for (int i = 1; i < changeTicks.size(); i++)
        {
            run = changeTicks.get(i) == changeTicks.get(i - 1) + 1 ? run + 1 : 1;
            longestRun = Math.max(longestRun, run);
        }
        assertThat(longestRun).isEqualTo(5);
        assertThat(changeTicks).hasSizeLessThanOrEqualTo(15);
        assertThat(world.rehomesDeferred).isPositive();

        h.input("p1", "{\"to\":[350,350]}");
        h.advanceMs(1_200);
        assertThat(world.member("p1").zone.zoneX).isEqualTo(3);
        assertThat(world.member("p1").zone.zoneY).isEqualTo(3);
    }

    @Test
    void npcsAreNotLimited()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        h.input("p1", "{\"spawn\":\"pet\"}");
        h.advanceMs(200);
        final WorldInstance world = h.world(worldId);
        assertThat(world.liveZone(0, 0).entity("pet")).isNotEqualTo(io.asobi.ecs.EntityIds.NULL);
        final long deferredBefore = world.rehomesDeferred;
        h.input("p1", "{\"to\":[150,50]}");
        h.advanceMs(100);
        assertThat(world.member("p1").zone.zoneX).isEqualTo(1);
        assertThat(world.rehomesDeferred).isEqualTo(deferredBefore);
    }
}

package io.asobi.examples.arena;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;

import static io.asobi.examples.arena.ArenaSimulation.DAMAGE;
import static io.asobi.examples.arena.ArenaSimulation.HEIGHT;
import static io.asobi.examples.arena.ArenaSimulation.MAX_HP;
import static io.asobi.examples.arena.ArenaSimulation.PLAYER_RADIUS;
import static io.asobi.examples.arena.ArenaSimulation.PLAYER_SPEED;
import static io.asobi.examples.arena.ArenaSimulation.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ArenaSimulationTest
{
    private final ArenaSimulation arena = new ArenaSimulation(7);

    private void steps(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            arena.step();
        }
    }

    @Test
    void playersSpawnInsideTheArenaWithFullHealth()
    {
        for (int i = 0; i < 16; i++)
        {
            final String id = "p" + i;
            assertThat(arena.addPlayer(id)).isTrue();
            assertThat(arena.x(id)).isBetween(PLAYER_RADIUS, WIDTH - PLAYER_RADIUS);
            assertThat(arena.y(id)).isBetween(PLAYER_RADIUS, HEIGHT - PLAYER_RADIUS);
            assertThat(arena.hp(id)).isEqualTo(MAX_HP);
            assertThat(arena.score(id)).isZero();
        }
        assertThat(arena.addPlayer("p0")).isFalse();
        assertThat(arena.playerCount()).isEqualTo(16);
    }

    @Test
    void movementFollowsTheIntentAndStopsAtTheWalls()
    {
        arena.addPlayer("A");
        arena.place("A", 100, 100);
        arena.applyInput("A", 1, 0, false, 0, 0);
        steps(10);
        assertThat(arena.x("A")).isEqualTo(100 + 10 * PLAYER_SPEED);
        assertThat(arena.y("A")).isEqualTo(100);

        arena.applyInput("A", 1, 1, false, 0, 0);
        steps(1);
        final float diagonal = (float)(PLAYER_SPEED / Math.sqrt(2));
        assertThat(arena.x("A")).isCloseTo(140 + diagonal, offset(1e-4f));
        assertThat(arena.y("A")).isCloseTo(100 + diagonal, offset(1e-4f));

        arena.applyInput("A", 5, Float.NaN, false, 0, 0);
        steps(300);
        assertThat(arena.x("A")).isEqualTo(WIDTH - PLAYER_RADIUS);

        arena.applyInput("A", -1, -1, false, 0, 0);
        steps(300);
        assertThat(arena.x("A")).isEqualTo(PLAYER_RADIUS);
        assertThat(arena.y("A")).isEqualTo(PLAYER_RADIUS);
    }

    @Test
    void aProjectileHitsDamagesAndScores()
    {
        arena.addPlayer("A");
        arena.addPlayer("B");
        arena.place("A", 100, 300);
        arena.place("B", 200, 300);
        arena.applyInput("A", 0, 0, true, 1, 0);

        steps(1);
        assertThat(arena.projectileCount()).isEqualTo(1);
        steps(9);
        assertThat(arena.hp("B")).isEqualTo(MAX_HP - DAMAGE);
        assertThat(arena.score("A")).isEqualTo(1);
        assertThat(arena.hp("A")).isEqualTo(MAX_HP);
        assertThat(arena.projectileCount()).as("spent on the hit; the weapon is cooling down").isZero();
    }

    @Test
    void aPlayerAtZeroHpRespawns()
    {
        arena.addPlayer("A");
        arena.addPlayer("B");
        arena.place("A", 100, 300);
        arena.place("B", 200, 300);
        arena.applyInput("A", 0, 0, true, 1, 0);

        final int hitsToKill = MAX_HP / DAMAGE;
        for (int i = 0; i < 200 && arena.score("A") < hitsToKill; i++)
        {
            arena.step();
            if (arena.score("A") < hitsToKill)
            {
                assertThat(arena.hp("B")).isEqualTo(MAX_HP - DAMAGE * arena.score("A"));
            }
        }
        assertThat(arena.score("A")).isEqualTo(hitsToKill);
        assertThat(arena.hp("B")).isEqualTo(MAX_HP);
        assertThat(arena.x("B") != 200 || arena.y("B") != 300).as("moved to a spawn point").isTrue();
    }

    @Test
    void projectilesExpireAtTheEndOfTheirLife()
    {
        arena.addPlayer("A");
        arena.place("A", 30, 300);
        arena.applyInput("A", 0, 0, true, 1, 0);
        steps(1);
        arena.applyInput("A", 0, 0, false, 0, 0);
        steps(ArenaSimulation.PROJECTILE_TTL_TICKS - 1);
        assertThat(arena.projectileCount()).isEqualTo(1);
        steps(1);
        assertThat(arena.projectileCount()).isZero();
    }

    @Test
    void projectilesExpireAtTheEdge()
    {
        arena.addPlayer("A");
        arena.place("A", 50, 300);
        arena.applyInput("A", 0, 0, true, -1, 0);
        steps(1);
        arena.applyInput("A", 0, 0, false, 0, 0);
        steps(2);
        assertThat(arena.projectileCount()).isEqualTo(1);
        steps(2);
        assertThat(arena.projectileCount()).isZero();
    }

    @Test
    void aProjectileOfAPlayerWhoLeftStillHitsWithoutScoring()
    {
        arena.addPlayer("A");
        arena.addPlayer("B");
        arena.place("A", 100, 300);
        arena.place("B", 200, 300);
        arena.applyInput("A", 0, 0, true, 1, 0);
        steps(1);
        arena.removePlayer("A");
        steps(9);
        assertThat(arena.hp("B")).isEqualTo(MAX_HP - DAMAGE);
        assertThat(arena.playerCount()).isEqualTo(1);
        assertThatThrownBy(() -> arena.score("A")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateHasTheDocumentedShape() throws IOException
    {
        arena.addPlayer("A");
        arena.addPlayer("B");
        arena.place("A", 100.4f, 300.6f);
        arena.applyInput("A", 0, 0, true, 0, 1);
        arena.step();

        final JsonNode state = new ObjectMapper().readTree(state(arena));
        assertThat(state.get("tick").asLong()).isEqualTo(1);
        assertThat(state.get("players").size()).isEqualTo(2);
        final JsonNode a = state.get("players").get("A");
        assertThat(a.get("x").asInt()).isEqualTo(100);
        assertThat(a.get("y").asInt()).isEqualTo(301);
        assertThat(a.get("hp").asInt()).isEqualTo(MAX_HP);
        assertThat(a.get("score").asInt()).isZero();
        assertThat(state.get("projectiles").size()).isEqualTo(1);
        assertThat(state.get("projectiles").get(0).get("x").asInt()).isEqualTo(100);
    }

    @Test
    void ticksAllocateNothingOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 6; i++)
        {
            arena.addPlayer("p" + i);
        }
        runBattle(3000);

        final long threadId = Thread.currentThread().threadId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        runBattle(1000);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(allocated).as("bytes allocated by 1000 ticks of 6 players fighting").isLessThan(1024);
    }

    private void runBattle(final int ticks)
    {
        for (int t = 0; t < ticks; t++)
        {
            final int phase = (int)(arena.tick() / 40);
            for (int i = 0; i < 6; i++)
            {
                final String id = arena.playerId(i);
                final int turn = phase + i;
                arena.applyInput(id, (turn % 3) - 1, ((turn / 3) % 3) - 1, true, (turn % 5) - 2, (turn % 7) - 3);
            }
            arena.step();
        }
    }

    static byte[] state(final ArenaSimulation arena) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out))
        {
            arena.writeState(generator);
        }
        return out.toByteArray();
    }
}

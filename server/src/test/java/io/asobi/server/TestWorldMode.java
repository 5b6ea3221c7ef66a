package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.World;
import io.asobi.world.Position;
import io.asobi.world.WorldConfig;
import io.asobi.world.WorldContext;
import io.asobi.world.WorldLogic;
import io.asobi.world.WorldMode;
import io.asobi.world.ZoneContext;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java world mode for the end-to-end world tests ({@code walk} in the e2e game dir): a 4 x 4 grid of 100-unit
 * zones, view radius 1, 20 Hz with a broadcast every 3 ticks, at most 2 players, a 5 s reconnect grace, listed and
 * quick-play. One NPC per zone ({@code npc-x-y}) circles the zone's centre, so every zone changes on every
 * broadcast. Players spawn at (50, 50), or at the join context's {@code x}/{@code y} integers; an input
 * {@code {"dx": n, "dy": n}} moves the player's entity by at most one zone size per axis. Entities carry a wire
 * {@code hp} (players 10, NPCs 3).
 */
public final class TestWorldMode implements WorldMode
{
    /** The mode's name, as {@code config.lua} names it. */
    public static final String NAME = "walk";

    static final double ZONE_SIZE = 100;
    static final int GRID_SIZE = 4;
    static final double NPC_ORBIT = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorldConfig config = WorldConfig.defaults(NAME)
        .withGrid(GRID_SIZE, ZONE_SIZE, 1)
        .withRates(20, 3)
        .withMaxPlayers(2)
        .withLifecycle(5_000, 0, false)
        .withDiscovery(true, true);

    public WorldConfig config()
    {
        return config;
    }

    public WorldLogic newWorld()
    {
        return new Logic();
    }

    /** The wire component: sent as {@code hp}. */
    public record Health(int hp)
    {
    }

    private static final class Logic implements WorldLogic
    {
        private final Map<String, Position> spawns = new HashMap<>();

        public List<Class<? extends Record>> wireComponents()
        {
            return List.of(Health.class);
        }

        public void init(final WorldContext ctx)
        {
            for (int zx = 0; zx < GRID_SIZE; zx++)
            {
                for (int zy = 0; zy < GRID_SIZE; zy++)
                {
                    final ZoneContext zone = ctx.zone(zx, zy);
                    final int npc = zone.spawn("npc-" + zx + "-" + zy, "npc",
                        (zx + 0.5) * ZONE_SIZE + NPC_ORBIT, (zy + 0.5) * ZONE_SIZE);
                    zone.entities().add(npc, new Health(3));
                }
            }
        }

        public String join(final String playerId, final ObjectNode joinCtx)
        {
            if (null != joinCtx && joinCtx.path("x").isInt() && joinCtx.path("y").isInt())
            {
                spawns.put(playerId, new Position(joinCtx.get("x").intValue(), joinCtx.get("y").intValue()));
            }
            return null;
        }

        public Position spawnPosition(final String playerId)
        {
            final Position spawn = spawns.remove(playerId);
            return null == spawn ? new Position(50, 50) : spawn;
        }

        public void playerSpawned(final ZoneContext zone, final int entity, final String playerId)
        {
            zone.entities().add(entity, new Health(10));
        }

        public void handleInput(
            final ZoneContext zone, final int entity, final String playerId, final byte[] json, final int offset,
            final int length)
        {
            final JsonNode input;
            try
            {
                input = JSON.readTree(json, offset, length);
            }
            catch (final IOException ex)
            {
                return; // the gateway only forwards JSON objects; nothing to do with anything else
            }
            final World ecs = zone.entities();
            ecs.set(entity, zone.positionX(), ecs.get(entity, zone.positionX()) + step(input.path("dx")));
            ecs.set(entity, zone.positionY(), ecs.get(entity, zone.positionY()) + step(input.path("dy")));
        }

        private static double step(final JsonNode value)
        {
            if (!value.isNumber())
            {
                return 0;
            }
            final double d = value.doubleValue();
            return Double.isFinite(d) ? Math.max(-ZONE_SIZE, Math.min(ZONE_SIZE, d)) : 0;
        }

        public void zoneTick(final ZoneContext zone, final long tick)
        {
            final int npc = zone.entity("npc-" + zone.zoneX() + "-" + zone.zoneY());
            if (io.asobi.ecs.EntityIds.NULL == npc)
            {
                return;
            }
            final double angle = tick * 0.1;
            final World ecs = zone.entities();
            ecs.set(npc, zone.positionX(), (zone.zoneX() + 0.5) * ZONE_SIZE + NPC_ORBIT * Math.cos(angle));
            ecs.set(npc, zone.positionY(), (zone.zoneY() + 0.5) * ZONE_SIZE + NPC_ORBIT * Math.sin(angle));
        }
    }
}

package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test world logic: players walk by input, carry a wire {@link Health}, and can spawn, hurt and remove NPCs.
 * <p>
 * Inputs: {@code {"dx":n,"dy":n}} moves the player's entity; {@code {"to":[x,y]}} places it; {@code {"hp":n}} sets
 * its health; {@code {"spawn":"id"}} spawns an NPC at the player's position; {@code {"despawn":"id"}} removes one
 * in the player's zone; {@code {"boom":true}} throws.
 */
final class WalkLogic implements WorldLogic
{
    /** A wire component: sent to clients as {@code hp}. */
    record Health(int hp)
    {
    }

    /** A server-only component. */
    record Secret(long code)
    {
    }

    final List<String> events = new ArrayList<>();
    final Map<String, Position> spawns = new HashMap<>();
    Position defaultSpawn = new Position(50, 50);
    String refuseWith;
    int npcCount;
    /** NPCs take a step every tick, pseudo-randomly from the world's seed, the tick and their id. */
    boolean npcsWander;
    private long seed;
    boolean initThrows;
    long zoneTicks;

    public List<Class<? extends Record>> wireComponents()
    {
        return List.of(Health.class);
    }

    public List<Class<? extends Record>> serverComponents()
    {
        return List.of(Secret.class);
    }

    public void init(final WorldContext ctx)
    {
        if (initThrows)
        {
            throw new IllegalStateException("init failed on purpose");
        }
        events.add("init " + ctx.worldId());
        seed = ctx.seed();
        for (int i = 0; i < npcCount; i++)
        {
            final ZoneContext zone = ctx.zoneAt(10 + i, 10);
            final int npc = zone.spawn("npc-" + i, "npc", 10 + i, 10);
            zone.entities().add(npc, new Health(5));
        }
    }

    public String join(final String playerId, final ObjectNode joinCtx)
    {
        events.add("join " + playerId);
        if (null != joinCtx && joinCtx.has("refuse"))
        {
            return joinCtx.get("refuse").asText();
        }
        return refuseWith;
    }

    public Position spawnPosition(final String playerId)
    {
        return spawns.getOrDefault(playerId, defaultSpawn);
    }

    public void playerSpawned(final ZoneContext zone, final int entity, final String playerId)
    {
        zone.entities().add(entity, new Health(10));
        zone.entities().add(entity, new Secret(42));
    }

    public void leave(final String playerId)
    {
        events.add("leave " + playerId);
    }

    public void handleInput(
        final ZoneContext zone, final int entity, final String playerId, final byte[] json, final int offset,
        final int length)
    {
        final JsonNode input;
        try
        {
            input = Json.MAPPER.readTree(json, offset, length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (input.has("boom"))
        {
            throw new IllegalStateException("boom");
        }
        final io.asobi.ecs.World ecs = zone.entities();
        if (input.has("dx") || input.has("dy"))
        {
            ecs.set(entity, zone.positionX(), ecs.get(entity, zone.positionX()) + input.path("dx").asDouble());
            ecs.set(entity, zone.positionY(), ecs.get(entity, zone.positionY()) + input.path("dy").asDouble());
        }
        if (input.has("to"))
        {
            ecs.set(entity, zone.positionX(), input.get("to").get(0).asDouble());
            ecs.set(entity, zone.positionY(), input.get("to").get(1).asDouble());
        }
        if (input.has("hp"))
        {
            ecs.set(entity, ecs.component(Health.class).intField("hp"), input.get("hp").asInt());
        }
        if (input.has("secret"))
        {
            ecs.set(entity, ecs.component(Secret.class).longField("code"), input.get("secret").asLong());
        }
        if (input.has("spawn"))
        {
            final String id = input.get("spawn").asText();
            if (!((WorldInstance)zone.world()).hasEntity(id))
            {
                final int npc = zone.spawn(id, "npc", ecs.get(entity, zone.positionX()),
                    ecs.get(entity, zone.positionY()));
                ecs.add(npc, new Health(3));
            }
        }
        if (input.has("despawn"))
        {
            zone.destroy(input.get("despawn").asText());
        }
    }

    public void close()
    {
        events.add("closed");
    }

    public void zoneTick(final ZoneContext zone, final long tick)
    {
        zoneTicks++;
        if (!npcsWander)
        {
            return;
        }
        final io.asobi.ecs.World ecs = zone.entities();
        final io.asobi.ecs.QueryCursor cursor = ecs.query().with(zone.position()).build().cursor();
        cursor.reset();
        final List<Integer> npcs = new ArrayList<>();
        while (cursor.next())
        {
            if ("npc".equals(zone.typeOf(cursor.entity())))
            {
                npcs.add(cursor.entity());
            }
        }
        cursor.close();
        for (final int npc : npcs)
        {
            long h = seed ^ (tick * 0x9E3779B97F4A7C15L) ^ zone.idOf(npc).hashCode();
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 32;
            final double dx = (int)(h & 7) - 3.5;
            final double dy = (int)((h >>> 3) & 7) - 3.5;
            final double x = Math.max(0, Math.min(399, ecs.get(npc, zone.positionX()) + dx * 4));
            final double y = Math.max(0, Math.min(399, ecs.get(npc, zone.positionY()) + dy * 4));
            ecs.set(npc, zone.positionX(), x);
            ecs.set(npc, zone.positionY(), y);
        }
    }

    public void restore(final WorldContext ctx, final byte[] state)
    {
        seed = ctx.seed();
        events.add("restore " + ctx.worldId());
    }
}

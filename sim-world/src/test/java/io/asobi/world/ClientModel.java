package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client following asobi-spec §4.6 holds: one entity table per zone, a per-zone high-water mark. Frames with
 * {@code frame_seq == last + 1} (or the first one of a zone) are applied; keyframes reset the table and the mark;
 * frames without {@code frame_seq} (leave removals) are applied ungated. Stale frames and gaps are recorded as
 * problems (the runtime must never cause them).
 */
final class ClientModel
{
    final String playerId;
    final Map<String, Long> lastSeq = new HashMap<>();
    final Map<String, Map<String, ObjectNode>> tables = new HashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> applied = new ArrayList<>();

    ClientModel(final String playerId)
    {
        this.playerId = playerId;
    }

    static String zoneKey(final int x, final int y)
    {
        return x + "," + y;
    }

    void apply(final RecordingOutbound.Sent sent)
    {
        if (!playerId.equals(sent.playerId()) || !"world.tick".equals(sent.type()))
        {
            return;
        }
        applyPayload(sent.payload());
    }

    /** Apply one {@code world.tick} payload. */
    void applyPayload(final JsonNode payload)
    {
        final String zone = zoneKey(payload.get("zone").get(0).asInt(), payload.get("zone").get(1).asInt());
        final Map<String, ObjectNode> table = tables.computeIfAbsent(zone, z -> new TreeMap<>());
        if (!payload.has("frame_seq"))
        {
            applied.add(zone + " removal");
            applyUpdates(table, payload.get("updates"));
            return;
        }
        final long seq = payload.get("frame_seq").asLong();
        if (payload.get("kf").asBoolean())
        {
            applied.add(zone + " kf " + seq);
            table.clear();
            applyUpdates(table, payload.get("updates"));
            lastSeq.put(zone, seq);
            return;
        }
        final Long last = lastSeq.get(zone);
        if (null != last && seq <= last)
        {
            problems.add("stale frame " + seq + " after " + last + " in zone " + zone);
            return;
        }
        if (null != last && seq != last + 1)
        {
            problems.add("gap: frame " + seq + " after " + last + " in zone " + zone);
            return;
        }
        applied.add(zone + " delta " + seq);
        applyUpdates(table, payload.get("updates"));
        lastSeq.put(zone, seq);
    }

    private static void applyUpdates(final Map<String, ObjectNode> table, final JsonNode updates)
    {
        for (final JsonNode update : updates)
        {
            final String id = update.get("id").asText();
            final String op = update.get("op").asText();
            switch (op)
            {
                case "a" ->
                {
                    final ObjectNode entity = update.deepCopy();
                    entity.remove("op");
                    entity.remove("id");
                    table.put(id, entity);
                }
                case "u" ->
                {
                    final ObjectNode entity = table.computeIfAbsent(id, key -> Json.object());
                    final Iterator<Map.Entry<String, JsonNode>> fields = update.fields();
                    while (fields.hasNext())
                    {
                        final Map.Entry<String, JsonNode> field = fields.next();
                        if (!"op".equals(field.getKey()) && !"id".equals(field.getKey()))
                        {
                            entity.set(field.getKey(), field.getValue());
                        }
                    }
                }
                case "r" -> table.remove(id);
                default -> throw new AssertionError("unknown op " + op);
            }
        }
    }

    Map<String, ObjectNode> table(final int x, final int y)
    {
        return tables.getOrDefault(zoneKey(x, y), Map.of());
    }

    /** The true entity table of a zone as a client should see it: {id → {x, y, type, hp?}}. */
    static Map<String, ObjectNode> truth(final ZoneContext zone)
    {
        final Map<String, ObjectNode> result = new TreeMap<>();
        final io.asobi.ecs.World ecs = zone.entities();
        final io.asobi.ecs.QueryCursor cursor = ecs.query().with(zone.position()).build().cursor();
        final io.asobi.ecs.ComponentType<WalkLogic.Health> health = ecs.component(WalkLogic.Health.class);
        final List<Integer> entities = new ArrayList<>();
        cursor.reset();
        while (cursor.next())
        {
            entities.add(cursor.entity());
        }
        for (final int entity : entities)
        {
            final ObjectNode node = Json.object();
            node.put("x", ecs.get(entity, zone.positionX()));
            node.put("y", ecs.get(entity, zone.positionY()));
            node.put("type", zone.typeOf(entity));
            if (ecs.has(entity, health))
            {
                node.put("hp", ecs.get(entity, health.intField("hp")));
            }
            result.put(zone.idOf(entity), node);
        }
        return result;
    }
}

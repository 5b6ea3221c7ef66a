package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client following asobi-spec §4.6 keeps from the {@code world.tick} frames it receives: one entity table per
 * zone, the zone's {@code frame_seq} high-water mark, and every rule broken (a delta that is not {@code last + 1},
 * an update or removal of an unknown entity, an addition of a known one). Fed from the connection's frame listener.
 * <p>
 * <b>Note:</b> thread safe (every method is synchronized).
 */
final class WorldClientModel
{
    private final Map<String, Map<String, ObjectNode>> zones = new HashMap<>();
    private final Map<String, Long> frameSeqs = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> keyframes = new ArrayList<>();
    private final List<String> removals = new ArrayList<>();
    private final List<JsonNode> acks = new ArrayList<>();
    private int tickFrames;
    private JsonNode lastJoined;

    synchronized void accept(final Frame frame)
    {
        if ("world.joined".equals(frame.type()))
        {
            lastJoined = frame.payload();
            return;
        }
        if ("world.ack".equals(frame.type()))
        {
            acks.add(frame.payload());
            return;
        }
        if (!"world.tick".equals(frame.type()))
        {
            return;
        }
        tickFrames++;
        final JsonNode p = frame.payload();
        final String zone = key(p.get("zone").get(0).intValue(), p.get("zone").get(1).intValue());
        final Map<String, ObjectNode> table = zones.computeIfAbsent(zone, z -> new LinkedHashMap<>());
        if (!p.has("frame_seq"))
        {
            removals.add(zone);
            apply(zone, table, p.get("updates"), true);
            return;
        }
        final long seq = p.get("frame_seq").longValue();
        if (p.get("kf").booleanValue())
        {
            keyframes.add(zone);
            table.clear();
            frameSeqs.put(zone, seq);
            apply(zone, table, p.get("updates"), false);
            return;
        }
        final long last = frameSeqs.getOrDefault(zone, 0L);
        if (seq != last + 1)
        {
            violations.add(zone + ": frame_seq " + seq + " after " + last);
        }
        frameSeqs.put(zone, seq);
        apply(zone, table, p.get("updates"), false);
    }

    private void apply(final String zone, final Map<String, ObjectNode> table, final JsonNode updates,
        final boolean isRemovalFrame)
    {
        for (final JsonNode u : updates)
        {
            final String id = u.get("id").textValue();
            switch (u.get("op").textValue())
            {
                case "a" ->
                {
                    if (null != table.put(id, ((ObjectNode)u).deepCopy()))
                    {
                        violations.add(zone + ": add of known " + id);
                    }
                }
                case "u" ->
                {
                    final ObjectNode e = table.get(id);
                    if (null == e)
                    {
                        violations.add(zone + ": update of unknown " + id);
                    }
                    else
                    {
                        e.setAll((ObjectNode)u);
                    }
                }
                case "r" ->
                {
                    if (null == table.remove(id) && !isRemovalFrame)
                    {
                        violations.add(zone + ": removal of unknown " + id);
                    }
                }
                default -> violations.add(zone + ": unknown op " + u);
            }
        }
    }

    static String key(final int x, final int y)
    {
        return x + "," + y;
    }

    /** The entity of an id in a zone's table, or null. */
    synchronized ObjectNode entity(final int zoneX, final int zoneY, final String id)
    {
        final Map<String, ObjectNode> table = zones.get(key(zoneX, zoneY));
        final ObjectNode e = null == table ? null : table.get(id);
        return null == e ? null : e.deepCopy();
    }

    /** An entity of any zone, or null. */
    synchronized ObjectNode find(final String id)
    {
        for (final Map<String, ObjectNode> table : zones.values())
        {
            final ObjectNode e = table.get(id);
            if (null != e)
            {
                return e.deepCopy();
            }
        }
        return null;
    }

    /** The payload of the last {@code world.joined} pushed or replied on this connection, or null. */
    synchronized JsonNode lastJoined()
    {
        return lastJoined;
    }

    /** Entities known in a zone. */
    synchronized int size(final int zoneX, final int zoneY)
    {
        final Map<String, ObjectNode> table = zones.get(key(zoneX, zoneY));
        return null == table ? 0 : table.size();
    }

    synchronized long frameSeq(final int zoneX, final int zoneY)
    {
        return frameSeqs.getOrDefault(key(zoneX, zoneY), 0L);
    }

    synchronized List<String> violations()
    {
        return List.copyOf(violations);
    }

    synchronized List<String> keyframes()
    {
        return List.copyOf(keyframes);
    }

    synchronized List<String> removals()
    {
        return List.copyOf(removals);
    }

    synchronized List<JsonNode> acks()
    {
        return List.copyOf(acks);
    }

    synchronized int tickFrames()
    {
        return tickFrames;
    }
}

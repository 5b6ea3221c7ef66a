package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One player's view of a world built from the frames it receives (asobi-spec §4.6): an entity table per zone, each
 * zone's {@code frame_seq} and highest delta tick, the highest {@code world.ack} seq, the last {@code world.joined},
 * and the world tick at which the player's own entity last moved. Fed from the connection's frame listener.
 * <p>
 * <b>Note:</b> thread safe (every method is synchronized).
 */
final class WorldView
{
    private final String selfId;
    private final Map<String, Map<String, ObjectNode>> zones = new HashMap<>();
    private final Map<String, Long> frameSeqs = new HashMap<>();
    private final Map<String, Long> deltaTicks = new HashMap<>();
    private final Map<String, Long> firstDeltaTicks = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private JsonNode joined;
    private long ackedSeq = -1;
    private long ackedTick = -1;
    private long maxDeltaTick;
    private long selfMovedTick = -1;
    private double selfX = Double.NaN;
    private double selfY = Double.NaN;
    private String selfZone;

    WorldView(final String selfId)
    {
        this.selfId = selfId;
    }

    synchronized void accept(final Frame frame)
    {
        switch (frame.type())
        {
            case "world.joined" -> joined = frame.payload();
            case "world.ack" -> onAck(frame.payload());
            case "world.tick" -> onTick(frame.payload());
            default ->
            {
                // terrain chunks, chat, ...: not this view's business
            }
        }
    }

    private void onAck(final JsonNode ack)
    {
        final long seq = ack.path("seq").asLong(-1);
        final long tick = ack.path("tick").asLong(-1);
        if (seq < ackedSeq || tick < ackedTick)
        {
            violations.add("ack went backwards: " + ack + " after seq " + ackedSeq + " tick " + ackedTick);
        }
        ackedSeq = Math.max(ackedSeq, seq);
        ackedTick = Math.max(ackedTick, tick);
    }

    private void onTick(final JsonNode p)
    {
        final String zone = p.path("zone").path(0).asInt() + "," + p.path("zone").path(1).asInt();
        final Map<String, ObjectNode> table = zones.computeIfAbsent(zone, z -> new HashMap<>());
        if (!p.has("frame_seq")) // leave-removal frame
        {
            table.clear();
            return;
        }
        final long seq = p.path("frame_seq").asLong();
        final long tick = p.path("tick").asLong();
        if (p.path("kf").asBoolean())
        {
            table.clear();
        }
        else
        {
            final Long last = frameSeqs.get(zone);
            if (null != last && seq != last + 1)
            {
                violations.add(zone + ": frame_seq " + seq + " after " + last);
            }
            firstDeltaTicks.putIfAbsent(zone, tick);
            deltaTicks.merge(zone, tick, Math::max);
            maxDeltaTick = Math.max(maxDeltaTick, tick);
        }
        frameSeqs.put(zone, seq);
        for (final JsonNode u : p.path("updates"))
        {
            final String id = u.path("id").asText();
            switch (u.path("op").asText())
            {
                case "r" -> table.remove(id);
                case "a" -> table.put(id, ((ObjectNode)u).deepCopy());
                case "u" ->
                {
                    final ObjectNode known = table.get(id);
                    if (null == known)
                    {
                        violations.add(zone + ": update of unknown " + id);
                    }
                    else
                    {
                        known.setAll((ObjectNode)u);
                    }
                }
                default -> violations.add(zone + ": unknown op " + u);
            }
        }
        final ObjectNode self = table.get(selfId);
        if (null != self)
        {
            trackSelf(zone, self, tick);
        }
    }

    /** A keyframe (tick 0) says where the entity is, not since when: the next delta starts the count. */
    private void trackSelf(final String zone, final ObjectNode self, final long tick)
    {
        selfZone = zone;
        final double x = self.path("x").asDouble();
        final double y = self.path("y").asDouble();
        if (0 == tick)
        {
            selfMovedTick = -1;
        }
        else if (selfMovedTick < 0 || x != selfX || y != selfY)
        {
            selfMovedTick = tick;
        }
        selfX = x;
        selfY = y;
    }

    synchronized ObjectNode find(final String id)
    {
        for (final Map<String, ObjectNode> table : zones.values())
        {
            final ObjectNode e = table.get(id);
            if (null != e)
            {
                return e;
            }
        }
        return null;
    }

    /** @return how many entities of this type the subscribed zones hold. */
    synchronized int count(final String type)
    {
        int n = 0;
        for (final Map<String, ObjectNode> table : zones.values())
        {
            for (final ObjectNode e : table.values())
            {
                n += type.equals(e.path("type").asText()) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * @param ticks broadcasts the player's own entity must have kept still.
     * @return its position {x, y} once it has not moved for that many world ticks of deltas, else null.
     */
    synchronized double[] restingSelf(final long ticks)
    {
        if (selfMovedTick < 0 || null == find(selfId) ||
            deltaTicks.getOrDefault(selfZone, 0L) < selfMovedTick + ticks)
        {
            return null;
        }
        return new double[] { selfX, selfY };
    }

    synchronized JsonNode joined()
    {
        return joined;
    }

    synchronized long ackedSeq()
    {
        return ackedSeq;
    }

    synchronized long maxDeltaTick()
    {
        return maxDeltaTick;
    }

    /** @return each zone's highest delta tick. */
    synchronized Map<String, Long> deltaTicks()
    {
        return new HashMap<>(deltaTicks);
    }

    /** @return each zone's first delta tick since this view was made. */
    synchronized Map<String, Long> firstDeltaTicks()
    {
        return new HashMap<>(firstDeltaTicks);
    }

    synchronized List<String> violations()
    {
        return new ArrayList<>(violations);
    }
}

package io.asobi.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A client that negotiated the binary wire: it decodes binary {@code world.tick} frames with
 * {@link BinaryTickDecoder}, resolves slots through its per-zone slot table (an add binds slot → id and generation,
 * a remove unbinds, a keyframe starts the zone's table over) and applies the result as {@link ClientModel} does;
 * JSON text {@code world.tick} frames (the fallback) are applied as they are. Problems recorded: an update or remove
 * of an unbound slot or of another generation, a non-keyframe binary frame of a zone after a JSON frame of it, a
 * binary frame of a zone other than it says.
 */
final class BinaryClientModel
{
    final ClientModel tables;
    final Map<String, Map<Integer, String>> slotIds = new HashMap<>();
    final Map<String, Map<Integer, Integer>> slotGens = new HashMap<>();
    final Set<String> needsKeyframe = new HashSet<>();
    int binaryFrames;
    int jsonFrames;

    BinaryClientModel(final String playerId)
    {
        tables = new ClientModel(playerId);
    }

    void reset()
    {
        tables.tables.clear();
        tables.lastSeq.clear();
        slotIds.clear();
        slotGens.clear();
        needsKeyframe.clear();
    }

    void apply(final RecordingOutbound.Sent sent)
    {
        if (!tables.playerId.equals(sent.playerId()))
        {
            return;
        }
        if (null == sent.binary())
        {
            if ("world.tick".equals(sent.type()))
            {
                jsonFrames++;
                final var payload = sent.payload();
                if (payload.has("frame_seq"))
                {
                    needsKeyframe.add(ClientModel.zoneKey(payload.get("zone").get(0).asInt(),
                        payload.get("zone").get(1).asInt()));
                }
            }
            tables.apply(sent);
            return;
        }
        binaryFrames++;
        applyBinary(BinaryTickDecoder.decode(sent.binary()));
    }

    private void applyBinary(final BinaryTickDecoder.Frame frame)
    {
        final String zone = ClientModel.zoneKey(frame.zoneX(), frame.zoneY());
        final Map<Integer, String> ids = slotIds.computeIfAbsent(zone, z -> new HashMap<>());
        final Map<Integer, Integer> gens = slotGens.computeIfAbsent(zone, z -> new HashMap<>());
        final ObjectNode payload = Json.object();
        payload.putArray("zone").add(frame.zoneX()).add(frame.zoneY());
        if (1 == frame.kind())
        {
            payload.put("frame_seq", frame.frameSeq());
            payload.put("kf", frame.keyframe());
            if (frame.keyframe())
            {
                ids.clear();
                gens.clear();
                needsKeyframe.remove(zone);
            }
            else if (needsKeyframe.contains(zone))
            {
                tables.problems.add("binary delta " + frame.frameSeq() + " of " + zone + " after a JSON frame");
            }
        }
        else if (0 != frame.frameSeq() || frame.keyframe() || 0 != frame.tick())
        {
            tables.problems.add("removal frame with seq/kf/tick " + frame);
        }
        payload.put("tick", frame.tick());
        final ArrayNode updates = payload.putArray("updates");
        for (final BinaryTickDecoder.Rec rec : frame.records())
        {
            final ObjectNode update = updates.addObject();
            final String id;
            if (0 == rec.op())
            {
                id = rec.id();
                ids.put(rec.slot(), id);
                gens.put(rec.slot(), rec.gen());
            }
            else
            {
                id = ids.get(rec.slot());
                if (null == id || rec.gen() != gens.get(rec.slot()))
                {
                    tables.problems.add("op " + rec.op() + " on slot " + rec.slot() + " gen " + rec.gen() +
                        " bound to " + id + " gen " + gens.get(rec.slot()) + " in " + zone);
                    updates.remove(updates.size() - 1);
                    continue;
                }
                if (2 == rec.op())
                {
                    ids.remove(rec.slot());
                }
            }
            update.put("op", 0 == rec.op() ? "a" : 1 == rec.op() ? "u" : "r");
            update.put("id", id);
            for (final Map.Entry<String, Object> field : rec.fields().entrySet())
            {
                switch (field.getValue())
                {
                    case Float f -> update.put(field.getKey(), (double)f);
                    case Integer i -> update.put(field.getKey(), i);
                    case Boolean b -> update.put(field.getKey(), b);
                    case String s -> update.put(field.getKey(), s);
                    case null -> update.putNull(field.getKey());
                    default -> throw new AssertionError(field);
                }
            }
        }
        tables.applyPayload(payload);
    }
}

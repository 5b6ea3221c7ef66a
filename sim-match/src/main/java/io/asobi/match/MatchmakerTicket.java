package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One pending matchmaker ticket. Owned by the matchmaker's thread.
 */
final class MatchmakerTicket
{
    final String id;
    final String playerId;
    final String mode;
    final ObjectNode properties;
    final long submittedAtMs;
    final long submittedNs;
    final double skill;
    int spawnAttempts;

    MatchmakerTicket(
        final String id,
        final String playerId,
        final String mode,
        final ObjectNode properties,
        final long submittedAtMs,
        final long submittedNs)
    {
        this.id = id;
        this.playerId = playerId;
        this.mode = mode;
        this.properties = properties;
        this.submittedAtMs = submittedAtMs;
        this.submittedNs = submittedNs;
        final JsonNode skillNode = properties.get("skill");
        final double value = null != skillNode && skillNode.isNumber() ? skillNode.doubleValue() : 0.0;
        this.skill = Double.isFinite(value) ? value : 0.0;
    }

    /**
     * The {@code matchmaker.ticket} payload.
     *
     * @return {@code {id, mode, status, properties, submitted_at}}.
     */
    ObjectNode toJson()
    {
        final ObjectNode json = Frames.object();
        json.put("id", id);
        json.put("mode", mode);
        json.put("status", "pending");
        json.set("properties", properties.deepCopy());
        json.put("submitted_at", submittedAtMs);
        return json;
    }

    public String toString()
    {
        return "Ticket{" + id + ", player=" + playerId + ", mode=" + mode + ", skill=" + skill + "}";
    }
}

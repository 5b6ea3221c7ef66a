package io.asobi.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One server frame of the realtime protocol.
 *
 * @param type       frame type, for example {@code match.state}.
 * @param payload    the payload (a missing payload is an empty object).
 * @param cid        the echoed correlation id, or null when the frame is not a reply.
 * @param receivedNs when it arrived ({@link System#nanoTime()}).
 */
public record Frame(String type, JsonNode payload, JsonNode cid, long receivedNs)
{
    /**
     * For an {@code error} frame, its {@code error.code}.
     *
     * @return the code, or null for other frames.
     */
    public String errorCode()
    {
        return "error".equals(type) ? payload.path("error").path("code").asText(null) : null;
    }

    /**
     * For an {@code error} frame, its legacy {@code reason}.
     *
     * @return the reason, or null for other frames.
     */
    public String reason()
    {
        return "error".equals(type) ? payload.path("reason").asText(null) : null;
    }
}

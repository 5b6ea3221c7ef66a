package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the answer to one world request goes: a WebSocket frame carrying the request's {@code cid}, or an HTTP
 * response. Implemented by the gateway; the same shape as the match runtime's {@code Reply}.
 * <p>
 * <b>Note:</b> called at most once, from any thread (often a tick thread), and never blocks.
 */
public interface WorldReply
{
    /**
     * The request succeeded.
     *
     * @param type    the reply type, for example {@code world.joined}; HTTP replies ignore it.
     * @param payload the reply payload; ownership passes to the gateway.
     */
    void ok(String type, ObjectNode payload);

    /**
     * The request failed.
     *
     * @param reason  the legacy reason string of asobi-spec §4.3 ({@code world_not_found}, {@code world_full},
     *                {@code already_in_world}, ...); the gateway maps it to the error code.
     * @param details extra {@code error.details} entries (for example {@code refused_reason}), or null.
     */
    void error(String reason, ObjectNode details);
}

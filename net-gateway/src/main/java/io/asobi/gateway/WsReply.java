package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.Reply;
import io.asobi.world.WorldReply;

/**
 * A {@link Reply} (or {@link WorldReply}) answered as a WebSocket frame carrying the request's {@code cid}; errors are {@code error} frames
 * (asobi-spec §4.3), with the request type beside the reason where Asobi puts it (matchmaker requests).
 * <p>
 * <b>Note:</b> callable from any thread.
 */
final class WsReply implements Reply, WorldReply
{
    private final WsSession session;
    private final JsonNode cid;
    private final String errorRequestType;

    /**
     * @param session          where to answer.
     * @param cid              the request's cid, or null.
     * @param errorRequestType the request type added to error payloads, or null.
     */
    WsReply(final WsSession session, final JsonNode cid, final String errorRequestType)
    {
        this.session = session;
        this.cid = cid;
        this.errorRequestType = errorRequestType;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void ok(final String type, final ObjectNode payload)
    {
        session.send(type, payload, cid);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void error(final String reason, final ObjectNode details)
    {
        session.sendError(reason, details, cid, errorRequestType);
    }
}

package io.asobi.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.Reply;

import java.util.Map;

/**
 * A {@link Reply} answered as an HTTP response: success is 200 with the payload as body, an error reason is mapped to
 * its code (route-specific overrides first, then the WebSocket table of asobi-spec §4.3) and the code's status.
 * <p>
 * <b>Note:</b> callable from any thread; only the first answer counts.
 */
final class HttpReply implements Reply
{
    private final HttpExchange exchange;
    private final Map<String, String> codeOverrides;

    /**
     * @param exchange      the exchange to answer.
     * @param codeOverrides reason → code entries that take precedence for this route; empty for none.
     */
    HttpReply(final HttpExchange exchange, final Map<String, String> codeOverrides)
    {
        this.exchange = exchange;
        this.codeOverrides = codeOverrides;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void ok(final String type, final ObjectNode payload)
    {
        exchange.json(200, null == payload ? Json.NODES.objectNode() : payload);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void error(final String reason, final ObjectNode details)
    {
        final String safeReason = null == reason ? ErrorCodes.INTERNAL : reason;
        final String override = codeOverrides.get(safeReason);
        final String code = null != override ? override : ErrorCodes.codeForReason(safeReason);
        final ObjectNode errorDetails = null == details ? Json.NODES.objectNode() : details.deepCopy();
        if (ErrorCodes.WS_REQUEST_FAILED.equals(code))
        {
            errorDetails.put("reason", safeReason);
        }
        exchange.error(code, errorDetails);
    }
}

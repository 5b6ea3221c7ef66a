package io.asobi.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.metagame.Audit;
import io.asobi.metagame.AuditEntry;
import io.asobi.metagame.MetagameServices;
import io.netty.handler.codec.http.HttpMethod;

/**
 * The operator API's shared routes under {@code /api/v1/ops} (bearer = the operator secret): {@code GET
 * /ops/audit?limit=&offset=} lists the audit log newest first as {@code {data:[...], page:{limit, offset,
 * total}}} (asobi-spec §3.9's list shape). Domain route groups add their own {@code /ops/<domain>} routes.
 */
final class OpsRoutes implements RestRoutes
{
    private static final String GET_ONLY = "GET, OPTIONS";

    private final RestSupport support;
    private final Audit audit;

    OpsRoutes(final RestSupport support, final MetagameServices metagame)
    {
        this.support = support;
        this.audit = metagame.audit();
    }

    public boolean handle(final HttpExchange ex, final String[] seg)
    {
        if (seg.length < 3 || !"ops".equals(seg[2]))
        {
            return false;
        }
        if (4 == seg.length && "audit".equals(seg[3]))
        {
            support.operator(ex);
            if (RestSupport.allow(ex, GET_ONLY, HttpMethod.GET))
            {
                final int limit = RestSupport.intParam(ex, "limit", 50, 1, 200);
                final int offset = RestSupport.intParam(ex, "offset", 0, 0, 100_000);
                RestSupport.answer(ex, audit.entries(limit, offset), page -> page(page, limit, offset));
            }
            return true;
        }
        return false;
    }

    private static ObjectNode page(final Audit.Page<AuditEntry> page, final int limit, final int offset)
    {
        final ObjectNode body = Json.NODES.objectNode();
        final ArrayNode data = body.putArray("data");
        for (final AuditEntry entry : page.items())
        {
            final ObjectNode row = data.addObject();
            row.put("id", entry.sequence());
            row.put("at", entry.atMs());
            row.put("operator", entry.operator());
            row.put("action", entry.action());
            row.put("target", entry.target());
            row.set("details", Json.parseOrText(entry.detailsJson()));
        }
        body.putObject("page").put("limit", limit).put("offset", offset).put("total", page.total());
        return body;
    }
}

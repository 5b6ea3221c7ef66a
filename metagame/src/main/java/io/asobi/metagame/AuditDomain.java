package io.asobi.metagame;

import io.asobi.sbe.ops.AuditRecordedDecoder;
import io.asobi.sbe.ops.AuditRecordedEncoder;
import io.asobi.sbe.ops.MessageHeaderDecoder;
import io.asobi.sbe.ops.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator audit log as a metagame domain (schema 7): {@link #record} journals one {@code AuditRecorded};
 * operator commands of every domain call it on the writer thread right after journaling their own record.
 * <p>
 * <b>Note:</b> writer thread only, except {@link #entries} which queues a read on the writer.
 */
final class AuditDomain implements MetagameDomain, Audit
{
    /** Longest details JSON kept (bytes). */
    static final int MAX_DETAILS_BYTES = 16 * 1024;

    private final MetagameStateMachine machine;
    private final ArrayList<AuditEntry> entries = new ArrayList<>();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final AuditRecordedDecoder decoder = new AuditRecordedDecoder();
    private final AuditRecordedEncoder encoder = new AuditRecordedEncoder();

    AuditDomain(final MetagameStateMachine machine)
    {
        this.machine = machine;
    }

    public int schemaId()
    {
        return MessageHeaderDecoder.SCHEMA_ID;
    }

    public void checkFormat(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalStateException("audit record shorter than its header: " + length + " bytes");
        }
        headerDecoder.wrap(buffer, offset);
        if (AuditRecordedDecoder.TEMPLATE_ID != headerDecoder.templateId() ||
            headerDecoder.version() > AuditRecordedDecoder.SCHEMA_VERSION)
        {
            throw new IllegalStateException("unknown audit record: templateId=" + headerDecoder.templateId() +
                " version=" + headerDecoder.version());
        }
    }

    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        headerDecoder.wrap(buffer, offset);
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = decoder.atMs();
        final long sequence = decoder.sequence();
        final String operator = decoder.operatorLabel();
        final String action = decoder.action();
        final String target = decoder.target();
        final byte[] details = new byte[decoder.detailsLength()];
        decoder.getDetails(details, 0, details.length);
        entries.add(new AuditEntry(sequence, atMs, operator, action, target,
            new String(details, StandardCharsets.UTF_8)));
    }

    /**
     * Journal one audit entry (writer thread, inside an operator command, after its own record).
     *
     * @param writer      the writer.
     * @param operator    operator label.
     * @param action      the action, e.g. {@code economy.grant}.
     * @param target      what it acted on, or empty.
     * @param detailsJson its parameters, a JSON object (cut to {@link #MAX_DETAILS_BYTES}: then {@code {"_truncated":true}}).
     */
    void record(
        final MetagameWriter writer,
        final String operator,
        final String action,
        final String target,
        final String detailsJson)
    {
        byte[] details = (null == detailsJson ? "{}" : detailsJson).getBytes(StandardCharsets.UTF_8);
        if (details.length > MAX_DETAILS_BYTES)
        {
            details = "{\"_truncated\":true}".getBytes(StandardCharsets.UTF_8);
        }
        final ExpandableArrayBuffer buffer = writer.scratch();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .sequence(entries.size() + 1L)
            .operatorLabel(clip(operator))
            .action(clip(action))
            .target(clip(target))
            .putDetails(details, 0, details.length);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private static String clip(final String value)
    {
        if (null == value)
        {
            return "";
        }
        return value.length() <= 256 ? value : value.substring(0, 256);
    }

    public java.util.concurrent.CompletableFuture<Page<AuditEntry>> entries(final int limit, final int offset)
    {
        final int boundedLimit = Math.max(1, Math.min(200, limit));
        final int boundedOffset = Math.max(0, offset);
        return machine.execute(writer ->
        {
            final List<AuditEntry> page = new ArrayList<>(boundedLimit);
            for (int i = entries.size() - 1 - boundedOffset; i >= 0 && page.size() < boundedLimit; i--)
            {
                page.add(entries.get(i));
            }
            return new Page<>(page, entries.size());
        });
    }
}

package io.asobi.metagame;

/**
 * One operator action in the audit log.
 *
 * @param sequence    entry number, contiguous from 1.
 * @param atMs        when (Unix ms).
 * @param operator    who (the operator label).
 * @param action      what, e.g. {@code economy.grant}.
 * @param target      on what (a player id, an item id), or empty.
 * @param detailsJson the action's parameters as a JSON object.
 */
public record AuditEntry(long sequence, long atMs, String operator, String action, String target, String detailsJson)
{
}

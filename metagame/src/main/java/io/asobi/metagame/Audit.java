package io.asobi.metagame;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The operator audit log: every mutation made through the operator API, journaled with the mutation.
 */
public interface Audit
{
    /**
     * Entries newest first.
     *
     * @param limit  at most this many (1..200).
     * @param offset skip this many of the newest.
     * @return the entries and the total count.
     */
    CompletableFuture<Page<AuditEntry>> entries(int limit, int offset);

    /**
     * One page of a list.
     *
     * @param items the page.
     * @param total items in the whole list.
     * @param <T>   item type.
     */
    record Page<T>(List<T> items, long total)
    {
    }
}

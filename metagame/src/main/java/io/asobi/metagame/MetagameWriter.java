package io.asobi.metagame;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * What a {@link DomainCommand} (or a domain's timer) may do on the metagame writer thread.
 * <p>
 * <b>Note:</b> writer thread only.
 */
interface MetagameWriter
{
    /**
     * The writer's clock for this duty cycle.
     *
     * @return Unix milliseconds.
     */
    long nowMs();

    /**
     * Journal one record (an SBE message with its header, of a registered domain's schema), then apply it through
     * its domain. The record is in the journal's mapped file before this returns; only then may the command answer
     * its caller.
     *
     * @param buffer holding the record.
     * @param offset where it starts.
     * @param length its length.
     * @throws IllegalStateException if the record's schema belongs to no domain.
     * @throws RuntimeException      if the journal refuses the append (nothing is applied).
     */
    void appendAndApply(DirectBuffer buffer, int offset, int length);

    /**
     * A reusable buffer for encoding one record at a time.
     *
     * @return the buffer; its content is only valid until the next call.
     */
    ExpandableArrayBuffer scratch();

    /**
     * The accounts (read only from domains: does a player exist, its username).
     *
     * @return the account state.
     */
    AccountState accounts();

    /**
     * Another registered domain, for commands that span two (a tournament granting its rewards).
     *
     * @param type the domain's class.
     * @param <T>  its type.
     * @return the domain.
     * @throws IllegalArgumentException if none of that class is registered.
     */
    <T extends MetagameDomain> T domain(Class<T> type);
}

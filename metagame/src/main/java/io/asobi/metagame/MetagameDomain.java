package io.asobi.metagame;

import org.agrona.DirectBuffer;

/**
 * A part of the metagame (economy, leaderboards, storage, ...) that lives in the single metagame writer. Its
 * journal records are SBE messages of its own schema ({@link #schemaId()}); a record is the decided effect of one
 * command, and {@link #apply} is the one path by which the domain's state changes, live (right after the record is
 * journaled, through {@link MetagameWriter#appendAndApply}) and when the journal is replayed at start-up.
 * <p>
 * Reads from other threads go through {@link DomainCommand}s (answered on the writer) or through state the domain
 * publishes safely itself.
 * <p>
 * <b>Note:</b> {@link #checkFormat}, {@link #apply} and {@link #onTimer} run on the writer thread only.
 */
interface MetagameDomain
{
    /**
     * The SBE schema id of this domain's records; unique among the domains (3 is the accounts schema).
     *
     * @return the schema id.
     */
    int schemaId();

    /**
     * Check that a record of this schema is one this code can apply (replay and start-up repair).
     *
     * @param buffer holding the record (SBE header first).
     * @param offset where it starts.
     * @param length its length.
     * @throws IllegalStateException naming what is wrong.
     */
    void checkFormat(DirectBuffer buffer, int offset, int length);

    /**
     * Apply a journaled record to the domain's state; must be deterministic (everything nondeterministic is in the
     * record).
     *
     * @param buffer holding the record (SBE header first).
     * @param offset where it starts.
     * @param length its length.
     */
    void apply(DirectBuffer buffer, int offset, int length);

    /**
     * Time-driven work (scheduled resets, tournament lifecycle), called about once a second once the journal has
     * been replayed; what it decides goes through {@code writer} like any command's records.
     *
     * @param writer the writer's services.
     * @return work done (0 if none).
     */
    default int onTimer(final MetagameWriter writer)
    {
        return 0;
    }

    /**
     * A player was erased (a journaled erase record was applied, live or in replay): drop everything this domain
     * holds about the player. Must be deterministic and must not journal anything.
     *
     * @param playerId the erased player.
     */
    default void onPlayerErased(final String playerId)
    {
    }

    /**
     * Add what this domain holds about a player to a data export (operator {@code players/:id/export}).
     *
     * @param playerId the player.
     * @param out      the export object; add one field named after the domain.
     */
    default void exportPlayer(final String playerId, final com.fasterxml.jackson.databind.node.ObjectNode out)
    {
    }
}

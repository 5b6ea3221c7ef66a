/**
 * Durable records: {@link io.asobi.persistence.Journal}, an append-only journal of binary records over Chronicle
 * Queue, read back from the start by a {@link io.asobi.persistence.JournalReader} for replay and recovery.
 * <pre>
 *  owner thread                     journal directory (one file per roll cycle)
 *  ────────────                     ───────────────────────────────────────────
 *  Journal.append(buffer) ───────►  [record][record][record]...   (memory-mapped)
 *                                          │
 *  Journal.replay(handler) ◄───────────────┘  every record from the first, in append order
 * </pre>
 * {@link io.asobi.persistence.SimulationJournal} builds the simulation input journal on it (one document per tick,
 * the group commit), read back and checked by {@link io.asobi.persistence.SimulationJournalReader}.
 */
package io.asobi.persistence;

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
 */
package io.asobi.persistence;

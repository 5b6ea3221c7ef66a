/**
 * The metagame: password accounts, opaque tokens and player profiles as one journaled single-writer state machine,
 * {@link io.asobi.metagame.MetagameStateMachine}, behind the {@link io.asobi.metagame.Accounts} contract.
 * <pre>
 *  I/O threads                hash pool (Argon2id)          writer thread (AgentRunner + MetagameAgent)
 *  ───────────                ────────────────────          ───────────────────────────────────────────
 *  register / login ───────►  hash or verify ───┐           onStart: replay the journal into AccountState
 *  refresh / logout / update ───────────────────┼─► queue ─► doWork: decide → encode record → Journal.append
 *                                               │                    → apply (same adapter as replay)
 *  authenticate / player ◄── concurrent maps ◄──┘ (written            → complete the caller's future
 *                                                  by the writer only)
 * </pre>
 */
package io.asobi.metagame;

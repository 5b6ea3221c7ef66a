/**
 * Matches and the matchmaker: the game-mode contract ({@link io.asobi.match.GameMode},
 * {@link io.asobi.match.MatchLogic}, {@link io.asobi.match.MatchContext}), the gateway's view
 * ({@link io.asobi.match.MatchService}, {@link io.asobi.match.Reply}, {@link io.asobi.match.MatchOutbound}) and its
 * implementation {@link io.asobi.match.MatchRuntime}.
 * <p>
 * Threads and data flow in {@link io.asobi.match.MatchRuntime}:
 * <pre>
 * I/O thread: join / find_or_create / leave / input
 *   ├─ reads match snapshots (volatile, immutable) to choose or check a match
 *   ├─ side table: requestId → (Reply, player, retry info)            (joins and leaves only)
 *   └─ InputPublisher.tryPublish(simId, playerNo, JOIN|LEAVE|INPUT,
 *                                [requestId][playerIdLength][playerId][json])  ─► tick thread ring
 * tick thread (TickAgent + shard duty [+ matchmaker on thread 0]):
 *   onInput: stage in ring order → onTick: joins/leaves, inputs (running), logic.tick, match.state frames,
 *   lifecycle (waiting → running → finished → removed), replies from the side table
 * matchmaker (single writer): request queue (answered at once), tick every matchmakerTickIntervalMs:
 *   expire, group per mode (fill | skill_based), create match, joins through the ring, match.matched when applied
 * </pre>
 */
package io.asobi.match;

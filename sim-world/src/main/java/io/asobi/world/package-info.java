/**
 * Persistent worlds: zones on a grid as simulations on the tick engine, interest management, per-zone deltas and
 * reconnection (asobi-spec §4.4-4.6, §5.2, §6).
 * <p>
 * The contract: the gateway's view ({@link io.asobi.world.WorldService}, {@link io.asobi.world.WorldReply},
 * {@link io.asobi.world.WorldOutbound}), the game's ({@link io.asobi.world.WorldMode},
 * {@link io.asobi.world.WorldConfig}, {@link io.asobi.world.WorldLogic}, {@link io.asobi.world.WorldContext},
 * {@link io.asobi.world.ZoneContext}), and the ring-change hook ({@link io.asobi.world.ZoneSubscriptionListener});
 * the implementation is {@link io.asobi.world.WorldRuntime}.
 * <pre>
 * I/O thread: create / find_or_create / join / leave / input / resync / connect / disconnect
 *   ├─ reads world views (volatile, immutable) to choose or check a world
 *   ├─ side table: requestId → (WorldReply, player, retry info)          (joins and leaves)
 *   └─ InputPublisher.tryPublish(worldSimId, playerNo, type, [value][json]) ─► the world's tick thread ring
 * tick thread (TickAgent + shard duty), per world:
 *   world onInput: inputs staged into the zone owning the player's entity; control records staged
 *   world onTick:  joins, leaves, connects, disconnects, resyncs; reconnect grace; idle-zone reaping; empty world
 *   zone onTick:   zoneTick, inputs, crossings (re-home, ring change: keyframes in, removals out),
 *                  every broadcastInterval: one world.tick delta per zone for all subscribers, then world.ack
 * </pre>
 */
package io.asobi.world;

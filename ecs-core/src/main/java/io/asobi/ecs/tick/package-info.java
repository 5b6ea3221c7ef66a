/**
 * The tick engine: tick threads that host many simulations, each stepped at its own fixed rate.
 * <pre>
 *  I/O threads                       tick thread (AgentRunner + TickAgent, pinned where the OS allows)
 *  ───────────                       ─────────────────────────────────────────────────────────────────
 *  InputPublisher.tryPublish ──┐     doWork():
 *  InputPublisher.tryPublish ──┼──►    1. now = clock.nanoTime()
 *        (Disruptor ring,      │       2. control queue: add / remove simulations   (bounded)
 *         multi-producer)      │       3. ring: Simulation.onInput, in ring order    (bounded)
 *  TickAgent.tryAdd/tryRemove ─┘       4. due simulations: Simulation.onTick, by (deadline, registration)
 *        (control queue)
 * </pre>
 * Simulations are opaque to the engine ({@link io.asobi.ecs.tick.Simulation}); a throwing simulation is quarantined
 * and reported ({@link io.asobi.ecs.tick.QuarantineHandler}) while the others keep their schedule. See
 * {@code docs/tick-engine.md} for the scheduling policy.
 */
package io.asobi.ecs.tick;

package io.asobi.ecs.tick;

import org.agrona.DirectBuffer;

/**
 * A simulation hosted by a {@link TickAgent}: opaque to the engine, stepped at its own fixed rate.
 * <p>
 * Determinism contract: a simulation reads no wall clock. Its ticks count {@code 0, 1, 2, ...} and its simulation
 * time is {@code tick × interval}. Inputs are delivered in ring order; an input delivered before {@code onTick(n)}
 * is applied by tick {@code n}, so a simulation stages inputs in {@link #onInput} and applies them in
 * {@link #onTick}.
 * <p>
 * Any {@link Throwable} thrown from either method quarantines this simulation (see {@link QuarantineHandler}).
 * <p>
 * <b>Note:</b> both methods are called on the tick thread only.
 */
public interface Simulation
{
    /**
     * Called for each input addressed to this simulation, in ring order, before the step that applies it.
     *
     * @param sourceId  the producer-assigned source (for example a session id).
     * @param inputType the producer-assigned type of the input.
     * @param buffer    holding the payload; valid only for the duration of this call, copy what must be kept.
     * @param offset    at which the payload starts in {@code buffer}.
     * @param length    of the payload in bytes.
     */
    void onInput(long sourceId, int inputType, DirectBuffer buffer, int offset, int length);

    /**
     * Step the simulation once.
     *
     * @param tick the number of this step, starting at 0 and increasing by one per step.
     */
    void onTick(long tick);
}

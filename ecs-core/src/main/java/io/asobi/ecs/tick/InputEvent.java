package io.asobi.ecs.tick;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated ring slot: routing fields plus a payload buffer of {@code maxInputBytes} owned by the slot.
 * Written by the producer that claimed the slot, read by the tick thread after publication.
 */
final class InputEvent
{
    final UnsafeBuffer payload;
    long simulationId;
    long sourceId;
    int inputType;
    int length;

    InputEvent(final int maxInputBytes)
    {
        payload = new UnsafeBuffer(new byte[maxInputBytes]);
    }
}

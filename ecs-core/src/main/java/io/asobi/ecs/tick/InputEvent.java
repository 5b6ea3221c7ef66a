package io.asobi.ecs.tick;

/**
 * Routing fields of one preallocated ring slot. The payload lives in the agent's payload region at
 * {@code (sequence & (ringCapacity - 1)) × slotStrideBytes}. Written by the producer that claimed the slot, read by
 * the tick thread after publication.
 */
final class InputEvent
{
    long simulationId;
    long sourceId;
    int inputType;
    int length;
}

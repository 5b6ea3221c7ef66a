package io.asobi.jmh;

/**
 * One entity state as a plain object: the source data both codecs of {@link SnapshotCodecBenchmark} encode, and
 * the type Jackson decodes into. Same fields and types as one SBE {@code EntityStates.entities} element (22 B).
 */
record SnapshotCodecEntity(int entityId, float x, float y, float vx, float vy, short hp)
{
}

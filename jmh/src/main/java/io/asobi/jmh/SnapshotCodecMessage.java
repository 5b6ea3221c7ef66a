package io.asobi.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A set of entity states at one tick as plain objects, the same data as an SBE {@code EntityStates} message.
 *
 * @param tick     tick the states belong to.
 * @param entities states, in encoding order.
 */
record SnapshotCodecMessage(long tick, List<SnapshotCodecEntity> entities)
{
    /**
     * Game-like values: positions in a 4 km zone, speeds up to 10 m/s, hit points up to 1,000, all finite.
     *
     * @param entityCount entities in the message.
     * @param seed        random seed, so every fork encodes the same bytes.
     * @return a new message.
     */
    static SnapshotCodecMessage random(final int entityCount, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<SnapshotCodecEntity> entities = new ArrayList<>(entityCount);
        for (int i = 0; i < entityCount; i++)
        {
            entities.add(new SnapshotCodecEntity(
                100_000 + random.nextInt(1_000_000),
                (float)random.nextDouble(0, 4096),
                (float)random.nextDouble(0, 4096),
                (float)random.nextDouble(-10, 10),
                (float)random.nextDouble(-10, 10),
                (short)random.nextInt(0, 1001)));
        }

        return new SnapshotCodecMessage(30L * 60 * 60 + random.nextInt(1_000_000), entities);
    }

    /**
     * Sum of every field (floats as raw bits): what a decode benchmark returns, so both codecs can be checked to
     * have read the same values.
     *
     * @return the checksum.
     */
    long checksum()
    {
        long sum = tick;
        for (int i = 0, n = entities.size(); i < n; i++)
        {
            final SnapshotCodecEntity entity = entities.get(i);
            sum += entityFieldSum(entity.entityId(), entity.x(), entity.y(), entity.vx(), entity.vy(), entity.hp());
        }

        return sum;
    }

    static long entityFieldSum(
        final int entityId, final float x, final float y, final float vx, final float vy, final short hp)
    {
        return (long)entityId + Float.floatToRawIntBits(x) + Float.floatToRawIntBits(y) +
            Float.floatToRawIntBits(vx) + Float.floatToRawIntBits(vy) + hp;
    }
}

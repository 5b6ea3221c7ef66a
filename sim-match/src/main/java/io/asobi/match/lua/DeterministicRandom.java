package io.asobi.match.lua;

/**
 * The per-match random number generator behind {@code math.random}: SplitMix64 (Steele, Lea, Flood 2014), written
 * out here so its sequence is fixed by this code rather than by a JDK version. The same seed gives the same sequence
 * on every JVM.
 * <p>
 * <b>Note:</b> single-threaded.
 */
final class DeterministicRandom
{
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    /**
     * A generator at the start of the sequence for {@code seed}.
     *
     * @param seed any value.
     */
    DeterministicRandom(final long seed)
    {
        state = seed;
    }

    /**
     * The generator's whole state, for snapshots: {@link #state(long)} with it continues this exact sequence.
     *
     * @return the state.
     */
    long state()
    {
        return state;
    }

    /**
     * Continue the sequence from a state read with {@link #state()}.
     *
     * @param state a state from {@link #state()}.
     */
    void state(final long state)
    {
        this.state = state;
    }

    /**
     * The next 64 random bits.
     *
     * @return uniformly distributed bits.
     */
    long nextLong()
    {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A double in [0, 1).
     *
     * @return uniformly distributed, 53 bits of precision.
     */
    double nextDouble()
    {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * A long in [low, high], without modulo bias.
     *
     * @param low  lowest value.
     * @param high highest value, at least {@code low}; {@code high - low} must not overflow.
     * @return uniformly distributed.
     */
    long nextLong(final long low, final long high)
    {
        final long bound = high - low + 1; // at most 2^32 for int arguments, so positive
        final long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
        long bits;
        do
        {
            bits = nextLong() >>> 1;
        }
        while (bits >= limit);
        return low + bits % bound;
    }
}

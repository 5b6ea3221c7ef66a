package io.asobi.match;

/**
 * The hash a journaled tick records in its {@code TickEnd}: 64-bit FNV-1a over the bytes of every frame the tick
 * released, in release order. Live matches and {@link MatchReplay} must compute it the same way.
 */
final class FrameHash
{
    /** The hash of a tick that released no frame. */
    static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private FrameHash()
    {
    }

    /**
     * Fold one frame into a running hash.
     *
     * @param hash  the hash so far ({@link #EMPTY} at the start of a tick).
     * @param frame the frame's bytes.
     * @return the new hash.
     */
    static long add(final long hash, final byte[] frame)
    {
        long h = hash;
        for (final byte b : frame)
        {
            h = (h ^ (b & 0xFF)) * PRIME;
        }
        return h;
    }
}

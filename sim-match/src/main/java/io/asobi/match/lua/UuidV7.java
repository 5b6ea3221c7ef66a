package io.asobi.match.lua;

import java.security.SecureRandom;

/**
 * UUID version 7 strings (RFC 9562) for {@code game.id()}: 48 bits of Unix milliseconds, a 12-bit sequence that keeps
 * ids from one generator increasing within a millisecond (starting from a random value), and 62 random bits.
 * <p>
 * Ids are unique, not reproducible: a script that stores them in game state makes replays differ in those ids.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class UuidV7
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private long lastMs = Long.MIN_VALUE;
    private int sequence;

    /**
     * A new id stamped with the current time.
     *
     * @return 36-character lower-case UUID string.
     */
    String next()
    {
        return next(System.currentTimeMillis());
    }

    /**
     * A new id stamped with {@code epochMs}, or with the last stamp if the clock went back.
     *
     * @param epochMs Unix time in milliseconds.
     * @return 36-character lower-case UUID string.
     */
    synchronized String next(final long epochMs)
    {
        long ms = epochMs;
        if (ms <= lastMs)
        {
            ms = lastMs;
            sequence++;
            if (sequence > 0xFFF)
            {
                ms++;
                sequence = random.nextInt(0x800);
            }
        }
        else
        {
            sequence = random.nextInt(0x800); // leave room to count up within the millisecond
        }
        lastMs = ms;
        final long msb = ((ms & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | sequence;
        final long lsb = 0x8000_0000_0000_0000L | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return format(msb, lsb);
    }

    private static String format(final long msb, final long lsb)
    {
        final char[] out = new char[36];
        int at = 0;
        for (int i = 0; i < 32; i++)
        {
            if (8 == i || 12 == i || 16 == i || 20 == i)
            {
                out[at++] = '-';
            }
            final long word = i < 16 ? msb : lsb;
            final int shift = 60 - 4 * (i & 15);
            out[at++] = HEX[(int)(word >>> shift) & 0xF];
        }
        return new String(out);
    }
}

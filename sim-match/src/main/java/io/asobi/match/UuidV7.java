package io.asobi.match;

import org.agrona.concurrent.EpochClock;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * UUIDv7 strings (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter within the millisecond, then 62
 * random bits, so ids from one generator sort by creation order (also when the clock steps back) and cannot be
 * guessed. Used for match, ticket and script ({@code game.id()}) ids.
 * <p>
 * <b>Note:</b> thread safe.
 */
public final class UuidV7 implements Supplier<String>
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final EpochClock epochClock;
    private final SecureRandom random = new SecureRandom();
    private long lastMs = Long.MIN_VALUE;
    private int sequence;

    /**
     * @param epochClock source of the time stamp.
     */
    public UuidV7(final EpochClock epochClock)
    {
        this.epochClock = Objects.requireNonNull(epochClock, "epochClock");
    }

    /**
     * A new id stamped with the clock's time.
     *
     * @return its canonical 36-character lower-case form.
     */
    public String get()
    {
        return next(epochClock.time());
    }

    /**
     * A new id stamped with {@code epochMs}, or with the last stamp if the clock went back; always greater than the
     * previous id of this generator.
     *
     * @param epochMs Unix time in milliseconds.
     * @return its canonical 36-character lower-case form.
     */
    public synchronized String next(final long epochMs)
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

package io.asobi.sbe;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Strings made of valid Unicode scalar values only (no lone surrogates), so that UTF-8 encoding is lossless:
 * ASCII, Latin, CJK, emoji and other supplementary-plane characters.
 */
public final class UnicodeArbitraries
{
    private UnicodeArbitraries()
    {
    }

    /**
     * @param maxCodePoints most code points in one string.
     * @return strings of 0..maxCodePoints scalar values, biased towards multi-byte UTF-8.
     */
    public static Arbitrary<String> unicodeStrings(final int maxCodePoints)
    {
        final Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E)),
            Tuple.of(1, Arbitraries.integers().between(0x00, 0x7FF)),
            Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
            Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
            Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)));

        return codePoint.list().ofMaxSize(maxCodePoints).map(
            codePoints ->
            {
                final StringBuilder builder = new StringBuilder(codePoints.size() * 2);
                codePoints.forEach(builder::appendCodePoint);
                return builder.toString();
            });
    }
}

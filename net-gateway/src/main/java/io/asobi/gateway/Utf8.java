package io.asobi.gateway;

/**
 * UTF-8 helpers that do not allocate.
 */
final class Utf8
{
    private Utf8()
    {
    }

    /**
     * Encoded length of a string (an unpaired surrogate counts as the 3-byte replacement character).
     *
     * @param text the string.
     * @return UTF-8 bytes.
     */
    static int length(final String text)
    {
        int bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                bytes += 1;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                bytes += 4;
                i++;
            }
            else
            {
                bytes += 3;
            }
        }
        return bytes;
    }
}

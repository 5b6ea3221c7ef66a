package io.asobi.match.lua;

import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Already-encoded JSON handed to {@code JsonGenerator.writeRawValue}: a byte generator copies the UTF-8 bytes
 * straight into its buffer; a character generator asks for {@link #getValue()}.
 * <p>
 * <b>Note:</b> a view of a reused buffer, valid until that buffer is written again.
 */
final class RawJson implements SerializableString
{
    private byte[] bytes;
    private int length;
    private String value;

    /**
     * Point the view at encoded bytes.
     *
     * @param bytes  buffer holding UTF-8 JSON from index 0.
     * @param length number of bytes.
     * @return this.
     */
    RawJson wrap(final byte[] bytes, final int length)
    {
        this.bytes = bytes;
        this.length = length;
        value = null;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public String getValue()
    {
        if (null == value)
        {
            value = new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        return value;
    }

    /**
     * {@inheritDoc}
     */
    public int charLength()
    {
        return getValue().length();
    }

    /**
     * {@inheritDoc}
     */
    public char[] asQuotedChars()
    {
        return getValue().toCharArray();
    }

    /**
     * {@inheritDoc}
     */
    public byte[] asUnquotedUTF8()
    {
        return Arrays.copyOf(bytes, length);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] asQuotedUTF8()
    {
        return asUnquotedUTF8();
    }

    /**
     * {@inheritDoc}
     */
    public int appendQuotedUTF8(final byte[] buffer, final int offset)
    {
        return appendUnquotedUTF8(buffer, offset);
    }

    /**
     * {@inheritDoc}
     */
    public int appendQuoted(final char[] buffer, final int offset)
    {
        return appendUnquoted(buffer, offset);
    }

    /**
     * {@inheritDoc}
     */
    public int appendUnquotedUTF8(final byte[] buffer, final int offset)
    {
        if (offset + length > buffer.length)
        {
            return -1;
        }
        System.arraycopy(bytes, 0, buffer, offset, length);
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public int appendUnquoted(final char[] buffer, final int offset)
    {
        final String s = getValue();
        if (offset + s.length() > buffer.length)
        {
            return -1;
        }
        s.getChars(0, s.length(), buffer, offset);
        return s.length();
    }

    /**
     * {@inheritDoc}
     */
    public int writeQuotedUTF8(final OutputStream out) throws IOException
    {
        return writeUnquotedUTF8(out);
    }

    /**
     * {@inheritDoc}
     */
    public int writeUnquotedUTF8(final OutputStream out) throws IOException
    {
        out.write(bytes, 0, length);
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public int putQuotedUTF8(final ByteBuffer buffer)
    {
        return putUnquotedUTF8(buffer);
    }

    /**
     * {@inheritDoc}
     */
    public int putUnquotedUTF8(final ByteBuffer buffer)
    {
        if (buffer.remaining() < length)
        {
            return -1;
        }
        buffer.put(bytes, 0, length);
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return getValue();
    }
}

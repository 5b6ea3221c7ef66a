package io.asobi.terrain;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib compression of raw chunks, the format of Erlang's {@code zlib:compress/1} that Asobi clients inflate (zlib
 * header, deflate data, Adler-32 trailer). One {@link Deflater} and one {@link Inflater} are reused for every
 * chunk: encoding into a caller's buffer and decoding allocate nothing.
 * <p>
 * Decoding treats its input as hostile: it inflates at most {@value Chunk#RAW_BYTES} bytes (plus one to detect
 * excess), so a zip bomb costs no more than a real chunk, and it rejects, with an {@link IllegalArgumentException}
 * saying why, an empty or oversized input, a corrupt or truncated stream, a preset dictionary, a stream that
 * inflates to anything other than exactly {@value Chunk#RAW_BYTES} bytes, and bytes after the end of the stream.
 * <p>
 * <b>Note:</b> not thread safe; one instance per thread (or a pool). {@link #close()} frees the native zlib state.
 * Compressed bytes are only as deterministic as the JDK's zlib: the raw tiles are the reproducible form.
 */
public final class ChunkCodec implements AutoCloseable
{
    /** zlib's {@code compressBound(16384)}: no chunk compresses to more than this. */
    public static final int MAX_ENCODED_BYTES =
        Chunk.RAW_BYTES + (Chunk.RAW_BYTES >>> 12) + (Chunk.RAW_BYTES >>> 14) + (Chunk.RAW_BYTES >>> 25) + 13;

    /** Largest compressed input {@link #decode} accepts (a valid chunk never needs more than 16,400 bytes). */
    public static final int MAX_DECODE_INPUT_BYTES = 64 * 1024;

    private static final int STALL_LIMIT = 4;

    private final Deflater deflater;
    private final Inflater inflater = new Inflater();
    private final byte[] scratch = new byte[MAX_ENCODED_BYTES];
    private final byte[] probe = new byte[1];
    private final int level;

    /**
     * A codec at {@link Deflater#DEFAULT_COMPRESSION}, as Erlang's {@code zlib:compress/1}.
     */
    public ChunkCodec()
    {
        this(Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * A codec at a given compression level.
     *
     * @param level {@link Deflater#DEFAULT_COMPRESSION} (-1) or 0..9 ({@link Deflater#BEST_SPEED} is 1).
     * @throws IllegalArgumentException if out of range.
     */
    public ChunkCodec(final int level)
    {
        checkLevel(level);
        this.level = level;
        deflater = new Deflater(level);
    }

    /**
     * The compression level.
     *
     * @return -1..9.
     */
    public int level()
    {
        return level;
    }

    /**
     * Compress a raw chunk into a caller's buffer; allocates nothing.
     *
     * @param raw       at least {@value Chunk#RAW_BYTES} bytes; the first {@value Chunk#RAW_BYTES} are the chunk.
     * @param dst       destination.
     * @param dstOffset where to write; {@code dst} needs {@link #MAX_ENCODED_BYTES} bytes from there to be safe.
     * @return the compressed length.
     * @throws IllegalArgumentException if {@code raw} is short or {@code dst} runs out of room.
     */
    public int encode(final byte[] raw, final byte[] dst, final int dstOffset)
    {
        Chunk.checkRaw(raw);
        if (dstOffset < 0 || dstOffset > dst.length)
        {
            throw new IllegalArgumentException("dstOffset out of range: " + dstOffset);
        }
        deflater.reset();
        deflater.setInput(raw, 0, Chunk.RAW_BYTES);
        deflater.finish();
        int n = 0;
        final int room = dst.length - dstOffset;
        while (!deflater.finished())
        {
            if (n == room)
            {
                throw new IllegalArgumentException("dst has room for " + room + " compressed bytes, not enough");
            }
            n += deflater.deflate(dst, dstOffset + n, room - n);
        }
        return n;
    }

    /**
     * Compress a raw chunk into a new array of exactly the compressed length (the only allocation).
     *
     * @param raw at least {@value Chunk#RAW_BYTES} bytes.
     * @return the zlib stream.
     */
    public byte[] encode(final byte[] raw)
    {
        return Arrays.copyOf(scratch, encode(raw, scratch, 0));
    }

    /**
     * Inflate a compressed chunk, validating it.
     *
     * @param src    compressed bytes.
     * @param offset of the stream in {@code src}.
     * @param length of the stream; the whole range must be one zlib stream.
     * @param raw    destination, at least {@value Chunk#RAW_BYTES} bytes; its content is undefined on error.
     * @throws IllegalArgumentException if the input is not exactly one valid chunk.
     */
    public void decode(final byte[] src, final int offset, final int length, final byte[] raw)
    {
        Chunk.checkRaw(raw);
        if (offset < 0 || length < 0 || offset > src.length - length)
        {
            throw new IllegalArgumentException(
                "range out of bounds: offset=" + offset + " length=" + length + " of " + src.length);
        }
        if (length == 0)
        {
            throw new IllegalArgumentException("empty chunk data");
        }
        if (length > MAX_DECODE_INPUT_BYTES)
        {
            throw new IllegalArgumentException(
                "compressed chunk of " + length + " bytes exceeds " + MAX_DECODE_INPUT_BYTES);
        }
        inflater.reset();
        inflater.setInput(src, offset, length);
        try
        {
            final int n = inflateInto(raw);
            if (n != Chunk.RAW_BYTES)
            {
                throw new IllegalArgumentException(
                    "chunk inflates to " + n + " bytes, expected " + Chunk.RAW_BYTES);
            }
            if (!inflater.finished())
            {
                // Exactly RAW_BYTES so far: the stream must end here (the Adler-32 trailer may still be unread).
                if (inflater.inflate(probe, 0, 1) > 0)
                {
                    throw new IllegalArgumentException("chunk inflates past " + Chunk.RAW_BYTES + " bytes");
                }
                if (!inflater.finished())
                {
                    throw new IllegalArgumentException(stallReason());
                }
            }
        }
        catch (final DataFormatException ex)
        {
            throw new IllegalArgumentException("corrupt zlib stream: " + ex.getMessage(), ex);
        }
        if (inflater.getRemaining() > 0)
        {
            throw new IllegalArgumentException(
                inflater.getRemaining() + " bytes after the end of the zlib stream");
        }
    }

    /**
     * Inflate a whole array holding one compressed chunk into a new raw chunk.
     *
     * @param compressed one zlib stream.
     * @return the {@value Chunk#RAW_BYTES} raw bytes.
     * @throws IllegalArgumentException if the input is not exactly one valid chunk.
     */
    public byte[] decode(final byte[] compressed)
    {
        final byte[] raw = new byte[Chunk.RAW_BYTES];
        decode(compressed, 0, compressed.length, raw);
        return raw;
    }

    /**
     * Free the native zlib state; the codec is unusable afterwards. Idempotent.
     */
    public void close()
    {
        deflater.end();
        inflater.end();
    }

    private int inflateInto(final byte[] raw) throws DataFormatException
    {
        int n = 0;
        int stalls = 0;
        while (n < Chunk.RAW_BYTES && !inflater.finished())
        {
            final int r = inflater.inflate(raw, n, Chunk.RAW_BYTES - n);
            n += r;
            if (r == 0 && !inflater.finished())
            {
                if (inflater.needsInput() || inflater.needsDictionary() || ++stalls >= STALL_LIMIT)
                {
                    throw new IllegalArgumentException(stallReason());
                }
            }
        }
        return n;
    }

    private String stallReason()
    {
        if (inflater.needsDictionary())
        {
            return "zlib stream needs a preset dictionary";
        }
        if (inflater.needsInput())
        {
            return "truncated zlib stream";
        }
        return "zlib stream makes no progress";
    }

    static void checkLevel(final int level)
    {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < 0 || level > 9))
        {
            throw new IllegalArgumentException("compression level must be -1 or 0..9: " + level);
        }
    }
}

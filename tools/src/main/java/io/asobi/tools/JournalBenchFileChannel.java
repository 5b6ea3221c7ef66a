package io.asobi.tools;

import io.asobi.persistence.RecordHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Baseline: one {@code FileChannel.write} per record of {@code [int32 length LE][payload]}, never forced.
 */
final class JournalBenchFileChannel implements JournalBenchAppender
{
    static final int LENGTH_BYTES = Integer.BYTES;
    private static final int READ_BUFFER_BYTES = 1024 * 1024;

    private final Path file;
    private final int maxRecordBytes;
    private final FileChannel channel;
    private final ByteBuffer out;
    private final UnsafeBuffer outView;

    JournalBenchFileChannel(final Path file, final int maxRecordBytes)
    {
        this.file = file;
        this.maxRecordBytes = maxRecordBytes;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + file, ex);
        }
        out = ByteBuffer.allocateDirect(LENGTH_BYTES + maxRecordBytes).order(ByteOrder.LITTLE_ENDIAN);
        outView = new UnsafeBuffer(out);
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        outView.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        outView.putBytes(LENGTH_BYTES, buffer, offset, length);
        out.limit(LENGTH_BYTES + length).position(0);
        try
        {
            while (out.hasRemaining())
            {
                channel.write(out);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("write failed: " + file, ex);
        }
    }

    @Override
    public void finishWriting()
    {
        close();
    }

    @Override
    public long replay(final RecordHandler handler)
    {
        final ByteBuffer in = ByteBuffer.allocateDirect(Math.max(READ_BUFFER_BYTES, LENGTH_BYTES + maxRecordBytes));
        final UnsafeBuffer view = new UnsafeBuffer(in);
        long count = 0;
        long fileOffset = 0;
        int filled = 0;
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ))
        {
            while (true)
            {
                in.limit(in.capacity()).position(filled);
                if (reader.read(in) < 0)
                {
                    break;
                }
                filled = in.position();
                int p = 0;
                while (filled - p >= LENGTH_BYTES)
                {
                    final int length = view.getInt(p, ByteOrder.LITTLE_ENDIAN);
                    checkLength(length, fileOffset + p, maxRecordBytes);
                    if (filled - p - LENGTH_BYTES < length)
                    {
                        break;
                    }
                    handler.onRecord(fileOffset + p, view, p + LENGTH_BYTES, length);
                    count++;
                    p += LENGTH_BYTES + length;
                }
                in.limit(filled).position(p);
                in.compact();
                filled -= p;
                fileOffset += p;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("read failed: " + file, ex);
        }
        if (0 != filled)
        {
            throw new IllegalStateException("torn record at the end of " + file + ": " + filled + " bytes at offset " +
                fileOffset);
        }
        return count;
    }

    static void checkLength(final int length, final long fileOffset, final int maxRecordBytes)
    {
        if (length < 1 || length > maxRecordBytes)
        {
            throw new IllegalStateException("malformed record at offset " + fileOffset + ": length " + length +
                " not in 1.." + maxRecordBytes);
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("close failed: " + file, ex);
        }
    }
}

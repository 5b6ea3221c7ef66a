package io.asobi.tools;

import io.asobi.persistence.RecordHandler;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Baseline: {@code [int32 length LE][payload]} records copied into a mapped region of the file; a record that does
 * not fit in the rest of the region maps the next region (the file grows), so no record spans two regions.
 * The payload is written before its length. Never forced; on finish the file is cut to the bytes written.
 */
final class JournalBenchMapped implements JournalBenchAppender
{
    static final long REGION_BYTES = 64L * 1024 * 1024;
    private static final int LENGTH_BYTES = JournalBenchFileChannel.LENGTH_BYTES;

    private final Path file;
    private final int maxRecordBytes;
    private final FileChannel channel;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private MappedByteBuffer region;
    private long regionStart;
    private int position;
    private boolean isWriting = true;

    JournalBenchMapped(final Path file, final int maxRecordBytes)
    {
        if (LENGTH_BYTES + (long)maxRecordBytes > REGION_BYTES)
        {
            throw new IllegalArgumentException("maxRecordBytes too large for a region: " + maxRecordBytes);
        }
        this.file = file;
        this.maxRecordBytes = maxRecordBytes;
        try
        {
            channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + file, ex);
        }
        map(0);
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (position + LENGTH_BYTES + length > view.capacity())
        {
            map(regionStart + position);
        }
        view.putBytes(position + LENGTH_BYTES, buffer, offset, length);
        view.putInt(position, length, ByteOrder.LITTLE_ENDIAN);
        position += LENGTH_BYTES + length;
    }

    private void map(final long start)
    {
        if (null != region)
        {
            IoUtil.unmap(region);
        }
        try
        {
            region = channel.map(FileChannel.MapMode.READ_WRITE, start, REGION_BYTES);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map " + file + " at " + start, ex);
        }
        view.wrap(region);
        regionStart = start;
        position = 0;
    }

    @Override
    public void finishWriting()
    {
        if (isWriting)
        {
            isWriting = false;
            final long size = regionStart + position;
            IoUtil.unmap(region);
            region = null;
            try
            {
                channel.truncate(size);
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot finish " + file, ex);
            }
        }
    }

    @Override
    public long replay(final RecordHandler handler)
    {
        final UnsafeBuffer in = new UnsafeBuffer(0, 0);
        long count = 0;
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = reader.size();
            long start = 0;
            while (start < size)
            {
                final MappedByteBuffer mapped =
                    reader.map(FileChannel.MapMode.READ_ONLY, start, Math.min(REGION_BYTES, size - start));
                in.wrap(mapped);
                int p = 0;
                try
                {
                    while (in.capacity() - p >= LENGTH_BYTES)
                    {
                        final int length = in.getInt(p, ByteOrder.LITTLE_ENDIAN);
                        JournalBenchFileChannel.checkLength(length, start + p, maxRecordBytes);
                        if (in.capacity() - p - LENGTH_BYTES < length)
                        {
                            break;
                        }
                        handler.onRecord(start + p, in, p + LENGTH_BYTES, length);
                        count++;
                        p += LENGTH_BYTES + length;
                    }
                }
                finally
                {
                    IoUtil.unmap(mapped);
                }
                if (0 == p)
                {
                    throw new IllegalStateException("torn record at the end of " + file + " at offset " + start);
                }
                start += p;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("read failed: " + file, ex);
        }
        return count;
    }

    @Override
    public void close()
    {
        finishWriting();
    }
}

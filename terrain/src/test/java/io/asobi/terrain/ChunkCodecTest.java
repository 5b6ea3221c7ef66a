package io.asobi.terrain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkCodecTest
{
    private final ChunkCodec codec = new ChunkCodec();

    @AfterEach
    void close()
    {
        codec.close();
    }

    @Property(tries = 200)
    void shouldRoundTripAnyChunk(@ForAll final long seed, @ForAll @IntRange(min = 0, max = 3) final int kind)
    {
        final byte[] raw = sampleChunk(seed, kind);
        final byte[] encoded = codec.encode(raw);

        assertThat(encoded.length).isLessThanOrEqualTo(ChunkCodec.MAX_ENCODED_BYTES);
        assertThat(codec.decode(encoded)).isEqualTo(raw);
    }

    @Test
    void shouldWriteStandardZlibThatAnyInflaterReads() throws IOException
    {
        final byte[] raw = new NoiseTerrain(7).generate(3, -4);
        final byte[] encoded = codec.encode(raw);

        assertThat(encoded[0]).isEqualTo((byte)0x78); // zlib header, 32 KiB window
        assertThat(((encoded[0] & 0xFF) << 8 | (encoded[1] & 0xFF)) % 31).isZero();
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(encoded)))
        {
            assertThat(in.readAllBytes()).isEqualTo(raw);
        }
    }

    @Test
    void shouldEncodeIntoACallersBufferAtAnyLevel()
    {
        final byte[] raw = new NoiseTerrain(1).generate(0, 0);
        for (int level = -1; level <= 9; level++)
        {
            try (ChunkCodec leveled = new ChunkCodec(level))
            {
                final byte[] dst = new byte[10 + ChunkCodec.MAX_ENCODED_BYTES];
                final int n = leveled.encode(raw, dst, 10);
                final byte[] out = new byte[Chunk.RAW_BYTES];
                codec.decode(dst, 10, n, out);
                assertThat(out).isEqualTo(raw);
            }
        }
        assertThatThrownBy(() -> new ChunkCodec(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encode(raw, new byte[8], 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room");
        assertThatThrownBy(() -> codec.encode(new byte[100]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16384");
    }

    @Test
    void shouldStillCompressIncompressibleChunksWithinTheBound()
    {
        final byte[] raw = new byte[Chunk.RAW_BYTES];
        new Random(3).nextBytes(raw);
        final byte[] encoded = codec.encode(raw);

        assertThat(encoded.length).isBetween(Chunk.RAW_BYTES, ChunkCodec.MAX_ENCODED_BYTES);
        assertThat(codec.decode(encoded)).isEqualTo(raw);
    }

    @Test
    void shouldRejectEmptyOversizedAndOutOfBoundsInput()
    {
        final byte[] raw = new byte[Chunk.RAW_BYTES];
        assertThatThrownBy(() -> codec.decode(new byte[0]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode(new byte[ChunkCodec.MAX_DECODE_INPUT_BYTES + 1]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> codec.decode(new byte[10], 5, 6, raw))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> codec.decode(new byte[10], -1, 2, raw))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> codec.decode(codec.encode(raw), 0, 10, new byte[10]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raw chunk buffer");
    }

    @Test
    void shouldRejectGarbage()
    {
        assertThatThrownBy(() -> codec.decode("not a zlib stream at all".getBytes()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt zlib stream");
    }

    @Property(tries = 100)
    void shouldRejectEveryTruncation(@ForAll final long seed)
    {
        final byte[] encoded = codec.encode(sampleChunk(seed, (int)(seed & 3)));
        final int cut = 1 + (int)Math.floorMod(seed, (long)encoded.length - 1);

        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(encoded, cut)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageMatching("(truncated zlib stream|corrupt zlib stream.*)");
    }

    @Test
    void shouldRejectTheLastByteMissing()
    {
        final byte[] encoded = codec.encode(new NoiseTerrain(5).generate(1, 1));
        // The Adler-32 trailer is incomplete: all 16,384 bytes inflate, then the stream cannot end.
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(encoded, encoded.length - 1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectACorruptChecksum()
    {
        final byte[] encoded = codec.encode(new NoiseTerrain(5).generate(1, 1));
        encoded[encoded.length - 1] ^= 1;
        assertThatThrownBy(() -> codec.decode(encoded))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt zlib stream");
    }

    @Test
    void shouldRejectStreamsOfTheWrongInflatedSize()
    {
        assertThatThrownBy(() -> codec.decode(zlib(new byte[Chunk.RAW_BYTES - 1], Deflater.DEFAULT_COMPRESSION)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inflates to 16383 bytes");
        assertThatThrownBy(() -> codec.decode(zlib(new byte[Chunk.RAW_BYTES + 1], Deflater.DEFAULT_COMPRESSION)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inflates past 16384 bytes");
    }

    @Test
    void shouldStopInflatingAZipBombAtOneChunk()
    {
        // 64 MiB of zeros deflate to ~64 KiB; keep the input under the cap with a 16 MiB bomb (~16 KiB).
        final byte[] bomb = zlib(new byte[16 << 20], Deflater.BEST_COMPRESSION);
        assertThat(bomb.length).isLessThan(ChunkCodec.MAX_DECODE_INPUT_BYTES);

        assertThatThrownBy(() -> codec.decode(bomb))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inflates past 16384 bytes");
        assertThat(codec.decode(codec.encode(new byte[Chunk.RAW_BYTES]))).hasSize(Chunk.RAW_BYTES);
    }

    @Test
    void shouldRejectTrailingBytes()
    {
        final byte[] encoded = codec.encode(new byte[Chunk.RAW_BYTES]);
        final byte[] padded = Arrays.copyOf(encoded, encoded.length + 3);
        assertThatThrownBy(() -> codec.decode(padded))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 bytes after the end");
    }

    @Test
    void shouldRejectAPresetDictionary()
    {
        final Deflater deflater = new Deflater();
        deflater.setDictionary(new byte[] { 1, 2, 3, 4 });
        deflater.setInput(new byte[Chunk.RAW_BYTES]);
        deflater.finish();
        final byte[] out = new byte[ChunkCodec.MAX_ENCODED_BYTES];
        final int n = deflater.deflate(out);
        deflater.end();

        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(out, n)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preset dictionary");
    }

    @Property(tries = 300)
    void shouldNeverFailOtherwiseOnRandomBytes(@ForAll final byte[] bytes)
    {
        try
        {
            final byte[] raw = codec.decode(bytes);
            assertThat(raw).hasSize(Chunk.RAW_BYTES);
        }
        catch (final IllegalArgumentException expected)
        {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void shouldRejectOrRoundTripWithAFlippedByte(@ForAll final long seed, @ForAll final int position)
    {
        final byte[] raw = sampleChunk(seed, 1);
        final byte[] encoded = codec.encode(raw);
        encoded[Math.floorMod(position, encoded.length)] ^= (byte)(1 + Math.floorMod(seed, 255));
        try
        {
            codec.decode(encoded);
        }
        catch (final IllegalArgumentException expected)
        {
            assertThat(expected.getMessage()).isNotBlank();
        }
        // the codec is reusable after any rejection
        assertThat(codec.decode(codec.encode(raw))).isEqualTo(raw);
    }

    static byte[] zlib(final byte[] data, final int level)
    {
        final Deflater deflater = new Deflater(level);
        deflater.setInput(data);
        deflater.finish();
        final byte[] out = new byte[data.length + 1024];
        int n = 0;
        while (!deflater.finished())
        {
            n += deflater.deflate(out, n, out.length - n);
        }
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    static byte[] sampleChunk(final long seed, final int kind)
    {
        return switch (kind)
        {
            case 0 -> new FlatTerrain((int)(seed & 0xFFFF), (int)((seed >>> 16) & 0xFF)).generate(0, 0);
            case 1 -> new NoiseTerrain(seed).generate((int)(seed % 1000), (int)((seed >> 20) % 1000));
            case 2 ->
            {
                final byte[] raw = new byte[Chunk.RAW_BYTES];
                new Random(seed).nextBytes(raw);
                yield raw;
            }
            default ->
            {
                final byte[] raw = new NoiseTerrain(seed).generate(0, 0);
                final Random random = new Random(seed);
                for (int i = 0; i < 50; i++)
                {
                    Chunk.setTile(raw, random.nextInt(64), random.nextInt(64), random.nextInt(65_536),
                        random.nextInt(256), random.nextInt(256));
                }
                yield raw;
            }
        };
    }
}

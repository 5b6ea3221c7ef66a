package io.asobi.jmh;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import io.asobi.terrain.Chunk;
import io.asobi.terrain.ChunkCodec;
import io.asobi.terrain.ChunkSink;
import io.asobi.terrain.ChunkStore;
import io.asobi.terrain.CompressedChunk;
import io.asobi.terrain.FlatTerrain;
import io.asobi.terrain.NoiseTerrain;
import io.asobi.terrain.Tiles;
import io.asobi.terrain.ViewerStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Terrain chunk costs, each next to its baseline in the same run: generating a noise chunk (5 octaves of integer
 * value noise, 16 KiB) against a flat chunk and a bare {@code Arrays.fill} of 16 KiB (the floor of writing a
 * chunk); compressing it with zlib at the default level (what the store caches and Asobi clients inflate) against
 * {@link Deflater#BEST_SPEED}; inflating it with the hostile-input checks; a cached {@link ChunkStore} hit; and one
 * step of a viewer's streaming plan (move one chunk, poll the new chunks).
 * <p>
 * Every codec and buffer is reused: no allocation per operation except {@link ChunkStore} (none on a hit).
 * The setup prints the compressed sizes at both levels and checks the round trip.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TerrainBenchmark
{
    private final NoiseTerrain noise = new NoiseTerrain(20_260_601L);
    private final FlatTerrain flat = new FlatTerrain(Tiles.GRASS, 100);
    private final byte[] raw = new byte[Chunk.RAW_BYTES];
    private final byte[] noiseChunk = new byte[Chunk.RAW_BYTES];
    private final byte[] encoded = new byte[ChunkCodec.MAX_ENCODED_BYTES];
    private final ChunkCodec defaultCodec = new ChunkCodec(Deflater.DEFAULT_COMPRESSION);
    private final ChunkCodec fastCodec = new ChunkCodec(Deflater.BEST_SPEED);
    private final ViewerStream viewer = new ViewerStream(4, 1);

    private byte[] compressed;
    private ChunkStore store;
    private int chunkX;
    private int viewerStep;
    private long viewerSum;
    private final ChunkSink viewerSink = (cx, cy) -> viewerSum += cx;

    @Setup
    public void setUp()
    {
        noise.generate(3, -2, noiseChunk);
        compressed = defaultCodec.encode(noiseChunk);
        final int fastLength = fastCodec.encode(noiseChunk, encoded, 0);
        final byte[] check = new byte[Chunk.RAW_BYTES];
        defaultCodec.decode(compressed, 0, compressed.length, check);
        if (!Arrays.equals(check, noiseChunk))
        {
            throw new IllegalStateException("codec round trip failed");
        }
        System.out.printf("%nnoise chunk (3,-2): %d B raw, %d B at DEFAULT, %d B at BEST_SPEED%n",
            Chunk.RAW_BYTES, compressed.length, fastLength);

        store = new ChunkStore(new ChunkStore.Context().provider(noise));
        store.chunk(0, 0);
        viewer.moveTo(0, 0);
        viewer.poll(1000, (cx, cy) -> {});
    }

    @TearDown
    public void tearDown()
    {
        defaultCodec.close();
        fastCodec.close();
        store.close();
    }

    /** Baseline: the cheapest way to write 16 KiB. */
    @Benchmark
    public byte[] baselineArraysFill()
    {
        Arrays.fill(raw, (byte)chunkX++);
        return raw;
    }

    /** @return the flat chunk: writing every tile through the format. */
    @Benchmark
    public byte[] generateFlat()
    {
        flat.generate(chunkX & 1023, 0, raw);
        chunkX++;
        return raw;
    }

    /** @return a noise chunk, a different one each call. */
    @Benchmark
    public byte[] generateNoise()
    {
        noise.generate(chunkX & 1023, (chunkX >> 10) & 1023, raw);
        chunkX++;
        return raw;
    }

    /** @return compressed length at the default level (6), as cached and sent. */
    @Benchmark
    public int compressDefault()
    {
        return defaultCodec.encode(noiseChunk, encoded, 0);
    }

    /** @return compressed length at BEST_SPEED (1). */
    @Benchmark
    public int compressBestSpeed()
    {
        return fastCodec.encode(noiseChunk, encoded, 0);
    }

    /** @return the inflated chunk, validated. */
    @Benchmark
    public byte[] decompress()
    {
        defaultCodec.decode(compressed, 0, compressed.length, raw);
        return raw;
    }

    /** @return a cached chunk. */
    @Benchmark
    public CompressedChunk storeHit()
    {
        return store.chunk(0, 0);
    }

    /** @return chunks emitted by one step of a viewer (radius 4) walking east and back. */
    @Benchmark
    public int viewerStreamStep()
    {
        final int step = viewerStep++ & 31;
        viewer.moveTo(step < 16 ? step : 32 - step, 0);
        return viewer.poll(16, viewerSink);
    }
}

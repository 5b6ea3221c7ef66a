package io.asobi.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.asobi.sbe.snapshot.EntityStatesDecoder;
import io.asobi.sbe.snapshot.EntityStatesEncoder;
import io.asobi.sbe.snapshot.MessageHeaderDecoder;
import io.asobi.sbe.snapshot.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B6 (performance-anchors.md section 11): SBE {@code EntityStates} (22 B per entity) against Jackson JSON of the
 * same data, 1 and 100 entities per message, encode and decode, in one run so the ratio is like for like.
 * <p>
 * Both codecs encode from the same {@link SnapshotCodecMessage} objects. SBE encodes into a reused
 * {@link UnsafeBuffer} (as into a claimed ring-buffer or publication slot) with reused header and message
 * encoders, and decodes with reused decoders, reading every field into a sum: no allocation per operation.
 * Jackson uses one {@link ObjectMapper}, its {@link ObjectWriter} and {@link ObjectReader} built once, {@code writeValueAsBytes} (a new {@code byte[]} per
 * message, Jackson's recycled internal buffers) and {@code readValue(byte[])} into records, then the same sum.
 * Default Jackson features. The setup prints the bytes per message of both and checks both decode to the source.
 * <p>
 * SBE precedence checks are switched off in the forks, as in production: they default to on whenever Agrona
 * bounds checks are on; bounds checks stay on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsPrepend = "-Dsbe.enable.precedence.checks=false")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SnapshotCodecBenchmark
{
    @Param({ "1", "100" })
    int entityCount;

    private final UnsafeBuffer encodeBuffer = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer decodeBuffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final EntityStatesEncoder encoder = new EntityStatesEncoder();
    private final EntityStatesDecoder decoder = new EntityStatesDecoder();
    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectWriter jsonWriter = mapper.writerFor(SnapshotCodecMessage.class);
    private final ObjectReader jsonReader = mapper.readerFor(SnapshotCodecMessage.class);

    private SnapshotCodecMessage message;
    private byte[] json;

    @Setup
    public void setUp() throws Exception
    {
        message = SnapshotCodecMessage.random(entityCount, 42);
        final int sbeLength = sbeEncode();
        decodeBuffer.putBytes(0, encodeBuffer, 0, sbeLength);
        json = jsonWriter.writeValueAsBytes(message);

        final long expected = message.checksum();
        if (sbeDecode() != expected || jacksonDecode() != expected ||
            !message.equals(jsonReader.readValue(json, SnapshotCodecMessage.class)))
        {
            throw new IllegalStateException("codecs disagree with the source data");
        }
        System.out.printf("%nB6 bytes per message, %d entities: SBE %d, JSON %d, JSON/SBE %.2f%n",
            entityCount, sbeLength, json.length, (double)json.length / sbeLength);
    }

    /** @return encoded length, header included. */
    @Benchmark
    public int sbeEncode()
    {
        encoder.wrapAndApplyHeader(encodeBuffer, 0, headerEncoder).tick(message.tick());
        final List<SnapshotCodecEntity> entities = message.entities();
        final int count = entities.size();
        final EntityStatesEncoder.EntitiesEncoder group = encoder.entitiesCount(count);
        for (int i = 0; i < count; i++)
        {
            final SnapshotCodecEntity entity = entities.get(i);
            group.next()
                .entityId(entity.entityId())
                .x(entity.x())
                .y(entity.y())
                .vx(entity.vx())
                .vy(entity.vy())
                .hp(entity.hp());
        }

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** @return the sum of every decoded field, see {@link SnapshotCodecMessage#checksum()}. */
    @Benchmark
    public long sbeDecode()
    {
        decoder.wrapAndApplyHeader(decodeBuffer, 0, headerDecoder);
        long sum = decoder.tick();
        final EntityStatesDecoder.EntitiesDecoder entities = decoder.entities();
        while (entities.hasNext())
        {
            entities.next();
            sum += SnapshotCodecMessage.entityFieldSum(
                entities.entityId(), entities.x(), entities.y(), entities.vx(), entities.vy(), entities.hp());
        }

        return sum;
    }

    /** @return the JSON bytes, a new array per call. */
    @Benchmark
    public byte[] jacksonEncode() throws Exception
    {
        return jsonWriter.writeValueAsBytes(message);
    }

    /** @return the sum of every decoded field, see {@link SnapshotCodecMessage#checksum()}. */
    @Benchmark
    public long jacksonDecode() throws Exception
    {
        final SnapshotCodecMessage decoded = jsonReader.readValue(json);
        return decoded.checksum();
    }
}

package io.asobi.jmh;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.sbe.snapshot.EntityStatesDecoder;
import io.asobi.sbe.snapshot.EntityStatesEncoder;
import io.asobi.sbe.snapshot.MessageHeaderDecoder;
import io.asobi.sbe.snapshot.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B6 ({@link SnapshotCodecBenchmark}), for both {@code entityCount} params: what {@code sbeEncode} writes and what
 * {@code jacksonEncode} returns decode, entity by entity, to the source message, and {@code sbeDecode} and
 * {@code jacksonDecode} both return the source's field checksum. The encode buffer is private to the benchmark, so it
 * is read by reflection.
 */
class SnapshotCodecBenchmarkTest
{
    private static final int CALLS = 3;

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(ints = { 1, 100 })
    void shouldEncodeWithSbeWhatDecodesToTheSourceEntities(final int entityCount) throws Exception
    {
        final SnapshotCodecBenchmark benchmark = setUp(entityCount);
        final SnapshotCodecMessage source = source(benchmark);
        final UnsafeBuffer encodeBuffer = (UnsafeBuffer)field(benchmark, "encodeBuffer");
        encodeBuffer.setMemory(0, encodeBuffer.capacity(), (byte)0);

        int length = 0;
        for (int i = 0; i < CALLS; i++)
        {
            length = benchmark.sbeEncode();
        }

        assertThat(length).as("header + block + group header + 22 B per entity").isEqualTo(
            MessageHeaderEncoder.ENCODED_LENGTH + EntityStatesEncoder.BLOCK_LENGTH +
            EntityStatesEncoder.EntitiesEncoder.sbeHeaderSize() +
            entityCount * EntityStatesEncoder.EntitiesEncoder.sbeBlockLength());
        assertThat(EntityStatesEncoder.EntitiesEncoder.sbeBlockLength()).isEqualTo(22);
        assertThat(decodeSbe(encodeBuffer)).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 100 })
    void shouldEncodeWithJacksonWhatDecodesToTheSourceEntities(final int entityCount) throws Exception
    {
        final SnapshotCodecBenchmark benchmark = setUp(entityCount);
        final SnapshotCodecMessage source = source(benchmark);
        for (int i = 0; i < CALLS; i++)
        {
            final byte[] json = benchmark.jacksonEncode();
            assertThat(mapper.readValue(json, SnapshotCodecMessage.class)).isEqualTo(source);
            final JsonNode tree = mapper.readTree(json);
            assertThat(tree.get("entities")).as("JSON entities").hasSize(entityCount);
            assertThat(tree.get("tick").asLong()).isEqualTo(source.tick());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 100 })
    void shouldDecodeTheSameChecksumAsTheSourceWithBothCodecs(final int entityCount) throws Exception
    {
        final SnapshotCodecBenchmark benchmark = setUp(entityCount);
        final SnapshotCodecMessage source = source(benchmark);
        final long expected = source.checksum();
        for (int i = 0; i < CALLS; i++)
        {
            assertThat(benchmark.sbeDecode()).as("sbeDecode").isEqualTo(expected);
            assertThat(benchmark.jacksonDecode()).as("jacksonDecode").isEqualTo(expected);
        }
        final UnsafeBuffer decodeBuffer = (UnsafeBuffer)field(benchmark, "decodeBuffer");
        assertThat(decodeSbe(decodeBuffer)).as("the bytes sbeDecode reads").isEqualTo(source);
        assertThat(mapper.readValue((byte[])field(benchmark, "json"), SnapshotCodecMessage.class))
            .as("the bytes jacksonDecode reads").isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 100 })
    void shouldHaveAChecksumThatSeesEveryField(final int entityCount) throws Exception
    {
        final SnapshotCodecMessage source = source(setUp(entityCount));
        final SnapshotCodecEntity e = source.entities().getLast();
        final List<SnapshotCodecEntity> changed = List.of(
            new SnapshotCodecEntity(e.entityId() + 1, e.x(), e.y(), e.vx(), e.vy(), e.hp()),
            new SnapshotCodecEntity(e.entityId(), Math.nextUp(e.x()), e.y(), e.vx(), e.vy(), e.hp()),
            new SnapshotCodecEntity(e.entityId(), e.x(), Math.nextUp(e.y()), e.vx(), e.vy(), e.hp()),
            new SnapshotCodecEntity(e.entityId(), e.x(), e.y(), Math.nextUp(e.vx()), e.vy(), e.hp()),
            new SnapshotCodecEntity(e.entityId(), e.x(), e.y(), e.vx(), Math.nextUp(e.vy()), e.hp()),
            new SnapshotCodecEntity(e.entityId(), e.x(), e.y(), e.vx(), e.vy(), (short)(e.hp() + 1)));
        for (final SnapshotCodecEntity entity : changed)
        {
            final List<SnapshotCodecEntity> entities = new ArrayList<>(source.entities());
            entities.set(entities.size() - 1, entity);
            assertThat(new SnapshotCodecMessage(source.tick(), entities).checksum()).as("%s", entity)
                .isNotEqualTo(source.checksum());
        }
        assertThat(new SnapshotCodecMessage(source.tick() + 1, source.entities()).checksum())
            .isNotEqualTo(source.checksum());
    }

    private static SnapshotCodecBenchmark setUp(final int entityCount) throws Exception
    {
        final SnapshotCodecBenchmark benchmark = new SnapshotCodecBenchmark();
        benchmark.entityCount = entityCount;
        benchmark.setUp();
        return benchmark;
    }

    private static SnapshotCodecMessage source(final SnapshotCodecBenchmark benchmark) throws Exception
    {
        final SnapshotCodecMessage source = (SnapshotCodecMessage)field(benchmark, "message");
        assertThat(source.entities()).hasSize(benchmark.entityCount);
        assertThat(source).as("seeded source").isEqualTo(SnapshotCodecMessage.random(benchmark.entityCount, 42));
        return source;
    }

    private static SnapshotCodecMessage decodeSbe(final UnsafeBuffer buffer)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        assertThat(header.templateId()).isEqualTo(EntityStatesDecoder.TEMPLATE_ID);
        assertThat(header.schemaId()).isEqualTo(EntityStatesDecoder.SCHEMA_ID);
        final EntityStatesDecoder decoder = new EntityStatesDecoder().wrapAndApplyHeader(buffer, 0, header);
        final long tick = decoder.tick();
        final List<SnapshotCodecEntity> entities = new ArrayList<>();
        for (final EntityStatesDecoder.EntitiesDecoder e : decoder.entities())
        {
            entities.add(new SnapshotCodecEntity(e.entityId(), e.x(), e.y(), e.vx(), e.vy(), e.hp()));
        }
        return new SnapshotCodecMessage(tick, entities);
    }

    private static Object field(final SnapshotCodecBenchmark benchmark, final String name) throws Exception
    {
        final java.lang.reflect.Field field = SnapshotCodecBenchmark.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(benchmark);
    }
}

package io.asobi.metagame;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Uuid7Test
{
    @Test
    void shouldBeCanonicalVersion7WithTheGivenTimestamp()
    {
        final long epochMs = 1_780_000_123_456L;
        final String id = Uuid7.next(epochMs);

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Uuid7.isCanonical(id)).isTrue();
        final UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(Uuid7.epochMsOf(id)).isGreaterThanOrEqualTo(epochMs);
        assertThat(uuid.toString()).isEqualTo(id);
    }

    @Test
    void shouldStampTheSystemClock()
    {
        final long before = System.currentTimeMillis();
        final String id = Uuid7.next();
        final long after = System.currentTimeMillis();

        assertThat(Uuid7.epochMsOf(id)).isBetween(before, after + 1);
    }

    @Test
    void shouldIncreaseStrictlyWithinAMillisecondAndWhenTheClockStepsBack()
    {
        final long epochMs = 1_790_000_000_000L;
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            ids.add(Uuid7.next(epochMs - (i % 3)));
        }

        assertThat(ids).doesNotHaveDuplicates().isSorted();
        assertThat(Uuid7.epochMsOf(ids.get(0))).isGreaterThanOrEqualTo(epochMs);
    }

    @Test
    void shouldBeUniqueAcrossThreads()
    {
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 4).parallel().forEach(t ->
        {
            for (int i = 0; i < 5_000; i++)
            {
                ids.add(Uuid7.next());
            }
        });

        assertThat(ids).hasSize(20_000);
    }

    @Test
    void shouldRefuseTimestampsOutside48Bits()
    {
        assertThatThrownBy(() -> Uuid7.next(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Uuid7.next(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRecogniseOnlyCanonicalVersion7Strings()
    {
        final String id = Uuid7.next();
        final Set<String> invalid = new HashSet<>(List.of(
            id.toUpperCase(),
            id.replace("-", ""),
            UUID.randomUUID().toString(),
            id.substring(0, 14) + "4" + id.substring(15),
            id.substring(0, 19) + "c" + id.substring(20),
            id + "0",
            ""));

        assertThat(Uuid7.isCanonical(null)).isFalse();
        assertThat(invalid).allSatisfy(value -> assertThat(Uuid7.isCanonical(value)).as(value).isFalse());
        assertThatThrownBy(() -> Uuid7.epochMsOf(UUID.randomUUID().toString()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

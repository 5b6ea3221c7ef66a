package io.asobi.ecs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityIdsTest
{
    @Test
    void shouldPackIndexAndGeneration()
    {
        final int entity = EntityIds.pack(123_456, 200);
        assertThat(EntityIds.index(entity)).isEqualTo(123_456);
        assertThat(EntityIds.generation(entity)).isEqualTo(200);
        assertThat(EntityIds.pack(EntityIds.MAX_INDEX, 255)).isNotEqualTo(EntityIds.NULL);
        assertThat(EntityIds.toString(entity)).isEqualTo("123456:200");
    }
}

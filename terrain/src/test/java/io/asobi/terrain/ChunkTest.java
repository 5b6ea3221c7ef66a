package io.asobi.terrain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkTest
{
    @Test
    void shouldLayOutTilesRowMajorBigEndian()
    {
        final byte[] raw = new byte[Chunk.RAW_BYTES];
        Chunk.setTile(raw, 1, 2, 0x1234, 0x56, 0xFE);

        final int o = (2 * 64 + 1) * 4;
        assertThat(Chunk.offset(1, 2)).isEqualTo(o);
        assertThat(raw[o]).isEqualTo((byte)0x12);
        assertThat(raw[o + 1]).isEqualTo((byte)0x34);
        assertThat(raw[o + 2]).isEqualTo((byte)0x56);
        assertThat(raw[o + 3]).isEqualTo((byte)0xFE);
        assertThat(Chunk.tileId(raw, 1, 2)).isEqualTo(0x1234);
        assertThat(Chunk.flags(raw, 1, 2)).isEqualTo(0x56);
        assertThat(Chunk.elevation(raw, 1, 2)).isEqualTo(0xFE);
        assertThat(Chunk.RAW_BYTES).isEqualTo(16_384);
        assertThat(Chunk.offset(63, 63) + 4).isEqualTo(Chunk.RAW_BYTES);
    }

    @Test
    void shouldRejectCoordsOutOfRange()
    {
        Chunk.checkCoords(Chunk.MAX_COORD, -Chunk.MAX_COORD);
        assertThatThrownBy(() -> Chunk.checkCoords(Chunk.MAX_COORD + 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk coords");
        assertThatThrownBy(() -> Chunk.checkCoords(0, Integer.MIN_VALUE))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chunk.checkTile(64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chunk.checkTile(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFloorWorldTilesToChunks()
    {
        assertThat(Chunk.chunkOfTile(0)).isZero();
        assertThat(Chunk.chunkOfTile(63)).isZero();
        assertThat(Chunk.chunkOfTile(64)).isOne();
        assertThat(Chunk.chunkOfTile(-1)).isEqualTo(-1);
        assertThat(Chunk.chunkOfTile(-64)).isEqualTo(-1);
        assertThat(Chunk.chunkOfTile(-65)).isEqualTo(-2);
        assertThat(Chunk.chunkOfTile(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Property
    void shouldPackAndUnpackKeys(@ForAll final int cx, @ForAll final int cy)
    {
        final long key = Chunk.key(cx, cy);
        assertThat(Chunk.keyX(key)).isEqualTo(cx);
        assertThat(Chunk.keyY(key)).isEqualTo(cy);
    }

    @Property
    void shouldPlaceWorldTileEditsInTheirChunk(
        @ForAll @IntRange(min = -(1 << 26), max = (1 << 26) - 1) final int worldX,
        @ForAll @IntRange(min = -(1 << 26), max = (1 << 26) - 1) final int worldY)
    {
        final TerrainEdit edit = TerrainEdit.ofWorldTile(worldX, worldY, 7, 1, 9);
        assertThat((long)edit.cx() * 64 + edit.x()).isEqualTo(worldX);
        assertThat((long)edit.cy() * 64 + edit.y()).isEqualTo(worldY);
    }

    @Test
    void shouldValidateEdits()
    {
        assertThatThrownBy(() -> new TerrainEdit(0, 0, 0, 0, 65_536, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tileId");
        assertThatThrownBy(() -> new TerrainEdit(0, 0, 0, 0, 0, 256, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flags");
        assertThatThrownBy(() -> new TerrainEdit(0, 0, 0, 0, 0, 0, -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elevation");
        assertThatThrownBy(() -> new TerrainEdit(0, 0, 64, 0, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tile coords");
        assertThatThrownBy(() -> new TerrainEdit(Chunk.MAX_COORD + 1, 0, 0, 0, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk coords");
        assertThatThrownBy(() -> TerrainEdit.ofWorldTile(Long.MIN_VALUE, 0, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk coords");
    }
}

package io.asobi.terrain;

/**
 * The tile ids and flag bits the built-in providers write. Games may use any other u16 ids and u8 flags in edits
 * and their own providers; 0 is the empty tile (Asobi's "missing tiles = zeros").
 */
public final class Tiles
{
    /** Empty / missing tile. */
    public static final int EMPTY = 0;

    /** Water, below the water level. */
    public static final int WATER = 1;

    /** Sand, the shore band. */
    public static final int SAND = 2;

    /** Grass, the lowland band. */
    public static final int GRASS = 3;

    /** Rock, the highland band. */
    public static final int ROCK = 4;

    /** Snow, the peaks. */
    public static final int SNOW = 5;

    /** Flag bit: an entity may stand on the tile. */
    public static final int FLAG_WALKABLE = 0x01;

    /** Flag bit: the tile is water. */
    public static final int FLAG_WATER = 0x02;

    private Tiles()
    {
    }
}

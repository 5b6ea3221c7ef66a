package io.asobi.match.lua;

import io.asobi.terrain.CompressedChunk;
import io.asobi.world.WorldTerrainAccess;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code game.terrain.*} of a world VM, over the world's {@link WorldTerrainAccess}:
 * <ul>
 * <li>{@code get_chunk(cx, cy)} → {@code {ok = data}} (base64 of the zlib-compressed chunk, the {@code data} of
 * {@code world.terrain}) or {@code {error = ...}};</li>
 * <li>{@code preload({{cx=, cy=}, ...})} → true, having started building those chunks off the tick thread, or
 * {@code {error = ...}} (nothing started);</li>
 * <li>{@code get_tile(x, y)} → {@code {tile=, flags=, elevation=}} or {@code {error = ...}};</li>
 * <li>{@code set_tile(x, y, tile[, flags, elevation])} → true or {@code {error = ...}}; omitted flags and
 * elevation keep the tile's current ones.</li>
 * </ul>
 * Errors: {@code no_terrain}, {@code invalid_args}, {@code out_of_bounds}, {@code invalid_tile},
 * {@code rate_limited} ({@value WorldTerrainAccess#MAX_EDITS_PER_TICK} edits per world per tick),
 * {@code edit_limit_reached}, {@code journal_failed}, {@code too_many} (preload of more than
 * {@value #MAX_PRELOAD} chunks), {@code terrain_unavailable} (the chunk could not be built).
 * <p>
 * <b>Note:</b> the world's tick thread only.
 */
final class LuaTerrain
{
    /** Most chunks one {@code preload} call accepts. */
    static final int MAX_PRELOAD = 256;

    private static final double MAX_EXACT = 0x1p53;
    private static final LuaValue CX = LuaValue.valueOf("cx");
    private static final LuaValue CY = LuaValue.valueOf("cy");

    private LuaTerrain()
    {
    }

    /**
     * The {@code game.terrain} table.
     *
     * @param terrain the world's terrain, or null if it has none (every call answers {@code no_terrain}).
     * @return the table.
     */
    static LuaTable table(final WorldTerrainAccess terrain)
    {
        final LuaTable table = new LuaTable();
        table.rawset("get_chunk", new GetChunk(terrain));
        table.rawset("preload", new Preload(terrain));
        table.rawset("get_tile", new GetTile(terrain));
        table.rawset("set_tile", new SetTile(terrain));
        return table;
    }

    /** The integral value of a Lua number exactly representable as a double, or null. */
    private static Long integer(final LuaValue v)
    {
        if (!(v instanceof LuaNumber))
        {
            return null;
        }
        final double d = v.todouble();
        if (d != Math.floor(d) || Math.abs(d) > MAX_EXACT)
        {
            return null;
        }
        return (long)d;
    }

    /** Named apart from {@code LuaValue.error}, which the functions below inherit and which throws. */
    private static LuaTable failure(final String reason)
    {
        return GameApi.errorTable(reason);
    }

    private abstract static class TerrainFunction extends VarArgFunction
    {
        final WorldTerrainAccess terrain;

        TerrainFunction(final WorldTerrainAccess terrain)
        {
            this.terrain = terrain;
        }

        public Varargs invoke(final Varargs args)
        {
            if (null == terrain)
            {
                return failure("no_terrain");
            }
            try
            {
                return call(args);
            }
            catch (final IllegalStateException ex)
            {
                return failure("terrain_unavailable");
            }
        }

        abstract Varargs call(Varargs args);
    }

    private static final class GetChunk extends TerrainFunction
    {
        GetChunk(final WorldTerrainAccess terrain)
        {
            super(terrain);
        }

        Varargs call(final Varargs args)
        {
            final Long cx = integer(args.arg1());
            final Long cy = integer(args.arg(2));
            if (2 != args.narg() || null == cx || null == cy)
            {
                return failure("invalid_args");
            }
            if (cx < 0 || cy < 0 || cx >= terrain.extentChunks() || cy >= terrain.extentChunks())
            {
                return failure("out_of_bounds");
            }
            final CompressedChunk chunk = terrain.chunk((int)(long)cx, (int)(long)cy);
            if (null == chunk)
            {
                return failure("out_of_bounds");
            }
            final LuaTable ok = new LuaTable();
            ok.rawset("ok", chunk.base64());
            return ok;
        }
    }

    private static final class Preload extends TerrainFunction
    {
        Preload(final WorldTerrainAccess terrain)
        {
            super(terrain);
        }

        Varargs call(final Varargs args)
        {
            if (1 != args.narg() || !args.arg1().istable())
            {
                return failure("invalid_args");
            }
            final LuaTable list = (LuaTable)args.arg1();
            final int n = list.rawlen();
            if (n > MAX_PRELOAD)
            {
                return failure("too_many");
            }
            final int[] coords = new int[2 * n];
            for (int i = 0; i < n; i++)
            {
                final LuaValue entry = list.rawget(i + 1);
                final Long cx = entry.istable() ? integer(entry.rawget(CX)) : null;
                final Long cy = entry.istable() ? integer(entry.rawget(CY)) : null;
                if (null == cx || null == cy)
                {
                    return failure("invalid_args");
                }
                if (cx < 0 || cy < 0 || cx >= terrain.extentChunks() || cy >= terrain.extentChunks())
                {
                    return failure("out_of_bounds");
                }
                coords[2 * i] = (int)(long)cx;
                coords[2 * i + 1] = (int)(long)cy;
            }
            for (int i = 0; i < n; i++)
            {
                terrain.preload(coords[2 * i], coords[2 * i + 1]);
            }
            return LuaValue.TRUE;
        }
    }

    private static final class GetTile extends TerrainFunction
    {
        GetTile(final WorldTerrainAccess terrain)
        {
            super(terrain);
        }

        Varargs call(final Varargs args)
        {
            final Long x = integer(args.arg1());
            final Long y = integer(args.arg(2));
            if (2 != args.narg() || null == x || null == y)
            {
                return failure("invalid_args");
            }
            final long packed = terrain.tile(x, y);
            if (packed < 0)
            {
                return failure("out_of_bounds");
            }
            final LuaTable tile = new LuaTable();
            tile.rawset("tile", WorldTerrainAccess.tileIdOf(packed));
            tile.rawset("flags", WorldTerrainAccess.flagsOf(packed));
            tile.rawset("elevation", WorldTerrainAccess.elevationOf(packed));
            return tile;
        }
    }

    private static final class SetTile extends TerrainFunction
    {
        SetTile(final WorldTerrainAccess terrain)
        {
            super(terrain);
        }

        Varargs call(final Varargs args)
        {
            final int narg = args.narg();
            final Long x = integer(args.arg1());
            final Long y = integer(args.arg(2));
            final Long tile = integer(args.arg(3));
            final Long flags = args.arg(4).isnil() ? null : integer(args.arg(4));
            final Long elevation = args.arg(5).isnil() ? null : integer(args.arg(5));
            if (narg < 3 || narg > 5 || null == x || null == y || null == tile ||
                (!args.arg(4).isnil() && null == flags) || (!args.arg(5).isnil() && null == elevation))
            {
                return failure("invalid_args");
            }
            if (tile < 0 || tile > 0xFFFF || (null != flags && (flags < 0 || flags > 0xFF)) ||
                (null != elevation && (elevation < 0 || elevation > 0xFF)))
            {
                return failure(WorldTerrainAccess.INVALID_TILE);
            }
            int newFlags = null == flags ? 0 : (int)(long)flags;
            int newElevation = null == elevation ? 0 : (int)(long)elevation;
            if (null == flags || null == elevation)
            {
                final long current = terrain.tile(x, y);
                if (current < 0)
                {
                    return failure(WorldTerrainAccess.OUT_OF_BOUNDS);
                }
                newFlags = null == flags ? WorldTerrainAccess.flagsOf(current) : newFlags;
                newElevation = null == elevation ? WorldTerrainAccess.elevationOf(current) : newElevation;
            }
            final String refused = terrain.setTile(x, y, (int)(long)tile, newFlags, newElevation);
            return null == refused ? LuaValue.TRUE : failure(refused);
        }
    }
}

package io.asobi.match.lua;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * {@code game.spatial.*} over entity tables (asobi-spec §5.3): {@code query_radius(entities, x, y, r[, opts])} and
 * {@code nearest(entities, x, y, n[, opts])} → list of {@code {id, entity, distance}}; zone forms
 * {@code query_radius(x, y, r)} and {@code query_rect(x1, y1, x2, y2)} → list of {@code {id, x, y}} over the
 * entities of the zone whose callback is running; {@code in_range(a, b, r)}; {@code distance(a, b)}. Options:
 * {@code type}, {@code exclude}, {@code max_results}, {@code sort} ("nearest" or "farthest"). Linear scans.
 */
final class LuaSpatial
{
    private static final LuaValue X = LuaValue.valueOf("x");
    private static final LuaValue Y = LuaValue.valueOf("y");

    private LuaSpatial()
    {
    }

    static LuaTable table(final Supplier<LuaTable> currentZone)
    {
        final LuaTable t = new LuaTable();
        t.rawset("distance", new VarArgFunction()
        {
            public Varargs invoke(final Varargs args)
            {
                if (2 != args.narg() || !isPoint(args.arg1()) || !isPoint(args.arg(2)))
                {
                    return GameApi.errorTable("game.spatial.distance: expected (a, b) with x and y");
                }
                return LuaValue.valueOf(distance(args.arg1(), args.arg(2)));
            }
        });
        t.rawset("in_range", new VarArgFunction()
        {
            public Varargs invoke(final Varargs args)
            {
                if (3 != args.narg() || !isPoint(args.arg1()) || !isPoint(args.arg(2)) || !args.arg(3).isnumber())
                {
                    return GameApi.errorTable("game.spatial.in_range: expected (a, b, r)");
                }
                return LuaValue.valueOf(distance(args.arg1(), args.arg(2)) <= args.arg(3).todouble());
            }
        });
        t.rawset("query_radius", new VarArgFunction()
        {
            public Varargs invoke(final Varargs args)
            {
                if (args.arg1().isnumber())
                {
                    final LuaTable zone = currentZone.get();
                    if (3 != args.narg() || !args.arg(2).isnumber() || !args.arg(3).isnumber() || null == zone)
                    {
                        return GameApi.errorTable("game.spatial.query_radius: expected (x, y, r) in a zone callback");
                    }
                    return zoneForm(search(zone, args.arg1().todouble(), args.arg(2).todouble(),
                        args.arg(3).todouble(), Integer.MAX_VALUE, LuaValue.NIL));
                }
                if (!args.arg1().istable() || !args.arg(2).isnumber() || !args.arg(3).isnumber() ||
                    !args.arg(4).isnumber() || !(args.arg(5).isnil() || args.arg(5).istable()))
                {
                    return GameApi.errorTable("game.spatial.query_radius: expected (entities, x, y, r[, opts])");
                }
                return listForm(search((LuaTable)args.arg1(), args.arg(2).todouble(), args.arg(3).todouble(),
                    args.arg(4).todouble(), Integer.MAX_VALUE, args.arg(5)));
            }
        });
        t.rawset("nearest", new VarArgFunction()
        {
            public Varargs invoke(final Varargs args)
            {
                if (!args.arg1().istable() || !args.arg(2).isnumber() || !args.arg(3).isnumber() ||
                    !args.arg(4).isnumber() || !(args.arg(5).isnil() || args.arg(5).istable()))
                {
                    return GameApi.errorTable("game.spatial.nearest: expected (entities, x, y, n[, opts])");
                }
                return listForm(search((LuaTable)args.arg1(), args.arg(2).todouble(), args.arg(3).todouble(),
                    Double.POSITIVE_INFINITY, Math.max(0, args.arg(4).toint()), args.arg(5)));
            }
        });
        t.rawset("query_rect", new VarArgFunction()
        {
            public Varargs invoke(final Varargs args)
            {
                final LuaTable zone = currentZone.get();
                if (4 != args.narg() || null == zone || !args.arg1().isnumber() || !args.arg(2).isnumber() ||
                    !args.arg(3).isnumber() || !args.arg(4).isnumber())
                {
                    return GameApi.errorTable("game.spatial.query_rect: expected (x1, y1, x2, y2) in a zone callback");
                }
                final double x1 = Math.min(args.arg1().todouble(), args.arg(3).todouble());
                final double x2 = Math.max(args.arg1().todouble(), args.arg(3).todouble());
                final double y1 = Math.min(args.arg(2).todouble(), args.arg(4).todouble());
                final double y2 = Math.max(args.arg(2).todouble(), args.arg(4).todouble());
                final ArrayList<Hit> hits = new ArrayList<>();
                forEach(zone, (id, e) ->
                {
                    final double x = e.get(X).todouble();
                    final double y = e.get(Y).todouble();
                    if (x >= x1 && x <= x2 && y >= y1 && y <= y2)
                    {
                        hits.add(new Hit(id, e, 0));
                    }
                });
                hits.sort(Comparator.comparing(h -> h.id.tojstring()));
                return zoneForm(hits);
            }
        });
        return t;
    }

    private record Hit(LuaValue id, LuaValue entity, double distance)
    {
    }

    private interface EntityVisitor
    {
        void visit(LuaValue id, LuaValue entity);
    }

    private static void forEach(final LuaTable entities, final EntityVisitor visitor)
    {
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = entities.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                return;
            }
            if (isPoint(next.arg(2)))
            {
                visitor.visit(k, next.arg(2));
            }
        }
    }

    private static ArrayList<Hit> search(
        final LuaTable entities, final double x, final double y, final double r, final int limit, final LuaValue opts)
    {
        final LuaValue type = opts.istable() ? opts.get("type") : LuaValue.NIL;
        final LuaValue exclude = opts.istable() ? opts.get("exclude") : LuaValue.NIL;
        final int max = opts.istable() && opts.get("max_results").isnumber() ?
            Math.min(limit, Math.max(0, opts.get("max_results").toint())) : limit;
        final boolean farthest = opts.istable() && "farthest".equals(opts.get("sort").optjstring(""));
        final ArrayList<Hit> hits = new ArrayList<>();
        forEach(entities, (id, e) ->
        {
            if (!type.isnil() && !type.eq_b(e.get("type")))
            {
                return;
            }
            if (!exclude.isnil() && (exclude.eq_b(id) || exclude.istable() && contains(exclude, id)))
            {
                return;
            }
            final double d = Math.hypot(e.get(X).todouble() - x, e.get(Y).todouble() - y);
            if (d <= r)
            {
                hits.add(new Hit(id, e, d));
            }
        });
        final Comparator<Hit> order = Comparator.<Hit>comparingDouble(h -> h.distance)
            .thenComparing(h -> h.id.tojstring());
        hits.sort(farthest ? order.reversed() : order);
        while (hits.size() > max)
        {
            hits.removeLast();
        }
        return hits;
    }

    private static boolean contains(final LuaValue list, final LuaValue id)
    {
        for (int i = 1; i <= list.length(); i++)
        {
            if (list.get(i).eq_b(id))
            {
                return true;
            }
        }
        return false;
    }

    private static LuaTable listForm(final ArrayList<Hit> hits)
    {
        final LuaTable out = new LuaTable();
        for (int i = 0; i < hits.size(); i++)
        {
            final LuaTable row = new LuaTable();
            row.rawset("id", hits.get(i).id);
            row.rawset("entity", hits.get(i).entity);
            row.rawset("distance", hits.get(i).distance);
            out.rawset(i + 1, row);
        }
        return out;
    }

    private static LuaTable zoneForm(final ArrayList<Hit> hits)
    {
        final LuaTable out = new LuaTable();
        for (int i = 0; i < hits.size(); i++)
        {
            final LuaTable row = new LuaTable();
            row.rawset("id", hits.get(i).id);
            row.rawset("x", hits.get(i).entity.get(X));
            row.rawset("y", hits.get(i).entity.get(Y));
            out.rawset(i + 1, row);
        }
        return out;
    }

    private static boolean isPoint(final LuaValue v)
    {
        return v.istable() && v.get(X).isnumber() && v.get(Y).isnumber();
    }

    private static double distance(final LuaValue a, final LuaValue b)
    {
        return Math.hypot(a.get(X).todouble() - b.get(X).todouble(), a.get(Y).todouble() - b.get(Y).todouble());
    }
}

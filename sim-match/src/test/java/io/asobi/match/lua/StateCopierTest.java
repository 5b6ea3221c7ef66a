package io.asobi.match.lua;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import static io.asobi.match.lua.LuaTestSupport.eval;
import static org.assertj.core.api.Assertions.assertThat;

class StateCopierTest
{
    private final StateCopier copier = new StateCopier();

    @Test
    void shouldCopyNestedTablesIndependently()
    {
        final LuaTable original = eval("return { a = { b = { 1, 2, 3 } }, s = 'x', n = 1.5 }").checktable();

        final LuaTable copy = copier.copy(original).checktable();
        original.get("a").get("b").set(1, LuaValue.valueOf(99));
        original.set("s", LuaValue.valueOf("changed"));

        assertThat(copy).isNotSameAs(original);
        assertThat(copy.get("a").get("b").get(1).toint()).isEqualTo(1);
        assertThat(copy.get("s").tojstring()).isEqualTo("x");
        assertThat(copy.get("n").todouble()).isEqualTo(1.5);
        assertThat(copier.lastTableCount()).isEqualTo(3);
    }

    @Test
    void shouldKeepSharedReferencesCyclesAndTableKeys()
    {
        final LuaTable original = eval("""
            local shared = { v = 1 }
            local key = { k = true }
            local t = { left = shared, right = shared }
            t.self = t
            t[key] = "by table"
            t.key = key
            return t
            """).checktable();

        final LuaTable copy = copier.copy(original).checktable();

        assertThat(copy.get("left")).isSameAs(copy.get("right")).isNotSameAs(original.get("left"));
        assertThat(copy.get("self")).isSameAs(copy);
        assertThat(copy.get(copy.get("key")).tojstring()).isEqualTo("by table");
        assertThat(copy.get(original.get("key")).isnil()).isTrue();
    }

    @Test
    void shouldShareMetatablesFunctionsAndGlobals()
    {
        final LuaTable original = eval("""
            local mt = { __index = function() return 7 end }  -- not called: Lua runs only inside a budgeted call
            return { obj = setmetatable({}, mt), f = math.floor, g = _G, str = string }
            """).checktable();

        final LuaTable copy = copier.copy(original).checktable();

        assertThat(copy.get("obj")).isNotSameAs(original.get("obj"));
        assertThat(copy.get("obj").getmetatable()).isSameAs(original.get("obj").getmetatable());
        assertThat(copy.get("f")).isSameAs(original.get("f"));
        assertThat(copy.get("g")).isSameAs(original.get("g"));
    }

    @Test
    void shouldCopyAVeryDeepChainWithoutRecursion()
    {
        final LuaTable original = eval("""
            local root = {}
            local at = root
            for i = 1, 100000 do at.next = { i = i } at = at.next end
            return root
            """).checktable();

        final LuaTable copy = copier.copy(original).checktable();

        assertThat(copier.lastTableCount()).isEqualTo(100_001);
        assertThat(copy.get("next").get("i").toint()).isEqualTo(1);
    }

    @Test
    void shouldReturnNonTablesAsTheyAre()
    {
        assertThat(copier.copy(LuaValue.valueOf(3)).toint()).isEqualTo(3);
        assertThat(copier.copy(LuaValue.NIL).isnil()).isTrue();
    }
}

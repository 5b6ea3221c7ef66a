package io.asobi.match.lua;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaJsonTest
{
    @Test
    void shouldDecodeObjectsArraysNumbersAndNulls()
    {
        final LuaTable t = decode("{\"i\":7,\"big\":9007199254740993,\"f\":1.5,\"whole\":2.0,\"s\":\"h\u00e9\"," +
            "\"b\":true,\"n\":null,\"a\":[1,null,3],\"o\":{\"x\":{}}}");

        assertThat(t.get("i").isinttype()).isTrue();
        assertThat(t.get("i").toint()).isEqualTo(7);
        assertThat(t.get("big").isinttype()).isFalse();
        assertThat(t.get("big").todouble()).isEqualTo(9007199254740992.0);
        assertThat(t.get("f").todouble()).isEqualTo(1.5);
        assertThat(t.get("whole").isinttype()).isTrue();
        assertThat(t.get("s").checkstring().m_length).isEqualTo(3);
        assertThat(t.get("b").toboolean()).isTrue();
        assertThat(t.get("n").isnil()).isTrue();
        assertThat(t.get("a").get(1).toint()).isEqualTo(1);
        assertThat(t.get("a").get(2).isnil()).isTrue();
        assertThat(t.get("a").get(3).toint()).isEqualTo(3);
        assertThat(t.get("o").get("x").istable()).isTrue();
    }

    @Test
    void shouldRejectWhatIsNotOneJsonObject()
    {
        assertThatThrownBy(() -> decode("[1]")).hasMessage("input is not a JSON object");
        assertThatThrownBy(() -> decode("{} {}")).hasMessage("trailing content after the JSON object");
        assertThatThrownBy(() -> decode("{\"a\":")).hasMessageStartingWith("invalid JSON");
        assertThatThrownBy(() -> decode("{\"a\":tru}")).hasMessageStartingWith("invalid JSON");
        assertThatThrownBy(() -> decode("{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}"))
            .hasMessage("JSON nests deeper than 64");
        assertThat(decode("{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}").istable()).isTrue();
    }

    @Test
    void shouldEncodeTablesAsArraysOnlyForKeysOneToN()
    {
        assertThat(encode(lua("return {}"))).isEqualTo("{}");
        assertThat(encode(lua("return {1, 2, 3}"))).isEqualTo("[1,2,3]");
        assertThat(encode(lua("return {[1] = 'a', [2] = 'b'}"))).isEqualTo("[\"a\",\"b\"]");
        assertThat(encode(lua("return {[1] = 'a', [3] = 'c'}"))).isEqualTo("{\"1\":\"a\",\"3\":\"c\"}");
        assertThat(encode(lua("return {[0] = 'z'}"))).isEqualTo("{\"0\":\"z\"}");
        assertThat(encode(lua("return {1, 2, x = 3}"))).contains("\"1\":1", "\"2\":2", "\"x\":3");
        assertThat(encode(lua("return {[1.5] = true, [true] = false}"))).contains("\"1.5\":true", "\"true\":false");
    }

    @Test
    void shouldEncodeNumbers()
    {
        assertThat(encode(lua("return {1.5, 2^40, 2^60, 1/0, -1/0, 0/0, -0.0, 3}")))
            .isEqualTo("[1.5,1099511627776,1.152921504606847E18,null,null,null,0,3]");
    }

    @Test
    void shouldEncodeLuaStringsAsUtf8()
    {
        assertThat(encode(LuaJson.luaString("h\u00e9 \uD83D\uDE00 \"q\"\n")))
            .isEqualTo("\"h\u00e9 \uD83D\uDE00 \\\"q\\\"\\n\"");
        assertThat(encode(LuaValue.valueOf(new byte[] { 'a', (byte)0xFF, 'b' }))).isEqualTo("\"a\uFFFDb\"");
        assertThat(LuaJson.javaString(LuaJson.luaString("\uD83D\uDE00"))).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void shouldRefuseCyclesDeepNestingAndFunctionsWithAPath()
    {
        assertThatThrownBy(() -> encode(lua("local t = {} t.self = t return t")))
            .hasMessage("cannot encode a table that contains itself (a cycle) at .self");
        assertThatThrownBy(() -> encode(lua("local t = {a = {b = {1, {}}}} t.a.b[2].up = t.a return t")))
            .hasMessage("cannot encode a table that contains itself (a cycle) at .a.b[2].up");
        assertThatThrownBy(() -> encode(lua("local t = {} local c = t for i = 1, 100 do c.n = {} c = c.n end " +
            "return t")))
            .hasMessageStartingWith("cannot encode tables nested deeper than 64 at .n.n.n");
        assertThatThrownBy(() -> encode(lua("return {x = {print = function() end}}")))
            .hasMessage("cannot encode a value of type function at .x.print");
        assertThatThrownBy(() -> encode(lua("return {[{}] = 1}")))
            .hasMessage("cannot encode a key of type table");
        final LuaTable shared = new LuaTable();
        final LuaTable twice = new LuaTable();
        twice.set("a", shared);
        twice.set("b", shared);
        assertThat(encode(twice)).as("a shared table is not a cycle").contains("\"a\":{}", "\"b\":{}");
    }

    @Test
    void shouldConvertToAnObjectNode()
    {
        assertThat(LuaJson.toObjectNode(lua("return {a = {1, 2}, b = 'x'}")).get("a").size()).isEqualTo(2);
        assertThatThrownBy(() -> LuaJson.toObjectNode(lua("return {1, 2}"))).hasMessage("not a JSON object but array");
    }

    @Test
    void shouldIgnoreMetatablesWhenEncoding()
    {
        final LuaTable t = lua("""
            return setmetatable({ real = 1 },
                { __index = function() error("ran") end, __pairs = function() error("ran") end })
            """);
        assertThat(encode(t)).isEqualTo("{\"real\":1}");
    }

    private static LuaTable decode(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return LuaJson.decodeObject(bytes, 0, bytes.length);
    }

    static String encode(final LuaValue value)
    {
        return new String(LuaJson.encode(value), StandardCharsets.UTF_8);
    }

    static LuaTable lua(final String chunk)
    {
        return LuaTestSupport.eval(chunk).checktable();
    }
}

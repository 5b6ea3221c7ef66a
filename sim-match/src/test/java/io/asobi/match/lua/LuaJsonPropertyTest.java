package io.asobi.match.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.luaj.vm2.LuaTable;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON → Lua → JSON keeps every JSON object that has a Lua form: no nulls (they become absent keys or holes) and no
 * empty arrays (an empty table is an object). Numbers are compared by value: 2.0 comes back as 2, and integers beyond
 * 32 bits travel as doubles, exact up to 2^53.
 */
class LuaJsonPropertyTest
{
    private static final Comparator<JsonNode> NUMERIC = (a, b) ->
    {
        if (a.isNumber() && b.isNumber())
        {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    @Property(tries = 300)
    void shouldRoundTripJsonObjectsThroughLua(@ForAll("objects") final ObjectNode json) throws IOException
    {
        final byte[] bytes = LuaJson.MAPPER.writeValueAsBytes(json);

        final LuaTable table = LuaJson.decodeObject(bytes, 0, bytes.length);
        final JsonNode back = LuaJson.MAPPER.readTree(LuaJson.encode(table));

        assertThat(back.equals(NUMERIC, json)).as("%s became %s", json, back).isTrue();
    }

    @Property(tries = 300)
    void shouldConvertJacksonTreesLikeBytes(@ForAll("objects") final ObjectNode json) throws IOException
    {
        final JsonNode back = LuaJson.MAPPER.readTree(LuaJson.encode(LuaJson.fromTree(json)));

        assertThat(back.equals(NUMERIC, json)).as("%s became %s", json, back).isTrue();
    }

    @Provide
    Arbitrary<ObjectNode> objects()
    {
        return objects(3);
    }

    private static Arbitrary<ObjectNode> objects(final int depth)
    {
        return Arbitraries.maps(keys(), values(depth)).ofMaxSize(5).map(LuaJsonPropertyTest::object);
    }

    private static Arbitrary<JsonNode> values(final int depth)
    {
        final Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
            Arbitraries.integers().map(IntNode::valueOf),
            Arbitraries.longs().between(-(1L << 53), 1L << 53).map(LongNode::valueOf),
            Arbitraries.doubles().between(-1e12, 1e12).ofScale(4).map(DoubleNode::valueOf),
            Arbitraries.of(1e-300, 1.7976931348623157e308, -4.9e-324).map(DoubleNode::valueOf),
            strings().map(TextNode::valueOf),
            Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE));
        if (0 == depth)
        {
            return leaves;
        }
        return Arbitraries.frequencyOf(
            Tuple.of(5, leaves),
            Tuple.of(1, objects(depth - 1).map(JsonNode.class::cast)),
            Tuple.of(1, values(depth - 1).list().ofMinSize(1).ofMaxSize(5).map(LuaJsonPropertyTest::array)));
    }

    private static Arbitrary<String> keys()
    {
        return Arbitraries.oneOf(strings(), Arbitraries.integers().between(-3, 9).map(String::valueOf));
    }

    private static Arbitrary<String> strings()
    {
        final Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(10);
        return Arbitraries.oneOf(bmp, bmp.map((s) -> s + "\uD83D\uDE00"), Arbitraries.strings().alpha().ofMaxLength(6));
    }

    private static ObjectNode object(final Map<String, JsonNode> fields)
    {
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        fields.forEach(node::set);
        return node;
    }

    private static ArrayNode array(final List<JsonNode> items)
    {
        final ArrayNode node = JsonNodeFactory.instance.arrayNode();
        items.forEach(node::add);
        return node;
    }
}

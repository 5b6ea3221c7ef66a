package io.asobi.match.lua;

import com.fasterxml.jackson.core.JsonGenerator;
import io.asobi.match.GameMode;
import io.asobi.match.MatchLogic;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaSnapshotTest
{
    @TempDir
    Path dir;

    private LuaGameModes modes;

    @BeforeEach
    void setUp()
    {
        modes = null;
    }

    @AfterEach
    void tearDown()
    {
        if (null != modes)
        {
            modes.close();
        }
    }

    private LuaMatchLogic start(final String initBody)
    {
        LuaTestSupport.write(dir, "match.lua", """
            match_size = 1
            function init(config)
            %s
            end
            function join(player_id, state) return state end
            function leave(player_id, state) return state end
            function handle_input(player_id, input, state)
                if input.clear then state.bad = nil; state.players = nil; state.big = nil end
                return state
            end
            function get_state(player_id, state) return { n = 1 } end
            """.formatted(initBody));
        modes = LuaTestSupport.load(dir);
        final GameMode mode = modes.find("default");
        return LuaTestSupport.start(mode, LuaTestSupport.context(mode, 42));
    }

    private static String refusal(final LuaMatchLogic logic)
    {
        assertThat(logic.snapshot(new ExpandableArrayBuffer(64), 0)).isEqualTo(-1);
        return logic.lastSnapshotFailure();
    }

    @Test
    void shouldRefuseFunctionsNamingThePath()
    {
        final LuaMatchLogic logic = start("""
            return { players = { p1 = { hp = 3, fn = function() end } } }
            """);
        assertThat(refusal(logic)).startsWith("state.players.p1.fn is a function");

        LuaTestSupport.input(logic, "p1", "{\"clear\":true}");
        assertThat(logic.snapshot(new ExpandableArrayBuffer(64), 0)).isPositive();
    }

    @Test
    void shouldRefuseMetatablesLibraryTablesAndIdentityHashedKeys()
    {
        assertThat(refusal(start("return { bad = { x = setmetatable({}, {}) } }")))
            .isEqualTo("state.bad.x has a metatable");
        modes.close();
        assertThat(refusal(start("return { bad = { lib = _G } }")))
            .startsWith("state.bad.lib is a library or system table");
        modes.close();
        assertThat(refusal(start("return { bad = { [true] = 1 } }")))
            .startsWith("state.bad[<boolean>]: a boolean key cannot be snapshotted");
        modes.close();
        assertThat(refusal(start("local t = {} return { bad = { [t] = 1 } }")))
            .startsWith("state.bad[<table>]: a table key cannot be snapshotted");
        modes.close();
        assertThat(refusal(start("return { bad = { [\"a b\"] = { [3] = { string.len } } } }")))
            .startsWith("state.bad[\"a b\"][3][1] is a function");
    }

    @Test
    void shouldRefuseSnapshotsOverTheLimit()
    {
        final LuaMatchLogic logic = start("""
            local big = {}
            for i = 1, 17 do big[i] = string.rep("x", 1024 * 1024) .. i end
            return { big = big }
            """);
        assertThat(refusal(logic)).contains("exceed " + LuaStateCodec.MAX_BYTES);
        LuaTestSupport.input(logic, "p1", "{\"clear\":true}");
        assertThat(logic.snapshot(new ExpandableArrayBuffer(64), 0)).isPositive();
    }

    @Test
    void shouldRestoreSharedReferencesCyclesAndNumberKinds()
    {
        final LuaMatchLogic logic = start("""
            local shared = { n = 1 }
            local s = { a = shared, b = shared, i = 3, d = 2.5, big = 2 ^ 40, inf = 1 / 0, text = "h\\0i",
                yes = true, no = false, list = { 1, 2.25, "three" } }
            s.self = s
            return s
            """);
        final MatchLogic restored = restore(logic);
        final LuaTable state = (LuaTable)((LuaMatchLogic)restored).state();
        assertThat(state.get("a")).isSameAs(state.get("b"));
        assertThat(state.get("self")).isSameAs(state);
        assertThat(state.get("i")).isInstanceOf(LuaInteger.class);
        assertThat(state.get("d")).isInstanceOf(LuaDouble.class);
        assertThat(state.get("big").todouble()).isEqualTo(Math.pow(2, 40));
        assertThat(state.get("inf").todouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(state.get("text").checkstring().m_length).isEqualTo(3);
        assertThat(state.get("yes")).isEqualTo(LuaValue.TRUE);
        assertThat(state.get("no")).isEqualTo(LuaValue.FALSE);
        assertThat(state.get("list").get(3).tojstring()).isEqualTo("three");
    }

    @Test
    void shouldMuteTheMainChunkAndNotRunInitOnRestore()
    {
        LuaTestSupport.write(dir, "match.lua", """
            game.broadcast("boot", { ok = true })
            game.match.set_joinable(false)
            match_size = 1
            state_strategy = "shared"
            inits = 0
            function init(config) inits = inits + 1 return { inits = inits } end
            function join(player_id, state) return state end
            function leave(player_id, state) return state end
            function handle_input(player_id, input, state) return state end
            function get_state(state) return { inits = state.inits, global = inits } end
            """);
        modes = LuaTestSupport.load(dir);
        final GameMode mode = modes.find("default");
        final FakeMatchContext ctx = LuaTestSupport.context(mode, 1);
        final LuaMatchLogic logic = LuaTestSupport.start(mode, ctx);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = logic.snapshot(buffer, 0);

        final FakeMatchContext restoredCtx = LuaTestSupport.context(mode, 1);
        final LuaMatchLogic restored = (LuaMatchLogic)mode.newMatch();
        restored.restore(restoredCtx, buffer, 0, length);
        assertThat(restoredCtx.broadcasts).isEmpty();
        assertThat(restoredCtx.joinable).isEmpty();
        // The state came from the snapshot; the module-level counter was not snapshotted.
        assertThat(LuaTestSupport.state(restored, null)).contains("\"inits\":1").contains("\"global\":0");
        assertThatThrownBy(() -> restored.restore(restoredCtx, buffer, 0, length))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> logic.restore(ctx, buffer, 0, length)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectBadBytesWithIllegalArgumentException()
    {
        final LuaMatchLogic logic = start("return { players = { a = { 1, 2, 3 } }, name = \"x\", d = 0.5 }");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = logic.snapshot(buffer, 0);
        final byte[] valid = new byte[length];
        buffer.getBytes(0, valid);
        final GameMode mode = modes.find("default");

        // Every truncation.
        for (int n = 0; n < length; n++)
        {
            final int cut = n;
            assertThatThrownBy(() -> mode.newMatch().restore(
                LuaTestSupport.context(mode, 1), new UnsafeBuffer(valid), 0, cut))
                .isInstanceOf(IllegalArgumentException.class);
        }
        // Outside the buffer.
        assertThatThrownBy(() -> mode.newMatch().restore(
            LuaTestSupport.context(mode, 1), new UnsafeBuffer(valid), 1, length))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mode.newMatch().restore(
            LuaTestSupport.context(mode, 1), new UnsafeBuffer(valid), -1, 2))
            .isInstanceOf(IllegalArgumentException.class);

        // Hostile header fields.
        expectBad(valid, 0, 0x12345678, "bad magic");
        expectBad(valid, 4, 99, "unsupported version");
        expectBad(valid, 16, Integer.MAX_VALUE, "bad table count");
        expectBad(valid, 20, 24, "bad table count");
        final int tables = valid.length - getInt(valid, 20);
        expectBad(valid, valid.length - tables, 1 << 30, "bad layout");
        expectBad(valid, valid.length - tables + 4, 1 << 30, "bad layout");
        expectBad(valid, valid.length - tables + 4, 1, "bad layout");
        expectBad(valid, valid.length - tables + 8, 1 << 20, "bad layout");
        expectBad(valid, valid.length - tables + 12, -1, "bad layout");
        // The first entry of the state table is its first hash key: a string; give it a hostile length.
        assertThat(valid[24]).isEqualTo((byte)5);
        expectBad(valid, 25, Integer.MAX_VALUE, "string length");
        final byte[] tag = valid.clone();
        tag[24] = 42;
        assertThatThrownBy(() -> LuaStateCodec.decode(new UnsafeBuffer(tag), 0, tag.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown value tag 42");
    }

    @Test
    void shouldNeverFailOtherwiseOnCorruptedSnapshots()
    {
        final LuaMatchLogic logic = start("""
            local s = { players = { a = { 1, 2, 3, x = 1.5 }, b = { hp = 7 } }, name = "x", [10] = true }
            s.players.c = s.players.a
            return s
            """);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = logic.snapshot(buffer, 0);
        final byte[] valid = new byte[length];
        buffer.getBytes(0, valid);
        final Random random = new Random(7);
        for (int i = 0; i < 5000; i++)
        {
            final byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--)
            {
                bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
            }
            try
            {
                LuaStateCodec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
            }
            catch (final IllegalArgumentException ignored)
            {
                // the expected outcome for most corruptions; a harmless change may still decode
            }
        }
    }

    @Test
    void shouldPassSnapshotsThroughJavaModes()
    {
        LuaTestSupport.copyResources("config-modes", dir);
        modes = LuaTestSupport.load(dir);
        final GameMode mode = modes.find("arena");
        final MatchLogic logic = mode.newMatch();
        final FakeMatchContext ctx = new FakeMatchContext("match-1", mode.config(), 1);
        logic.init(ctx);
        logic.tick(0);
        logic.tick(1);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = logic.snapshot(buffer, 3);
        assertThat(length).isEqualTo(4);

        final MatchLogic restored = mode.newMatch();
        restored.restore(ctx, buffer, 3, length);
        restored.tick(2);
        logic.tick(2);
        assertThat(json(restored)).isEqualTo(json(logic)).isEqualTo("{\"ticks\":3}");
    }

    private static String json(final MatchLogic logic)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = LuaJson.FACTORY.createGenerator(out))
        {
            logic.writeState(null, generator);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private MatchLogic restore(final LuaMatchLogic logic)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = logic.snapshot(buffer, 5);
        assertThat(length).as("refused: %s", logic.lastSnapshotFailure()).isPositive();
        final GameMode mode = modes.find("default");
        final MatchLogic restored = mode.newMatch();
        restored.restore(LuaTestSupport.context(mode, 42), buffer, 5, length);
        return restored;
    }

    private static void expectBad(final byte[] valid, final int at, final int value, final String message)
    {
        final byte[] bytes = valid.clone();
        new UnsafeBuffer(bytes).putInt(at, value, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> LuaStateCodec.decode(new UnsafeBuffer(bytes), 0, bytes.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static int getInt(final byte[] bytes, final int at)
    {
        return new UnsafeBuffer(bytes).getInt(at, ByteOrder.LITTLE_ENDIAN);
    }
}

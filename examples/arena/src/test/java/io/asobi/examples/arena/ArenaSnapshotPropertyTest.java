package io.asobi.examples.arena;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import io.asobi.match.MatchContext;
import io.asobi.match.MatchLogic;
import io.asobi.match.ModeConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshot an arena match at any point, restore it into a fresh match of the same mode, feed both the same joins,
 * leaves, inputs and ticks: every tick's result, state frame and state hash are identical.
 */
class ArenaSnapshotPropertyTest
{
    private static final String[] PLAYERS = {"a", "b", "c", "d"};
    private static final JsonFactory JSON = new JsonFactory();

    @Property(tries = 150)
    void restoredMatchBehavesAsTheSnapshottedOne(
        @ForAll final long seed,
        @ForAll final boolean endless,
        @ForAll("steps") final List<String> before,
        @ForAll("steps") final List<String> after,
        @ForAll @IntRange(min = 0, max = 9) final int offset)
    {
        final GameMode mode = endless ? new EndlessArenaMode() : new ArenaMode(3);
        final MatchLogic original = mode.newMatch();
        original.init(new Context(mode.config(), seed));
        run(original, before, new ArrayList<>());

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = original.snapshot(buffer, offset);
        assertThat(length).isPositive();
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);

        final Context restoredCtx = new Context(mode.config(), seed);
        final MatchLogic restored = mode.newMatch();
        restored.restore(restoredCtx, new UnsafeBuffer(copy), 0, length);
        assertThat(restoredCtx.frames).isZero();
        assertThat(((ArenaMatch)restored).arena().stateHash()).isEqualTo(((ArenaMatch)original).arena().stateHash());
        assertThat(((ArenaMatch)restored).lastTick()).isEqualTo(((ArenaMatch)original).lastTick());

        final List<String> expected = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        run(original, after, expected);
        run(restored, after, actual);
        assertThat(actual).isEqualTo(expected);

        final ExpandableArrayBuffer a = new ExpandableArrayBuffer(16);
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(16);
        final int lengthA = original.snapshot(a, 0);
        assertThat(restored.snapshot(b, 0)).isEqualTo(lengthA);
        assertThat(a.compareTo(b)).isZero();
    }

    @Test
    void rejectsBadBytes()
    {
        final GameMode mode = new ArenaMode();
        final MatchLogic original = mode.newMatch();
        original.init(new Context(mode.config(), 5));
        original.join("a", null);
        original.join("b", null);
        final byte[] shoot = "{\"shoot\":true,\"aim_x\":1}".getBytes(StandardCharsets.UTF_8);
        original.handleInput("a", shoot, 0, shoot.length);
        original.tick(0);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = original.snapshot(buffer, 0);
        final byte[] valid = new byte[length];
        buffer.getBytes(0, valid);

        for (int cut = 0; cut < length; cut += 1 + cut / 8)
        {
            final int n = cut;
            assertThatThrownBy(() -> mode.newMatch().restore(new Context(mode.config(), 5), new UnsafeBuffer(valid),
                0, n)).isInstanceOf(IllegalArgumentException.class);
        }
        expectBad(mode, valid, 8, 0x12345678, false);        // magic
        expectBad(mode, valid, 8 + 8, 0x12345678, false);    // checksum
        expectBad(mode, valid, 8 + 20, Integer.MAX_VALUE, true); // player count
        expectBad(mode, valid, 8 + 28, Integer.MAX_VALUE, true); // first player id length
        expectBad(mode, valid, 8 + 24, 99_999, true);        // first player entity
        expectBad(mode, valid, 8 + 24, 1, true);             // first player entity: a projectile or nothing

        final Random random = new Random(3);
        for (int i = 0; i < 2000; i++)
        {
            final byte[] bytes = valid.clone();
            bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
            try
            {
                mode.newMatch().restore(new Context(mode.config(), 5), new UnsafeBuffer(bytes), 0, bytes.length);
            }
            catch (final IllegalArgumentException ignored)
            {
                // expected for most corruptions; a harmless one (a coordinate, a tick) still restores
            }
        }

        final MatchLogic started = mode.newMatch();
        started.init(new Context(mode.config(), 5));
        assertThatThrownBy(() -> started.restore(new Context(mode.config(), 5), new UnsafeBuffer(valid), 0, length))
            .isInstanceOf(IllegalStateException.class);
    }

    /** Overwrite an int; with {@code fixChecksum}, as a writer with a bug would (a valid checksum over bad data). */
    private static void expectBad(
        final GameMode mode, final byte[] valid, final int at, final int value, final boolean fixChecksum)
    {
        final byte[] bytes = valid.clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putInt(at, value, ByteOrder.LITTLE_ENDIAN);
        if (fixChecksum)
        {
            final CRC32C crc = new CRC32C();
            crc.update(bytes, 8 + 12, bytes.length - 8 - 12);
            buffer.putInt(8 + 8, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        }
        assertThatThrownBy(() -> mode.newMatch().restore(new Context(mode.config(), 5), buffer, 0, bytes.length))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static void run(final MatchLogic match, final List<String> steps, final List<String> out)
    {
        long tick = ((ArenaMatch)match).lastTick() + 1;
        for (final String step : steps)
        {
            final String[] parts = step.split(" ", 3);
            switch (parts[0])
            {
                case "join" -> out.add("join " + match.join(parts[1], JsonNodeFactory.instance.objectNode()));
                case "leave" -> match.leave(parts[1]);
                case "input" ->
                {
                    final byte[] bytes = parts[2].getBytes(StandardCharsets.UTF_8);
                    match.handleInput(parts[1], bytes, 0, bytes.length);
                }
                default ->
                {
                    for (int i = 0, n = Integer.parseInt(parts[1]); i < n; i++)
                    {
                        final ObjectNode result = match.tick(tick++);
                        out.add(null == result ? "-" : result.toString());
                        out.add(state(match));
                    }
                }
            }
        }
    }

    private static String state(final MatchLogic match)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out))
        {
            match.writeState(null, generator);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8) + " #" + ((ArenaMatch)match).arena().stateHash();
    }

    @Provide
    Arbitrary<List<String>> steps()
    {
        final Arbitrary<String> player = Arbitraries.of(PLAYERS);
        final Arbitrary<String> unit = Arbitraries.of("-1", "-0.5", "0", "0.5", "1");
        final Arbitrary<String> input = Combinators.combine(
            player, unit, unit, Arbitraries.of(true, false), unit, unit)
            .as((p, mx, my, shoot, ax, ay) -> "input " + p + " {\"move_x\":" + mx + ",\"move_y\":" + my +
                ",\"shoot\":" + shoot + ",\"aim_x\":" + ax + ",\"aim_y\":" + ay + "}");
        final Arbitrary<String> join = player.map(p -> "join " + p);
        final Arbitrary<String> leave = player.map(p -> "leave " + p);
        final Arbitrary<String> ticks = Arbitraries.integers().between(1, 30).map(n -> "ticks " + n);
        return Arbitraries.frequencyOf(
            Tuple.of(4, input),
            Tuple.of(2, join),
            Tuple.of(1, leave),
            Tuple.of(4, ticks)).list().ofMaxSize(40);
    }

    /** A match context that counts the frames pushed. */
    private static final class Context implements MatchContext
    {
        private final ModeConfig config;
        private final long seed;
        int frames;

        Context(final ModeConfig config, final long seed)
        {
            this.config = config;
            this.seed = seed;
        }

        public String matchId()
        {
            return "match-1";
        }

        public ModeConfig config()
        {
            return config;
        }

        public long seed()
        {
            return seed;
        }

        public List<String> players()
        {
            return List.of();
        }

        public void broadcastFrame(final byte[] frame)
        {
            frames++;
        }

        public void sendFrame(final String playerId, final byte[] frame)
        {
            frames++;
        }

        public void setJoinable(final boolean joinable)
        {
        }

        public long nanoTime()
        {
            return 0;
        }
    }
}

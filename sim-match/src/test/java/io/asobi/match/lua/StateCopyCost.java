package io.asobi.match.lua;

import org.luaj.vm2.LuaValue;

/**
 * Rough cost of the deep copy taken before each state-changing callback, for the numbers in {@code package-info}.
 * Not a test and not a JMH benchmark: a warmed-up loop timed with {@code System.nanoTime()}, run by hand with
 * <pre>
 *   java -cp "$CP:sim-match/target/classes:sim-match/target/test-classes" io.asobi.match.lua.StateCopyCost
 * </pre>
 * after {@code ./mvnw -o -q -pl sim-match -am test-compile}, where {@code $CP} lists the luaj-jse, jackson-core,
 * jackson-databind, agrona and slf4j-api jars of the local Maven repository.
 */
final class StateCopyCost
{
    private StateCopyCost()
    {
    }

    public static void main(final String[] args)
    {
        measure("demo (8 players x 2 fields)", state(8, 2, 0, 0));
        measure("medium (16 players x 8 fields, 50 entities x 5)", state(16, 8, 50, 5));
        measure("large (100 players x 10 fields, 1000 entities x 6)", state(100, 10, 1000, 6));
    }

    private static LuaValue state(final int players, final int playerFields, final int entities, final int fields)
    {
        return LuaTestSupport.eval("""
            local s = { players = {}, entities = {}, tick = 0, phase = "running" }
            for p = 1, %d do
                local player = {}
                for f = 1, %d do player["f" .. f] = f * 1.5 end
                s.players["player-" .. p] = player
            end
            for e = 1, %d do
                local entity = { id = "e" .. e }
                for f = 2, %d do entity["f" .. f] = f end
                s.entities[e] = entity
            end
            return s
            """.formatted(players, playerFields, entities, fields));
    }

    private static void measure(final String label, final LuaValue state)
    {
        final StateCopier copier = new StateCopier();
        long sink = 0;
        for (int i = 0; i < 20_000; i++)
        {
            sink += copier.copy(state).hashCode();
        }
        final int rounds = 20_000;
        final long startNs = System.nanoTime();
        for (int i = 0; i < rounds; i++)
        {
            sink += copier.copy(state).hashCode();
        }
        final long perCopyNs = (System.nanoTime() - startNs) / rounds;
        System.out.printf("%-55s %6d tables  %,9d ns per copy  (%d)%n",
            label, copier.lastTableCount(), perCopyNs, sink & 1);
    }
}

package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import io.asobi.server.AsobiServer;
import io.asobi.server.ServerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asobi replay} on a match played through a real server: every tick verifies, the dump holds both players'
 * states; with a changed script the replay reports where it diverges and {@code --verify} fails.
 */
class ReplayCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    @Test
    void replaysAndVerifiesAPlayedMatch() throws Exception
    {
        final Path game = Files.createDirectories(tempDir.resolve("game"));
        for (final String file : new String[]{ "config.lua", "demo.lua", "party.lua" })
        {
            Files.copy(Path.of("../examples/sdk-demo").resolve(file), game.resolve(file));
        }
        final Path data = tempDir.resolve("data");
        final String matchId;
        try (AsobiServer server = AsobiServer.launch(new ServerContext().port(0).gameDir(game).dataDir(data)
            .argon2MemoryKiB(64).argon2Iterations(1).httpRateLimits(false)))
        {
            final AsobiClient client = new AsobiClient(URI.create("http://127.0.0.1:" + server.address().getPort()));
            final Session a = client.register("replay_a", "replay-password");
            final Session b = client.register("replay_b", "replay-password");
            try (RealtimeConnection wsA = client.connect(a.accessToken());
                RealtimeConnection wsB = client.connect(b.accessToken()))
            {
                client.matchmakerAdd(a.accessToken(), "demo");
                client.matchmakerAdd(b.accessToken(), "demo");
                matchId = wsA.await("match.matched", Duration.ofSeconds(10)).payload().path("match_id").asText();
                wsB.await("match.matched", Duration.ofSeconds(10));
                wsA.send("match.input", JSON.createObjectNode().put("move_x", 1).put("move_y", 0));
                wsB.send("match.input", JSON.createObjectNode().put("move_x", 0).put("move_y", 1));
                final double x0 = wsA.await("match.state", Duration.ofSeconds(3))
                    .payload().path("players").path(a.playerId()).path("x").asDouble();
                wsA.await(f -> "match.state".equals(f.type()) &&
                    f.payload().path("players").path(a.playerId()).path("x").asDouble() > x0 + 8,
                    Duration.ofSeconds(3));
            }
        }

        final Path dump = tempDir.resolve("state.json");
        final String[] args = { "replay", "--data-dir", data.toString(), "--match", matchId,
            "--game-dir", game.toString(), "--verify", "--dump", dump.toString() };
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(run(args, out)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("verified: every tick")
            .doesNotContain("note: the game dir's code");
        final JsonNode state = JSON.readTree(dump.toFile());
        assertThat(state.path("match_id").asText()).isEqualTo(matchId);
        assertThat(state.path("players")).hasSize(2);

        Files.writeString(game.resolve("demo.lua"),
            Files.readString(game.resolve("demo.lua")).replace("SPEED = 4", "SPEED = 7"));
        final ByteArrayOutputStream diverged = new ByteArrayOutputStream();
        assertThat(run(args, diverged)).isEqualTo(1);
        assertThat(diverged.toString(StandardCharsets.UTF_8)).contains("DIVERGED at tick")
            .as("the journal recorded the code version the match ran").contains("note: the game dir's code")
            .as("what differs: hashes, the tick's records and the replayed frames")
            .contains("recorded frame hash 0x").contains("frames the replay built in that tick:")
            .contains("\"type\":\"match.state\"");
    }

    @Test
    void replaysAndVerifiesAJournaledLuaWorld() throws Exception
    {
        final Path game = Files.createDirectories(tempDir.resolve("world-game"));
        try (var files = Files.list(Path.of("../examples/world-terrain")))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".lua")).toList())
            {
                Files.copy(file, game.resolve(file.getFileName()));
            }
        }
        final Path data = tempDir.resolve("world-data");
        final String worldId;
        try (AsobiServer server = AsobiServer.launch(new ServerContext().port(0).gameDir(game).dataDir(data)
            .argon2MemoryKiB(64).argon2Iterations(1).httpRateLimits(false).snapshotIntervalTicks(20)))
        {
            final AsobiClient client = new AsobiClient(URI.create("http://127.0.0.1:" + server.address().getPort()));
            final Session a = client.register("world_replay_a", "replay-password");
            try (RealtimeConnection ws = client.connect(a.accessToken()))
            {
                worldId = ws.request("world.find_or_create", JSON.createObjectNode().put("mode", "world_terrain"))
                    .join().payload().path("world_id").asText();
                ws.send("world.input", JSON.createObjectNode().put("dx", 1).put("dy", 0));
                ws.await(f -> "world.tick".equals(f.type()) && f.payload().path("tick").asLong() > 60,
                    Duration.ofSeconds(15));
                ws.send("world.input", JSON.createObjectNode().put("dx", 0).put("dy", 1));
                ws.await(f -> "world.tick".equals(f.type()) && f.payload().path("tick").asLong() > 80,
                    Duration.ofSeconds(15));
            }
        }

        for (final boolean fromStart : new boolean[]{ true, false })
        {
            final Path dump = tempDir.resolve("world-" + fromStart + ".json");
            final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("replay", "--data-dir",
                data.toString(), "--world", worldId, "--game-dir", game.toString(), "--verify", "--dump",
                dump.toString()));
            if (fromStart)
            {
                args.add("--from-start");
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(run(args.toArray(new String[0]), out)).as(out.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("verified: every journaled tick")
                .contains("replayed world " + worldId);
            final JsonNode entities = JSON.readTree(dump.toFile());
            assertThat(entities.path("world_id").asText()).isEqualTo(worldId);
            assertThat(entities.path("zones").findValuesAsText("type")).contains("player", "deer");
        }

        final java.io.StringWriter cat = new java.io.StringWriter();
        assertThat(new CommandLine(new Asobi()).setOut(new java.io.PrintWriter(cat)).execute("journal", "cat",
            "--data-dir", data.toString(), "--name", worldId)).isZero();
        assertThat(cat.toString()).as("world records in words").contains("kind zone").contains("join player ")
            .contains("input player ").contains("snapshot");

        final ByteArrayOutputStream both = new ByteArrayOutputStream();
        assertThat(run(new String[]{ "replay", "--data-dir", data.toString(), "--world", worldId, "--match", "m" },
            both)).isEqualTo(2);
        final ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(run(new String[]{ "replay", "--data-dir", data.toString(), "--world", "no-such-world",
            "--game-dir", game.toString() }, none)).isEqualTo(1);
    }

    private static int run(final String[] args, final ByteArrayOutputStream out)
    {
        final CommandLine cli = new CommandLine(new Asobi());
        final ReplayCommand replay = (ReplayCommand)cli.getSubcommands().get("replay").getCommand();
        replay.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        replay.err = replay.out;
        return cli.execute(args);
    }
}

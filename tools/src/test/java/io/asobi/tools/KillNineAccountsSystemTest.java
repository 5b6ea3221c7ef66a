package io.asobi.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System test of durability: the server runs as a child JVM, a client registers players and updates their
 * profiles as fast as it can, the server is killed with SIGKILL at a random moment, restarted on the same data dir,
 * and every write that was acknowledged before the kill must be there. Three rounds, each adding to the last.
 */
class KillNineAccountsSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    @Test
    void noAcknowledgedAccountWriteIsLostToSigkill() throws Exception
    {
        final Path data = tempDir.resolve("data");
        final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // username -> display name ("" = none)
        final SplittableRandom random = new SplittableRandom(20261126);
        int next = 0;

        for (int round = 0; round < 3; round++)
        {
            final Process server = start(data);
            try
            {
                final AsobiClient client = new AsobiClient(URI.create(url(server)));
                verify(client, acknowledged);

                final AtomicBoolean stop = new AtomicBoolean();
                final int first = next;
                final Thread writer = new Thread(() -> write(client, acknowledged, first, stop), "writer");
                writer.start();
                TimeUnit.MILLISECONDS.sleep(300 + random.nextInt(1_500)); // a random moment of the write stream
                server.destroyForcibly(); // SIGKILL
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                writer.join(30_000);
                next += 10_000;
            }
            finally
            {
                server.destroyForcibly();
            }
        }
        assertThat(acknowledged).as("writes acknowledged over the three rounds").hasSizeGreaterThan(3);

        final Process server = start(data);
        try
        {
            verify(new AsobiClient(URI.create(url(server))), acknowledged);
        }
        finally
        {
            server.destroyForcibly();
        }
    }

    private static void write(
        final AsobiClient client, final Map<String, String> acknowledged, final int first, final AtomicBoolean stop)
    {
        for (int i = first; !stop.get(); i++)
        {
            final String username = "kill9_" + i;
            try
            {
                final Session session = client.register(username, "kill-nine-password");
                acknowledged.put(username, "");
                final String displayName = "Player " + i;
                final AsobiClient.Response updated = client.request("PUT", "/api/v1/players/" + session.playerId(),
                    JSON.createObjectNode().put("display_name", displayName), session.accessToken());
                if (200 == updated.status())
                {
                    acknowledged.put(username, displayName);
                }
            }
            catch (final RuntimeException ex)
            {
                return; // the server is gone; what was not acknowledged may or may not be there
            }
        }
    }

    private static void verify(final AsobiClient client, final Map<String, String> acknowledged)
    {
        for (final Map.Entry<String, String> entry : acknowledged.entrySet())
        {
            final Session session = client.login(entry.getKey(), "kill-nine-password");
            if (!entry.getValue().isEmpty())
            {
                assertThat(client.request("GET", "/api/v1/players/" + session.playerId(), null, session.accessToken())
                    .body().path("display_name").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
            }
        }
    }

    private static Process start(final Path data) throws Exception
    {
        return ChildServer.start(data, "examples/sdk-demo");
    }

    private static String url(final Process server) throws Exception
    {
        return ChildServer.url(server);
    }
}

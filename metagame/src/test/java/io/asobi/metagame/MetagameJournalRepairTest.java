package io.asobi.metagame;

import io.asobi.persistence.Journal;
import io.asobi.persistence.JournalCorruptException;
import io.asobi.sbe.metagame.MessageHeaderEncoder;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static io.asobi.metagame.MetagameTestSupport.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up repair of the metagame journal: a corrupt tail is dropped (the old journal quarantined) and every account
 * written before it is back; corrupt records in the middle fail the start, naming the index, and change nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetagameJournalRepairTest
{
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    @TempDir
    Path dir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MetagameStateMachine machine;

    @BeforeEach
    void setUp()
    {
        clock.update(START_MS);
    }

    @AfterEach
    void tearDown()
    {
        if (null != machine)
        {
            machine.close();
        }
    }

    private MetagameStateMachine relaunch()
    {
        if (null != machine)
        {
            machine.close();
        }
        machine = MetagameStateMachine.launch(MetagameTestSupport.cheapContext(dir, clock, errors));
        return machine;
    }

    private Path journalDir()
    {
        return dir.resolve("journal");
    }

    /** Index and bytes of every record of a journal directory. */
    private record Records(List<Long> indices, List<byte[]> bytes)
    {
    }

    private static Records records(final Path journalDir)
    {
        final Records records = new Records(new ArrayList<>(), new ArrayList<>());
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            journal.replay((index, buffer, offset, length) ->
            {
                final byte[] record = new byte[length];
                buffer.getBytes(offset, record);
                records.indices().add(index);
                records.bytes().add(record);
            });
        }
        return records;
    }

    private long appendRaw(final byte[] record)
    {
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir()).epochClock(clock)))
        {
            return journal.append(new UnsafeBuffer(record), 0, record.length);
        }
    }

    private static byte[] badHeader()
    {
        return new byte[]{ 1, 2, 3, 4, 5 };
    }

    private static byte[] unknownTemplate()
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + 8]);
        new MessageHeaderEncoder().wrap(record, 0)
            .blockLength(8)
            .templateId(42)
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(MessageHeaderEncoder.SCHEMA_VERSION);
        return record.byteArray();
    }

    private static Map<String, byte[]> filesUnder(final Path root)
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.filter(Files::isRegularFile).toList())
            {
                files.put(root.relativize(path).toString(), Files.readAllBytes(path));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return files;
    }

    @Test
    void shouldDropACorruptTailAndKeepEveryAccount()
    {
        relaunch();
        final AuthTokens alice = await(machine.register("alice", "password1", "Alice"));
        await(machine.updatePlayer(alice.playerId(), "Alice W", null, null));
        clock.advance(DAY_MS); // the next records go to the next roll cycle (file)
        final AuthTokens bob = await(machine.register("bob", "password2", null));
        await(machine.login("alice", "password1"));
        machine.close();
        machine = null;
        final Records good = records(journalDir());
        assertThat(good.indices()).hasSize(4);

        final byte[] registered = good.bytes().getFirst();
        final long firstBad = appendRaw(badHeader());
        appendRaw(unknownTemplate());
        appendRaw(Arrays.copyOf(registered, registered.length - 10)); // its password hash cut short

        relaunch();
        await(machine.ready());

        // The garbage is gone, the good records kept byte for byte at their indices; the old journal is quarantined.
        final Records repaired = records(journalDir());
        assertThat(repaired.indices()).isEqualTo(good.indices());
        assertThat(repaired.bytes()).usingElementComparator(Arrays::compare).isEqualTo(good.bytes());
        final Path quarantined = dir.resolve("quarantine").resolve("journal-corrupt-" + clock.time());
        final Records old = records(quarantined);
        assertThat(old.indices()).hasSize(7).contains(firstBad);
        assertThat(old.bytes().subList(0, 4)).usingElementComparator(Arrays::compare).isEqualTo(good.bytes());

        assertThat(machine.replayedRecordCount()).isEqualTo(4);
        assertThat(machine.player(alice.playerId()).displayName()).isEqualTo("Alice W");
        assertThat(machine.player(bob.playerId()).username()).isEqualTo("bob");
        assertThat(machine.authenticate(bob.accessToken())).isEqualTo(bob.playerId());
        assertThat(await(machine.login("bob", "password2")).playerId()).isEqualTo(bob.playerId());

        // New writes go on after the kept records and survive another restart.
        final AuthTokens carol = await(machine.register("carol", "password3", null));
        assertThat(codeOf(machine.register("alice", "password9", null))).isEqualTo("auth.username_taken");
        relaunch();
        await(machine.ready());
        assertThat(machine.replayedRecordCount()).isEqualTo(6);
        assertThat(machine.player(carol.playerId()).username()).isEqualTo("carol");
        assertThat(machine.player(alice.playerId()).displayName()).isEqualTo("Alice W");
        assertThat(await(machine.login("carol", "password3")).playerId()).isEqualTo(carol.playerId());
        final Records after = records(journalDir());
        assertThat(after.indices().subList(0, 4)).isEqualTo(good.indices());
        assertThat(after.bytes().subList(0, 4)).usingElementComparator(Arrays::compare).isEqualTo(good.bytes());
        assertThat(dir.resolve("quarantine").toFile().list()).containsExactly(quarantined.getFileName().toString());
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldFailTheLaunchNamingTheIndexAndChangeNothingOnCorruptionInTheMiddle()
    {
        relaunch();
        final AuthTokens alice = await(machine.register("alice", "password1", null));
        machine.close();
        machine = null;
        final Records good = records(journalDir());
        final long bad = appendRaw(unknownTemplate());
        appendRaw(badHeader());
        appendRaw(good.bytes().getFirst()); // whole, after the bad ones
        final Map<String, byte[]> before = filesUnder(dir);

        relaunch();

        assertThatThrownBy(() -> machine.ready().join())
            .isInstanceOf(CompletionException.class)
            .rootCause()
            .isInstanceOfSatisfying(JournalCorruptException.class, ex -> assertThat(ex.index()).isEqualTo(bad))
            .hasMessageContaining("index " + bad)
            .hasMessageContaining("corruption in the middle")
            .hasMessageContaining("unknown metagame record: templateId=42");
        assertThat(machine.isReady()).isFalse();
        assertThat(machine.player(alice.playerId())).isNull();
        assertThat(codeOf(machine.register("bob", "password2", null))).isEqualTo("not_ready");
        machine.close();
        machine = null;

        final Map<String, byte[]> after = filesUnder(dir);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(before.get(name)));
        assertThat(dir.resolve("quarantine")).doesNotExist();
        assertThat(errors).anySatisfy(error -> assertThat(error).hasMessageContaining("journal replay failed"));
    }

    @Test
    void shouldStartOnAFreshDirectoryAndOnAJournalOfOnlyGarbage()
    {
        relaunch();
        await(machine.ready());
        assertThat(machine.replayedRecordCount()).isZero();
        machine.close();
        machine = null;
        assertThat(journalDir()).isDirectory();

        appendRaw(badHeader());
        appendRaw(unknownTemplate());
        relaunch();
        await(machine.ready());
        assertThat(machine.replayedRecordCount()).isZero();
        assertThat(records(journalDir()).indices()).isEmpty();
        final AuthTokens alice = await(machine.register("alice", "password1", null));
        relaunch();
        await(machine.ready());
        assertThat(await(machine.login("alice", "password1")).playerId()).isEqualTo(alice.playerId());
        assertThat(machine.replayedRecordCount()).isEqualTo(1);
        assertThat(errors).isEmpty();
    }
}

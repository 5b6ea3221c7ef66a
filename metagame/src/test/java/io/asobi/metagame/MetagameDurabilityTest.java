package io.asobi.metagame;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.persistence.Journal;
import io.asobi.persistence.JournalCorruptException;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static io.asobi.metagame.MetagameTestSupport.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetagameDurabilityTest
{
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

    @Test
    void shouldRecoverPlayersTokensAndUsedRefreshTokensAfterARestart() throws Exception
    {
        relaunch();
        final AuthTokens alice = await(machine.register("Alice", "password1", "Al"));
        clock.advance(1000);
        final PlayerProfile updated = await(machine.updatePlayer(alice.playerId(), "Alice W",
            "https://cdn.example/a.png", new ObjectMapper().readTree("{\"rank\":3,\"tags\":[\"x\"]}")));
        final AuthTokens rotated = await(machine.refresh(alice.refreshToken()));
        final AuthTokens laptop = await(machine.login("alice", "password1"));
        final AuthTokens bob = await(machine.register("bob", "password2", null));
        await(machine.logout(bob.refreshToken(), bob.accessToken()));
        final String stateBefore = await(machine.query(state -> state.describe(clock.time())));

        relaunch();
        await(machine.ready());

        assertThat(machine.replayedRecordCount()).isEqualTo(6);
        assertThat(machine.isReady()).isTrue();
        final String stateAfter = await(machine.query(state -> state.describe(clock.time())));
        assertThat(stateAfter).isEqualTo(stateBefore).contains("Alice W");
        assertThat(machine.player(alice.playerId())).isEqualTo(updated);
        assertThat(machine.player(bob.playerId()).username()).isEqualTo("bob");
        assertThat(machine.authenticate(alice.accessToken())).isEqualTo(alice.playerId());
        assertThat(machine.authenticate(rotated.accessToken())).isEqualTo(alice.playerId());
        assertThat(machine.authenticate(laptop.accessToken())).isEqualTo(alice.playerId());
        assertThat(machine.authenticate(bob.accessToken())).isNull();
        assertThat(codeOf(machine.refresh(bob.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(codeOf(machine.register("ALICE", "password3", null))).isEqualTo("auth.username_taken");
        assertThat(await(machine.login("Alice", "password1")).playerId()).isEqualTo(alice.playerId());

        // The refresh token used before the restart is still known as used: presenting it burns its family.
        assertThat(codeOf(machine.refresh(alice.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(machine.authenticate(rotated.accessToken())).isNull();
        assertThat(codeOf(machine.refresh(rotated.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(machine.authenticate(laptop.accessToken())).isEqualTo(alice.playerId());

        // ... and that, too, survives the next restart.
        final AuthTokens laptopRotated = await(machine.refresh(laptop.refreshToken()));
        relaunch();
        assertThat(codeOf(machine.refresh(rotated.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(machine.authenticate(laptopRotated.accessToken())).isEqualTo(alice.playerId());
        assertThat(machine.replayedRecordCount()).isEqualTo(9);
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldForgetExpiredTokensOnReplayButKeepTheirPlayers()
    {
        relaunch();
        final AuthTokens carol = await(machine.register("carol", "password1", null));
        machine.close();

        clock.advance(Accounts.REFRESH_TTL_MS);
        relaunch();
        await(machine.ready());

        assertThat(machine.player(carol.playerId())).isNotNull();
        assertThat(machine.authenticate(carol.accessToken())).isNull();
        assertThat(codeOf(machine.refresh(carol.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(await(machine.query(AccountState::refreshTokenCount))).isZero();
        assertThat(await(machine.query(AccountState::familyCount))).isZero();
    }

    @Test
    void shouldRefuseCommandsWithAClearErrorWhenTheJournalCannotBeReplayed()
    {
        relaunch();
        await(machine.register("dave", "password1", null));
        machine.close();
        machine = null;
        final long foreignIndex;
        try (Journal journal = Journal.open(new Journal.Context().dir(dir.resolve("journal"))))
        {
            final List<byte[]> records = new ArrayList<>();
            journal.replay((index, buffer, offset, length) ->
            {
                final byte[] record = new byte[length];
                buffer.getBytes(offset, record);
                records.add(record);
            });
            final UnsafeBuffer foreign = new UnsafeBuffer(new byte[16]);
            foreign.putShort(4, (short)99); // schemaId 99: not a metagame record
            foreignIndex = journal.append(foreign, 0, foreign.capacity());
            // A whole record after it: corruption in the middle, which is never skipped.
            journal.append(new UnsafeBuffer(records.getFirst()), 0, records.getFirst().length);
        }

        relaunch();

        assertThatThrownBy(() -> machine.ready().join())
            .isInstanceOf(CompletionException.class)
            .rootCause()
            .isInstanceOfSatisfying(JournalCorruptException.class, ex -> assertThat(ex.index()).isEqualTo(foreignIndex))
            .hasMessageContaining("index " + foreignIndex)
            .hasMessageContaining("corruption in the middle")
            .hasMessageContaining("not a metagame record: schemaId=99");
        assertThat(machine.isReady()).isFalse();
        assertThat(codeOf(machine.register("erin", "password1", null))).isEqualTo("not_ready");
        assertThat(codeOf(machine.updatePlayer(Uuid7.next(), "x", null, null))).isIn("not_ready", "player.not_found");
        assertThat(errors).anySatisfy(error -> assertThat(error).hasMessageContaining("journal replay failed"));
    }
}

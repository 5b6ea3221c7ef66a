package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static io.asobi.metagame.MetagameTestSupport.awaitFreshWriterCycle;
import static io.asobi.metagame.MetagameTestSupport.codeOf;
import static io.asobi.metagame.MetagameTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetagameStateMachineTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private MetagameStateMachine launch()
    {
        return launch(ctx -> {});
    }

    private MetagameStateMachine launch(final Consumer<MetagameStateMachine.Context> customise)
    {
        final MetagameStateMachine.Context ctx = MetagameTestSupport.cheapContext(dir, clock, errors);
        customise.accept(ctx);
        machine = MetagameStateMachine.launch(ctx);
        await(machine.ready());
        return machine;
    }

    private static Map<String, List<String>> fieldsOf(final AccountException ex)
    {
        assertThat(ex.code()).isEqualTo("validation_failed");
        @SuppressWarnings("unchecked")
        final Map<String, List<String>> fields = (Map<String, List<String>>)ex.details().get("fields");
        return fields;
    }

    @Test
    void shouldRegisterSignInAndServeTheProfile()
    {
        launch();
        await(machine.ready());
        assertThat(machine.isReady()).isTrue();

        final AuthTokens tokens = await(machine.register("Alice", "password1", null));

        assertThat(Uuid7.isCanonical(tokens.playerId())).isTrue();
        assertThat(Uuid7.epochMsOf(tokens.playerId())).isGreaterThanOrEqualTo(START_MS);
        assertThat(tokens.username()).isEqualTo("Alice");
        assertThat(tokens.accessToken()).hasSize(43).isNotEqualTo(tokens.refreshToken());
        assertThat(tokens.refreshToken()).hasSize(43);
        assertThat(machine.authenticate(tokens.accessToken())).isEqualTo(tokens.playerId());
        assertThat(machine.authenticate(tokens.refreshToken())).as("a refresh token is no bearer").isNull();

        final PlayerProfile profile = machine.player(tokens.playerId());
        assertThat(profile.id()).isEqualTo(tokens.playerId());
        assertThat(profile.username()).isEqualTo("Alice");
        assertThat(profile.displayName()).isEqualTo("Alice");
        assertThat(profile.avatarUrl()).isNull();
        assertThat(profile.metadata().isObject()).isTrue();
        assertThat(profile.metadata().isEmpty()).isTrue();
        assertThat(profile.insertedAtMs()).isEqualTo(START_MS);
        assertThat(profile.updatedAtMs()).isEqualTo(START_MS);

        final AuthTokens withName = await(machine.register("bob_2", "password2", "Bobby \uD83D\uDE80"));
        assertThat(machine.player(withName.playerId()).displayName()).isEqualTo("Bobby \uD83D\uDE80");
        assertThat(machine.player("0190a000-0000-7000-8000-000000000000")).isNull();
        assertThat(machine.player(null)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldKeepUsernamesUniqueIgnoringCase()
    {
        launch();
        await(machine.register("Bob", "password1", null));

        assertThat(codeOf(machine.register("bob", "password2", null))).isEqualTo("auth.username_taken");
        assertThat(codeOf(machine.register("BOB", "password2", null))).isEqualTo("auth.username_taken");

        final List<CompletableFuture<AuthTokens>> racing = new ArrayList<>();
        for (final String name : List.of("carol", "Carol", "CAROL", "cArOl"))
        {
            racing.add(machine.register(name, "password3", null));
        }
        int winners = 0;
        for (final CompletableFuture<AuthTokens> future : racing)
        {
            if (future.handle((tokens, ex) -> null == ex).join())
            {
                winners++;
            }
            else
            {
                assertThat(codeOf(future)).isEqualTo("auth.username_taken");
            }
        }
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void shouldExplainEveryInvalidRegistrationField()
    {
        launch();

        assertThat(fieldsOf(failureOf(machine.register("ab", "short", null)))).isEqualTo(Map.of(
            "username", List.of("must be 3 to 32 characters"),
            "password", List.of("must be 8 to 128 characters")));
        assertThat(fieldsOf(failureOf(machine.register("b\u00f6b b", "password1", null)))).isEqualTo(Map.of(
            "username", List.of("may only contain letters, digits, '_' and '-'")));
        assertThat(fieldsOf(failureOf(machine.register("x".repeat(33), "p".repeat(129), null)))).isEqualTo(Map.of(
            "username", List.of("must be 3 to 32 characters"),
            "password", List.of("must be 8 to 128 characters")));
        assertThat(fieldsOf(failureOf(machine.register(null, null, null)))).isEqualTo(Map.of(
            "username", List.of("is required"),
            "password", List.of("is required")));
        assertThat(fieldsOf(failureOf(machine.register("dave", "password1", "d".repeat(65))))).isEqualTo(Map.of(
            "display_name", List.of("must be at most 64 characters")));
        assertThat(fieldsOf(failureOf(machine.register("dave", "password1", "  ")))).isEqualTo(Map.of(
            "display_name", List.of("must not be blank")));

        // The limits themselves are accepted: 3 and 32 characters, 8 and 128 code points, 64 code points.
        await(machine.register("abc", "\uD83D\uDD11".repeat(8), null));
        await(machine.register("A".repeat(32), "\uD83D\uDD11".repeat(128), "\uD83D\uDE80".repeat(64)));
        await(machine.register("a-b_c-123", "password", null));
    }

    @Test
    void shouldSignInWithAnyCaseAndRefuseWrongCredentialsAlike()
    {
        launch();
        final AuthTokens registered = await(machine.register("Erin", "password1", null));

        final AuthTokens login = await(machine.login("ERIN", "password1"));
        assertThat(login.playerId()).isEqualTo(registered.playerId());
        assertThat(login.username()).isEqualTo("Erin");
        assertThat(login.accessToken()).isNotEqualTo(registered.accessToken());
        assertThat(machine.authenticate(login.accessToken())).isEqualTo(registered.playerId());
        assertThat(machine.authenticate(registered.accessToken())).isEqualTo(registered.playerId());

        assertThat(codeOf(machine.login("Erin", "password2"))).isEqualTo("auth.invalid_credentials");
        assertThat(codeOf(machine.login("nobody", "password1"))).isEqualTo("auth.invalid_credentials");
        assertThat(codeOf(machine.login("no such name!", "password1"))).isEqualTo("auth.invalid_credentials");
        assertThat(codeOf(machine.login("Erin", "short"))).isEqualTo("auth.invalid_credentials");
        assertThat(fieldsOf(failureOf(machine.login(null, "password1"))))
            .isEqualTo(Map.of("username", List.of("is required")));
    }

    @Test
    void shouldSpendAHashOnEveryLoginIncludingUnknownUsers()
    {
        launch();
        await(machine.register("frank", "password1", null));
        final long before = machine.hasher().derivationCount();

        assertThat(codeOf(machine.login("nobody", "password1"))).isEqualTo("auth.invalid_credentials");
        assertThat(codeOf(machine.login("bad name", "password1"))).isEqualTo("auth.invalid_credentials");
        assertThat(codeOf(machine.login("frank", "x".repeat(500)))).isEqualTo("auth.invalid_credentials");
        assertThat(codeOf(machine.login("frank", "password2"))).isEqualTo("auth.invalid_credentials");
        await(machine.login("frank", "password1"));

        assertThat(machine.hasher().derivationCount() - before).isEqualTo(5);
    }

    @Test
    void shouldRotateRefreshTokensAndBurnTheFamilyWhenAUsedOneComesBack()
    {
        launch();
        final AuthTokens first = await(machine.register("grace", "password1", null));
        final AuthTokens otherDevice = await(machine.login("grace", "password1"));

        final AuthTokens second = await(machine.refresh(first.refreshToken()));
        assertThat(second.playerId()).isEqualTo(first.playerId());
        assertThat(second.username()).isNull();
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(machine.authenticate(second.accessToken())).isEqualTo(first.playerId());
        assertThat(machine.authenticate(first.accessToken())).as("rotation keeps older access tokens")
            .isEqualTo(first.playerId());

        final AuthTokens third = await(machine.refresh(second.refreshToken()));
        assertThat(machine.authenticate(third.accessToken())).isEqualTo(first.playerId());

        // Reuse of an already rotated token: refused, and the whole family is revoked.
        assertThat(codeOf(machine.refresh(first.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(machine.authenticate(first.accessToken())).isNull();
        assertThat(machine.authenticate(second.accessToken())).isNull();
        assertThat(machine.authenticate(third.accessToken())).isNull();
        assertThat(codeOf(machine.refresh(third.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(codeOf(machine.refresh(first.refreshToken()))).isEqualTo("unauthenticated");

        // Another sign-in is another family and survives.
        assertThat(machine.authenticate(otherDevice.accessToken())).isEqualTo(first.playerId());
        assertThat(machine.authenticate(await(machine.refresh(otherDevice.refreshToken())).accessToken()))
            .isEqualTo(first.playerId());

        assertThat(codeOf(machine.refresh("not-a-token"))).isEqualTo("unauthenticated");
        assertThat(codeOf(machine.refresh(null))).isEqualTo("unauthenticated");
        assertThat(codeOf(machine.refresh(TokenHash.newToken(new java.security.SecureRandom()))))
            .isEqualTo("unauthenticated");
    }

    @Test
    void shouldLogOutTheRefreshFamilyAndThePresentedAccessToken()
    {
        launch();
        final AuthTokens signIn = await(machine.register("heidi", "password1", null));
        final AuthTokens rotated = await(machine.refresh(signIn.refreshToken()));
        final AuthTokens phone = await(machine.login("heidi", "password1"));
        final AuthTokens tablet = await(machine.login("heidi", "password1"));

        await(machine.logout(rotated.refreshToken(), phone.accessToken()));

        assertThat(machine.authenticate(signIn.accessToken())).isNull();
        assertThat(machine.authenticate(rotated.accessToken())).isNull();
        assertThat(codeOf(machine.refresh(rotated.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(machine.authenticate(phone.accessToken())).as("the presented access token").isNull();
        assertThat(await(machine.refresh(phone.refreshToken())).playerId()).as("its family stays")
            .isEqualTo(signIn.playerId());
        assertThat(machine.authenticate(tablet.accessToken())).isEqualTo(signIn.playerId());

        await(machine.logout(null, tablet.accessToken()));
        assertThat(machine.authenticate(tablet.accessToken())).isNull();
        assertThat(machine.authenticate(await(machine.refresh(tablet.refreshToken())).accessToken()))
            .isEqualTo(signIn.playerId());

        assertThat(await(machine.logout(null, null))).isNull();
        assertThat(await(machine.logout("junk", "junk"))).isNull();
        assertThat(await(machine.logout(rotated.refreshToken(), rotated.accessToken()))).isNull();
    }

    @Test
    void shouldExpireTokensWithTheInjectedClockAndPruneThem()
    {
        final long pruneIntervalMs = 10L * 24 * 60 * 60 * 1000;
        launch(ctx -> ctx.pruneIntervalMs(pruneIntervalMs));
        await(machine.ready());
        final AuthTokens tokens = await(machine.register("ivan", "password1", null));

        clock.advance(Accounts.ACCESS_TTL_MS - 1);
        assertThat(machine.authenticate(tokens.accessToken())).isEqualTo(tokens.playerId());
        clock.advance(1);
        assertThat(machine.authenticate(tokens.accessToken())).isNull();
        awaitFreshWriterCycle(machine);
        assertThat(await(machine.query(AccountState::accessTokenCount))).as("expired, not pruned yet").isEqualTo(1);

        final AuthTokens refreshed = await(machine.refresh(tokens.refreshToken()));
        assertThat(machine.authenticate(refreshed.accessToken())).isEqualTo(tokens.playerId());

        clock.advance(Accounts.REFRESH_TTL_MS - Accounts.ACCESS_TTL_MS - 1);
        assertThat(codeOf(machine.refresh(tokens.refreshToken()))).as("used, and 1 ms before its expiry")
            .isEqualTo("unauthenticated");
        final AuthTokens beforeExpiry = await(machine.login("ivan", "password1"));
        clock.advance(1);
        assertThat(codeOf(machine.refresh(refreshed.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(machine.authenticate(refreshed.accessToken())).isNull();

        clock.advance(pruneIntervalMs); // due whenever the last prune happened
        awaitFreshWriterCycle(machine);
        assertThat(await(machine.query(AccountState::accessTokenCount))).isZero();
        assertThat(await(machine.query(AccountState::refreshTokenCount))).isEqualTo(1);
        assertThat(await(machine.query(AccountState::familyCount))).isEqualTo(1);
        assertThat(machine.player(tokens.playerId())).isNotNull();
        assertThat(await(machine.refresh(beforeExpiry.refreshToken())).playerId()).isEqualTo(tokens.playerId());
    }

    @Test
    void shouldRevokeTheOldestFamilyBeyondTheCap()
    {
        launch(ctx -> ctx.maxFamiliesPerPlayer(2));
        final AuthTokens first = await(machine.register("judy", "password1", null));
        final AuthTokens second = await(machine.login("judy", "password1"));
        final AuthTokens rotatedSecond = await(machine.refresh(second.refreshToken()));

        final AuthTokens third = await(machine.login("judy", "password1"));

        assertThat(machine.authenticate(first.accessToken())).isNull();
        assertThat(codeOf(machine.refresh(first.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(machine.authenticate(rotatedSecond.accessToken())).isEqualTo(first.playerId());
        assertThat(machine.authenticate(third.accessToken())).isEqualTo(first.playerId());
        assertThat(await(machine.query(AccountState::familyCount))).isEqualTo(2);
    }

    @Test
    void shouldUpdateProfilesWithinTheirLimits() throws Exception
    {
        launch();
        final AuthTokens tokens = await(machine.register("kim", "password1", null));
        final String id = tokens.playerId();
        clock.advance(5000);

        final ObjectNode metadata = JSON.createObjectNode().put("level", 7).put("title", "\u52c7\u8005");
        final PlayerProfile updated = await(machine.updatePlayer(id, "Kim \u2728", "https://cdn.example/k.png",
            metadata));
        assertThat(updated.displayName()).isEqualTo("Kim \u2728");
        assertThat(updated.avatarUrl()).isEqualTo("https://cdn.example/k.png");
        assertThat(updated.metadata()).isEqualTo(metadata);
        assertThat(updated.insertedAtMs()).isEqualTo(START_MS);
        assertThat(updated.updatedAtMs()).isEqualTo(START_MS + 5000);
        assertThat(machine.player(id)).isEqualTo(updated);

        final PlayerProfile onlyName = await(machine.updatePlayer(id, "K", null, null));
        assertThat(onlyName.avatarUrl()).isEqualTo("https://cdn.example/k.png");
        assertThat(onlyName.metadata()).isEqualTo(metadata);
        assertThat(await(machine.updatePlayer(id, null, null, null))).isEqualTo(onlyName);

        // At the limits: 64 code points, 2048 characters, 16 KiB of encoded JSON.
        final ObjectNode largest = JSON.createObjectNode().put("blob", "");
        final int overhead = JSON.writeValueAsBytes(largest).length;
        largest.put("blob", "b".repeat(16 * 1024 - overhead));
        assertThat(JSON.writeValueAsBytes(largest)).hasSize(16 * 1024);
        final PlayerProfile atLimits = await(machine.updatePlayer(
            id, "\uD83D\uDE80".repeat(64), "h".repeat(2048), largest));
        assertThat(atLimits.metadata()).isEqualTo(largest);

        largest.put("blob", "b".repeat(16 * 1024 - overhead + 1));
        assertThat(fieldsOf(failureOf(machine.updatePlayer(id, "d".repeat(65), "h".repeat(2049), largest))))
            .isEqualTo(Map.of(
                "display_name", List.of("must be at most 64 characters"),
                "avatar_url", List.of("must be at most 2048 characters"),
                "metadata", List.of("must be at most 16384 bytes encoded")));
        final JsonNode array = JSON.readTree("[1,2]");
        assertThat(fieldsOf(failureOf(machine.updatePlayer(id, null, null, array))))
            .isEqualTo(Map.of("metadata", List.of("must be a JSON object")));
        assertThat(fieldsOf(failureOf(machine.updatePlayer(id, "bad\nname", null, null))))
            .isEqualTo(Map.of("display_name", List.of("must not contain control characters")));
        assertThat(machine.player(id)).isEqualTo(atLimits);

        assertThat(codeOf(machine.updatePlayer("0190a000-0000-7000-8000-000000000000", "x", null, null)))
            .isEqualTo("player.not_found");
        assertThat(codeOf(machine.updatePlayer(null, "x", null, null))).isEqualTo("player.not_found");
    }

    @Test
    void shouldAnswerNotReadyWhenTheCommandQueueIsFullAndRecover() throws InterruptedException
    {
        launch(ctx -> ctx.commandQueueCapacity(2));
        final AuthTokens tokens = await(machine.register("leo", "password1", null));
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch writerHeld = new CountDownLatch(1);

        final CompletableFuture<Object> blocker = machine.query(state ->
        {
            writerHeld.countDown();
            try
            {
                return release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        try
        {
            assertThat(writerHeld.await(20, TimeUnit.SECONDS)).isTrue();
            final CompletableFuture<AuthTokens> queued1 = machine.refresh(tokens.refreshToken());
            final CompletableFuture<PlayerProfile> queued2 = machine.updatePlayer(tokens.playerId(), "L", null, null);
            final CompletableFuture<PlayerProfile> refused = machine.updatePlayer(tokens.playerId(), "M", null, null);

            assertThat(codeOf(refused)).isEqualTo("not_ready");
            assertThat(failureOf(refused).getMessage()).contains("queue is full");
            release.countDown();
            assertThat(await(queued1).playerId()).isEqualTo(tokens.playerId());
            assertThat(await(queued2).displayName()).isEqualTo("L");
        }
        finally
        {
            release.countDown();
        }
        assertThat(await(blocker)).isEqualTo(true);
    }

    @Test
    void shouldAnswerNotReadyWhenThePasswordQueueIsFull() throws InterruptedException
    {
        launch(ctx -> ctx.hashThreads(1).hashQueueCapacity(1));
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch workerHeld = new CountDownLatch(1);
        final CompletableFuture<Void> holder = new CompletableFuture<>();
        machine.submitHashTask(holder, () ->
        {
            workerHeld.countDown();
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            holder.complete(null);
        });
        try
        {
            assertThat(workerHeld.await(20, TimeUnit.SECONDS)).isTrue();
            final CompletableFuture<AuthTokens> waiting = machine.register("mia", "password1", null);
            final CompletableFuture<AuthTokens> refused = machine.register("max", "password1", null);

            assertThat(codeOf(refused)).isEqualTo("not_ready");
            release.countDown();
            assertThat(await(waiting).username()).isEqualTo("mia");
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void shouldKeepTheWriterGoingAfterAFailingCommand()
    {
        launch();
        final CompletableFuture<Object> failing = machine.query(state ->
        {
            throw new IllegalStateException("boom");
        });

        final AccountException ex = failureOf(failing);
        assertThat(ex.code()).isEqualTo("internal");
        assertThat(errors).anySatisfy(error -> assertThat(error).hasMessage("boom"));
        assertThat(await(machine.register("nina", "password1", null)).username()).isEqualTo("nina");
    }

    @Test
    void shouldFinishQueuedWorkOnCloseAndRefuseCallsAfterwards()
    {
        launch();
        final AuthTokens tokens = await(machine.register("oscar", "password1", null));
        final List<CompletableFuture<AuthTokens>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            inFlight.add(machine.register("oscar" + i, "password1", null));
        }
        final CompletableFuture<AuthTokens> refreshed = machine.refresh(tokens.refreshToken());

        machine.close();

        assertThat(inFlight).allSatisfy(future -> assertThat(await(future).username()).startsWith("oscar"));
        assertThat(await(refreshed).playerId()).isEqualTo(tokens.playerId());
        assertThat(machine.isReady()).isFalse();
        assertThat(codeOf(machine.register("late", "password1", null))).isEqualTo("not_ready");
        assertThat(codeOf(machine.login("oscar", "password1"))).isEqualTo("not_ready");
        assertThat(codeOf(machine.refresh(tokens.refreshToken()))).isEqualTo("not_ready");
        assertThat(codeOf(machine.updatePlayer(tokens.playerId(), "x", null, null))).isEqualTo("not_ready");
        machine.close();
    }

    @Test
    void shouldWorkWithTheDefaultArgon2Parameters()
    {
        machine = MetagameStateMachine.launch(new MetagameStateMachine.Context()
            .dataDir(dir)
            .epochClock(clock)
            .hashThreads(1)
            .errorHandler(errors::add));

        final AuthTokens tokens = await(machine.register("pat", "correct horse battery staple", null));
        final String stored = await(machine.query(state -> state.credentialsOf(tokens.playerId()).passwordHash()));

        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(await(machine.login("pat", "correct horse battery staple")).playerId()).isEqualTo(tokens.playerId());
        assertThat(codeOf(machine.login("pat", "correct horse battery stapler"))).isEqualTo("auth.invalid_credentials");
        assertThat(errors).isEmpty();
    }
}

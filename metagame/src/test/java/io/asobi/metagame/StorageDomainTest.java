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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.asobi.metagame.MetagameTestSupport.START_MS;
import static io.asobi.metagame.MetagameTestSupport.await;
import static io.asobi.metagame.MetagameTestSupport.codeOf;
import static io.asobi.metagame.MetagameTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloud saves, generic storage, erasure and export against a real state machine with a hand-driven clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StorageDomainTest
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
        machine = launch();
    }

    @AfterEach
    void tearDown()
    {
        if (null != machine)
        {
            machine.close();
        }
        assertThat(errors).isEmpty();
    }

    private MetagameStateMachine launch()
    {
        final MetagameStateMachine launched =
            MetagameStateMachine.launch(MetagameTestSupport.cheapContext(dir, clock, errors));
        await(launched.ready());
        return launched;
    }

    private MetagameStateMachine restart()
    {
        machine.close();
        machine = launch();
        return machine;
    }

    private AuthTokens register(final String name)
    {
        return await(machine.register(name, "password-" + name, null));
    }

    private static JsonNode json(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldCreateUpdateAndReadSavesWithOptimisticConcurrency()
    {
        final String ann = register("ann").playerId();
        final CloudSaves saves = machine.cloudSaves();

        final CloudSave created = await(saves.put(ann, "slot-1", json("{\"level\":1}"), CloudSaves.ANY_VERSION));
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.dataJson()).isEqualTo("{\"level\":1}");
        assertThat(created.playerId()).isEqualTo(ann);
        assertThat(Uuid7.isCanonical(created.id())).isTrue();

        clock.advance(1000);
        final CloudSave updated = await(saves.put(ann, "slot-1", json("{\"level\":2}"), 1));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(updated.insertedAtMs()).isEqualTo(created.insertedAtMs());
        assertThat(updated.updatedAtMs()).isGreaterThan(created.updatedAtMs());

        final AccountException conflict = failureOf(saves.put(ann, "slot-1", json("{\"level\":3}"), 1));
        assertThat(conflict.code()).isEqualTo("save.version_conflict");
        assertThat(conflict.details()).containsEntry("current_version", 2L);

        assertThat(await(saves.put(ann, "slot-1", null, CloudSaves.ANY_VERSION)).dataJson()).isEqualTo("{}");
        assertThat(await(saves.get(ann, "slot-1")).version()).isEqualTo(3);
        assertThat(codeOf(saves.get(ann, "slot-2"))).isEqualTo("save.not_found");
        assertThat(await(saves.list(ann))).extracting(CloudSave::slot).containsExactly("slot-1");
    }

    @Test
    void shouldEnforceSlotNamesSizesAndTheSlotLimit()
    {
        final String ann = register("ann").playerId();
        final CloudSaves saves = machine.cloudSaves();

        assertThat(codeOf(saves.put(ann, "bad slot", json("{}"), CloudSaves.ANY_VERSION))).isEqualTo("save.invalid_slot");
        assertThat(codeOf(saves.put(ann, "x".repeat(65), json("{}"), CloudSaves.ANY_VERSION)))
            .isEqualTo("save.invalid_slot");
        assertThat(codeOf(saves.put(ann, "", json("{}"), CloudSaves.ANY_VERSION))).isEqualTo("save.invalid_slot");

        final ObjectNode big = JSON.createObjectNode().put("blob", "x".repeat(CloudSaves.MAX_DATA_BYTES));
        assertThat(codeOf(saves.put(ann, "big", big, CloudSaves.ANY_VERSION))).isEqualTo("save.too_large");
        final String justFits = "x".repeat(CloudSaves.MAX_DATA_BYTES - 2);
        assertThat(await(saves.put(ann, "fits", JSON.getNodeFactory().textNode(justFits), CloudSaves.ANY_VERSION))
            .dataJson()).hasSize(CloudSaves.MAX_DATA_BYTES);

        for (int i = 1; i < CloudSaves.SLOT_LIMIT; i++)
        {
            await(saves.put(ann, "s" + i, json("[" + i + "]"), CloudSaves.ANY_VERSION));
        }
        final AccountException full = failureOf(saves.put(ann, "one-more", json("{}"), CloudSaves.ANY_VERSION));
        assertThat(full.code()).isEqualTo("save.slot_limit_reached");
        assertThat(await(saves.put(ann, "s1", json("\"rewrite\""), CloudSaves.ANY_VERSION)).version())
            .as("an existing slot can still be written").isEqualTo(2);
        assertThat(await(saves.list(ann))).hasSize(CloudSaves.SLOT_LIMIT);
        assertThat(codeOf(saves.put("0190a5f0-0000-7000-8000-000000000000", "s1", json("{}"),
            CloudSaves.ANY_VERSION))).isEqualTo("player.not_found");
    }

    @Test
    void shouldKeepTheLastVersionsOfASlot()
    {
        final String ann = register("ann").playerId();
        final CloudSaves saves = machine.cloudSaves();
        for (int i = 1; i <= 8; i++)
        {
            clock.advance(1000);
            await(saves.put(ann, "main", json("{\"n\":" + i + "}"), CloudSaves.ANY_VERSION));
        }
        final List<CloudSave> versions = await(saves.versions(ann, "main"));
        assertThat(versions).extracting(CloudSave::version).containsExactly(8L, 7L, 6L, 5L, 4L);
        assertThat(await(saves.version(ann, "main", 5)).dataJson()).isEqualTo("{\"n\":5}");
        assertThat(codeOf(saves.version(ann, "main", 3))).isEqualTo("save.version_not_found");
        assertThat(codeOf(saves.versions(ann, "other"))).isEqualTo("save.not_found");

        restart();
        assertThat(await(machine.cloudSaves().versions(ann, "main"))).isEqualTo(versions);
    }

    @Test
    void shouldEnforceStoragePermissionsAndVersions()
    {
        final String ann = register("ann").playerId();
        final String bob = register("bob").playerId();
        final Storage storage = machine.storage();

        final StorageObject secret = await(storage.put(ann, "notes", "ann-secret", json("{\"a\":1}"), null, null,
            Storage.ANY_VERSION));
        assertThat(secret.ownerId()).isEqualTo(ann);
        assertThat(secret.readPerm()).isEqualTo(StoragePermission.OWNER);
        assertThat(secret.writePerm()).isEqualTo(StoragePermission.OWNER);
        assertThat(secret.version()).isEqualTo(1);

        assertThat(codeOf(storage.get(bob, "notes", "ann-secret"))).isEqualTo("storage.forbidden");
        assertThat(codeOf(storage.put(bob, "notes", "ann-secret", json("{}"), null, null, Storage.ANY_VERSION)))
            .isEqualTo("storage.forbidden");
        assertThat(codeOf(storage.delete(bob, "notes", "ann-secret"))).isEqualTo("storage.forbidden");
        assertThat(await(storage.get(ann, "notes", "ann-secret")).valueJson()).isEqualTo("{\"a\":1}");

        final StorageObject board = await(storage.put(ann, "notes", "board", json("[1]"), StoragePermission.PUBLIC,
            StoragePermission.PUBLIC, Storage.ANY_VERSION));
        final StorageObject written = await(storage.put(bob, "notes", "board", json("[1,2]"), null, null, 1));
        assertThat(written.version()).isEqualTo(2);
        assertThat(written.ownerId()).as("a public write keeps the owner").isEqualTo(ann);
        assertThat(written.id()).isEqualTo(board.id());
        assertThat(codeOf(storage.put(bob, "notes", "board", json("[]"), StoragePermission.OWNER, null,
            Storage.ANY_VERSION))).as("only the owner changes permissions").isEqualTo("storage.forbidden");
        final AccountException conflict = failureOf(storage.put(ann, "notes", "board", json("[0]"), null, null, 1));
        assertThat(conflict.code()).isEqualTo("storage.conflict");
        assertThat(conflict.details()).containsEntry("current_version", 2L);

        final StorageObject readOnly = await(storage.put(ann, "notes", "board", json("[3]"), null,
            StoragePermission.OWNER, 2));
        assertThat(readOnly.readPerm()).as("an omitted permission stays as it was").isEqualTo(StoragePermission.PUBLIC);
        assertThat(await(storage.get(bob, "notes", "board")).valueJson()).isEqualTo("[3]");

        assertThat(await(storage.list(bob, "notes", 50, 0))).extracting(StorageObject::key).containsExactly("board");
        assertThat(await(storage.list(ann, "notes", 50, 0))).extracting(StorageObject::key)
            .containsExactly("ann-secret", "board");
        assertThat(await(storage.list(ann, "notes", 1, 1))).extracting(StorageObject::key).containsExactly("board");

        await(storage.delete(ann, "notes", "ann-secret"));
        assertThat(codeOf(storage.get(ann, "notes", "ann-secret"))).isEqualTo("storage.not_found");
        assertThat(codeOf(storage.delete(ann, "notes", "ann-secret"))).isEqualTo("storage.not_found");

        assertThat(codeOf(storage.get(ann, "bad collection", "k"))).isEqualTo("storage.invalid_request");
        assertThat(codeOf(storage.get(ann, "c", "k/../x"))).isEqualTo("storage.invalid_request");
        final ObjectNode big = JSON.createObjectNode().put("blob", "x".repeat(Storage.MAX_VALUE_BYTES));
        assertThat(codeOf(storage.put(ann, "c", "k", big, null, null, Storage.ANY_VERSION)))
            .isEqualTo("storage.value_too_large");
    }

    @Test
    void shouldLimitObjectsPerPlayer()
    {
        final String ann = register("ann").playerId();
        final Storage storage = machine.storage();
        final List<java.util.concurrent.CompletableFuture<StorageObject>> writes = new java.util.ArrayList<>();
        for (int i = 0; i < Storage.MAX_OBJECTS_PER_PLAYER; i++)
        {
            writes.add(storage.put(ann, "c", "k" + i, json("1"), null, null, Storage.ANY_VERSION));
        }
        writes.forEach(MetagameTestSupport::await);
        assertThat(codeOf(storage.put(ann, "c", "one-more", json("1"), null, null, Storage.ANY_VERSION)))
            .isEqualTo("storage.limit_reached");
        await(storage.delete(ann, "c", "k0"));
        assertThat(await(storage.put(ann, "c", "one-more", json("1"), null, null, Storage.ANY_VERSION)).version())
            .isEqualTo(1);
    }

    @Test
    void shouldServeGlobalAndPerPlayerObjectsToTheServerSide()
    {
        final String ann = register("ann").playerId();
        final String bob = register("bob").playerId();
        final Storage storage = machine.storage();

        assertThat(await(storage.getGlobal("config", "rules"))).isNull();
        assertThat(await(storage.putGlobal("config", "rules", json("{\"v\":1}"))).version()).isEqualTo(1);
        assertThat(await(storage.putGlobal("config", "rules", json("{\"v\":2}"))).version()).isEqualTo(2);
        assertThat(await(storage.getGlobal("config", "rules")).ownerId()).isNull();
        assertThat(codeOf(storage.get(ann, "config", "rules")))
            .as("global objects are not reachable through the player API").isEqualTo("storage.not_found");
        assertThat(await(storage.list(ann, "config", 50, 0))).isEmpty();

        final StorageObject annObject = await(storage.putPlayerObject(ann, "progress", "p", json("{\"xp\":5}")));
        assertThat(annObject.ownerId()).isEqualTo(ann);
        assertThat(await(storage.getPlayerObject(ann, "progress", "p")).valueJson()).isEqualTo("{\"xp\":5}");
        assertThat(await(storage.getPlayerObject(bob, "progress", "p"))).isNull();
        assertThat(codeOf(storage.putPlayerObject(bob, "progress", "p", json("{}")))).isEqualTo("storage.forbidden");

        restart();
        assertThat(await(machine.storage().getGlobal("config", "rules")).valueJson()).isEqualTo("{\"v\":2}");
        assertThat(await(machine.storage().deleteGlobal("config", "rules"))).isTrue();
        assertThat(await(machine.storage().deleteGlobal("config", "rules"))).isFalse();
    }

    @Test
    void shouldEraseAPlayerEverywhereAndKeepItErasedAfterARestart()
    {
        final AuthTokens ann = register("ann");
        final String bob = register("bob").playerId();
        await(machine.cloudSaves().put(ann.playerId(), "main", json("{\"hp\":3}"), CloudSaves.ANY_VERSION));
        await(machine.storage().put(ann.playerId(), "notes", "pub", json("1"), StoragePermission.PUBLIC,
            StoragePermission.PUBLIC, Storage.ANY_VERSION));
        await(machine.storage().put(bob, "notes", "bob", json("2"), StoragePermission.PUBLIC, null,
            Storage.ANY_VERSION));

        assertThat(codeOf(machine.playerData().eraseSelf(ann.playerId(), "wrong-password")))
            .isEqualTo("player.confirmation_failed");
        assertThat(machine.authenticate(ann.accessToken())).isEqualTo(ann.playerId());

        await(machine.playerData().eraseSelf(ann.playerId(), "password-ann"));
        assertErased(ann);
        assertThat(await(machine.storage().get(bob, "notes", "bob")).valueJson()).isEqualTo("2");
        final List<AuditEntry> audit = await(machine.audit().entries(10, 0)).items();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("players.erase_self");
        assertThat(audit.getFirst().target()).isEqualTo(ann.playerId());

        restart();
        assertErased(ann);
        assertThat(await(machine.storage().list(bob, "notes", 50, 0))).extracting(StorageObject::key)
            .containsExactly("bob");
        assertThat(await(machine.register("ann", "password-new", null)).playerId())
            .as("the username is free again").isNotEqualTo(ann.playerId());
    }

    private void assertErased(final AuthTokens ann)
    {
        assertThat(machine.player(ann.playerId())).isNull();
        assertThat(machine.authenticate(ann.accessToken())).isNull();
        assertThat(codeOf(machine.refresh(ann.refreshToken()))).isEqualTo("unauthenticated");
        assertThat(codeOf(machine.login("ann", "password-ann"))).isEqualTo("auth.invalid_credentials");
        assertThat(await(machine.cloudSaves().list(ann.playerId()))).isEmpty();
        assertThat(codeOf(machine.storage().get(ann.playerId(), "notes", "pub"))).isEqualTo("storage.not_found");
    }

    @Test
    void shouldRefuseASelfEraseWhenThePasswordChangedOrThePlayerIsGone()
    {
        assertThat(codeOf(machine.playerData().eraseSelf("0190a5f0-0000-7000-8000-000000000000", "password-x")))
            .isEqualTo("player.not_found");
        final String ann = register("ann").playerId();
        assertThat(codeOf(machine.playerData().eraseSelf(ann, null))).isEqualTo("player.confirmation_failed");
        assertThat(machine.player(ann)).isNotNull();
    }

    @Test
    void shouldLetTheOperatorEraseWithTheUsernameAsConfirmation()
    {
        final AuthTokens ann = register("ann");
        final PlayerData players = machine.playerData();

        assertThat(codeOf(players.eraseByOperator("op", ann.playerId(), "Ann"))).isEqualTo("ops.confirmation_mismatch");
        assertThat(codeOf(players.eraseByOperator("op", "0190a5f0-0000-7000-8000-000000000000", "ann")))
            .isEqualTo("ops.not_found");
        await(players.eraseByOperator("op-kaito", ann.playerId(), "ann"));
        assertThat(machine.player(ann.playerId())).isNull();
        final AuditEntry entry = await(machine.audit().entries(1, 0)).items().getFirst();
        assertThat(entry.action()).isEqualTo("players.erase");
        assertThat(entry.operator()).isEqualTo("op-kaito");
        assertThat(entry.target()).isEqualTo(ann.playerId());
        assertThat(codeOf(players.eraseByOperator("op", ann.playerId(), "ann"))).isEqualTo("ops.not_found");
    }

    @Test
    void shouldExportEverythingHeldAboutAPlayerButNoCredentials()
    {
        final AuthTokens ann = register("ann");
        await(machine.cloudSaves().put(ann.playerId(), "main", json("{\"hp\":3}"), CloudSaves.ANY_VERSION));
        await(machine.cloudSaves().put(ann.playerId(), "main", json("{\"hp\":4}"), CloudSaves.ANY_VERSION));
        await(machine.storage().put(ann.playerId(), "notes", "n1", json("[1]"), null, null, Storage.ANY_VERSION));

        final ObjectNode export = await(machine.playerData().export(ann.playerId()));
        assertThat(export.path("player").path("id").asText()).isEqualTo(ann.playerId());
        assertThat(export.path("player").path("username").asText()).isEqualTo("ann");
        assertThat(export.path("account").path("active_sign_ins").asInt()).isEqualTo(1);
        final JsonNode save = export.path("storage").path("saves").get(0);
        assertThat(save.path("slot").asText()).isEqualTo("main");
        assertThat(save.path("data").path("hp").asInt()).isEqualTo(4);
        assertThat(save.path("versions")).hasSize(2);
        assertThat(export.path("storage").path("objects").get(0).path("value").get(0).asInt()).isEqualTo(1);
        final String text = export.toString();
        assertThat(text).doesNotContain("argon2").doesNotContain(ann.accessToken()).doesNotContain(ann.refreshToken());
        assertThat(codeOf(machine.playerData().export("0190a5f0-0000-7000-8000-000000000000")))
            .isEqualTo("ops.not_found");
    }

    @Test
    void shouldListSearchSortAndPagePlayers()
    {
        final String carl = register("carl").playerId();
        clock.advance(1000);
        final String ann = register("ann").playerId();
        clock.advance(1000);
        final String bob = register("Bobby").playerId();
        final PlayerData players = machine.playerData();

        final Audit.Page<PlayerProfile> newest =
            await(players.list(2, 0, null, PlayerData.SortField.INSERTED_AT, true));
        assertThat(newest.total()).isEqualTo(3);
        assertThat(newest.items()).extracting(PlayerProfile::id).containsExactly(bob, ann);
        assertThat(await(players.list(2, 2, null, PlayerData.SortField.INSERTED_AT, true)).items())
            .extracting(PlayerProfile::id).containsExactly(carl);
        assertThat(await(players.list(50, 0, null, PlayerData.SortField.USERNAME, false)).items())
            .extracting(PlayerProfile::username).containsExactly("ann", "Bobby", "carl");
        final Audit.Page<PlayerProfile> found = await(players.list(50, 0, "BOB", PlayerData.SortField.ID, false));
        assertThat(found.total()).isEqualTo(1);
        assertThat(found.items()).extracting(PlayerProfile::id).containsExactly(bob);
    }
}

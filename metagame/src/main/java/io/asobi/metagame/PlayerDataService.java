package io.asobi.metagame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.sbe.storage.EraseActor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@link PlayerData} over the metagame writer: erasures journal one {@code PlayerErased} record (through
 * {@link StorageDomain#erase}) followed by an audit entry; self-erase verifies the password with Argon2id on the
 * hash pool first, then checks on the writer that the password did not change meanwhile.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class PlayerDataService implements PlayerData
{
    /** Audit label of a self-erase. */
    static final String SELF_OPERATOR = "self";

    private final MetagameStateMachine machine;
    private final AccountState accounts;
    private final StorageDomain storage;

    PlayerDataService(final MetagameStateMachine machine, final AccountState accounts, final StorageDomain storage)
    {
        this.machine = machine;
        this.accounts = accounts;
        this.storage = storage;
    }

    public CompletableFuture<Void> eraseSelf(final String playerId, final String password)
    {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        machine.submitHashTask(result, () ->
        {
            // The profile and credential maps are concurrent: a hash worker may read them (as login does).
            final AccountState.Credentials credentials = null == playerId ? null : accounts.credentialsOf(playerId);
            if (null == credentials)
            {
                result.completeExceptionally(AccountErrors.playerNotFound());
                return;
            }
            if (!Validation.isWellFormedPassword(password) ||
                !machine.hasher().verify(credentials.passwordHash(), password))
            {
                result.completeExceptionally(StorageErrors.of(StorageErrors.PLAYER_CONFIRMATION_FAILED,
                    "The password does not confirm the erasure"));
                return;
            }
            machine.<Void>execute(writer ->
            {
                final AccountState.Credentials now = accounts.credentialsOf(playerId);
                if (null == now)
                {
                    throw AccountErrors.playerNotFound();
                }
                if (!now.passwordHash().equals(credentials.passwordHash()))
                {
                    throw StorageErrors.of(StorageErrors.PLAYER_CREDENTIALS_CHANGED,
                        "The credentials changed while the erasure was confirmed; retry");
                }
                storage.erase(writer, playerId, EraseActor.SELF);
                writer.domain(AuditDomain.class).record(writer, SELF_OPERATOR, "players.erase_self", playerId, "{}");
                return null;
            }).whenComplete((ignored, failure) ->
            {
                if (null != failure)
                {
                    result.completeExceptionally(failure);
                }
                else
                {
                    result.complete(null);
                }
            });
        });
        return result;
    }

    public CompletableFuture<Void> eraseByOperator(
        final String operator, final String playerId, final String confirmUsername)
    {
        return machine.execute(writer ->
        {
            final PlayerProfile profile = null == playerId ? null : accounts.profile(playerId);
            if (null == profile)
            {
                throw StorageErrors.of(StorageErrors.OPS_NOT_FOUND, "No player exists with this id");
            }
            if (!profile.username().equals(confirmUsername))
            {
                throw StorageErrors.of(StorageErrors.OPS_CONFIRMATION_MISMATCH,
                    "The username in the request body is not this player's username");
            }
            storage.erase(writer, playerId, EraseActor.OPERATOR);
            writer.domain(AuditDomain.class).record(writer, operator, "players.erase", playerId, "{}");
            return null;
        });
    }

    public CompletableFuture<ObjectNode> export(final String playerId)
    {
        return machine.execute(writer ->
        {
            final PlayerProfile profile = null == playerId ? null : accounts.profile(playerId);
            if (null == profile)
            {
                throw StorageErrors.of(StorageErrors.OPS_NOT_FOUND, "No player exists with this id");
            }
            final ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.set("player", profileJson(profile));
            out.putObject("account")
                .put("username", profile.username())
                .put("has_password", null != accounts.credentialsOf(playerId))
                .put("active_sign_ins", accounts.familyCountOf(playerId));
            for (final MetagameDomain domain : storage.domains())
            {
                domain.exportPlayer(playerId, out);
            }
            return out;
        });
    }

    public CompletableFuture<Audit.Page<PlayerProfile>> list(
        final int limit, final int offset, final String query, final SortField sortField, final boolean descending)
    {
        final int boundedLimit = Math.max(1, Math.min(200, limit));
        final int boundedOffset = Math.max(0, offset);
        final String needle = null == query || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
        final Comparator<PlayerProfile> order = comparator(null == sortField ? SortField.INSERTED_AT : sortField);
        final Comparator<PlayerProfile> directed = descending ? order.reversed() : order;
        return machine.execute(writer ->
        {
            final List<PlayerProfile> matching = new ArrayList<>();
            for (final PlayerProfile profile : accounts.profiles())
            {
                if (null == needle || contains(profile.username(), needle) || contains(profile.displayName(), needle))
                {
                    matching.add(profile);
                }
            }
            matching.sort(directed);
            final int from = Math.min(boundedOffset, matching.size());
            final int to = Math.min(from + boundedLimit, matching.size());
            return new Audit.Page<>(List.copyOf(matching.subList(from, to)), matching.size());
        });
    }

    static ObjectNode profileJson(final PlayerProfile profile)
    {
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", profile.id());
        body.put("username", profile.username());
        body.put("display_name", profile.displayName());
        body.put("avatar_url", profile.avatarUrl());
        body.set("metadata", null == profile.metadata() ? JsonNodeFactory.instance.objectNode() :
            profile.metadata().deepCopy());
        body.put("inserted_at", StorageDomain.iso(profile.insertedAtMs()));
        body.put("updated_at", StorageDomain.iso(profile.updatedAtMs()));
        return body;
    }

    private static boolean contains(final String value, final String needle)
    {
        return null != value && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static Comparator<PlayerProfile> comparator(final SortField field)
    {
        final Comparator<PlayerProfile> byId = Comparator.comparing(PlayerProfile::id);
        return switch (field)
        {
            case ID -> byId;
            case USERNAME -> Comparator.comparing((PlayerProfile p) -> p.username().toLowerCase(Locale.ROOT))
                .thenComparing(byId);
            case DISPLAY_NAME -> Comparator.comparing(
                (PlayerProfile p) -> null == p.displayName() ? "" : p.displayName().toLowerCase(Locale.ROOT))
                .thenComparing(byId);
            case INSERTED_AT -> Comparator.comparingLong(PlayerProfile::insertedAtMs).thenComparing(byId);
            case UPDATED_AT -> Comparator.comparingLong(PlayerProfile::updatedAtMs).thenComparing(byId);
        };
    }
}

package io.asobi.metagame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.sbe.storage.EraseActor;
import io.asobi.sbe.storage.MessageHeaderDecoder;
import io.asobi.sbe.storage.MessageHeaderEncoder;
import io.asobi.sbe.storage.ObjectDeletedDecoder;
import io.asobi.sbe.storage.ObjectDeletedEncoder;
import io.asobi.sbe.storage.ObjectWrittenDecoder;
import io.asobi.sbe.storage.ObjectWrittenEncoder;
import io.asobi.sbe.storage.Permission;
import io.asobi.sbe.storage.PlayerErasedDecoder;
import io.asobi.sbe.storage.PlayerErasedEncoder;
import io.asobi.sbe.storage.SaveWrittenDecoder;
import io.asobi.sbe.storage.SaveWrittenEncoder;
import io.asobi.sbe.storage.UuidDecoder;
import io.asobi.sbe.storage.UuidEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Cloud saves, generic storage and the player-erase record as a metagame domain (schema 6).
 * <p>
 * Records: {@code SaveWritten} (a slot's new version with its data), {@code ObjectWritten} and
 * {@code ObjectDeleted} (storage objects, player-owned or global), {@code PlayerErased} (one record per erasure:
 * its application removes the account, revoking every token, and calls {@link MetagameDomain#onPlayerErased} on
 * every domain, this one included, live and in replay).
 * <p>
 * State: per player a sorted map of slots, each with its last {@link CloudSaves#HISTORY_DEPTH} versions; player
 * objects by collection (sorted by key) with an index of each player's objects; global objects by collection and
 * key. JSON documents are kept as their UTF-8 text.
 * <p>
 * <b>Note:</b> the public methods are thread safe and answer through the writer; everything else runs on the
 * writer thread only.
 */
final class StorageDomain implements MetagameDomain, CloudSaves, Storage
{
    private static final long NIL = 0L;

    /** One save slot: its kept versions, oldest first. */
    private static final class Slot
    {
        final ArrayDeque<CloudSave> history = new ArrayDeque<>(HISTORY_DEPTH + 1);

        CloudSave current()
        {
            return history.peekLast();
        }
    }

    private final MetagameStateMachine machine;
    private final AccountState accounts;
    private final Supplier<List<MetagameDomain>> domains;

    private final HashMap<String, TreeMap<String, Slot>> slotsByPlayer = new HashMap<>();
    private final HashMap<String, TreeMap<String, StorageObject>> objectsByCollection = new HashMap<>();
    private final HashMap<String, HashSet<String>> objectRefsByOwner = new HashMap<>();
    private final HashMap<String, StorageObject> globalObjects = new HashMap<>();

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SaveWrittenDecoder saveWrittenDecoder = new SaveWrittenDecoder();
    private final SaveWrittenEncoder saveWrittenEncoder = new SaveWrittenEncoder();
    private final ObjectWrittenDecoder objectWrittenDecoder = new ObjectWrittenDecoder();
    private final ObjectWrittenEncoder objectWrittenEncoder = new ObjectWrittenEncoder();
    private final ObjectDeletedDecoder objectDeletedDecoder = new ObjectDeletedDecoder();
    private final ObjectDeletedEncoder objectDeletedEncoder = new ObjectDeletedEncoder();
    private final PlayerErasedDecoder playerErasedDecoder = new PlayerErasedDecoder();
    private final PlayerErasedEncoder playerErasedEncoder = new PlayerErasedEncoder();

    /**
     * @param machine  the state machine whose writer answers the calls.
     * @param accounts the account state an erasure removes the player from.
     * @param domains  every domain of the machine (this one included): an erasure's application calls each one's
     *                 {@link MetagameDomain#onPlayerErased}, an export each one's {@link MetagameDomain#exportPlayer}.
     */
    StorageDomain(
        final MetagameStateMachine machine,
        final AccountState accounts,
        final Supplier<List<MetagameDomain>> domains)
    {
        this.machine = machine;
        this.accounts = accounts;
        this.domains = domains;
    }

    public int schemaId()
    {
        return MessageHeaderDecoder.SCHEMA_ID;
    }

    // ------------------------------------------------------------------------------------------ records

    public void checkFormat(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalStateException("storage record shorter than its header: " + length + " bytes");
        }
        headerDecoder.wrap(buffer, offset);
        final int templateId = headerDecoder.templateId();
        final int version = headerDecoder.version();
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId() || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new IllegalStateException("unknown storage record: schemaId=" + headerDecoder.schemaId() +
                " version=" + version);
        }
        final int decodedLength;
        try
        {
            switch (templateId)
            {
                case SaveWrittenDecoder.TEMPLATE_ID ->
                    decodedLength = saveWrittenDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder)
                        .sbeDecodedLength();
                case ObjectWrittenDecoder.TEMPLATE_ID ->
                {
                    objectWrittenDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
                    if (Permission.NULL_VAL == objectWrittenDecoder.readPerm() ||
                        Permission.NULL_VAL == objectWrittenDecoder.writePerm())
                    {
                        throw new IllegalStateException("storage record with an unknown permission");
                    }
                    decodedLength = objectWrittenDecoder.sbeDecodedLength();
                }
                case ObjectDeletedDecoder.TEMPLATE_ID ->
                    decodedLength = objectDeletedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder)
                        .sbeDecodedLength();
                case PlayerErasedDecoder.TEMPLATE_ID ->
                {
                    playerErasedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
                    if (EraseActor.NULL_VAL == playerErasedDecoder.actor())
                    {
                        throw new IllegalStateException("erase record with an unknown actor");
                    }
                    decodedLength = playerErasedDecoder.sbeDecodedLength();
                }
                default -> throw new IllegalStateException("unknown storage record: templateId=" + templateId +
                    " version=" + version);
            }
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new IllegalStateException("storage record runs past its end: templateId=" + templateId, ex);
        }
        if (MessageHeaderDecoder.ENCODED_LENGTH + decodedLength > length)
        {
            throw new IllegalStateException("storage record longer than its " + length + " bytes: templateId=" +
                templateId);
        }
    }

    public void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        headerDecoder.wrap(buffer, offset);
        switch (headerDecoder.templateId())
        {
            case SaveWrittenDecoder.TEMPLATE_ID -> onSaveWritten(buffer, offset);
            case ObjectWrittenDecoder.TEMPLATE_ID -> onObjectWritten(buffer, offset);
            case ObjectDeletedDecoder.TEMPLATE_ID -> onObjectDeleted(buffer, offset);
            case PlayerErasedDecoder.TEMPLATE_ID -> onPlayerErasedRecord(buffer, offset);
            default -> throw new IllegalStateException("unknown storage record: templateId=" +
                headerDecoder.templateId());
        }
    }

    private void onSaveWritten(final DirectBuffer buffer, final int offset)
    {
        final SaveWrittenDecoder d = saveWrittenDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final String playerId = uuid(d.playerId());
        final String saveId = uuid(d.saveId());
        final long version = d.version();
        final String slotName = d.slot();
        final byte[] data = new byte[d.dataLength()];
        d.getData(data, 0, data.length);

        final TreeMap<String, Slot> slots = slotsByPlayer.computeIfAbsent(playerId, id -> new TreeMap<>());
        Slot slot = slots.get(slotName);
        if (null == slot || 1 == version)
        {
            slot = new Slot();
            slots.put(slotName, slot);
        }
        final CloudSave previous = slot.current();
        final long insertedAtMs = null == previous ? atMs : previous.insertedAtMs();
        slot.history.addLast(new CloudSave(saveId, playerId, slotName, new String(data, StandardCharsets.UTF_8),
            version, insertedAtMs, atMs));
        while (slot.history.size() > HISTORY_DEPTH)
        {
            slot.history.removeFirst();
        }
    }

    private void onObjectWritten(final DirectBuffer buffer, final int offset)
    {
        final ObjectWrittenDecoder d = objectWrittenDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final long atMs = d.atMs();
        final String ownerId = uuid(d.ownerId());
        final String objectId = uuid(d.objectId());
        final long version = d.version();
        final StoragePermission readPerm = permission(d.readPerm());
        final StoragePermission writePerm = permission(d.writePerm());
        final String collection = d.collection();
        final String key = d.objectKey();
        final byte[] value = new byte[d.valueLength()];
        d.getValue(value, 0, value.length);

        final String ref = ref(collection, key);
        if (null == ownerId)
        {
            final StorageObject previous = globalObjects.get(ref);
            globalObjects.put(ref, new StorageObject(objectId, collection, key, null,
                new String(value, StandardCharsets.UTF_8), version, readPerm, writePerm,
                null == previous ? atMs : previous.insertedAtMs(), atMs));
            return;
        }

        final TreeMap<String, StorageObject> objects =
            objectsByCollection.computeIfAbsent(collection, c -> new TreeMap<>());
        final StorageObject previous = objects.get(key);
        if (null != previous && !ownerId.equals(previous.ownerId()))
        {
            removeRef(previous.ownerId(), ref);
        }
        objects.put(key, new StorageObject(objectId, collection, key, ownerId,
            new String(value, StandardCharsets.UTF_8), version, readPerm, writePerm,
            null == previous ? atMs : previous.insertedAtMs(), atMs));
        objectRefsByOwner.computeIfAbsent(ownerId, id -> new HashSet<>()).add(ref);
    }

    private void onObjectDeleted(final DirectBuffer buffer, final int offset)
    {
        final ObjectDeletedDecoder d = objectDeletedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final boolean isGlobal = 0 != d.global();
        final String collection = d.collection();
        final String key = d.objectKey();
        if (isGlobal)
        {
            globalObjects.remove(ref(collection, key));
        }
        else
        {
            removePlayerObject(collection, key);
        }
    }

    private void onPlayerErasedRecord(final DirectBuffer buffer, final int offset)
    {
        final PlayerErasedDecoder d = playerErasedDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final String playerId = uuid(d.playerId());
        accounts.onPlayerRemoved(playerId);
        for (final MetagameDomain domain : domains.get())
        {
            domain.onPlayerErased(playerId);
        }
    }

    public void onPlayerErased(final String playerId)
    {
        slotsByPlayer.remove(playerId);
        final HashSet<String> refs = objectRefsByOwner.remove(playerId);
        if (null != refs)
        {
            for (final String ref : refs)
            {
                final int split = ref.indexOf('\0');
                final String collection = ref.substring(0, split);
                final TreeMap<String, StorageObject> objects = objectsByCollection.get(collection);
                if (null != objects)
                {
                    objects.remove(ref.substring(split + 1));
                    if (objects.isEmpty())
                    {
                        objectsByCollection.remove(collection);
                    }
                }
            }
        }
    }

    public void exportPlayer(final String playerId, final ObjectNode out)
    {
        final ObjectNode storage = out.putObject("storage");
        final ArrayNode saves = storage.putArray("saves");
        final TreeMap<String, Slot> slots = slotsByPlayer.get(playerId);
        if (null != slots)
        {
            for (final Slot slot : slots.values())
            {
                final CloudSave current = slot.current();
                final ObjectNode row = saves.addObject();
                row.put("id", current.id());
                row.put("slot", current.slot());
                row.put("version", current.version());
                row.put("inserted_at", iso(current.insertedAtMs()));
                row.put("updated_at", iso(current.updatedAtMs()));
                row.set("data", StorageValidation.parse(current.dataJson()));
                final ArrayNode history = row.putArray("versions");
                final Iterator<CloudSave> it = slot.history.descendingIterator();
                while (it.hasNext())
                {
                    final CloudSave kept = it.next();
                    history.addObject()
                        .put("version", kept.version())
                        .put("updated_at", iso(kept.updatedAtMs()))
                        .set("data", StorageValidation.parse(kept.dataJson()));
                }
            }
        }
        final ArrayNode objects = storage.putArray("objects");
        for (final StorageObject object : ownedObjects(playerId))
        {
            objects.addObject()
                .put("id", object.id())
                .put("collection", object.collection())
                .put("key", object.key())
                .put("version", object.version())
                .put("read_perm", object.readPerm().wireName())
                .put("write_perm", object.writePerm().wireName())
                .put("inserted_at", iso(object.insertedAtMs()))
                .put("updated_at", iso(object.updatedAtMs()))
                .set("value", StorageValidation.parse(object.valueJson()));
        }
    }

    // ------------------------------------------------------------------------------------------ cloud saves

    public CompletableFuture<List<CloudSave>> list(final String playerId)
    {
        return machine.execute(writer ->
        {
            final TreeMap<String, Slot> slots = slotsByPlayer.get(playerId);
            final List<CloudSave> saves = new ArrayList<>(null == slots ? 0 : slots.size());
            if (null != slots)
            {
                for (final Slot slot : slots.values())
                {
                    saves.add(slot.current());
                }
            }
            return saves;
        });
    }

    public CompletableFuture<CloudSave> get(final String playerId, final String slot)
    {
        return call(() ->
        {
            StorageValidation.requireSlot(slot);
            return machine.execute(writer -> requireSlot(playerId, slot).current());
        });
    }

    public CompletableFuture<CloudSave> put(
        final String playerId, final String slot, final JsonNode data, final long expectedVersion)
    {
        return call(() ->
        {
            StorageValidation.requireSlot(slot);
            final byte[] bytes = StorageValidation.encode(data, MAX_DATA_BYTES);
            if (null == bytes)
            {
                throw StorageErrors.of(StorageErrors.SAVE_TOO_LARGE,
                    "The save data is larger than " + MAX_DATA_BYTES + " bytes",
                    java.util.Map.of("max_bytes", MAX_DATA_BYTES));
            }
            return machine.execute(writer -> writeSave(writer, playerId, slot, bytes, expectedVersion));
        });
    }

    public CompletableFuture<List<CloudSave>> versions(final String playerId, final String slot)
    {
        return call(() ->
        {
            StorageValidation.requireSlot(slot);
            return machine.execute(writer ->
            {
                final Slot found = requireSlot(playerId, slot);
                final List<CloudSave> versions = new ArrayList<>(found.history);
                java.util.Collections.reverse(versions);
                return versions;
            });
        });
    }

    public CompletableFuture<CloudSave> version(final String playerId, final String slot, final long version)
    {
        return call(() ->
        {
            StorageValidation.requireSlot(slot);
            return machine.execute(writer ->
            {
                for (final CloudSave kept : requireSlot(playerId, slot).history)
                {
                    if (kept.version() == version)
                    {
                        return kept;
                    }
                }
                throw StorageErrors.of(StorageErrors.SAVE_VERSION_NOT_FOUND,
                    "This version of the slot is not kept", java.util.Map.of("version", version));
            });
        });
    }

    private Slot requireSlot(final String playerId, final String slot)
    {
        final TreeMap<String, Slot> slots = slotsByPlayer.get(playerId);
        final Slot found = null == slots ? null : slots.get(slot);
        if (null == found)
        {
            throw StorageErrors.of(StorageErrors.SAVE_NOT_FOUND, "No cloud save exists in this slot");
        }
        return found;
    }

    private CloudSave writeSave(
        final MetagameWriter writer,
        final String playerId,
        final String slotName,
        final byte[] data,
        final long expectedVersion)
    {
        requirePlayer(playerId);
        final TreeMap<String, Slot> slots = slotsByPlayer.get(playerId);
        final Slot slot = null == slots ? null : slots.get(slotName);
        final long version;
        final String saveId;
        if (null == slot)
        {
            if (null != slots && slots.size() >= SLOT_LIMIT)
            {
                throw StorageErrors.of(StorageErrors.SAVE_SLOT_LIMIT_REACHED,
                    "The player has no free cloud-save slots", java.util.Map.of("slot_limit", SLOT_LIMIT));
            }
            version = 1;
            saveId = Uuid7.next(writer.nowMs());
        }
        else
        {
            final CloudSave current = slot.current();
            if (CloudSaves.ANY_VERSION != expectedVersion && expectedVersion != current.version())
            {
                throw StorageErrors.saveVersionConflict(current.version());
            }
            version = current.version() + 1;
            saveId = current.id();
        }

        final ExpandableArrayBuffer buffer = writer.scratch();
        saveWrittenEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(writer.nowMs());
        uuid(saveWrittenEncoder.playerId(), playerId);
        uuid(saveWrittenEncoder.saveId(), saveId);
        saveWrittenEncoder.version(version).slot(slotName).putData(data, 0, data.length);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + saveWrittenEncoder.encodedLength());
        return slotsByPlayer.get(playerId).get(slotName).current();
    }

    // ------------------------------------------------------------------------------------------ generic storage

    public CompletableFuture<List<StorageObject>> list(
        final String callerId, final String collection, final int limit, final int offset)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, null);
            final int boundedLimit = Math.max(1, Math.min(100, limit));
            final int boundedOffset = Math.max(0, offset);
            return machine.execute(writer ->
            {
                final List<StorageObject> page = new ArrayList<>(Math.min(boundedLimit, 16));
                final TreeMap<String, StorageObject> objects = objectsByCollection.get(collection);
                if (null != objects)
                {
                    int skipped = 0;
                    for (final StorageObject object : objects.values())
                    {
                        if (!object.isReadableBy(callerId))
                        {
                            continue;
                        }
                        if (skipped < boundedOffset)
                        {
                            skipped++;
                            continue;
                        }
                        page.add(object);
                        if (page.size() == boundedLimit)
                        {
                            break;
                        }
                    }
                }
                return page;
            });
        });
    }

    public CompletableFuture<StorageObject> get(final String callerId, final String collection, final String key)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            return machine.execute(writer ->
            {
                final StorageObject object = requireObject(collection, key);
                if (!object.isReadableBy(callerId))
                {
                    throw forbidden();
                }
                return object;
            });
        });
    }

    public CompletableFuture<StorageObject> put(
        final String callerId,
        final String collection,
        final String key,
        final JsonNode value,
        final StoragePermission readPerm,
        final StoragePermission writePerm,
        final long expectedVersion)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            final byte[] bytes = requireValue(value);
            return machine.execute(writer ->
            {
                requirePlayer(callerId);
                final StorageObject existing = playerObject(collection, key);
                if (null == existing)
                {
                    requireOwnedRoom(callerId);
                    return writeObject(writer, callerId, Uuid7.next(writer.nowMs()), collection, key, bytes, 1,
                        null == readPerm ? StoragePermission.OWNER : readPerm,
                        null == writePerm ? StoragePermission.OWNER : writePerm);
                }
                if (!existing.isWritableBy(callerId))
                {
                    throw forbidden();
                }
                final boolean isOwner = existing.ownerId().equals(callerId);
                if (!isOwner && ((null != readPerm && readPerm != existing.readPerm()) ||
                    (null != writePerm && writePerm != existing.writePerm())))
                {
                    throw StorageErrors.of(StorageErrors.STORAGE_FORBIDDEN,
                        "Only the owner may change an object's permissions");
                }
                if (Storage.ANY_VERSION != expectedVersion && expectedVersion != existing.version())
                {
                    throw StorageErrors.storageConflict(existing.version());
                }
                return writeObject(writer, existing.ownerId(), existing.id(), collection, key, bytes,
                    existing.version() + 1,
                    null == readPerm ? existing.readPerm() : readPerm,
                    null == writePerm ? existing.writePerm() : writePerm);
            });
        });
    }

    public CompletableFuture<Void> delete(final String callerId, final String collection, final String key)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            return machine.execute(writer ->
            {
                final StorageObject existing = requireObject(collection, key);
                if (!existing.isWritableBy(callerId))
                {
                    throw forbidden();
                }
                writeDeletion(writer, false, collection, key);
                return null;
            });
        });
    }

    public CompletableFuture<StorageObject> getGlobal(final String collection, final String key)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            return machine.execute(writer -> globalObjects.get(ref(collection, key)));
        });
    }

    public CompletableFuture<StorageObject> putGlobal(final String collection, final String key, final JsonNode value)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            final byte[] bytes = requireValue(value);
            return machine.execute(writer ->
            {
                final StorageObject existing = globalObjects.get(ref(collection, key));
                if (null == existing && globalObjects.size() >= MAX_GLOBAL_OBJECTS)
                {
                    throw StorageErrors.of(StorageErrors.STORAGE_LIMIT_REACHED,
                        "As many global objects as allowed exist", java.util.Map.of("limit", MAX_GLOBAL_OBJECTS));
                }
                return writeObject(writer, null, null == existing ? Uuid7.next(writer.nowMs()) : existing.id(),
                    collection, key, bytes, null == existing ? 1 : existing.version() + 1,
                    StoragePermission.OWNER, StoragePermission.OWNER);
            });
        });
    }

    public CompletableFuture<Boolean> deleteGlobal(final String collection, final String key)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            return machine.execute(writer ->
            {
                if (!globalObjects.containsKey(ref(collection, key)))
                {
                    return false;
                }
                writeDeletion(writer, true, collection, key);
                return true;
            });
        });
    }

    public CompletableFuture<StorageObject> getPlayerObject(
        final String playerId, final String collection, final String key)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            return machine.execute(writer ->
            {
                final StorageObject object = playerObject(collection, key);
                return null != object && object.ownerId().equals(playerId) ? object : null;
            });
        });
    }

    public CompletableFuture<StorageObject> putPlayerObject(
        final String playerId, final String collection, final String key, final JsonNode value)
    {
        return call(() ->
        {
            StorageValidation.requireNames(collection, key);
            final byte[] bytes = requireValue(value);
            return machine.execute(writer ->
            {
                requirePlayer(playerId);
                final StorageObject existing = playerObject(collection, key);
                if (null == existing)
                {
                    requireOwnedRoom(playerId);
                    return writeObject(writer, playerId, Uuid7.next(writer.nowMs()), collection, key, bytes, 1,
                        StoragePermission.OWNER, StoragePermission.OWNER);
                }
                if (!existing.ownerId().equals(playerId))
                {
                    throw StorageErrors.of(StorageErrors.STORAGE_FORBIDDEN,
                        "Another player owns this collection and key");
                }
                return writeObject(writer, playerId, existing.id(), collection, key, bytes, existing.version() + 1,
                    existing.readPerm(), existing.writePerm());
            });
        });
    }

    private static byte[] requireValue(final JsonNode value)
    {
        final byte[] bytes = StorageValidation.encode(value, MAX_VALUE_BYTES);
        if (null == bytes)
        {
            throw StorageErrors.of(StorageErrors.STORAGE_VALUE_TOO_LARGE,
                "The value is larger than " + MAX_VALUE_BYTES + " bytes", java.util.Map.of("max_bytes",
                    MAX_VALUE_BYTES));
        }
        return bytes;
    }

    private StorageObject playerObject(final String collection, final String key)
    {
        final TreeMap<String, StorageObject> objects = objectsByCollection.get(collection);
        return null == objects ? null : objects.get(key);
    }

    private StorageObject requireObject(final String collection, final String key)
    {
        final StorageObject object = playerObject(collection, key);
        if (null == object)
        {
            throw StorageErrors.of(StorageErrors.STORAGE_NOT_FOUND, "No object exists at this collection and key");
        }
        return object;
    }

    private void requireOwnedRoom(final String playerId)
    {
        final HashSet<String> refs = objectRefsByOwner.get(playerId);
        if (null != refs && refs.size() >= MAX_OBJECTS_PER_PLAYER)
        {
            throw StorageErrors.of(StorageErrors.STORAGE_LIMIT_REACHED, "The player owns as many objects as allowed",
                java.util.Map.of("limit", MAX_OBJECTS_PER_PLAYER));
        }
    }

    private void requirePlayer(final String playerId)
    {
        if (null == playerId || !accounts.hasPlayer(playerId))
        {
            throw AccountErrors.playerNotFound();
        }
    }

    private static AccountException forbidden()
    {
        return StorageErrors.of(StorageErrors.STORAGE_FORBIDDEN, "The object's permissions do not allow this");
    }

    private StorageObject writeObject(
        final MetagameWriter writer,
        final String ownerId,
        final String objectId,
        final String collection,
        final String key,
        final byte[] value,
        final long version,
        final StoragePermission readPerm,
        final StoragePermission writePerm)
    {
        final ExpandableArrayBuffer buffer = writer.scratch();
        objectWrittenEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(writer.nowMs());
        uuid(objectWrittenEncoder.ownerId(), ownerId);
        uuid(objectWrittenEncoder.objectId(), objectId);
        objectWrittenEncoder.version(version)
            .readPerm(permission(readPerm))
            .writePerm(permission(writePerm))
            .collection(collection)
            .objectKey(key)
            .putValue(value, 0, value.length);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + objectWrittenEncoder.encodedLength());
        return null == ownerId ? globalObjects.get(ref(collection, key)) : playerObject(collection, key);
    }

    private void writeDeletion(
        final MetagameWriter writer, final boolean isGlobal, final String collection, final String key)
    {
        final ExpandableArrayBuffer buffer = writer.scratch();
        objectDeletedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .atMs(writer.nowMs())
            .global((short)(isGlobal ? 1 : 0))
            .collection(collection)
            .objectKey(key);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + objectDeletedEncoder.encodedLength());
    }

    private void removePlayerObject(final String collection, final String key)
    {
        final TreeMap<String, StorageObject> objects = objectsByCollection.get(collection);
        if (null == objects)
        {
            return;
        }
        final StorageObject removed = objects.remove(key);
        if (objects.isEmpty())
        {
            objectsByCollection.remove(collection);
        }
        if (null != removed)
        {
            removeRef(removed.ownerId(), ref(collection, key));
        }
    }

    private void removeRef(final String ownerId, final String ref)
    {
        final HashSet<String> refs = objectRefsByOwner.get(ownerId);
        if (null != refs)
        {
            refs.remove(ref);
            if (refs.isEmpty())
            {
                objectRefsByOwner.remove(ownerId);
            }
        }
    }

    private List<StorageObject> ownedObjects(final String playerId)
    {
        final HashSet<String> refs = objectRefsByOwner.get(playerId);
        final List<StorageObject> owned = new ArrayList<>(null == refs ? 0 : refs.size());
        if (null != refs)
        {
            for (final String ref : new java.util.TreeSet<>(refs))
            {
                final int split = ref.indexOf('\0');
                final StorageObject object = playerObject(ref.substring(0, split), ref.substring(split + 1));
                if (null != object)
                {
                    owned.add(object);
                }
            }
        }
        return owned;
    }

    // ------------------------------------------------------------------------------------------ erasure

    /**
     * Journal the erasure of a player (writer thread, inside a command that has checked the confirmation): one
     * {@code PlayerErased} record; its application removes the account and every domain's data.
     *
     * @param writer   the writer.
     * @param playerId the player, who must exist.
     * @param actor    who asked.
     */
    void erase(final MetagameWriter writer, final String playerId, final EraseActor actor)
    {
        requirePlayer(playerId);
        final ExpandableArrayBuffer buffer = writer.scratch();
        playerErasedEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).atMs(writer.nowMs());
        uuid(playerErasedEncoder.playerId(), playerId);
        playerErasedEncoder.actor(actor);
        writer.appendAndApply(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + playerErasedEncoder.encodedLength());
    }

    /**
     * Every domain, in timer order (exports).
     *
     * @return the domains.
     */
    List<MetagameDomain> domains()
    {
        return domains.get();
    }

    /**
     * A canonical description of the whole state (tests: replayed equals live).
     *
     * @return the description.
     */
    String describe()
    {
        final StringBuilder out = new StringBuilder(1024);
        new TreeMap<>(slotsByPlayer).forEach((playerId, slots) -> slots.forEach((name, slot) ->
        {
            for (final CloudSave save : slot.history)
            {
                out.append("save ").append(save).append('\n');
            }
        }));
        new TreeMap<>(objectsByCollection).forEach((collection, objects) ->
            objects.forEach((key, object) -> out.append("object ").append(object).append('\n')));
        new TreeMap<>(objectRefsByOwner).forEach((owner, refs) ->
            out.append("owns ").append(owner).append(' ').append(new java.util.TreeSet<>(refs)).append('\n'));
        new TreeMap<>(globalObjects).forEach((ref, object) -> out.append("global ").append(object).append('\n'));
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Run caller-side validation; a refusal becomes the future's failure instead of an exception. */
    private static <T> CompletableFuture<T> call(final Supplier<CompletableFuture<T>> body)
    {
        try
        {
            return body.get();
        }
        catch (final AccountException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private static String ref(final String collection, final String key)
    {
        return collection + '\0' + key;
    }

    static String iso(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static StoragePermission permission(final Permission permission)
    {
        return Permission.PUBLIC == permission ? StoragePermission.PUBLIC : StoragePermission.OWNER;
    }

    private static Permission permission(final StoragePermission permission)
    {
        return StoragePermission.PUBLIC == permission ? Permission.PUBLIC : Permission.OWNER;
    }

    private static void uuid(final UuidEncoder encoder, final String id)
    {
        if (null == id)
        {
            encoder.msb(NIL).lsb(NIL);
            return;
        }
        final UUID uuid = UUID.fromString(id);
        encoder.msb(uuid.getMostSignificantBits()).lsb(uuid.getLeastSignificantBits());
    }

    private static String uuid(final UuidDecoder decoder)
    {
        final long msb = decoder.msb();
        final long lsb = decoder.lsb();
        return NIL == msb && NIL == lsb ? null : new UUID(msb, lsb).toString();
    }
}

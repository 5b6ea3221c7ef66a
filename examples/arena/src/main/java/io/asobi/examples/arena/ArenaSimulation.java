package io.asobi.examples.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.asobi.ecs.ComponentType;
import io.asobi.ecs.EntityIds;
import io.asobi.ecs.EntityTemplate;
import io.asobi.ecs.FloatField;
import io.asobi.ecs.IntField;
import io.asobi.ecs.Phase;
import io.asobi.ecs.Query;
import io.asobi.ecs.QueryCursor;
import io.asobi.ecs.Systems;
import io.asobi.ecs.World;
import io.asobi.examples.arena.ArenaComponents.Health;
import io.asobi.examples.arena.ArenaComponents.Intent;
import io.asobi.examples.arena.ArenaComponents.Position;
import io.asobi.examples.arena.ArenaComponents.Projectile;
import io.asobi.examples.arena.ArenaComponents.Score;
import io.asobi.examples.arena.ArenaComponents.Velocity;
import io.asobi.examples.arena.ArenaComponents.Weapon;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.zip.CRC32C;

/**
 * The arena's game state and rules on the ECS, independent of the match runtime.
 * <p>
 * Per tick ({@link #step()}): {@code SIM} move players (clamped to the arena), fire (a projectile from each player
 * holding the trigger with an aim and a cool weapon), move projectiles (expiring at the end of their life or the
 * arena's edge); {@code POST_SIM} hits (a projectile within a player's radius, not its shooter's, takes
 * {@value #DAMAGE} hp and gives the shooter a point; a player at 0 hp respawns at a random spot with full hp).
 * <p>
 * Deterministic: no clock, one SplitMix64 generator seeded at creation, iteration in entity order, so the same seed
 * and the same calls give the same state and {@link #stateHash()}. The systems allocate nothing per tick once the
 * world has grown to its working size.
 * <p>
 * <b>Note:</b> not thread safe; used on its match's tick thread.
 */
final class ArenaSimulation
{
    static final float WIDTH = 800;
    static final float HEIGHT = 600;
    static final float PLAYER_RADIUS = 16;
    static final float PLAYER_SPEED = 4;
    static final float PROJECTILE_SPEED = 12;
    static final int PROJECTILE_TTL_TICKS = 60;
    static final int WEAPON_COOLDOWN_TICKS = 15;
    static final int MAX_HP = 100;
    static final int DAMAGE = 20;

    /** First four bytes of a snapshot ({@link #writeSnapshot}). */
    static final int SNAPSHOT_MAGIC = 0x414E5241; // "ARNA" in little-endian order
    static final int SNAPSHOT_VERSION = 1;
    static final int MAX_PLAYER_ID_BYTES = 1024;
    static final int SNAPSHOT_HEADER_LENGTH = 24;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static final SerializableString TICK = new SerializedString("tick");
    private static final SerializableString PLAYERS = new SerializedString("players");
    private static final SerializableString PROJECTILES = new SerializedString("projectiles");
    private static final SerializableString X = new SerializedString("x");
    private static final SerializableString Y = new SerializedString("y");
    private static final SerializableString HP = new SerializedString("hp");
    private static final SerializableString SCORE = new SerializedString("score");

    private final World world = new World();
    private final Systems systems = new Systems(world);

    private final FloatField posX;
    private final FloatField posY;
    private final FloatField velX;
    private final FloatField velY;
    private final FloatField moveX;
    private final FloatField moveY;
    private final IntField shoot;
    private final FloatField aimX;
    private final FloatField aimY;
    private final IntField hp;
    private final IntField points;
    private final IntField cooldown;
    private final IntField owner;
    private final IntField ttl;
    private final EntityTemplate playerTemplate;
    private final EntityTemplate projectileTemplate;

    private final Query projectileQuery;
    private final QueryCursor movers;
    private final QueryCursor shooters;
    private final QueryCursor projectiles;
    private final QueryCursor targets;

    private final ArrayList<String> playerIds = new ArrayList<>();
    private final IntArrayList playerEntities = new IntArrayList();
    private long rngState;

    ArenaSimulation(final long seed)
    {
        rngState = seed;
        final ComponentType<Position> position = world.register(Position.class);
        final ComponentType<Velocity> velocity = world.register(Velocity.class);
        final ComponentType<Intent> intent = world.register(Intent.class);
        final ComponentType<Health> health = world.register(Health.class);
        final ComponentType<Score> score = world.register(Score.class);
        final ComponentType<Weapon> weapon = world.register(Weapon.class);
        final ComponentType<Projectile> projectile = world.register(Projectile.class);
        posX = position.floatField("x");
        posY = position.floatField("y");
        velX = velocity.floatField("x");
        velY = velocity.floatField("y");
        moveX = intent.floatField("moveX");
        moveY = intent.floatField("moveY");
        shoot = intent.intField("shoot");
        aimX = intent.floatField("aimX");
        aimY = intent.floatField("aimY");
        hp = health.intField("hp");
        points = score.intField("points");
        cooldown = weapon.intField("cooldownTicks");
        owner = projectile.intField("owner");
        ttl = projectile.intField("ttlTicks");
        playerTemplate = world.template(position, intent, health, score, weapon);
        projectileTemplate = world.template(position, velocity, projectile);

        movers = world.query().with(position, intent).build().cursor();
        shooters = world.query().with(position, intent, weapon).build().cursor();
        projectileQuery = world.query().with(position, velocity, projectile).build();
        projectiles = projectileQuery.cursor();
        targets = world.query().with(position, health).without(projectile).build().cursor();

        systems
            .add(Phase.SIM, "move-players", (w, tick) -> movePlayers())
            .add(Phase.SIM, "fire", (w, tick) -> fire())
            .add(Phase.SIM, "move-projectiles", (w, tick) -> moveProjectiles())
            .add(Phase.POST_SIM, "hits", (w, tick) -> resolveHits());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Players

    /**
     * Add a player at a random spot with full health.
     *
     * @return false if the player is already in.
     */
    boolean addPlayer(final String playerId)
    {
        if (playerIds.contains(playerId))
        {
            return false;
        }
        final int entity = world.createEntity(playerTemplate);
        world.set(entity, hp, MAX_HP);
        spawn(entity);
        playerIds.add(playerId);
        playerEntities.addInt(entity);
        return true;
    }

    void removePlayer(final String playerId)
    {
        final int index = playerIds.indexOf(playerId);
        if (index >= 0)
        {
            world.destroy(playerEntities.getInt(index));
            playerIds.remove(index);
            playerEntities.removeAt(index);
        }
    }

    /**
     * Set a player's intent; components clamped to -1..1, non-finite values read as 0. A zero aim keeps the
     * previous aim.
     */
    void applyInput(
        final String playerId,
        final float moveX,
        final float moveY,
        final boolean shoot,
        final float aimX,
        final float aimY)
    {
        final int entity = entityOf(playerId);
        if (EntityIds.NULL == entity)
        {
            return;
        }
        world.set(entity, this.moveX, clampUnit(moveX));
        world.set(entity, this.moveY, clampUnit(moveY));
        world.set(entity, this.shoot, shoot ? 1 : 0);
        final float ax = clampUnit(aimX);
        final float ay = clampUnit(aimY);
        if (0 != ax || 0 != ay)
        {
            world.set(entity, this.aimX, ax);
            world.set(entity, this.aimY, ay);
        }
    }

    int playerCount()
    {
        return playerIds.size();
    }

    String playerId(final int index)
    {
        return playerIds.get(index);
    }

    int score(final String playerId)
    {
        return world.get(requireEntity(playerId), points);
    }

    int hp(final String playerId)
    {
        return world.get(requireEntity(playerId), hp);
    }

    float x(final String playerId)
    {
        return world.get(requireEntity(playerId), posX);
    }

    float y(final String playerId)
    {
        return world.get(requireEntity(playerId), posY);
    }

    /** Put a player somewhere (tests and scripted scenarios). */
    void place(final String playerId, final float x, final float y)
    {
        final int entity = requireEntity(playerId);
        world.set(entity, posX, x);
        world.set(entity, posY, y);
    }

    int projectileCount()
    {
        return projectileQuery.count();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tick and state

    /**
     * Run one tick of the systems.
     *
     * @return the world tick that ran.
     */
    long step()
    {
        return systems.runTick();
    }

    long tick()
    {
        return world.tick();
    }

    long stateHash()
    {
        return world.stateHash();
    }

    /**
     * Write {@code {tick, players:{id:{x,y,hp,score}}, projectiles:[{x,y}]}}; coordinates rounded to whole units.
     */
    void writeState(final JsonGenerator out) throws IOException
    {
        out.writeStartObject();
        out.writeFieldName(TICK);
        out.writeNumber(world.tick());

        out.writeFieldName(PLAYERS);
        out.writeStartObject();
        for (int i = 0, n = playerIds.size(); i < n; i++)
        {
            final int entity = playerEntities.getInt(i);
            out.writeFieldName(playerIds.get(i));
            out.writeStartObject();
            out.writeFieldName(X);
            out.writeNumber(Math.round(world.get(entity, posX)));
            out.writeFieldName(Y);
            out.writeNumber(Math.round(world.get(entity, posY)));
            out.writeFieldName(HP);
            out.writeNumber(world.get(entity, hp));
            out.writeFieldName(SCORE);
            out.writeNumber(world.get(entity, points));
            out.writeEndObject();
        }
        out.writeEndObject();

        out.writeFieldName(PROJECTILES);
        out.writeStartArray();
        final QueryCursor cursor = projectiles.reset();
        while (cursor.nextChunk())
        {
            final float[] x = cursor.column(posX);
            final float[] y = cursor.column(posY);
            for (int i = 0, n = cursor.chunkSize(); i < n; i++)
            {
                out.writeStartObject();
                out.writeFieldName(X);
                out.writeNumber(Math.round(x[i]));
                out.writeFieldName(Y);
                out.writeNumber(Math.round(y[i]));
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshots

    /**
     * Write everything the arena's future depends on: the random state, the players (ids and entities, in join
     * order) and the whole world (entities, components, handles, free slots, tick). Call between ticks.
     * <p>
     * Layout (little-endian): magic, version, CRC-32C of the rest, random state, player count, per player its
     * entity, id length and UTF-8 id, then the world snapshot's length and the world snapshot.
     *
     * @param out    where to write; must grow as needed (an {@code ExpandableArrayBuffer}).
     * @param offset where to start.
     * @return bytes written.
     * @throws IllegalStateException if called during a tick.
     */
    int writeSnapshot(final MutableDirectBuffer out, final int offset)
    {
        int position = offset;
        out.putInt(position, SNAPSHOT_MAGIC, LE);
        out.putInt(position + 4, SNAPSHOT_VERSION, LE);
        out.putLong(position + 12, rngState, LE);
        out.putInt(position + 20, playerIds.size(), LE);
        position += SNAPSHOT_HEADER_LENGTH;
        for (int i = 0, n = playerIds.size(); i < n; i++)
        {
            final byte[] id = playerIds.get(i).getBytes(StandardCharsets.UTF_8);
            out.putInt(position, playerEntities.getInt(i), LE);
            out.putInt(position + 4, id.length, LE);
            out.putBytes(position + 8, id);
            position += 8 + id.length;
        }
        final int worldLength = world.writeSnapshot(out, position + 4);
        out.putInt(position, worldLength, LE);
        final int length = position + 4 + worldLength - offset;
        out.putInt(offset + 8, checksum(out, offset, length), LE);
        return length;
    }

    /**
     * Become the arena that wrote a snapshot: afterwards the same calls give the same states and
     * {@link #stateHash()} as there. Only on a new arena (no players, tick 0).
     *
     * @throws IllegalArgumentException if the bytes are not an arena snapshot; this arena is then unusable.
     * @throws IllegalStateException    if this arena has been used.
     */
    void restoreSnapshot(final DirectBuffer src, final int offset, final int length)
    {
        if (!playerIds.isEmpty() || 0 != world.tick() || 0 != world.entityCount())
        {
            throw new IllegalStateException("restore needs a new arena");
        }
        if (null == src || offset < 0 || length < SNAPSHOT_HEADER_LENGTH || offset > src.capacity() - length)
        {
            throw new IllegalArgumentException("arena snapshot: bad range " + offset + "+" + length);
        }
        if (SNAPSHOT_MAGIC != src.getInt(offset, LE) || SNAPSHOT_VERSION != src.getInt(offset + 4, LE))
        {
            throw new IllegalArgumentException("arena snapshot: bad magic or version");
        }
        // The world decoder trusts its sizes more than it should; damaged bytes must not reach it.
        if (src.getInt(offset + 8, LE) != checksum(src, offset, length))
        {
            throw new IllegalArgumentException("arena snapshot: checksum mismatch");
        }
        final int end = offset + length;
        final long rng = src.getLong(offset + 12, LE);
        final int players = src.getInt(offset + 20, LE);
        int position = offset + SNAPSHOT_HEADER_LENGTH;
        if (players < 0 || players > (end - position) / 8)
        {
            throw new IllegalArgumentException("arena snapshot: bad player count " + players);
        }
        final ArrayList<String> ids = new ArrayList<>(players);
        final IntArrayList entities = new IntArrayList(players, IntArrayList.DEFAULT_NULL_VALUE);
        final HashSet<String> seenIds = new HashSet<>();
        final HashSet<Integer> seenEntities = new HashSet<>();
        for (int i = 0; i < players; i++)
        {
            if (end - position < 8)
            {
                throw new IllegalArgumentException("arena snapshot: truncated players");
            }
            final int entity = src.getInt(position, LE);
            final int idLength = src.getInt(position + 4, LE);
            position += 8;
            if (idLength < 0 || idLength > MAX_PLAYER_ID_BYTES || idLength > end - position)
            {
                throw new IllegalArgumentException("arena snapshot: bad player id length " + idLength);
            }
            final String id = src.getStringWithoutLengthUtf8(position, idLength);
            position += idLength;
            if (!seenIds.add(id) || !seenEntities.add(entity))
            {
                throw new IllegalArgumentException("arena snapshot: player " + id + " or entity " + entity + " twice");
            }
            ids.add(id);
            entities.addInt(entity);
        }
        if (end - position < 4)
        {
            throw new IllegalArgumentException("arena snapshot: truncated before the world");
        }
        final int worldLength = src.getInt(position, LE);
        position += 4;
        if (worldLength != end - position)
        {
            throw new IllegalArgumentException("arena snapshot: world length " + worldLength + " does not match");
        }
        try
        {
            world.restoreSnapshot(src, position, worldLength);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("arena snapshot: bad world: " + ex, ex);
        }
        for (int i = 0; i < players; i++)
        {
            final int entity = entities.getInt(i);
            if (!world.isAlive(entity) || !world.has(entity, Health.class) || world.has(entity, Projectile.class))
            {
                throw new IllegalArgumentException("arena snapshot: player " + ids.get(i) + " has no player entity");
            }
        }
        rngState = rng;
        playerIds.addAll(ids);
        playerEntities.addAll(entities);
    }

    /** CRC-32C of the snapshot at {@code offset} after its first 12 bytes (magic, version, the checksum). */
    private static int checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        final CRC32C crc = new CRC32C();
        final byte[] chunk = new byte[Math.min(8192, length)];
        for (int at = offset + 12, end = offset + length; at < end; )
        {
            final int n = Math.min(chunk.length, end - at);
            buffer.getBytes(at, chunk, 0, n);
            crc.update(chunk, 0, n);
            at += n;
        }
        return (int)crc.getValue();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Systems

    private void movePlayers()
    {
        final QueryCursor cursor = movers.reset();
        while (cursor.nextChunk())
        {
            final int n = cursor.chunkSize();
            final float[] x = cursor.columnForWrite(posX);
            final float[] y = cursor.columnForWrite(posY);
            final float[] mx = cursor.column(moveX);
            final float[] my = cursor.column(moveY);
            for (int i = 0; i < n; i++)
            {
                float dx = mx[i];
                float dy = my[i];
                final float lengthSquared = dx * dx + dy * dy;
                if (lengthSquared > 1)
                {
                    final float length = (float)Math.sqrt(lengthSquared);
                    dx /= length;
                    dy /= length;
                }
                x[i] = clamp(x[i] + dx * PLAYER_SPEED, PLAYER_RADIUS, WIDTH - PLAYER_RADIUS);
                y[i] = clamp(y[i] + dy * PLAYER_SPEED, PLAYER_RADIUS, HEIGHT - PLAYER_RADIUS);
            }
        }
    }

    private void fire()
    {
        final QueryCursor cursor = shooters.reset();
        while (cursor.next())
        {
            final int cooldownTicks = cursor.get(cooldown);
            if (cooldownTicks > 0)
            {
                cursor.set(cooldown, cooldownTicks - 1);
                continue;
            }
            final float ax = cursor.get(aimX);
            final float ay = cursor.get(aimY);
            if (0 == cursor.get(shoot) || (0 == ax && 0 == ay))
            {
                continue;
            }
            final float length = (float)Math.sqrt(ax * ax + ay * ay);
            final float dx = ax / length;
            final float dy = ay / length;
            final float muzzle = PLAYER_RADIUS + 1;

            final int bullet = world.commands().create(projectileTemplate);
            world.commands().set(bullet, posX, cursor.get(posX) + dx * muzzle);
            world.commands().set(bullet, posY, cursor.get(posY) + dy * muzzle);
            world.commands().set(bullet, velX, dx * PROJECTILE_SPEED);
            world.commands().set(bullet, velY, dy * PROJECTILE_SPEED);
            world.commands().set(bullet, owner, cursor.entity());
            world.commands().set(bullet, ttl, PROJECTILE_TTL_TICKS);
            cursor.set(cooldown, WEAPON_COOLDOWN_TICKS);
        }
    }

    private void moveProjectiles()
    {
        final QueryCursor cursor = projectiles.reset();
        while (cursor.nextChunk())
        {
            final int n = cursor.chunkSize();
            final float[] x = cursor.columnForWrite(posX);
            final float[] y = cursor.columnForWrite(posY);
            final float[] vx = cursor.column(velX);
            final float[] vy = cursor.column(velY);
            final int[] life = cursor.columnForWrite(ttl);
            final int[] entities = cursor.entities();
            for (int i = 0; i < n; i++)
            {
                x[i] += vx[i];
                y[i] += vy[i];
                life[i]--;
                if (life[i] <= 0 || x[i] < 0 || x[i] > WIDTH || y[i] < 0 || y[i] > HEIGHT)
                {
                    world.commands().destroy(entities[i]);
                }
            }
        }
    }

    private void resolveHits()
    {
        final float hitDistanceSquared = PLAYER_RADIUS * PLAYER_RADIUS;
        final QueryCursor bullets = projectiles.reset();
        while (bullets.next())
        {
            final float bx = bullets.get(posX);
            final float by = bullets.get(posY);
            final int shooter = bullets.get(owner);

            final QueryCursor players = targets.reset();
            while (players.next())
            {
                final int target = players.entity();
                if (target == shooter)
                {
                    continue;
                }
                final float dx = players.get(posX) - bx;
                final float dy = players.get(posY) - by;
                if (dx * dx + dy * dy > hitDistanceSquared)
                {
                    continue;
                }

                world.commands().destroy(bullets.entity());
                if (world.isAlive(shooter))
                {
                    world.set(shooter, points, world.get(shooter, points) + 1);
                }
                final int remaining = players.get(hp) - DAMAGE;
                if (remaining <= 0)
                {
                    players.set(hp, MAX_HP);
                    players.set(posX, randomCoordinate(WIDTH));
                    players.set(posY, randomCoordinate(HEIGHT));
                }
                else
                {
                    players.set(hp, remaining);
                }
                players.close();
                break;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private void spawn(final int entity)
    {
        world.set(entity, posX, randomCoordinate(WIDTH));
        world.set(entity, posY, randomCoordinate(HEIGHT));
    }

    private float randomCoordinate(final float extent)
    {
        final float span = extent - 2 * PLAYER_RADIUS;
        return PLAYER_RADIUS + (float)(nextLong() >>> 40) / (float)(1L << 24) * span;
    }

    /** SplitMix64. */
    private long nextLong()
    {
        long z = (rngState += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private int entityOf(final String playerId)
    {
        final int index = playerIds.indexOf(playerId);
        return index < 0 ? EntityIds.NULL : playerEntities.getInt(index);
    }

    private int requireEntity(final String playerId)
    {
        final int entity = entityOf(playerId);
        if (EntityIds.NULL == entity)
        {
            throw new IllegalArgumentException("no player " + playerId + " in the arena");
        }
        return entity;
    }

    private static float clampUnit(final float value)
    {
        return Float.isFinite(value) ? clamp(value, -1, 1) : 0;
    }

    private static float clamp(final float value, final float min, final float max)
    {
        return value < min ? min : Math.min(value, max);
    }
}

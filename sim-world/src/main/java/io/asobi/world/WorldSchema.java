package io.asobi.world;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.asobi.ecs.ComponentType;
import io.asobi.ecs.Field;
import io.asobi.ecs.World;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entity shape of one world: the component classes every zone registers (in this order: {@link Position},
 * {@link EntityKind}, the logic's wire components, its server components), the wire field names, and the table of
 * type strings.
 * <p>
 * Wire slots: 0 {@code x}, 1 {@code y}, 2 {@code type}, then the game's wire fields in component and record order.
 * <p>
 * <b>Note:</b> built and validated on any thread, then used on the world's tick thread only.
 */
final class WorldSchema
{
    static final int SLOT_X = 0;
    static final int SLOT_Y = 1;
    static final int SLOT_TYPE = 2;
    static final int FIRST_GAME_SLOT = 3;
    static final String PLAYER_TYPE = "player";

    private static final SerializableString UNKNOWN_TYPE = new SerializedString("");
    private static final Set<String> RESERVED = Set.of("id", "op", "x", "y", "type");

    final List<Class<? extends Record>> classes;
    /** Index in {@link #classes} of the first server-only component. */
    final int serverClassStart;
    /** Wire slot count: 3 + game wire fields. */
    final int slotCount;
    final SerializableString[] slotNames;
    /** For each wire slot, the index in {@link #classes} of its component. */
    final int[] slotClass;
    /** For each wire slot, the field index in its component. */
    final int[] slotField;

    private final ArrayList<SerializableString> typeNames = new ArrayList<>();
    private final ArrayList<String> typeStrings = new ArrayList<>();
    private final Object2IntHashMap<String> typeCodes = new Object2IntHashMap<>(-1);

    private WorldSchema(
        final List<Class<? extends Record>> classes,
        final int serverClassStart,
        final SerializableString[] slotNames,
        final int[] slotClass,
        final int[] slotField)
    {
        this.classes = classes;
        this.serverClassStart = serverClassStart;
        this.slotCount = slotNames.length;
        this.slotNames = slotNames;
        this.slotClass = slotClass;
        this.slotField = slotField;
        typeCode(PLAYER_TYPE);
    }

    /**
     * Build and validate the schema of a logic.
     *
     * @throws IllegalArgumentException naming what is wrong: a class that is not a record of primitives, a duplicate
     *                                  class, a reserved or duplicate wire field name, too many fields or components.
     */
    static WorldSchema of(final WorldLogic logic)
    {
        final List<Class<? extends Record>> wire = logic.wireComponents();
        final List<Class<? extends Record>> server = logic.serverComponents();
        if (null == wire || null == server)
        {
            throw new IllegalArgumentException("wireComponents() and serverComponents() must not return null");
        }
        final ArrayList<Class<? extends Record>> classes = new ArrayList<>();
        classes.add(Position.class);
        classes.add(EntityKind.class);
        final World probe = new World(new World.Context().initialEntityCapacity(1));
        final ArrayList<SerializableString> names = new ArrayList<>(List.of(
            FrameEncoder.X, FrameEncoder.Y, new SerializedString("type")));
        final ArrayList<Integer> slotClass = new ArrayList<>(List.of(0, 0, 1));
        final ArrayList<Integer> slotField = new ArrayList<>(List.of(0, 1, 0));
        final Set<String> seen = new HashSet<>();
        for (final Class<? extends Record> type : wire)
        {
            addClass(classes, type);
            final ComponentType<? extends Record> componentType = probe.register(type);
            final List<Field> fields = componentType.fields();
            for (int i = 0; i < fields.size(); i++)
            {
                final String name = fields.get(i).name();
                if (RESERVED.contains(name) || !seen.add(name))
                {
                    throw new IllegalArgumentException("wire field name '" + name + "' of " + type.getName() +
                        " is reserved or used twice");
                }
                names.add(new SerializedString(name));
                slotClass.add(classes.size() - 1);
                slotField.add(i);
            }
        }
        if (names.size() - FIRST_GAME_SLOT > ZoneContext.MAX_WIRE_FIELDS)
        {
            throw new IllegalArgumentException("at most " + ZoneContext.MAX_WIRE_FIELDS + " wire fields: " +
                (names.size() - FIRST_GAME_SLOT));
        }
        final int serverStart = classes.size();
        for (final Class<? extends Record> type : server)
        {
            addClass(classes, type);
            probe.register(type);
        }
        if (classes.size() > Long.SIZE)
        {
            throw new IllegalArgumentException("at most " + (Long.SIZE - 2) + " components: " + (classes.size() - 2));
        }

        final int[] classOfSlot = new int[names.size()];
        final int[] fieldOfSlot = new int[names.size()];
        for (int i = 0; i < classOfSlot.length; i++)
        {
            classOfSlot[i] = slotClass.get(i);
            fieldOfSlot[i] = slotField.get(i);
        }
        return new WorldSchema(List.copyOf(classes), serverStart,
            names.toArray(new SerializableString[0]), classOfSlot, fieldOfSlot);
    }

    private static void addClass(final List<Class<? extends Record>> classes, final Class<? extends Record> type)
    {
        if (null == type)
        {
            throw new IllegalArgumentException("null component class");
        }
        if (classes.contains(type))
        {
            throw new IllegalArgumentException("component " + type.getName() + " listed twice");
        }
        classes.add(type);
    }

    /**
     * The code of a type string, interned on first use. Tick thread.
     *
     * @throws IllegalArgumentException if the type is null or empty.
     */
    int typeCode(final String type)
    {
        if (null == type || type.isEmpty())
        {
            throw new IllegalArgumentException("entity type must not be empty");
        }
        int code = typeCodes.getValue(type);
        if (-1 == code)
        {
            code = typeStrings.size();
            typeStrings.add(type);
            typeNames.add(new SerializedString(type));
            typeCodes.put(type, code);
        }
        return code;
    }

    /** Types interned so far (codes 0 .. count-1). */
    int typeCount()
    {
        return typeStrings.size();
    }

    String typeName(final int code)
    {
        return code >= 0 && code < typeStrings.size() ? typeStrings.get(code) : "";
    }

    SerializableString typeNameJson(final int code)
    {
        return code >= 0 && code < typeNames.size() ? typeNames.get(code) : UNKNOWN_TYPE;
    }
}

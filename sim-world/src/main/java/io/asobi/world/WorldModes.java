package io.asobi.world;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The world modes a runtime offers, by name.
 * <p>
 * <b>Note:</b> implementations are thread safe.
 */
public interface WorldModes
{
    /**
     * The mode of a name.
     *
     * @param name mode name.
     * @return the mode, or null if there is none of that name.
     */
    WorldMode find(String name);

    /**
     * A fixed set of modes, keyed by their {@link WorldConfig#name()}.
     *
     * @param modes the modes; names must be distinct.
     * @return an immutable registry.
     * @throws IllegalArgumentException on a duplicate name.
     */
    static WorldModes of(final WorldMode... modes)
    {
        final Map<String, WorldMode> byName = new LinkedHashMap<>();
        for (final WorldMode mode : modes)
        {
            final String name = mode.config().name();
            if (null != byName.putIfAbsent(name, mode))
            {
                throw new IllegalArgumentException("duplicate world mode: " + name);
            }
        }
        final Map<String, WorldMode> copy = Map.copyOf(byName);
        return name -> null == name ? null : copy.get(name);
    }
}

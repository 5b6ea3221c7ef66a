package io.asobi.metagame;

import java.util.Locale;

/**
 * Who may read or write a storage object: its owner only, or every player.
 */
public enum StoragePermission
{
    /** The owning player only (and the server). */
    OWNER,
    /** Every player. */
    PUBLIC;

    /**
     * @return the wire name, {@code owner} or {@code public}.
     */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parse a wire name.
     *
     * @param wireName {@code owner} or {@code public}.
     * @return the permission, or null if the name is neither.
     */
    public static StoragePermission fromWire(final String wireName)
    {
        if ("owner".equals(wireName))
        {
            return OWNER;
        }
        if ("public".equals(wireName))
        {
            return PUBLIC;
        }
        return null;
    }
}

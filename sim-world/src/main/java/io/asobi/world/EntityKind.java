package io.asobi.world;

/**
 * The type component every zone entity has: the index of its type string ({@code "player"}, {@code "npc"}, ...) in
 * the world's type table, sent as {@code type}. Game logic reads types with {@link ZoneContext#typeOf(int)} and
 * does not write this component.
 *
 * @param code index in the world's type table.
 */
public record EntityKind(int code)
{
}

package io.asobi.world;

/**
 * The position component every zone entity has: world coordinates, sent as {@code x} and {@code y}. The zone that
 * owns an entity is the grid cell holding its position (with the re-home hysteresis); positions outside the world
 * belong to the nearest edge zone.
 *
 * @param x world x.
 * @param y world y.
 */
public record Position(double x, double y)
{
}

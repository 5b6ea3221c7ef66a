package io.asobi.ecs;

/** Component records shared by the tests. */
final class Components
{
    private Components()
    {
    }

    record Position(float x, float y)
    {
    }

    record Velocity(float x, float y)
    {
    }

    record Health(int hp)
    {
    }

    record Frozen()
    {
    }

    record AllKinds(boolean b, byte by, short s, char c, int i, long l, float f, double d)
    {
    }

    record NotPrimitive(String name)
    {
    }

    static final class NotARecord
    {
    }
}

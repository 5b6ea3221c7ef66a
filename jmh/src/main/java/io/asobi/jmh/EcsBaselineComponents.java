package io.asobi.jmh;

/**
 * Plain mutable component classes for the object-based peers: the "raw object arrays" baselines and Dominion 0.9.0,
 * which stores any object as a component. One class per component type, public fields, no behaviour.
 */
public final class EcsBaselineComponents
{
    private EcsBaselineComponents()
    {
    }

    /** Position in the plane. */
    public static final class Position { public float x; public float y; }

    /** Velocity in the plane. */
    public static final class Velocity { public float x; public float y; }

    /** Wide query component. */
    public static final class Acceleration { public float x; public float y; }

    /** Wide query component. */
    public static final class Force { public float x; public float y; }

    /** Wide query component. */
    public static final class Friction { public float x; public float y; }

    /** Wide query component. */
    public static final class Wind { public float x; public float y; }

    /** Component added and removed by the structural-change benchmark. */
    public static final class Health { public int hp; }

    /** Shared component of the fragmented benchmark. */
    public static final class Data { public float value; }

    // The 26 components that split the fragmented benchmark into 26 archetypes.
    public static final class FragA { public float value; }
    public static final class FragB { public float value; }
    public static final class FragC { public float value; }
    public static final class FragD { public float value; }
    public static final class FragE { public float value; }
    public static final class FragF { public float value; }
    public static final class FragG { public float value; }
    public static final class FragH { public float value; }
    public static final class FragI { public float value; }
    public static final class FragJ { public float value; }
    public static final class FragK { public float value; }
    public static final class FragL { public float value; }
    public static final class FragM { public float value; }
    public static final class FragN { public float value; }
    public static final class FragO { public float value; }
    public static final class FragP { public float value; }
    public static final class FragQ { public float value; }
    public static final class FragR { public float value; }
    public static final class FragS { public float value; }
    public static final class FragT { public float value; }
    public static final class FragU { public float value; }
    public static final class FragV { public float value; }
    public static final class FragW { public float value; }
    public static final class FragX { public float value; }
    public static final class FragY { public float value; }
    public static final class FragZ { public float value; }

    /** The 26 fragment classes, in order. */
    static final Class<?>[] FRAGMENTS = {
        EcsBaselineComponents.FragA.class,
        EcsBaselineComponents.FragB.class,
        EcsBaselineComponents.FragC.class,
        EcsBaselineComponents.FragD.class,
        EcsBaselineComponents.FragE.class,
        EcsBaselineComponents.FragF.class,
        EcsBaselineComponents.FragG.class,
        EcsBaselineComponents.FragH.class,
        EcsBaselineComponents.FragI.class,
        EcsBaselineComponents.FragJ.class,
        EcsBaselineComponents.FragK.class,
        EcsBaselineComponents.FragL.class,
        EcsBaselineComponents.FragM.class,
        EcsBaselineComponents.FragN.class,
        EcsBaselineComponents.FragO.class,
        EcsBaselineComponents.FragP.class,
        EcsBaselineComponents.FragQ.class,
        EcsBaselineComponents.FragR.class,
        EcsBaselineComponents.FragS.class,
        EcsBaselineComponents.FragT.class,
        EcsBaselineComponents.FragU.class,
        EcsBaselineComponents.FragV.class,
        EcsBaselineComponents.FragW.class,
        EcsBaselineComponents.FragX.class,
        EcsBaselineComponents.FragY.class,
        EcsBaselineComponents.FragZ.class
    };
}

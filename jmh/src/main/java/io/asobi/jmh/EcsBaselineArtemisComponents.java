package io.asobi.jmh;

import com.artemis.Component;

/**
 * Artemis-odb 2.3.0 components: the same shapes as {@link EcsBaselineComponents}, but Artemis requires each to extend
 * {@link Component} and to have a public no-argument constructor.
 */
public final class EcsBaselineArtemisComponents
{
    private EcsBaselineArtemisComponents()
    {
    }

    /** Position in the plane. */
    public static final class Position extends Component { public float x; public float y; }

    /** Velocity in the plane. */
    public static final class Velocity extends Component { public float x; public float y; }

    /** Wide query component. */
    public static final class Acceleration extends Component { public float x; public float y; }

    /** Wide query component. */
    public static final class Force extends Component { public float x; public float y; }

    /** Wide query component. */
    public static final class Friction extends Component { public float x; public float y; }

    /** Wide query component. */
    public static final class Wind extends Component { public float x; public float y; }

    /** Component added and removed by the structural-change benchmark. */
    public static final class Health extends Component { public int hp; }

    /** Shared component of the fragmented benchmark. */
    public static final class Data extends Component { public float value; }

    // The 26 components that split the fragmented benchmark into 26 archetypes.
    public static final class FragA extends Component { public float value; }
    public static final class FragB extends Component { public float value; }
    public static final class FragC extends Component { public float value; }
    public static final class FragD extends Component { public float value; }
    public static final class FragE extends Component { public float value; }
    public static final class FragF extends Component { public float value; }
    public static final class FragG extends Component { public float value; }
    public static final class FragH extends Component { public float value; }
    public static final class FragI extends Component { public float value; }
    public static final class FragJ extends Component { public float value; }
    public static final class FragK extends Component { public float value; }
    public static final class FragL extends Component { public float value; }
    public static final class FragM extends Component { public float value; }
    public static final class FragN extends Component { public float value; }
    public static final class FragO extends Component { public float value; }
    public static final class FragP extends Component { public float value; }
    public static final class FragQ extends Component { public float value; }
    public static final class FragR extends Component { public float value; }
    public static final class FragS extends Component { public float value; }
    public static final class FragT extends Component { public float value; }
    public static final class FragU extends Component { public float value; }
    public static final class FragV extends Component { public float value; }
    public static final class FragW extends Component { public float value; }
    public static final class FragX extends Component { public float value; }
    public static final class FragY extends Component { public float value; }
    public static final class FragZ extends Component { public float value; }

    /** The 26 fragment classes, in order. */
    @SuppressWarnings("unchecked")
    static final Class<? extends Component>[] FRAGMENTS = new Class[] {
        EcsBaselineArtemisComponents.FragA.class,
        EcsBaselineArtemisComponents.FragB.class,
        EcsBaselineArtemisComponents.FragC.class,
        EcsBaselineArtemisComponents.FragD.class,
        EcsBaselineArtemisComponents.FragE.class,
        EcsBaselineArtemisComponents.FragF.class,
        EcsBaselineArtemisComponents.FragG.class,
        EcsBaselineArtemisComponents.FragH.class,
        EcsBaselineArtemisComponents.FragI.class,
        EcsBaselineArtemisComponents.FragJ.class,
        EcsBaselineArtemisComponents.FragK.class,
        EcsBaselineArtemisComponents.FragL.class,
        EcsBaselineArtemisComponents.FragM.class,
        EcsBaselineArtemisComponents.FragN.class,
        EcsBaselineArtemisComponents.FragO.class,
        EcsBaselineArtemisComponents.FragP.class,
        EcsBaselineArtemisComponents.FragQ.class,
        EcsBaselineArtemisComponents.FragR.class,
        EcsBaselineArtemisComponents.FragS.class,
        EcsBaselineArtemisComponents.FragT.class,
        EcsBaselineArtemisComponents.FragU.class,
        EcsBaselineArtemisComponents.FragV.class,
        EcsBaselineArtemisComponents.FragW.class,
        EcsBaselineArtemisComponents.FragX.class,
        EcsBaselineArtemisComponents.FragY.class,
        EcsBaselineArtemisComponents.FragZ.class
    };
}

package io.asobi.ecs;

import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SystemsTest
{
    private final World world = new World();
    private final ComponentType<Position> pos = world.register(Position.class);
    private final ComponentType<Velocity> vel = world.register(Velocity.class);
    private final ComponentType<Health> health = world.register(Health.class);
    private final Systems systems = new Systems(world);

    @Test
    void shouldRunPhasesInFixedOrderAndSystemsInDeclarationOrder()
    {
        final List<String> ran = new ArrayList<>();
        systems.add(Phase.PUBLISH, "publish", (w, t) -> ran.add("publish"));
        systems.add(Phase.SIM, "move", (w, t) -> ran.add("move"));
        systems.add(Phase.INPUT, "input", (w, t) -> ran.add("input"));
        systems.add(Phase.SIM, "collide", (w, t) -> ran.add("collide"));
        assertThat(systems.runTick()).isEqualTo(1);
        assertThat(ran).containsExactly("input", "move", "collide", "publish");
        assertThat(systems.order()).containsExactly("INPUT:input", "SIM:move", "SIM:collide", "PUBLISH:publish");
        assertThatThrownBy(() -> systems.add(Phase.SIM, "move", (w, t) -> { })).hasMessageContaining("already exists");
    }

    @Test
    void shouldApplyBufferedStructuralChangesAtThePhaseBoundary()
    {
        final int a = world.createEntity(new Position(0, 0), new Health(0));
        final int[] spawned = new int[1];
        final int[] seenInSamePhase = new int[1];
        final int[] seenInNextPhase = new int[1];
        final Query withVelocity = world.query().with(pos, vel).build();
        systems.add(Phase.SIM, "spawn", (w, t) ->
        {
            spawned[0] = w.commands().create(new Position(5, 5), new Velocity(1, 0));
            w.commands().add(a, new Velocity(2, 0));
            w.commands().remove(a, health);
            assertThatThrownBy(() -> w.createEntity(new Position(1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("phase");
            assertThat(w.isAlive(spawned[0])).isFalse();
        });
        systems.add(Phase.SIM, "count", (w, t) -> seenInSamePhase[0] = withVelocity.count());
        systems.add(Phase.POST_SIM, "count-after", (w, t) -> seenInNextPhase[0] = withVelocity.count());
        systems.runTick();
        assertThat(seenInSamePhase[0]).isZero();
        assertThat(seenInNextPhase[0]).isEqualTo(2);
        assertThat(world.get(spawned[0], Position.class)).isEqualTo(new Position(5, 5));
        assertThat(world.get(a, Velocity.class)).isEqualTo(new Velocity(2, 0));
        assertThat(world.has(a, health)).isFalse();
    }

    @Test
    void shouldSkipCommandsOnEntitiesDestroyedEarlierInTheSameBuffer()
    {
        final int a = world.createEntity(new Position(0, 0));
        systems.add(Phase.SIM, "kill-1", (w, t) -> w.commands().destroy(a));
        systems.add(Phase.SIM, "kill-2", (w, t) ->
        {
            w.commands().destroy(a);
            w.commands().set(a, pos.floatField("x"), 3f);
        });
        systems.runTick();
        assertThat(world.isAlive(a)).isFalse();
        assertThat(world.commands().skippedCount()).isEqualTo(2);
        assertThatThrownBy(() -> world.commands().destroy(a)).isInstanceOf(StaleEntityException.class);
    }

    @Test
    void shouldLetAReservedEntityBeConfiguredBeforeItExists()
    {
        final EntityTemplate template = world.template(pos);
        final int e = world.commands().create(template);
        world.commands().set(e, pos.floatField("y"), 7f);
        world.commands().add(e, new Health(9));
        assertThatThrownBy(() -> world.get(e, Position.class)).hasMessageContaining("reserved");
        world.commands().apply();
        assertThat(world.get(e, Position.class)).isEqualTo(new Position(0, 7));
        assertThat(world.get(e, Health.class)).isEqualTo(new Health(9));
    }

    @Test
    void shouldCloseCursorsASystemLeftOpenAndUnlockAfterAThrowingSystem()
    {
        world.createEntity(new Position(0, 0));
        world.createEntity(new Position(1, 0));
        final QueryCursor cursor = world.query().with(pos).build().cursor();
        systems.add(Phase.SIM, "early-exit", (w, t) ->
        {
            cursor.reset();
            cursor.next();
        });
        systems.add(Phase.POST_SIM, "boom", (w, t) ->
        {
            w.commands().create(new Position(9, 9));
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(systems::runTick).hasMessage("boom");
        world.createEntity(new Position(2, 0));
        assertThat(world.entityCount()).isEqualTo(3);
        assertThat(world.commands().size()).isPositive();
        world.commands().apply();
        assertThat(world.entityCount()).isEqualTo(4);
    }
}

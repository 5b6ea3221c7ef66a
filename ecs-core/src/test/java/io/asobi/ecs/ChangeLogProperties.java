package io.asobi.ecs;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.collections.IntArrayList;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeLogProperties
{
    private record Entry(long tick, int entity, byte kind)
    {
    }

    @Property(tries = 300)
    void shouldAnswerLikeAPlainListWithinItsRetention(
        @ForAll @Size(max = 3000) final List<@IntRange(min = 0, max = 99) Integer> script)
    {
        final ChangeLog log = new ChangeLog();
        final List<Entry> model = new ArrayList<>();
        long tick = 0;
        long retainedFrom = Long.MIN_VALUE;
        int entity = 0;
        for (final int op : script)
        {
            if (op < 10)
            {
                tick++;
            }
            else if (op < 13)
            {
                final long before = tick - op % 4;
                log.trimBefore(before);
                model.removeIf(e -> e.tick < before);
                retainedFrom = Math.max(retainedFrom, before - 1);
            }
            else if (op < 20)
            {
                final long since = tick - op % 5;
                final byte kind = op % 2 == 0 ? ChangeLog.CREATED : ChangeLog.DESTROYED;
                final IntArrayList out = new IntArrayList();
                if (since < retainedFrom)
                {
                    assertThatThrownBy(() -> log.collectSince(since, kind, out))
                        .isInstanceOf(IllegalStateException.class);
                }
                else
                {
                    log.collectSince(since, kind, out);
                    final IntArrayList expected = new IntArrayList();
                    model.stream().filter(e -> e.tick > since && e.kind == kind).forEach(e -> expected.addInt(e.entity));
                    assertThat(out).isEqualTo(expected);
                }
            }
            else
            {
                final byte kind = op % 2 == 0 ? ChangeLog.CREATED : ChangeLog.DESTROYED;
                final int e = EntityIds.pack(entity++ & EntityIds.INDEX_MASK, op);
                log.append(tick, e, kind);
                model.add(new Entry(tick, e, kind));
            }
        }
        assertThat(log.size()).isEqualTo(model.size());
    }
}

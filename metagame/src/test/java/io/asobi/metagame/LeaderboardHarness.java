package io.asobi.metagame;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real metagame writer ({@link MetagameAgent} over a real journal in a temp dir) driven by hand: a
 * {@link LeaderboardDomain}, the audit domain and a {@link FakeWallets}; {@link #run} queues nothing itself, it turns
 * the writer once so that queued commands (and due timers) run on the calling thread. Reopening on the same
 * directory replays the journal.
 */
final class LeaderboardHarness implements AutoCloseable
{
    final CachedEpochClock clock;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final ManyToOneConcurrentArrayQueue<Command> queue = new ManyToOneConcurrentArrayQueue<>(4096);
    final LeaderboardDomain domain;
    final FakeWallets wallets = new FakeWallets();
    final AuditDomain audit = new AuditDomain(null);
    final MetagameAgent agent;
    /** When set, appending a TournamentJoined record fails (the journal refusing it) once. */
    boolean failNextJoinAppend;

    LeaderboardHarness(final Path dir, final CachedEpochClock clock)
    {
        this.clock = clock;
        domain = new LeaderboardDomain(this::execute);
        final MetagameStateMachine.Context ctx = MetagameTestSupport.cheapContext(dir, clock, errors).conclude();
        agent = new MetagameAgent(ctx, dir.resolve("journal"), dir.resolve("quarantine"), new AccountState(), queue,
            new ObjectMapper(), List.of(audit, domain, wallets));
        agent.onStart();
        assertThat(agent.ready()).isCompleted();
    }

    <T> CompletableFuture<T> execute(final Function<MetagameWriter, T> body)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final boolean isQueued = queue.offer(new DomainCommand()
        {
            public void execute(final MetagameWriter writer)
            {
                final T answer;
                try
                {
                    answer = body.apply(new FailingWriter(writer));
                }
                catch (final AccountException ex)
                {
                    result.completeExceptionally(ex);
                    return;
                }
                result.complete(answer);
            }

            public void fail(final Throwable ex)
            {
                result.completeExceptionally(ex);
            }
        });
        assertThat(isQueued).isTrue();
        return result;
    }

    /** Turn the writer once and return the future (now complete). */
    <T> CompletableFuture<T> run(final CompletableFuture<T> future)
    {
        agent.doWork();
        assertThat(future).isDone();
        return future;
    }

    <T> T get(final CompletableFuture<T> future)
    {
        return MetagameTestSupport.await(run(future));
    }

    String code(final CompletableFuture<?> future)
    {
        return MetagameTestSupport.codeOf(run(future));
    }

    /** Advance the clock and turn the writer (its timers run when a second has passed since they last ran). */
    void advance(final long ms)
    {
        clock.advance(ms);
        agent.doWork();
    }

    String describe()
    {
        return domain.describe() + wallets.describe();
    }

    public void close()
    {
        agent.onClose();
        agent.closeJournal();
    }

    /** Passes through, except a TournamentJoined append when {@link #failNextJoinAppend} is set. */
    private final class FailingWriter implements MetagameWriter
    {
        private final MetagameWriter delegate;

        FailingWriter(final MetagameWriter delegate)
        {
            this.delegate = delegate;
        }

        public long nowMs()
        {
            return delegate.nowMs();
        }

        public void appendAndApply(final DirectBuffer buffer, final int offset, final int length)
        {
            if (failNextJoinAppend &&
                io.asobi.sbe.leaderboard.MessageHeaderDecoder.SCHEMA_ID == MetagameAgent.schemaIdOf(buffer, offset,
                length) &&
                io.asobi.sbe.leaderboard.TournamentJoinedDecoder.TEMPLATE_ID ==
                    (buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF))
            {
                failNextJoinAppend = false;
                throw new IllegalStateException("simulated journal failure");
            }
            delegate.appendAndApply(buffer, offset, length);
        }

        public ExpandableArrayBuffer scratch()
        {
            return delegate.scratch();
        }

        public AccountState accounts()
        {
            return delegate.accounts();
        }

        public <T extends MetagameDomain> T domain(final Class<T> type)
        {
            return delegate.domain(type);
        }
    }
}

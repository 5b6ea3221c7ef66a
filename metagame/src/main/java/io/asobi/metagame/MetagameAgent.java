package io.asobi.metagame;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.persistence.Journal;
import io.asobi.persistence.JournalRepair;
import io.asobi.sbe.metagame.RevokeReason;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The metagame writer: the one thread that changes account state.
 * <p>
 * {@link #onStart()} repairs the journal (a corrupt tail is dropped and reported, see {@link JournalRepair}; corruption
 * in the middle fails the start naming the index), opens it for writing and replays it into the state.
 * {@link #doWork()}: read the clock once; prune expired tokens when due; drain the commands queued when the cycle
 * began (bounded). For each command: decide against the current state; if it changes anything, encode the decided
 * record, append it to the journal, then apply it through the same {@link MetagameRecordAdapter} replay uses, and
 * only then complete the caller's future. A failing command completes exceptionally ({@code internal}) and the
 * writer goes on. {@link #onClose()} drains what is still queued.
 */
final class MetagameAgent implements Agent
{
    private static final Logger LOGGER = LoggerFactory.getLogger(MetagameAgent.class);

    private final MetagameStateMachine.Context ctx;
    private final Path journalDir;
    private final Path quarantineDir;
    private final AccountState state;
    private final ManyToOneConcurrentArrayQueue<Command> commands;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;
    private final MetagameRecordEncoder encoder = new MetagameRecordEncoder();
    private final MetagameRecordAdapter adapter;
    private final AccountState.Grant grant = new AccountState.Grant();
    private final Consumer<Command> commandHandler = this::onCommand;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final int drainLimit;
    private final long pruneIntervalMs;
    private long nextPruneMs;
    private volatile Journal journal;
    private volatile boolean isReady;
    private volatile Throwable recoveryFailure;
    private volatile long replayedRecordCount;
    private final org.agrona.collections.Int2ObjectHashMap<MetagameDomain> domainsBySchema =
        new org.agrona.collections.Int2ObjectHashMap<>();
    private final java.util.List<MetagameDomain> domains;
    private final org.agrona.ExpandableArrayBuffer scratch = new org.agrona.ExpandableArrayBuffer(1024);
    private final MetagameWriter writer = new Writer();
    private long cycleNowMs;
    private long nextTimerMs;

    MetagameAgent(
        final MetagameStateMachine.Context ctx,
        final Path journalDir,
        final Path quarantineDir,
        final AccountState state,
        final ManyToOneConcurrentArrayQueue<Command> commands,
        final ObjectMapper objectMapper,
        final java.util.List<MetagameDomain> domains)
    {
        this.ctx = ctx;
        this.journalDir = journalDir;
        this.quarantineDir = quarantineDir;
        this.state = state;
        this.commands = commands;
        this.clock = ctx.epochClock();
        this.errorHandler = ctx.errorHandler();
        this.drainLimit = ctx.commandDrainLimit();
        this.pruneIntervalMs = ctx.pruneIntervalMs();
        this.adapter = new MetagameRecordAdapter(state, objectMapper);
        this.domains = java.util.List.copyOf(domains);
        for (final MetagameDomain domain : this.domains)
        {
            if (ACCOUNTS_SCHEMA_ID == domain.schemaId() || null != domainsBySchema.put(domain.schemaId(), domain))
            {
                throw new IllegalArgumentException("two metagame domains with schema id " + domain.schemaId());
            }
        }
    }

    private static final int ACCOUNTS_SCHEMA_ID = io.asobi.sbe.metagame.MessageHeaderDecoder.SCHEMA_ID;
    private static final int SCHEMA_ID_OFFSET = 4;

    /** The schema id of a record (from its SBE header), or -1 if it is too short to have one. */
    static int schemaIdOf(final DirectBuffer buffer, final int offset, final int length)
    {
        return length < io.asobi.sbe.metagame.MessageHeaderDecoder.ENCODED_LENGTH ? -1 :
            buffer.getShort(offset + SCHEMA_ID_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * Check that a record is one this code can apply, whichever domain it belongs to.
     *
     * @throws IllegalStateException if it is not.
     */
    void checkFormat(final DirectBuffer buffer, final int offset, final int length)
    {
        final int schemaId = schemaIdOf(buffer, offset, length);
        final MetagameDomain domain = domainsBySchema.get(schemaId);
        if (null != domain)
        {
            domain.checkFormat(buffer, offset, length);
        }
        else
        {
            adapter.checkFormat(buffer, offset, length);
        }
    }

    private void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        final MetagameDomain domain = domainsBySchema.get(schemaIdOf(buffer, offset, length));
        if (null != domain)
        {
            domain.apply(buffer, offset, length);
        }
        else
        {
            adapter.apply(buffer, offset, length);
        }
    }

    boolean isReady()
    {
        return isReady;
    }

    CompletableFuture<Void> ready()
    {
        return ready;
    }

    long replayedRecordCount()
    {
        return replayedRecordCount;
    }

    /**
     * Close the journal, once the writer thread has stopped; idempotent.
     */
    void closeJournal()
    {
        final Journal journal = this.journal;
        if (null != journal)
        {
            journal.close();
        }
    }

    public String roleName()
    {
        return ctx.roleName();
    }

    public void onStart()
    {
        try
        {
            journal = repairAndOpenJournal();
            replayedRecordCount = journal.replay((index, buffer, offset, length) ->
            {
                checkFormat(buffer, offset, length);
                try
                {
                    apply(buffer, offset, length);
                }
                catch (final RuntimeException ex)
                {
                    // The live writer hit the same failure on this record after journaling it: carry on alike.
                    errorHandler.onError(new IllegalStateException(
                        "metagame journal record at index " + index + " failed to apply", ex));
                }
            });
            final long nowMs = clock.time();
            state.prune(nowMs);
            nextPruneMs = nowMs + pruneIntervalMs;
            isReady = true;
            ready.complete(null);
        }
        catch (final Throwable ex)
        {
            recoveryFailure = ex;
            errorHandler.onError(new IllegalStateException("metagame journal replay failed in " + journalDir, ex));
            ready.completeExceptionally(ex);
        }
    }

    /**
     * Finish a repair a crash interrupted, drop a corrupt tail (reported at WARN), then open the journal for writing.
     *
     * @throws io.asobi.persistence.JournalCorruptException naming the index on corruption in the middle.
     */
    private Journal repairAndOpenJournal()
    {
        JournalRepair.completeInterruptedRepair(journalDir, quarantineDir);
        if (Files.isDirectory(journalDir))
        {
            final JournalRepair.RepairResult repair =
                JournalRepair.repairTail(journalDir, quarantineDir, validator(), clock);
            if (repair.truncatedDocuments() > 0)
            {
                LOGGER.warn("metagame journal {}: dropped {} corrupt record(s) at its tail from index {} (0x{}): {}; " +
                    "kept {} record(s) up to index {}; the old journal is kept in {}", journalDir,
                    repair.truncatedDocuments(), repair.firstBadIndex(), Long.toHexString(repair.firstBadIndex()),
                    repair.reason(), repair.documents(), repair.lastGoodIndex(), repair.quarantinedTo());
            }
        }
        return Journal.open(new Journal.Context().dir(journalDir).epochClock(clock));
    }

    /** Accounts records are checked field by field; a domain's records by the domain's own check. */
    private JournalRepair.DocumentValidator validator()
    {
        final MetagameRecordValidator accounts = new MetagameRecordValidator();
        return (index, buffer, offset, length) ->
        {
            final MetagameDomain domain = domainsBySchema.get(schemaIdOf(buffer, offset, length));
            if (null == domain)
            {
                return accounts.validate(index, buffer, offset, length);
            }
            try
            {
                domain.checkFormat(buffer, offset, length);
                return null;
            }
            catch (final RuntimeException ex)
            {
                return String.valueOf(ex.getMessage());
            }
        };
    }

    public int doWork()
    {
        int workCount = 0;
        final long nowMs = clock.time();
        cycleNowMs = nowMs;
        if (isReady && nowMs >= nextTimerMs && !domains.isEmpty())
        {
            nextTimerMs = nowMs + 1000;
            for (final MetagameDomain domain : domains)
            {
                try
                {
                    workCount += domain.onTimer(writer);
                }
                catch (final RuntimeException ex)
                {
                    errorHandler.onError(ex);
                }
            }
        }
        if (isReady && nowMs >= nextPruneMs)
        {
            try
            {
                workCount += state.prune(nowMs);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
            nextPruneMs = nowMs + pruneIntervalMs;
        }
        // Only what was queued when the cycle began: a command queued meanwhile waits for the next cycle's clock.
        final int queued = commands.size();
        if (queued > 0)
        {
            workCount += commands.drain(commandHandler, Math.min(queued, drainLimit));
        }

        return workCount;
    }

    public void onClose()
    {
        int drained;
        do
        {
            drained = commands.drain(commandHandler, Integer.MAX_VALUE);
        }
        while (drained > 0);
    }

    private void onCommand(final Command command)
    {
        final Throwable failure = recoveryFailure;
        if (null != failure)
        {
            command.fail(AccountErrors.notReady("metagame state could not be recovered: " + failure));
            return;
        }

        try
        {
            switch (command)
            {
                case Command.Register register -> onRegister(register);
                case Command.Login login -> onLogin(login);
                case Command.Refresh refresh -> onRefresh(refresh);
                case Command.Logout logout -> onLogout(logout);
                case Command.UpdateProfile update -> onUpdateProfile(update);
                case Command.Query<?> query -> onQuery(query);
                case DomainCommand domainCommand -> domainCommand.execute(writer);
            }
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
            command.fail(AccountErrors.internal("Internal error"));
        }
    }

    private void onRegister(final Command.Register c)
    {
        if (null != state.credentialsByUsername(c.username()))
        {
            c.fail(AccountErrors.usernameTaken());
            return;
        }
        if (state.hasPlayer(c.playerId()) || isKnown(c.tokens()))
        {
            c.fail(AccountErrors.internal("Identifier collision, please retry"));
            return;
        }

        fillGrant(c.atMs(), state.nextFamilyId(), c.tokens(), 0);
        final int length = encoder.playerRegistered(
            c.atMs(), c.playerId(), grant, c.username(), c.displayName(), c.passwordHash());
        appendAndApply(length);

        c.result().complete(new AuthTokens(
            c.playerId(), c.tokens().accessToken(), c.tokens().refreshToken(), c.username()));
    }

    private void onLogin(final Command.Login c)
    {
        final AccountState.Credentials credentials = state.credentialsOf(c.playerId());
        if (null == credentials || !credentials.passwordHash().equals(c.passwordHash()))
        {
            c.fail(AccountErrors.invalidCredentials());
            return;
        }
        if (isKnown(c.tokens()))
        {
            c.fail(AccountErrors.internal("Identifier collision, please retry"));
            return;
        }

        final long evictedFamilyId = state.familyToEvict(c.playerId(), ctx.maxFamiliesPerPlayer());
        fillGrant(c.atMs(), state.nextFamilyId(), c.tokens(), evictedFamilyId);
        appendAndApply(encoder.tokensIssued(c.atMs(), c.playerId(), grant));

        c.result().complete(new AuthTokens(
            c.playerId(), c.tokens().accessToken(), c.tokens().refreshToken(), credentials.username()));
    }

    private void onRefresh(final Command.Refresh c)
    {
        final AccountState.RefreshToken token = state.refreshToken(c.presentedHash());
        if (null == token || token.expiresAtMs <= c.atMs())
        {
            c.fail(AccountErrors.unauthenticated());
            return;
        }
        if (token.used)
        {
            appendAndApply(encoder.familyRevoked(c.atMs(), token.familyId, RevokeReason.REFRESH_REUSE));
            c.fail(AccountErrors.unauthenticated());
            return;
        }
        if (isKnown(c.tokens()))
        {
            c.fail(AccountErrors.internal("Identifier collision, please retry"));
            return;
        }

        final String playerId = token.playerId;
        fillGrant(c.atMs(), token.familyId, c.tokens(), 0);
        appendAndApply(encoder.tokensRotated(c.atMs(), playerId, c.presentedHash(), grant));

        c.result().complete(new AuthTokens(playerId, c.tokens().accessToken(), c.tokens().refreshToken(), null));
    }

    private void onLogout(final Command.Logout c)
    {
        long familyId = 0;
        if (null != c.refreshHash())
        {
            final AccountState.RefreshToken token = state.refreshToken(c.refreshHash());
            if (null != token)
            {
                familyId = token.familyId;
            }
        }
        final TokenHash accessHash =
            null != c.accessHash() && null != state.accessToken(c.accessHash()) ? c.accessHash() : null;

        if (0 != familyId || null != accessHash)
        {
            appendAndApply(encoder.loggedOut(c.atMs(), familyId, accessHash));
        }
        c.result().complete(null);
    }

    private void onUpdateProfile(final Command.UpdateProfile c)
    {
        if (!state.hasPlayer(c.playerId()))
        {
            c.fail(AccountErrors.playerNotFound());
            return;
        }
        if (null != c.displayName() || null != c.avatarUrl() || null != c.metadataJson())
        {
            appendAndApply(encoder.profileUpdated(
                c.atMs(), c.playerId(), c.displayName(), c.avatarUrl(), c.metadataJson()));
        }
        c.result().complete(state.profile(c.playerId()));
    }

    private <T> void onQuery(final Command.Query<T> c)
    {
        c.result().complete(c.query().apply(state));
    }

    private boolean isKnown(final Command.NewTokens tokens)
    {
        return state.isTokenHashKnown(tokens.accessHash()) || state.isTokenHashKnown(tokens.refreshHash()) ||
            tokens.accessHash().equals(tokens.refreshHash());
    }

    private void fillGrant(
        final long atMs, final long familyId, final Command.NewTokens tokens, final long evictedFamilyId)
    {
        grant.familyId = familyId;
        grant.accessHash = tokens.accessHash();
        grant.refreshHash = tokens.refreshHash();
        grant.accessExpiresAtMs = atMs + Accounts.ACCESS_TTL_MS;
        grant.refreshExpiresAtMs = atMs + Accounts.REFRESH_TTL_MS;
        grant.evictedFamilyId = evictedFamilyId;
    }

    private void appendAndApply(final int length)
    {
        journal.append(encoder.buffer(), 0, length);
        adapter.apply(encoder.buffer(), 0, length);
    }

    /** The writer's services for domain commands and timers. */
    private final class Writer implements MetagameWriter
    {
        public long nowMs()
        {
            return cycleNowMs;
        }

        public void appendAndApply(final DirectBuffer buffer, final int offset, final int length)
        {
            final MetagameDomain domain = domainsBySchema.get(schemaIdOf(buffer, offset, length));
            if (null == domain)
            {
                throw new IllegalStateException("no metagame domain for schema " + schemaIdOf(buffer, offset, length));
            }
            journal.append(buffer, offset, length);
            domain.apply(buffer, offset, length);
        }

        public org.agrona.ExpandableArrayBuffer scratch()
        {
            return scratch;
        }

        public AccountState accounts()
        {
            return state;
        }

        public <T extends MetagameDomain> T domain(final Class<T> type)
        {
            for (final MetagameDomain domain : domains)
            {
                if (type.isInstance(domain))
                {
                    return type.cast(domain);
                }
            }
            throw new IllegalArgumentException("no metagame domain " + type.getName());
        }
    }
}

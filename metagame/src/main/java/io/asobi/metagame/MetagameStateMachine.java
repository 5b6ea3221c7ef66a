package io.asobi.metagame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asobi.persistence.Journal;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * {@link Accounts} as a durable single-writer state machine: one writer thread (an Agrona agent on an
 * {@link AgentRunner}) owns all account state; every change is a decided record in the metagame journal
 * ({@code io.asobi.sbe.metagame} over a {@link Journal} in {@code dataDir/journal}), appended before it is applied
 * and before the caller's future completes. {@link #launch} starts the writer, which first repairs the journal (a
 * corrupt tail is reported and truncated to the last whole record; corruption in the middle is never skipped: the
 * start fails naming the record's index), then replays it.
 * An acknowledged change therefore survives a crash or kill of the process; a power loss may lose the last seconds
 * (see {@link Journal} on durability).
 * <p>
 * Argon2id hashing and verification run on a small worker pool. {@link #authenticate(String)} and
 * {@link #player(String)} read concurrent maps without blocking. Back pressure is a return value: a full command or
 * hash queue, a closed machine or one whose journal could not be replayed answers {@code not_ready}.
 * <p>
 * <b>Note:</b> thread safe. Until the replay has finished ({@link #isReady()}), register, refresh, logout and
 * profile updates wait for it in the queue, login answers {@code not_ready}, and the non-blocking reads
 * ({@link #authenticate}, {@link #player}) see a partial state: answer {@code not_ready} (503) while not ready.
 */
public final class MetagameStateMachine implements Accounts, MetagameServices
{
    private static final Logger LOGGER = LoggerFactory.getLogger(MetagameStateMachine.class);
    private static final String JOURNAL_DIR = "journal";
    private static final String QUARANTINE_DIR = "quarantine";

    private final Context ctx;
    private final EpochClock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper objectMapper = new ObjectMapper();
    private final PasswordHasher hasher;
    private final String dummyPasswordHash;
    private final AccountState state = new AccountState();
    private final AuditDomain audit = new AuditDomain(this);
    private final StorageDomain storage = new StorageDomain(this, state, this::domains);
    private final PlayerDataService playerData = new PlayerDataService(this, state, storage);
    private final EconomyDomain economy = new EconomyDomain(this);
    private final LeaderboardDomain leaderboards = new LeaderboardDomain(this::execute);
    private final ManyToOneConcurrentArrayQueue<Command> commands;
    private final ThreadPoolExecutor hashPool;
    private final MetagameAgent agent;
    private final AgentRunner runner;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicBoolean isClosed = new AtomicBoolean();
    private volatile boolean acceptsCallers = true;
    private volatile boolean acceptsHashWorkers = true;

    private MetagameStateMachine(final Context ctx)
    {
        this.ctx = ctx;
        clock = ctx.epochClock();
        hasher = new PasswordHasher(ctx.argon2MemoryKiB(), ctx.argon2Iterations(), ctx.argon2Parallelism(), random);
        dummyPasswordHash = hasher.hash(TokenHash.newToken(random));
        commands = new ManyToOneConcurrentArrayQueue<>(ctx.commandQueueCapacity());

        try
        {
            Files.createDirectories(ctx.dataDir());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the metagame data directory " + ctx.dataDir(), ex);
        }
        agent = new MetagameAgent(
            ctx, ctx.dataDir().resolve(JOURNAL_DIR), ctx.dataDir().resolve(QUARANTINE_DIR), state, commands,
            objectMapper, domains());
        runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, agent);

        final AtomicInteger threadCount = new AtomicInteger();
        hashPool = new ThreadPoolExecutor(
            ctx.hashThreads(), ctx.hashThreads(), 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(ctx.hashQueueCapacity()),
            task ->
            {
                final Thread thread = new Thread(task, ctx.roleName() + "-hash-" + threadCount.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Start the writer thread, which repairs the journal in {@code dataDir/journal} (a corrupt tail is logged at WARN
     * and dropped, the old journal kept in {@code dataDir/quarantine}), opens it, replays it and then takes commands;
     * returns without waiting for the replay (see {@link #isReady()} and {@link #ready()}). Concludes {@code ctx}.
     *
     * @param ctx configuration; concluded here, so it must not have been concluded before.
     * @return the running state machine; close it.
     * @throws IllegalArgumentException if an option is invalid.
     * @throws java.io.UncheckedIOException if the data directory cannot be created.
     */
    public static MetagameStateMachine launch(final Context ctx)
    {
        ctx.conclude();
        final MetagameStateMachine machine = new MetagameStateMachine(ctx);
        AgentRunner.startOnThread(machine.runner);
        return machine;
    }

    /**
     * The concluded configuration.
     *
     * @return the concluded configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Completes when the journal has been replayed, or exceptionally if it could not be repaired, opened or replayed,
     * e.g. with an {@link io.asobi.persistence.JournalCorruptException} naming the index of a corrupt record in the
     * middle of the journal (the machine then answers every command with {@code not_ready}).
     *
     * @return the replay's completion; callbacks run on the writer thread.
     */
    public CompletableFuture<Void> ready()
    {
        return agent.ready();
    }

    /**
     * Records applied by the replay at launch; meaningful once {@link #ready()} has completed.
     *
     * @return number of journal records replayed.
     */
    public long replayedRecordCount()
    {
        return agent.replayedRecordCount();
    }

    /**
     * {@inheritDoc}
     */
    public CompletableFuture<AuthTokens> register(
        final String username, final String password, final String displayName)
    {
        final CompletableFuture<AuthTokens> result = new CompletableFuture<>();
        final Map<String, List<String>> fields = Validation.registration(username, password, displayName);
        if (!fields.isEmpty())
        {
            result.completeExceptionally(AccountErrors.validationFailed(fields));
            return result;
        }
        if (null != state.credentialsByUsername(username))
        {
            result.completeExceptionally(AccountErrors.usernameTaken());
            return result;
        }

        submitHashTask(result, () ->
        {
            final String passwordHash = hasher.hash(password);
            final long atMs = clock.time();
            final Command.Register command = new Command.Register(
                atMs, Uuid7.next(atMs), username, null != displayName ? displayName : username, passwordHash,
                Command.NewTokens.generate(random), result);
            offer(command, true);
        });
        return result;
    }

    /**
     * {@inheritDoc}
     */
    public CompletableFuture<AuthTokens> login(final String username, final String password)
    {
        final CompletableFuture<AuthTokens> result = new CompletableFuture<>();
        if (null == username || null == password)
        {
            final Map<String, List<String>> fields = new LinkedHashMap<>();
            if (null == username)
            {
                fields.put("username", List.of(Validation.REQUIRED));
            }
            if (null == password)
            {
                fields.put("password", List.of(Validation.REQUIRED));
            }
            result.completeExceptionally(AccountErrors.validationFailed(fields));
            return result;
        }

        submitHashTask(result, () ->
        {
            if (!agent.isReady())
            {
                // Credentials are read from the state, which is complete only once the journal has been replayed.
                result.completeExceptionally(AccountErrors.notReady("Metagame is not ready"));
                return;
            }
            final AccountState.Credentials credentials =
                Validation.isWellFormedUsername(username) ? state.credentialsByUsername(username) : null;
            final boolean isPlausible = null != credentials && Validation.isWellFormedPassword(password);
            // Always spend one hash, also for an unknown user, so that timing does not tell which names exist.
            final boolean matches = isPlausible ?
                hasher.verify(credentials.passwordHash(), password) :
                hasher.verify(dummyPasswordHash, Validation.isWellFormedPassword(password) ? password : "");
            if (!isPlausible || !matches)
            {
                result.completeExceptionally(AccountErrors.invalidCredentials());
                return;
            }
            offer(new Command.Login(clock.time(), credentials.playerId(), credentials.passwordHash(),
                Command.NewTokens.generate(random), result), true);
        });
        return result;
    }

    /**
     * {@inheritDoc}
     */
    public CompletableFuture<AuthTokens> refresh(final String refreshToken)
    {
        final CompletableFuture<AuthTokens> result = new CompletableFuture<>();
        final TokenHash hash = TokenHash.of(refreshToken);
        if (null == hash)
        {
            result.completeExceptionally(AccountErrors.unauthenticated());
            return result;
        }
        offer(new Command.Refresh(clock.time(), hash, Command.NewTokens.generate(random), result), false);
        return result;
    }

    /**
     * {@inheritDoc}
     */
    public CompletableFuture<Void> logout(final String refreshToken, final String accessToken)
    {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        final TokenHash refreshHash = TokenHash.of(refreshToken);
        final TokenHash accessHash = TokenHash.of(accessToken);
        if (null == refreshHash && null == accessHash)
        {
            result.complete(null);
            return result;
        }
        offer(new Command.Logout(clock.time(), refreshHash, accessHash, result), false);
        return result;
    }

    /**
     * {@inheritDoc}
     */
    public String authenticate(final String accessToken)
    {
        final TokenHash hash = TokenHash.of(accessToken);
        if (null == hash)
        {
            return null;
        }
        final AccountState.AccessToken token = state.accessToken(hash);
        return null != token && token.expiresAtMs() > clock.time() ? token.playerId() : null;
    }

    /**
     * {@inheritDoc}
     */
    public PlayerProfile player(final String playerId)
    {
        return state.profile(playerId);
    }

    /**
     * {@inheritDoc}
     */
    public CompletableFuture<PlayerProfile> updatePlayer(
        final String playerId, final String displayName, final String avatarUrl, final JsonNode metadata)
    {
        final CompletableFuture<PlayerProfile> result = new CompletableFuture<>();
        byte[] metadataJson = null;
        if (null != metadata && metadata.isObject())
        {
            try
            {
                metadataJson = objectMapper.writeValueAsBytes(metadata);
            }
            catch (final JsonProcessingException ex)
            {
                result.completeExceptionally(AccountErrors.validationFailed(
                    Map.of("metadata", List.of(Validation.METADATA_OBJECT))));
                return result;
            }
        }
        final Map<String, List<String>> fields = Validation.profile(
            displayName, avatarUrl, null != metadataJson ? metadataJson.length : 0, metadata);
        if (!fields.isEmpty())
        {
            result.completeExceptionally(AccountErrors.validationFailed(fields));
            return result;
        }
        if (null == playerId)
        {
            result.completeExceptionally(AccountErrors.playerNotFound());
            return result;
        }

        offer(new Command.UpdateProfile(clock.time(), playerId, displayName, avatarUrl, metadataJson, result), false);
        return result;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isReady()
    {
        return agent.isReady() && acceptsCallers;
    }

    /**
     * Stop accepting calls, let password work in flight finish (up to {@link Context#closeTimeoutMs()}), have the
     * writer apply everything queued, stop it and close the journal. Idempotent.
     */
    public void close()
    {
        if (!isClosed.compareAndSet(false, true))
        {
            return;
        }

        setAccepting(false, true);
        hashPool.shutdown();
        try
        {
            if (!hashPool.awaitTermination(ctx.closeTimeoutMs(), TimeUnit.MILLISECONDS))
            {
                for (final Runnable task : hashPool.shutdownNow())
                {
                    if (task instanceof final HashTask hashTask)
                    {
                        hashTask.result.completeExceptionally(AccountErrors.notReady("Metagame is shutting down"));
                    }
                }
            }
        }
        catch (final InterruptedException ex)
        {
            hashPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        setAccepting(false, false);

        try
        {
            runner.close();
        }
        finally
        {
            Command leftover;
            while (null != (leftover = commands.poll()))
            {
                leftover.fail(AccountErrors.notReady("Metagame is shut down"));
            }
            agent.closeJournal();
        }
    }

    /**
     * Run a function over the state on the writer thread, in order with the commands (tests and diagnostics).
     */
    <T> CompletableFuture<T> query(final Function<AccountState, T> query)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        offer(new Command.Query<>(query, result), false);
        return result;
    }

    PasswordHasher hasher()
    {
        return hasher;
    }

    private void setAccepting(final boolean callers, final boolean hashWorkers)
    {
        final Lock lock = gate.writeLock();
        lock.lock();
        try
        {
            acceptsCallers = callers;
            acceptsHashWorkers = hashWorkers;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void offer(final Command command, final boolean fromHashWorker)
    {
        final Lock lock = gate.readLock();
        if (!lock.tryLock())
        {
            command.fail(AccountErrors.notReady("Metagame is shutting down"));
            return;
        }
        try
        {
            if (!(fromHashWorker ? acceptsHashWorkers : acceptsCallers))
            {
                command.fail(AccountErrors.notReady("Metagame is shut down"));
            }
            else if (!commands.offer(command))
            {
                command.fail(AccountErrors.notReady("Metagame command queue is full"));
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The domains living in this state machine's writer, in the order their timers run.
     */
    private java.util.List<MetagameDomain> domains()
    {
        return java.util.List.of(audit, economy, leaderboards, storage);
    }

    /**
     * {@inheritDoc}
     */
    public Accounts accounts()
    {
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public Audit audit()
    {
        return audit;
    }

    /**
     * {@inheritDoc}
     */
    public CloudSaves cloudSaves()
    {
        return storage;
    }

    /**
     * {@inheritDoc}
     */
    public Storage storage()
    {
        return storage;
    }

    /**
     * {@inheritDoc}
     */
    public PlayerData playerData()
    {
        return playerData;
    }

    /**
     * {@inheritDoc}
     */
    public Economy economy()
    {
        return economy;
    }

    /**
     * {@inheritDoc}
     */
    public Leaderboards leaderboards()
    {
        return leaderboards;
    }

    /**
     * Queue a domain command for the writer thread; fails it with {@code not_ready} when the machine does not
     * accept commands (shutting down, queue full).
     *
     * @param command the command.
     */
    void submit(final DomainCommand command)
    {
        offer(command, false);
    }

    /**
     * Run {@code body} on the writer thread and complete the future with its result; an {@link AccountException}
     * it throws (a domain error) fails the future with it, anything else with {@code internal}.
     *
     * @param body the work: validate, journal through the writer, return the answer.
     * @param <T>  the answer's type.
     * @return the answer's future.
     */
    <T> CompletableFuture<T> execute(final java.util.function.Function<MetagameWriter, T> body)
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        submit(new DomainCommand()
        {
            public void execute(final MetagameWriter writer)
            {
                final T answer;
                try
                {
                    answer = body.apply(writer);
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
        return result;
    }

    void submitHashTask(final CompletableFuture<?> result, final Runnable work)
    {
        if (!acceptsCallers)
        {
            result.completeExceptionally(AccountErrors.notReady("Metagame is shut down"));
            return;
        }
        try
        {
            hashPool.execute(new HashTask(result, work, ctx.errorHandler()));
        }
        catch (final RejectedExecutionException ex)
        {
            result.completeExceptionally(AccountErrors.notReady(
                hashPool.isShutdown() ? "Metagame is shut down" : "Password hashing queue is full"));
        }
    }

    /** Password work on the hash pool; its future fails ({@code internal}) if the work throws. */
    private record HashTask(CompletableFuture<?> result, Runnable work, ErrorHandler errorHandler) implements Runnable
    {
        public void run()
        {
            try
            {
                work.run();
            }
            catch (final Throwable ex)
            {
                errorHandler.onError(ex);
                result.completeExceptionally(AccountErrors.internal("Internal error"));
            }
        }
    }

    /**
     * Settings of a {@link MetagameStateMachine}.
     */
    public static final class Context
    {
        /** Default Argon2id memory: 19 MiB (OWASP's minimum for Argon2id). */
        public static final int ARGON2_MEMORY_KIB_DEFAULT = 19 * 1024;
        /** Default Argon2id passes. */
        public static final int ARGON2_ITERATIONS_DEFAULT = 2;
        /** Default Argon2id lanes. */
        public static final int ARGON2_PARALLELISM_DEFAULT = 1;
        /** Default hash worker queue: password operations waiting for a worker. */
        public static final int HASH_QUEUE_CAPACITY_DEFAULT = 1024;
        /** Default command queue capacity (rounded up to a power of two by the queue). */
        public static final int COMMAND_QUEUE_CAPACITY_DEFAULT = 4096;
        /** Default bound on commands the writer applies per duty cycle. */
        public static final int COMMAND_DRAIN_LIMIT_DEFAULT = 256;
        /** Default interval between prunes of expired tokens. */
        public static final long PRUNE_INTERVAL_MS_DEFAULT = 60_000;
        /** Default cap on live refresh families (sign-ins) per player; a new one revokes the oldest. */
        public static final int MAX_FAMILIES_PER_PLAYER_DEFAULT = 64;
        /** Default wait in {@link MetagameStateMachine#close()} for password work in flight. */
        public static final long CLOSE_TIMEOUT_MS_DEFAULT = 10_000;
        /** Default role name, also the writer thread's name. */
        public static final String ROLE_NAME_DEFAULT = "metagame";

        private boolean isConcluded;
        private Path dataDir;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private int argon2MemoryKiB = ARGON2_MEMORY_KIB_DEFAULT;
        private int argon2Iterations = ARGON2_ITERATIONS_DEFAULT;
        private int argon2Parallelism = ARGON2_PARALLELISM_DEFAULT;
        private int hashThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        private int hashQueueCapacity = HASH_QUEUE_CAPACITY_DEFAULT;
        private int commandQueueCapacity = COMMAND_QUEUE_CAPACITY_DEFAULT;
        private int commandDrainLimit = COMMAND_DRAIN_LIMIT_DEFAULT;
        private long pruneIntervalMs = PRUNE_INTERVAL_MS_DEFAULT;
        private int maxFamiliesPerPlayer = MAX_FAMILIES_PER_PLAYER_DEFAULT;
        private long closeTimeoutMs = CLOSE_TIMEOUT_MS_DEFAULT;
        private String roleName = ROLE_NAME_DEFAULT;
        private IdleStrategy idleStrategy;
        private ErrorHandler errorHandler;

        /**
         * Validate the options and fill in defaults; runs once.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if already concluded.
         * @throws IllegalArgumentException naming the first invalid option.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            isConcluded = true;

            if (null == dataDir)
            {
                throw new IllegalArgumentException("dataDir must be set");
            }
            if (null == epochClock)
            {
                throw new IllegalArgumentException("epochClock must not be null");
            }
            if (argon2Parallelism < 1 || argon2Parallelism > PasswordHasher.MAX_PARALLELISM)
            {
                throw new IllegalArgumentException("argon2Parallelism must be in 1.." + PasswordHasher.MAX_PARALLELISM +
                    ": " + argon2Parallelism);
            }
            final int minMemoryKiB = Math.max(PasswordHasher.MIN_MEMORY_KIB, 8 * argon2Parallelism);
            if (argon2MemoryKiB < minMemoryKiB || argon2MemoryKiB > PasswordHasher.MAX_MEMORY_KIB)
            {
                throw new IllegalArgumentException("argon2MemoryKiB must be in " + minMemoryKiB + ".." +
                    PasswordHasher.MAX_MEMORY_KIB + ": " + argon2MemoryKiB);
            }
            if (argon2Iterations < 1 || argon2Iterations > PasswordHasher.MAX_ITERATIONS)
            {
                throw new IllegalArgumentException("argon2Iterations must be in 1.." + PasswordHasher.MAX_ITERATIONS +
                    ": " + argon2Iterations);
            }
            requireRange("hashThreads", hashThreads, 1, 256);
            requireRange("hashQueueCapacity", hashQueueCapacity, 1, 1 << 20);
            requireRange("commandQueueCapacity", commandQueueCapacity, 2, 1 << 24);
            requireRange("commandDrainLimit", commandDrainLimit, 1, Integer.MAX_VALUE);
            requireRange("maxFamiliesPerPlayer", maxFamiliesPerPlayer, 1, 1 << 16);
            if (pruneIntervalMs < 1)
            {
                throw new IllegalArgumentException("pruneIntervalMs must be >= 1: " + pruneIntervalMs);
            }
            if (closeTimeoutMs < 0)
            {
                throw new IllegalArgumentException("closeTimeoutMs must be >= 0: " + closeTimeoutMs);
            }
            if (null == roleName || roleName.isBlank())
            {
                throw new IllegalArgumentException("roleName must not be blank: " + roleName);
            }

            if (null == idleStrategy)
            {
                idleStrategy = new BackoffIdleStrategy();
            }
            if (null == errorHandler)
            {
                errorHandler = ex -> LOGGER.error("metagame error", ex);
            }

            return this;
        }

        private static void requireRange(final String name, final int value, final int min, final int max)
        {
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
            }
        }

        /**
         * Whether {@link #conclude()} has run.
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * Directory of the metagame's files (the journal goes in its {@code journal} subdirectory, journals set
         * aside by a repair in {@code quarantine}); required.
         *
         * @return the data directory.
         */
        public Path dataDir()
        {
            return dataDir;
        }

        /**
         * @param dataDir of the metagame's files.
         * @return this for a fluent API.
         * @see #dataDir()
         */
        public Context dataDir(final Path dataDir)
        {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Clock for record timestamps, token expiry, pruning and UUIDv7 ids; inject a {@code CachedEpochClock} in
         * tests.
         *
         * @return the clock.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }

        /**
         * @param epochClock for timestamps and expiry.
         * @return this for a fluent API.
         * @see #epochClock()
         */
        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * Argon2id memory cost of new password hashes, in KiB; default {@value #ARGON2_MEMORY_KIB_DEFAULT}.
         *
         * @return memory in KiB.
         */
        public int argon2MemoryKiB()
        {
            return argon2MemoryKiB;
        }

        /**
         * @param argon2MemoryKiB memory cost in KiB, at least 8 per lane.
         * @return this for a fluent API.
         * @see #argon2MemoryKiB()
         */
        public Context argon2MemoryKiB(final int argon2MemoryKiB)
        {
            this.argon2MemoryKiB = argon2MemoryKiB;
            return this;
        }

        /**
         * Argon2id passes of new password hashes; default {@value #ARGON2_ITERATIONS_DEFAULT}.
         *
         * @return iterations.
         */
        public int argon2Iterations()
        {
            return argon2Iterations;
        }

        /**
         * @param argon2Iterations passes, 1 to 64.
         * @return this for a fluent API.
         * @see #argon2Iterations()
         */
        public Context argon2Iterations(final int argon2Iterations)
        {
            this.argon2Iterations = argon2Iterations;
            return this;
        }

        /**
         * Argon2id lanes of new password hashes; default {@value #ARGON2_PARALLELISM_DEFAULT}.
         *
         * @return lanes.
         */
        public int argon2Parallelism()
        {
            return argon2Parallelism;
        }

        /**
         * @param argon2Parallelism lanes, 1 to 16.
         * @return this for a fluent API.
         * @see #argon2Parallelism()
         */
        public Context argon2Parallelism(final int argon2Parallelism)
        {
            this.argon2Parallelism = argon2Parallelism;
            return this;
        }

        /**
         * Password hashing workers; default half the cores, at least 1.
         *
         * @return worker threads.
         */
        public int hashThreads()
        {
            return hashThreads;
        }

        /**
         * @param hashThreads worker threads, 1 to 256.
         * @return this for a fluent API.
         * @see #hashThreads()
         */
        public Context hashThreads(final int hashThreads)
        {
            this.hashThreads = hashThreads;
            return this;
        }

        /**
         * Password operations that may wait for a worker; beyond it register and login answer {@code not_ready}.
         *
         * @return queue capacity.
         */
        public int hashQueueCapacity()
        {
            return hashQueueCapacity;
        }

        /**
         * @param hashQueueCapacity waiting password operations.
         * @return this for a fluent API.
         * @see #hashQueueCapacity()
         */
        public Context hashQueueCapacity(final int hashQueueCapacity)
        {
            this.hashQueueCapacity = hashQueueCapacity;
            return this;
        }

        /**
         * Commands that may wait for the writer (rounded up to a power of two); beyond it calls answer
         * {@code not_ready}.
         *
         * @return queue capacity.
         */
        public int commandQueueCapacity()
        {
            return commandQueueCapacity;
        }

        /**
         * @param commandQueueCapacity waiting commands.
         * @return this for a fluent API.
         * @see #commandQueueCapacity()
         */
        public Context commandQueueCapacity(final int commandQueueCapacity)
        {
            this.commandQueueCapacity = commandQueueCapacity;
            return this;
        }

        /**
         * Most commands the writer applies in one duty cycle.
         *
         * @return the drain limit.
         */
        public int commandDrainLimit()
        {
            return commandDrainLimit;
        }

        /**
         * @param commandDrainLimit commands per duty cycle.
         * @return this for a fluent API.
         * @see #commandDrainLimit()
         */
        public Context commandDrainLimit(final int commandDrainLimit)
        {
            this.commandDrainLimit = commandDrainLimit;
            return this;
        }

        /**
         * How often the writer forgets expired tokens; default {@value #PRUNE_INTERVAL_MS_DEFAULT} ms.
         *
         * @return the interval in milliseconds.
         */
        public long pruneIntervalMs()
        {
            return pruneIntervalMs;
        }

        /**
         * @param pruneIntervalMs between prunes.
         * @return this for a fluent API.
         * @see #pruneIntervalMs()
         */
        public Context pruneIntervalMs(final long pruneIntervalMs)
        {
            this.pruneIntervalMs = pruneIntervalMs;
            return this;
        }

        /**
         * Most refresh families (sign-ins) a player keeps; a sign-in beyond it revokes the oldest family.
         *
         * @return the cap.
         */
        public int maxFamiliesPerPlayer()
        {
            return maxFamiliesPerPlayer;
        }

        /**
         * @param maxFamiliesPerPlayer families per player.
         * @return this for a fluent API.
         * @see #maxFamiliesPerPlayer()
         */
        public Context maxFamiliesPerPlayer(final int maxFamiliesPerPlayer)
        {
            this.maxFamiliesPerPlayer = maxFamiliesPerPlayer;
            return this;
        }

        /**
         * How long {@link MetagameStateMachine#close()} waits for password work in flight.
         *
         * @return the timeout in milliseconds.
         */
        public long closeTimeoutMs()
        {
            return closeTimeoutMs;
        }

        /**
         * @param closeTimeoutMs wait for password work on close.
         * @return this for a fluent API.
         * @see #closeTimeoutMs()
         */
        public Context closeTimeoutMs(final long closeTimeoutMs)
        {
            this.closeTimeoutMs = closeTimeoutMs;
            return this;
        }

        /**
         * Writer agent role name, also its thread name; hash workers are named {@code <roleName>-hash-<n>}.
         *
         * @return the role name.
         */
        public String roleName()
        {
            return roleName;
        }

        /**
         * @param roleName of the writer agent.
         * @return this for a fluent API.
         * @see #roleName()
         */
        public Context roleName(final String roleName)
        {
            this.roleName = roleName;
            return this;
        }

        /**
         * Idle strategy of the writer thread; default {@link BackoffIdleStrategy}.
         *
         * @return the idle strategy.
         */
        public IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /**
         * @param idleStrategy of the writer thread.
         * @return this for a fluent API.
         * @see #idleStrategy()
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * Receives errors of the writer and the hash workers; default logs them.
         *
         * @return the error handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * @param errorHandler for writer and worker errors.
         * @return this for a fluent API.
         * @see #errorHandler()
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }
}

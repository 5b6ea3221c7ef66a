package io.asobi.ecs.tick;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.ErrorHandler;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A tick thread's duty cycle: hosts many {@link Simulation}s, each stepped at its own rate (1 to 60 Hz) from a
 * deterministic schedule, and feeds them the inputs published through its {@link InputPublisher}.
 * <p>
 * {@link #doWork()}: read the clock once; take add/remove requests from the control queue (bounded); drain the input
 * ring (bounded) routing each input to its simulation in ring order; then step every simulation whose deadline has
 * come, once each, in (deadline, registration sequence) order. Schedule: a fixed-rate grid with no drift; a step
 * that ends at or after the next deadline counts an overrun; a simulation more than one interval behind is
 * re-anchored rather than made to burst (see docs/tick-engine.md). A simulation that throws is quarantined and
 * reported to the {@link QuarantineHandler}; nothing escapes the duty cycle.
 * <p>
 * <b>Note:</b> {@link #doWork()} and the lifecycle methods run on one thread (an {@code AgentRunner}, see
 * {@link TickThread}, or a test calling them by hand); {@link #tryAdd}, {@link #tryRemove} and the publisher are
 * thread safe.
 */
public final class TickAgent implements Agent
{
    /** Lowest accepted simulation rate. */
    public static final int MIN_RATE_HZ = 1;

    /** Highest accepted simulation rate. */
    public static final int MAX_RATE_HZ = 60;

    private static final Comparator<SimulationEntry> SCHEDULE_ORDER = TickAgent::compareSchedule;

    private final Context ctx;
    private final NanoClock nanoClock;
    private final ErrorHandler errorHandler;
    private final QuarantineHandler quarantineHandler;
    private final int inputPollLimit;
    private final int controlDrainLimit;
    private final RingBuffer<InputEvent> ringBuffer;
    private final UnsafeBuffer payloads;
    private final int slotStrideBytes;
    private final int ringIndexMask;
    private final EventPoller<InputEvent> inputPoller;
    private final EventPoller.Handler<InputEvent> inputHandler = this::onInputEvent;
    private final InputPublisher inputPublisher;
    private final ManyToOneConcurrentArrayQueue<Object> controlQueue;
    private final Long2ObjectHashMap<SimulationEntry> simulationById = new Long2ObjectHashMap<>();
    private final PriorityQueue<SimulationEntry> schedule = new PriorityQueue<>(64, SCHEDULE_ORDER);
    private final ArrayList<SimulationEntry> dueEntries = new ArrayList<>(64);

    private SimulationEntry lastRouted;
    private long nextRegistrationSequence;
    private int inputsThisCycle;
    private volatile long unroutableInputCount; // written by the tick thread only
    private volatile boolean isPinned;

    /**
     * Create an agent; concludes {@code ctx}.
     *
     * @param ctx configuration; concluded here, so it must not have been concluded before.
     */
    public TickAgent(final Context ctx)
    {
        ctx.conclude();
        this.ctx = ctx;
        nanoClock = ctx.nanoClock();
        errorHandler = ctx.errorHandler();
        quarantineHandler = ctx.quarantineHandler();
        inputPollLimit = ctx.inputPollLimit();
        controlDrainLimit = ctx.controlQueueCapacity();

        // The poller never waits, so the wait strategy only matters for its signal on publish: a no-op here.
        ringBuffer = ctx.singleProducer() ?
            RingBuffer.createSingleProducer(InputEvent::new, ctx.ringCapacity(), new YieldingWaitStrategy()) :
            RingBuffer.createMultiProducer(InputEvent::new, ctx.ringCapacity(), new YieldingWaitStrategy());
        inputPoller = ringBuffer.newPoller();
        ringBuffer.addGatingSequences(inputPoller.getSequence());
        // One payload region per slot, each starting on its own cache line: no false sharing between producers,
        // and a 64-byte payload is one line.
        slotStrideBytes = Context.slotStrideBytes(ctx.maxInputBytes());
        ringIndexMask = ctx.ringCapacity() - 1;
        payloads = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            ctx.ringCapacity() * slotStrideBytes, BitUtil.CACHE_LINE_LENGTH));
        inputPublisher = new InputPublisher(
            ringBuffer, payloads, slotStrideBytes, ctx.maxInputBytes(), ctx.singleProducer());
        controlQueue = new ManyToOneConcurrentArrayQueue<>(ctx.controlQueueCapacity());
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
     * The publisher through which any thread sends inputs to the simulations of this agent.
     *
     * @return the publisher for this agent's input ring.
     */
    public InputPublisher inputPublisher()
    {
        return inputPublisher;
    }

    /**
     * Request that a simulation be added; the tick thread takes it up at the start of its next duty cycle, and its
     * tick 0 is due then.
     *
     * @param simulationId unique on this agent; a duplicate ends in {@link SimulationState#REJECTED}.
     * @param rateHz       steps per second, {@value #MIN_RATE_HZ} to {@value #MAX_RATE_HZ}.
     * @param simulation   to host.
     * @return its stats (state {@link SimulationState#PENDING} until taken up), or null if the control queue is full.
     * @throws IllegalArgumentException if {@code rateHz} is out of range.
     * @throws NullPointerException     if {@code simulation} is null.
     */
    public SimulationStats tryAdd(final long simulationId, final int rateHz, final Simulation simulation)
    {
        if (rateHz < MIN_RATE_HZ || rateHz > MAX_RATE_HZ)
        {
            throw new IllegalArgumentException(
                "rateHz must be in " + MIN_RATE_HZ + ".." + MAX_RATE_HZ + ": " + rateHz);
        }
        Objects.requireNonNull(simulation, "simulation");

        final SimulationEntry entry = new SimulationEntry(simulationId, rateHz, simulation);
        return controlQueue.offer(entry) ? entry.stats : null;
    }

    /**
     * Request that a simulation be removed (also how a quarantined one is released); taken up at the start of the
     * next duty cycle. Inputs for it are dropped from then on. Removing an unknown id does nothing.
     *
     * @param simulationId to remove.
     * @return true if the request was queued, false if the control queue is full.
     */
    public boolean tryRemove(final long simulationId)
    {
        return controlQueue.offer(new RemoveRequest(simulationId));
    }

    /**
     * Inputs dropped because no simulation with their id was registered when they were drained.
     *
     * @return number of inputs for unknown or removed simulations.
     */
    public long unroutableInputCount()
    {
        return unroutableInputCount;
    }

    /**
     * Whether {@link #onStart()} pinned the running thread to {@link Context#cpuAffinity()}.
     *
     * @return true once pinned.
     */
    public boolean isPinned()
    {
        return isPinned;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return ctx.roleName();
    }

    /**
     * Pin the running thread if {@link Context#cpuAffinity()} asks for it; a failure goes to the error handler and
     * the agent runs unpinned.
     */
    public void onStart()
    {
        final int cpu = ctx.cpuAffinity();
        if (Context.NO_CPU_AFFINITY != cpu)
        {
            try
            {
                CpuAffinity.pin(cpu);
                isPinned = true;
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        final long nowNs = nanoClock.nanoTime();
        int workCount = drainControlQueue(nowNs);
        workCount += pollInputs();
        workCount += stepDueSimulations(nowNs);

        return workCount;
    }

    /**
     * Mark every hosted simulation {@link SimulationState#REMOVED}.
     */
    public void onClose()
    {
        for (final SimulationEntry entry : simulationById.values())
        {
            entry.stats.state(SimulationState.REMOVED);
        }
        simulationById.clear();
        lastRouted = null;
        schedule.clear();
    }

    private int drainControlQueue(final long nowNs)
    {
        int workCount = 0;
        Object request;
        while (workCount < controlDrainLimit && null != (request = controlQueue.poll()))
        {
            workCount++;
            if (request instanceof SimulationEntry entry)
            {
                onAdd(entry, nowNs);
            }
            else if (request instanceof RemoveRequest(final long simulationId))
            {
                onRemove(simulationId);
            }
        }

        return workCount;
    }

    private void onAdd(final SimulationEntry entry, final long nowNs)
    {
        if (simulationById.containsKey(entry.simulationId))
        {
            entry.stats.state(SimulationState.REJECTED);
            errorHandler.onError(new IllegalStateException(
                "simulationId already registered on " + ctx.roleName() + ": " + entry.simulationId));
            return;
        }

        entry.registrationSequence = nextRegistrationSequence++;
        entry.anchor(nowNs);
        entry.stats.state(SimulationState.RUNNING);
        simulationById.put(entry.simulationId, entry);
        lastRouted = null;
        schedule.offer(entry);
        dueEntries.ensureCapacity(schedule.size());
    }

    private void onRemove(final long simulationId)
    {
        final SimulationEntry entry = simulationById.remove(simulationId);
        lastRouted = null;
        if (null != entry)
        {
            // Left in the schedule: the stepping loop discards entries that are no longer running.
            entry.stats.state(SimulationState.REMOVED);
        }
    }

    private int pollInputs()
    {
        inputsThisCycle = 0;
        try
        {
            inputPoller.poll(inputHandler);
        }
        catch (final Exception ex)
        {
            errorHandler.onError(ex);
        }

        return inputsThisCycle;
    }

    private boolean onInputEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        // Inputs come in bursts per simulation: remember the last hit (reset whenever the map changes).
        SimulationEntry entry = lastRouted;
        if (null == entry || entry.simulationId != event.simulationId)
        {
            entry = simulationById.get(event.simulationId);
            lastRouted = entry;
        }

        if (null == entry)
        {
            unroutableInputCount++;
        }
        else if (!entry.isRunning())
        {
            entry.onInputDropped();
        }
        else
        {
            try
            {
                final int payloadOffset = (int)(sequence & ringIndexMask) * slotStrideBytes;
                entry.simulation.onInput(event.sourceId, event.inputType, payloads, payloadOffset, event.length);
                entry.onInputDelivered();
            }
            catch (final Throwable ex)
            {
                quarantine(entry, entry.tick, ex);
            }
        }

        return ++inputsThisCycle < inputPollLimit;
    }

    private int stepDueSimulations(final long nowNs)
    {
        final ArrayList<SimulationEntry> dueEntries = this.dueEntries;
        SimulationEntry head;
        while (null != (head = schedule.peek()) && head.deadlineNs <= nowNs)
        {
            schedule.poll();
            if (head.isRunning())
            {
                dueEntries.add(head);
            }
        }

        final int dueCount = dueEntries.size();
        long stepStartNs = dueCount > 0 ? nanoClock.nanoTime() : nowNs;
        for (int i = 0; i < dueCount; i++)
        {
            final SimulationEntry entry = dueEntries.get(i);
            try
            {
                entry.simulation.onTick(entry.tick);
            }
            catch (final Throwable ex)
            {
                quarantine(entry, entry.tick, ex);
                stepStartNs = nanoClock.nanoTime();
                continue;
            }

            final long stepEndNs = nanoClock.nanoTime();
            entry.stats.recordStepTime(stepEndNs - stepStartNs);
            entry.onStepCompleted(stepEndNs);
            schedule.offer(entry);
            stepStartNs = stepEndNs;
        }
        dueEntries.clear();

        return dueCount;
    }

    private void quarantine(final SimulationEntry entry, final long tick, final Throwable cause)
    {
        entry.stats.state(SimulationState.QUARANTINED);
        try
        {
            quarantineHandler.onQuarantine(entry.simulationId, tick, cause);
        }
        catch (final Throwable ex)
        {
            try
            {
                ex.addSuppressed(cause);
                errorHandler.onError(ex);
            }
            catch (final Throwable ignore)
            {
                // The error handler itself failed: nothing more can be reported without escaping the duty cycle.
            }
        }
    }

    private static int compareSchedule(final SimulationEntry a, final SimulationEntry b)
    {
        final int byDeadline = Long.compare(a.deadlineNs, b.deadlineNs);
        return 0 != byDeadline ? byDeadline : Long.compare(a.registrationSequence, b.registrationSequence);
    }

    private record RemoveRequest(long simulationId)
    {
    }

    /**
     * Configuration for a {@link TickAgent}: fluent accessors, validated once by {@link #conclude()}.
     */
    public static final class Context
    {
        /** Value of {@link #cpuAffinity()} that leaves the thread unpinned. */
        public static final int NO_CPU_AFFINITY = -1;

        /** Default input ring capacity in slots. */
        public static final int RING_CAPACITY_DEFAULT = 4096;

        /** Default largest input payload. */
        public static final int MAX_INPUT_BYTES_DEFAULT = 256;

        /** Upper bound on {@link #maxInputBytes()}: the ring preallocates {@code ringCapacity × maxInputBytes}. */
        public static final int MAX_INPUT_BYTES_LIMIT = 64 * 1024;

        /** Upper bound on the preallocated payload region, {@code ringCapacity × maxInputBytes} (1 GiB). */
        public static final long MAX_PAYLOAD_REGION_BYTES = 1L << 30;

        /** Default bound on inputs drained per duty cycle. */
        public static final int INPUT_POLL_LIMIT_DEFAULT = 1024;

        /** Default control queue capacity (add/remove requests in flight). */
        public static final int CONTROL_QUEUE_CAPACITY_DEFAULT = 1024;

        /** Default role name, also the runner thread's name. */
        public static final String ROLE_NAME_DEFAULT = "tick";

        private boolean isConcluded;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private int ringCapacity = RING_CAPACITY_DEFAULT;
        private int maxInputBytes = MAX_INPUT_BYTES_DEFAULT;
        private int inputPollLimit = INPUT_POLL_LIMIT_DEFAULT;
        private int controlQueueCapacity = CONTROL_QUEUE_CAPACITY_DEFAULT;
        private String roleName = ROLE_NAME_DEFAULT;
        private int cpuAffinity = NO_CPU_AFFINITY;
        private boolean singleProducer;
        private IdleStrategy idleStrategy;
        private ErrorHandler errorHandler;
        private QuarantineHandler quarantineHandler;

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

            requireNonNull(nanoClock, "nanoClock");
            if (ringCapacity < 2 || !BitUtil.isPowerOfTwo(ringCapacity))
            {
                throw new IllegalArgumentException("ringCapacity must be a power of two >= 2: " + ringCapacity);
            }
            if (maxInputBytes < 1 || maxInputBytes > MAX_INPUT_BYTES_LIMIT)
            {
                throw new IllegalArgumentException(
                    "maxInputBytes must be in 1.." + MAX_INPUT_BYTES_LIMIT + ": " + maxInputBytes);
            }
            if ((long)ringCapacity * slotStrideBytes(maxInputBytes) > MAX_PAYLOAD_REGION_BYTES)
            {
                throw new IllegalArgumentException("ringCapacity × maxInputBytes (rounded up to cache lines) must be " +
                    "at most " + MAX_PAYLOAD_REGION_BYTES + ": ringCapacity=" + ringCapacity +
                    " maxInputBytes=" + maxInputBytes);
            }
            if (inputPollLimit < 1)
            {
                throw new IllegalArgumentException("inputPollLimit must be >= 1: " + inputPollLimit);
            }
            if (controlQueueCapacity < 2)
            {
                throw new IllegalArgumentException("controlQueueCapacity must be >= 2: " + controlQueueCapacity);
            }
            if (null == roleName || roleName.isBlank())
            {
                throw new IllegalArgumentException("roleName must not be blank: " + roleName);
            }
            if (cpuAffinity < NO_CPU_AFFINITY || cpuAffinity >= CpuAffinity.MAX_CPUS)
            {
                throw new IllegalArgumentException(
                    "cpuAffinity must be " + NO_CPU_AFFINITY + " or in 0.." + (CpuAffinity.MAX_CPUS - 1) + ": " +
                    cpuAffinity);
            }

            if (null == idleStrategy)
            {
                idleStrategy = new BackoffIdleStrategy();
            }
            if (null == errorHandler)
            {
                errorHandler = Throwable::printStackTrace;
            }
            if (null == quarantineHandler)
            {
                final ErrorHandler errors = errorHandler;
                quarantineHandler = (simulationId, tick, cause) -> errors.onError(new IllegalStateException(
                    "simulation " + simulationId + " quarantined at tick " + tick, cause));
            }

            return this;
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
         * Clock for the schedule and step timing; inject a {@code CachedNanoClock} to step the agent by hand.
         *
         * @return the clock.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * Clock for the schedule and step timing.
         *
         * @param nanoClock the clock.
         * @return this for a fluent API.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * Input ring capacity in slots, a power of two.
         *
         * @return input ring capacity in slots.
         */
        public int ringCapacity()
        {
            return ringCapacity;
        }

        /**
         * Whether exactly one thread publishes inputs (e.g. a gateway with one I/O thread per tick thread). The ring
         * then uses the Disruptor's single-producer sequencer (no compare-and-swap per claim); a publish from a
         * second thread is refused with {@link IllegalStateException}. Default false: any number of producers.
         *
         * @return true if the ring is single-producer.
         */
        public boolean singleProducer()
        {
            return singleProducer;
        }

        /**
         * @param singleProducer true if exactly one thread will publish inputs.
         * @return this for a fluent API.
         * @see #singleProducer()
         */
        public Context singleProducer(final boolean singleProducer)
        {
            this.singleProducer = singleProducer;
            return this;
        }

        /**
         * Input ring capacity in slots, a power of two.
         *
         * @param ringCapacity in slots.
         * @return this for a fluent API.
         */
        public Context ringCapacity(final int ringCapacity)
        {
            this.ringCapacity = ringCapacity;
            return this;
        }

        /**
         * Largest input payload; each ring slot preallocates this many bytes.
         *
         * @return largest input payload in bytes.
         */
        public int maxInputBytes()
        {
            return maxInputBytes;
        }

        /**
         * Largest input payload; each ring slot preallocates this many bytes.
         *
         * @param maxInputBytes largest input payload in bytes.
         * @return this for a fluent API.
         */
        public Context maxInputBytes(final int maxInputBytes)
        {
            this.maxInputBytes = maxInputBytes;
            return this;
        }

        /**
         * Most inputs drained from the ring per duty cycle.
         *
         * @return most inputs drained per duty cycle.
         */
        public int inputPollLimit()
        {
            return inputPollLimit;
        }

        /**
         * Most inputs drained from the ring per duty cycle.
         *
         * @param inputPollLimit most inputs drained per duty cycle.
         * @return this for a fluent API.
         */
        public Context inputPollLimit(final int inputPollLimit)
        {
            this.inputPollLimit = inputPollLimit;
            return this;
        }

        /**
         * Capacity of the add/remove request queue, also the most requests taken per duty cycle.
         *
         * @return capacity of the control queue.
         */
        public int controlQueueCapacity()
        {
            return controlQueueCapacity;
        }

        /**
         * Capacity of the add/remove request queue, also the most requests taken per duty cycle.
         *
         * @param controlQueueCapacity capacity of the control queue.
         * @return this for a fluent API.
         */
        public Context controlQueueCapacity(final int controlQueueCapacity)
        {
            this.controlQueueCapacity = controlQueueCapacity;
            return this;
        }

        /**
         * Agent role name, also the runner thread's name.
         *
         * @return the role name.
         */
        public String roleName()
        {
            return roleName;
        }

        /**
         * Agent role name, also the runner thread's name.
         *
         * @param roleName the role name.
         * @return this for a fluent API.
         */
        public Context roleName(final String roleName)
        {
            this.roleName = roleName;
            return this;
        }

        /**
         * CPU the tick thread pins itself to in {@link TickAgent#onStart()}, or {@link #NO_CPU_AFFINITY}.
         *
         * @return CPU number or {@link #NO_CPU_AFFINITY}.
         */
        public int cpuAffinity()
        {
            return cpuAffinity;
        }

        /**
         * CPU the tick thread pins itself to in {@link TickAgent#onStart()}, or {@link #NO_CPU_AFFINITY}.
         *
         * @param cpuAffinity CPU number or {@link #NO_CPU_AFFINITY}.
         * @return this for a fluent API.
         */
        public Context cpuAffinity(final int cpuAffinity)
        {
            this.cpuAffinity = cpuAffinity;
            return this;
        }

        /**
         * Idle strategy for the runner when a duty cycle did no work; default {@link BackoffIdleStrategy}.
         *
         * @return the idle strategy.
         */
        public IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /**
         * Idle strategy for the runner when a duty cycle did no work.
         *
         * @param idleStrategy the idle strategy.
         * @return this for a fluent API.
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * Handler for errors of the agent and its runner; default prints the stack trace.
         *
         * @return the error handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Handler for errors of the agent and its runner.
         *
         * @param errorHandler the error handler.
         * @return this for a fluent API.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * Supervisor told of quarantined simulations; default reports them to the error handler.
         *
         * @return the quarantine handler.
         */
        public QuarantineHandler quarantineHandler()
        {
            return quarantineHandler;
        }

        /**
         * Supervisor told of quarantined simulations.
         *
         * @param quarantineHandler the quarantine handler.
         * @return this for a fluent API.
         */
        public Context quarantineHandler(final QuarantineHandler quarantineHandler)
        {
            this.quarantineHandler = quarantineHandler;
            return this;
        }

        static int slotStrideBytes(final int maxInputBytes)
        {
            return BitUtil.align(maxInputBytes, BitUtil.CACHE_LINE_LENGTH);
        }

        private static void requireNonNull(final Object value, final String name)
        {
            if (null == value)
            {
                throw new IllegalArgumentException(name + " must not be null");
            }
        }
    }
}

package io.asobi.jmh;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Control;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B5 ({@link RingHandoffBenchmark}): each group's producer and consumer benchmark methods, driven alternately on the
 * test thread (no concurrency), must deliver every message published, once, with the same payload checksum: first
 * filling the ring or queue until the producer reports it full (with {@code stopMeasurement} set, so a full producer
 * gives up instead of waiting for a consumer that is not running), then in bursts of several sizes.
 */
class RingHandoffBenchmarkTest
{
    private static final int CAPACITY = RingHandoffBenchmark.CAPACITY;
    private static final int[] BURSTS = { 1, 7, RingHandoffBenchmark.DRAIN_LIMIT + 1, CAPACITY - 1, CAPACITY, 3 };

    private final RingHandoffBenchmark benchmark = new RingHandoffBenchmark();
    private final Control control = new Control();
    private final RingHandoffBenchmark.Consumed consumed = new RingHandoffBenchmark.Consumed();

    RingHandoffBenchmarkTest()
    {
        control.stopMeasurement = true;
        consumed.reset();
    }

    @Test
    void shouldDeliverEveryMessageThroughTheMultiProducerRing() throws InterruptedException
    {
        final RingHandoffBenchmark.RingPath path = new RingHandoffBenchmark.RingPath();
        path.setup();
        assertThat(path.singleProducer()).isFalse();
        assertRingDeliversEverything(path,
            () -> benchmark.ringProducer(path, control), () -> benchmark.ringConsumer(path, consumed));
    }

    @Test
    void shouldDeliverEveryMessageThroughTheSingleProducerRing() throws InterruptedException
    {
        final RingHandoffBenchmark.SingleProducerRingPath path = new RingHandoffBenchmark.SingleProducerRingPath();
        path.setup();
        assertThat(path.singleProducer()).isTrue();
        assertRingDeliversEverything(path,
            () -> benchmark.ringSingleProducerProducer(path, control),
            () -> benchmark.ringSingleProducerConsumer(path, consumed));
    }

    @Test
    void shouldDeliverEveryMessageThroughTheQueuePolledOneByOne() throws InterruptedException
    {
        final RingHandoffBenchmark.QueuePath path = new RingHandoffBenchmark.QueuePath();
        path.setup();
        assertQueueDeliversEverything(path,
            () -> benchmark.queueProducer(path, control), () -> benchmark.queueConsumer(path, consumed));
    }

    @Test
    void shouldDeliverEveryMessageThroughTheQueueDrainedInBatches() throws InterruptedException
    {
        final RingHandoffBenchmark.QueuePath path = new RingHandoffBenchmark.QueuePath();
        path.setup();
        assertQueueDeliversEverything(path,
            () -> benchmark.queueDrainToProducer(path, control), () -> benchmark.queueDrainToConsumer(path, consumed));
    }

    @Test
    void shouldDeliverEveryMessageThroughTheBlockingQueue() throws InterruptedException
    {
        final RingHandoffBenchmark.QueuePath path = new RingHandoffBenchmark.QueuePath();
        path.setup();
        assertQueueDeliversEverything(path,
            () -> benchmark.queueBlockingProducer(path, control),
            () -> benchmark.queueBlockingConsumer(path, consumed, control));
    }

    private void assertQueueDeliversEverything(
        final RingHandoffBenchmark.QueuePath path, final Producer producer, final Consumer consumer)
        throws InterruptedException
    {
        assertThat(path.checksum).isZero();
        final long published = driveAlternately(producer, consumer);
        assertThat(path.queue).as("queue left empty").isEmpty();
        assertThat(consumer.consume()).as("consumer checksum").isEqualTo(published * messageChecksum(path.payload));
    }

    private void assertRingDeliversEverything(
        final RingHandoffBenchmark.RingPath path, final Producer producer, final Consumer consumer)
        throws InterruptedException
    {
        final long startNs = System.nanoTime();
        assertThat(path.simulation.messages).isZero();
        final long published = driveAlternately(producer, consumer);
        final long returned = consumer.consume();
        final long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);

        assertThat(path.simulation.messages).as("messages delivered to the simulation").isEqualTo(published);
        assertThat(path.agent.unroutableInputCount()).isZero();
        assertThat(returned).isEqualTo(path.simulation.checksum);
        // The simulation also adds 1 per tick (1 Hz, tick 0 in setup): the checksum of the payloads is what remains.
        final long ticks = returned - published * messageChecksum(path.payload);
        assertThat(ticks).as("checksum beyond the payloads' (ticks run)").isBetween(1L, 2 + elapsedSeconds);
    }

    /**
     * Fills to capacity, drains, then publishes bursts of several sizes, draining after each.
     *
     * @return messages published (all checked to have been consumed).
     */
    private long driveAlternately(final Producer producer, final Consumer consumer) throws InterruptedException
    {
        long published = 0;
        while (producer.publish())
        {
            published++;
            assertThat(published).as("producer reports full at capacity").isLessThanOrEqualTo(CAPACITY);
        }
        assertThat(published).as("messages accepted before full").isEqualTo(CAPACITY);
        drain(consumer, published);

        for (final int burst : BURSTS)
        {
            for (int i = 0; i < burst; i++)
            {
                assertThat(producer.publish()).as("publish %d of a burst of %d", i, burst).isTrue();
                published++;
            }
            drain(consumer, published);
        }
        return published;
    }

    private void drain(final Consumer consumer, final long published) throws InterruptedException
    {
        int calls = 0;
        while (consumed.messages < published && calls++ <= 2 * CAPACITY)
        {
            consumer.consume();
        }
        assertThat(consumed.messages).as("messages consumed").isEqualTo(published);
        consumer.consume();
        assertThat(consumed.messages).as("nothing more to consume").isEqualTo(published);
    }

    /** What every consumer adds to its checksum per message: the first and the last eight bytes of the payload. */
    private static long messageChecksum(final UnsafeBuffer payload)
    {
        final long sum = payload.getLong(0) + payload.getLong(RingHandoffBenchmark.MESSAGE_BYTES - Long.BYTES);
        assertThat(sum).as("payload was filled").isNotZero();
        return sum;
    }

    @FunctionalInterface
    interface Producer
    {
        boolean publish() throws InterruptedException;
    }

    @FunctionalInterface
    interface Consumer
    {
        long consume() throws InterruptedException;
    }
}

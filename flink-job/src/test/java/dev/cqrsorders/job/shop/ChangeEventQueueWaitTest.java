package dev.cqrsorders.job.shop;

import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.util.LoggingContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binlog reader's hand-over queue (Debezium's class, patched in flink-job): a poll of an empty queue waits for
 * its interval instead of looping through the interval's last millisecond. Each pass of the poll's loop logs a
 * DEBUG line: the original class passed it 6 to 27 times in a poll of 10 ms here, a waiting one once or twice.
 */
class ChangeEventQueueWaitTest {
    private static final String LOGGER = ChangeEventQueue.class.getName();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AtomicInteger passes = new AtomicInteger();
    private final ChangeEventQueue<String> queue = new ChangeEventQueue.Builder<String>()
            .pollInterval(Duration.ofMillis(10))
            .maxBatchSize(100)
            .maxQueueSize(1000)
            .loggingContextSupplier(() -> LoggingContext.forConnector("mysql", "shop", "binlog"))
            .build();

    @BeforeEach
    void countLoopPasses() {
        AbstractAppender appender = new AbstractAppender("queue-passes", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getMessage().getFormattedMessage().startsWith("no records available yet")) {
                    passes.incrementAndGet();
                }
            }
        };
        appender.start();
        LoggerConfig config = new LoggerConfig(LOGGER, Level.DEBUG, false);
        config.addAppender(appender, Level.DEBUG, null);
        context.getConfiguration().addLogger(LOGGER, config);
        context.updateLoggers();
    }

    @AfterEach
    void restoreLogging() {
        context.getConfiguration().removeLogger(LOGGER);
        context.updateLoggers();
    }

    @Test
    void pollOfAnEmptyQueueWaitsInsteadOfLooping() throws InterruptedException {
        List<Integer> passesPerPoll = new ArrayList<>();
        for (int poll = 0; poll < 20; poll++) {
            passes.set(0);
            assertThat(queue.poll()).isEmpty();
            passesPerPoll.add(passes.get());
        }
        // the interval, then at most a millisecond more; a third pass allows for a spurious wake-up
        assertThat(passesPerPoll).allSatisfy(count -> assertThat(count).isBetween(1, 3));
    }

    @Test
    void pollHandsOverWhatWasEnqueued() throws InterruptedException {
        queue.enqueue("a");
        queue.enqueue("b");
        assertThat(queue.poll()).containsExactly("a", "b");
        assertThat(queue.poll()).isEmpty();
    }
}

package dev.cqrsorders.job.it;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line a component logs at INFO, for a test that must act at a moment it cannot observe otherwise (a connector's
 * internal state change). While open, the logger's INFO lines go to this watch instead of the console.
 */
final class LoggedLine implements AutoCloseable {
    /** Something done on the logging thread, before the component goes on. */
    interface Action {
        void run() throws Exception;
    }

    private final String logger;
    private final String text;
    private final CountDownLatch seen = new CountDownLatch(1);
    private final AtomicReference<Exception> actionFailure = new AtomicReference<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    LoggedLine(Class<?> logger, String text) {
        this(logger, text, () -> {});
    }

    /** Runs {@code action} when the line is first logged, within the logging call: the component waits for it. */
    LoggedLine(Class<?> logger, String text, Action action) {
        this.logger = logger.getName();
        this.text = text;
        AbstractAppender appender = new AbstractAppender("logged-line", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public synchronized void append(LogEvent event) {
                if (seen.getCount() > 0 && event.getMessage().getFormattedMessage().contains(text)) {
                    try {
                        action.run();
                    } catch (Exception e) {
                        actionFailure.set(e);
                    }
                    seen.countDown();
                }
            }
        };
        appender.start();
        LoggerConfig config = new LoggerConfig(this.logger, Level.INFO, false);
        config.addAppender(appender, Level.INFO, null);
        context.getConfiguration().addLogger(this.logger, config);
        context.updateLoggers();
    }

    /** Waits until the line has been logged (and the action has run). */
    void await(Duration timeout) throws Exception {
        assertThat(seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("%s logged a line with '%s' within %s", logger, text, timeout).isTrue();
        if (actionFailure.get() != null) {
            throw actionFailure.get();
        }
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(logger);
        context.updateLoggers();
    }
}

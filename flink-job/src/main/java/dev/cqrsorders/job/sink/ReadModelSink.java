package dev.cqrsorders.job.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;
import java.time.Duration;

/** The read model in PostgreSQL as a Flink sink: see {@link ReadModelWriter}. */
public final class ReadModelSink implements Sink<ReadModelWrite> {
    private static final long serialVersionUID = 1L;

    /** Where and how to write; the timeouts bound every network call. */
    public record Settings(String url, String user, String password, int maxBatchRows, Duration connectTimeout,
                           Duration socketTimeout, Duration retryTimeout) implements Serializable {}

    private final Settings settings;

    public ReadModelSink(Settings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<ReadModelWrite> createWriter(WriterInitContext context) {
        return new ReadModelWriter(settings, context.metricGroup(),
                "read-model-writer-" + context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<ReadModelWrite> createWriter(InitContext context) {
        return new ReadModelWriter(settings, context.metricGroup(),
                "read-model-writer-" + context.getSubtaskId());
    }
}

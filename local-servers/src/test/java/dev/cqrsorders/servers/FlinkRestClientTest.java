package dev.cqrsorders.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlinkRestClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFailureIsReportedByItsInnermostCauseNotItsStackTraceAndSerializedThrowable() throws Exception {
        var failure = JSON.createObjectNode().put("class", "java.util.concurrent.CompletionException")
                .put("stack-trace", """
                        java.util.concurrent.CompletionException: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (4909)
                        \tat java.base/java.util.concurrent.CompletableFuture.encodeThrowable(CompletableFuture.java:332)
                        Caused by: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (4909)
                        \tat org.apache.flink.runtime.dispatcher.Dispatcher.getJobMasterGateway(Dispatcher.java:1498)
                        \t... 37 more
                        """)
                .put("serialized-throwable", "rO0ABXNyAClvcmcuYXBhY2hl");

        assertThat(FlinkRestClient.rootCause(failure))
                .isEqualTo("org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (4909)");
    }

    @Test
    void withoutACauseItIsTheFirstLineOrTheClass() {
        assertThat(FlinkRestClient.rootCause(JSON.createObjectNode().put("class", "java.lang.Exception")
                .put("stack-trace", "java.lang.Exception: checkpoint declined\n\tat a.b(C.java:1)\n")))
                .isEqualTo("java.lang.Exception: checkpoint declined");
        assertThat(FlinkRestClient.rootCause(JSON.createObjectNode().put("class", "java.lang.Exception")))
                .isEqualTo("java.lang.Exception");
    }
}

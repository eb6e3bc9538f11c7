package dev.cqrsorders.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    @Test
    void defaultsAreDockerComposeHostNames() {
        JobConfig config = JobConfig.fromArgs();
        assertThat(config.mysqlHost()).isEqualTo("mysql");
        assertThat(config.kafkaBootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.postgresUrl()).isEqualTo("jdbc:postgresql://postgres:5432/readmodel");
        assertThat(config.sinkJdbcUrl()).endsWith("?stringtype=unspecified&reWriteBatchedInserts=true");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.stateBackend()).isEqualTo("hashmap");
    }

    @Test
    void argumentsOverrideDefaults() {
        JobConfig config = JobConfig.fromArgs("--mysql-host", "127.0.0.1", "--mysql-port", "3307",
                "--checkpoint-interval", "500ms", "--state-backend", "RocksDB", "--postgres-url",
                "jdbc:postgresql://h/db?ssl=false", "--delete-grace", "2s");
        assertThat(config.mysqlPort()).isEqualTo(3307);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.stateBackend()).isEqualTo("rocksdb");
        assertThat(config.sinkJdbcUrl()).isEqualTo("jdbc:postgresql://h/db?ssl=false&stringtype=unspecified&reWriteBatchedInserts=true");
        assertThat(config.deleteGrace()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsUnknownOptionsAndBadValues() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--mysql-hots", "x")).hasMessageContaining("unknown option --mysql-hots");
        assertThatThrownBy(() -> JobConfig.fromArgs("--mysql-port", "99999")).hasMessageContaining("port");
        assertThatThrownBy(() -> JobConfig.fromArgs("--state-backend", "memory")).hasMessageContaining("hashmap or rocksdb");
        assertThatThrownBy(() -> JobConfig.fromArgs("--checkpoint-interval", "soon")).hasMessageContaining("duration");
    }
}

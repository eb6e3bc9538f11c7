package dev.cqrsorders.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.contrib.streaming.state.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.RocksDB;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobOptionsTest {

    @Test
    void defaultsAreDockerComposes() {
        Configuration options = JobOptions.fromArgs();
        assertThat(options.get(JobOptions.MYSQL_HOST)).isEqualTo("mysql");
        assertThat(options.get(JobOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
        assertThat(options.get(JobOptions.POSTGRES_URL)).isEqualTo("jdbc:postgresql://postgres:5432/readmodel");
        assertThat(options.get(JobOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.get(JobOptions.MIGRATE)).isTrue();
    }

    @Test
    void argumentsOverrideDefaultsInFlinksForms() {
        Configuration options = JobOptions.fromArgs("--mysql-host", "127.0.0.1", "--mysql-port", "3307",
                "--checkpoint-interval", "5 min", "--empty-items-hold", "1min", "--buffer-timeout", "2ms",
                "--postgres-timeout", "5m", "--migrate", "false", "--state-backend", "rocksdb");
        assertThat(options.get(JobOptions.MYSQL_HOST)).isEqualTo("127.0.0.1");
        assertThat(options.get(JobOptions.MYSQL_PORT)).isEqualTo(3307);
        assertThat(options.get(JobOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.get(JobOptions.EMPTY_ITEMS_HOLD)).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.get(JobOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(2));
        assertThat(options.get(JobOptions.POSTGRES_TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.get(JobOptions.MIGRATE)).isFalse();
        assertThat(options.get(JobOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    }

    @Test
    void passwordsComeFromTheEnvironmentUnlessGivenAsArguments() {
        Map<String, String> environment = Map.of("MYSQL_CDC_PASSWORD", "from-secret",
                "READMODEL_WRITER_PASSWORD", "writer-secret", "READMODEL_OWNER_PASSWORD", "owner-secret");
        Configuration options = JobOptions.fromArgs(environment, "--postgres-password", "from-argument");
        assertThat(options.get(JobOptions.MYSQL_CDC_PASSWORD)).isEqualTo("from-secret");
        assertThat(options.get(JobOptions.POSTGRES_PASSWORD)).isEqualTo("from-argument");
        assertThat(options.get(JobOptions.POSTGRES_OWNER_PASSWORD)).isEqualTo("owner-secret");
        assertThat(JobOptions.fromArgs(Map.of()).get(JobOptions.MYSQL_CDC_PASSWORD)).isEqualTo("flink_cdc");
    }

    @Test
    void checkpointsAreExactlyOnceAndAlignedUnlessAsked() {
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment();
        OrderDetailsJob.configure(env, JobOptions.fromArgs());
        assertThat(env.getCheckpointConfig().getCheckpointingMode()).isEqualTo(org.apache.flink.streaming.api.CheckpointingMode.EXACTLY_ONCE);
        assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isFalse();
        // every setting parses as its option's type (a string the option cannot parse fails the job at submission)
        assertThat(org.apache.flink.configuration.Configuration.fromMap(env.getConfiguration().toMap())
                .get(org.apache.flink.configuration.CheckpointingOptions.FS_WRITE_BUFFER_SIZE)).isEqualTo(1 << 20);
        OrderDetailsJob.configure(env, JobOptions.fromArgs("--unaligned-checkpoints", "true"));
        assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isTrue();
    }

    @Test
    void rocksDbGathersTheConfiguredNumberOfLevel0FilesBeforeCompacting() {
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment();
        OrderDetailsJob.configure(env, JobOptions.fromArgs("--rocksdb-level0-compaction-trigger", "12"));
        Configuration jobConfig = Configuration.fromMap(env.getConfiguration().toMap());
        assertThat(jobConfig.get(RocksDBOptions.OPTIONS_FACTORY)).isEqualTo(RocksDbLevel0Options.class.getName());
        RocksDB.loadLibrary();
        try (ColumnFamilyOptions options = new RocksDbLevel0Options().configure(jobConfig)
                .createColumnOptions(new ColumnFamilyOptions(), new ArrayList<>())) {
            assertThat(options.level0FileNumCompactionTrigger()).isEqualTo(12);
            assertThat(options.level0SlowdownWritesTrigger()).isEqualTo(28);
            assertThat(options.level0StopWritesTrigger()).isEqualTo(44);
        }
    }

    @Test
    void aBooleanFlagWithoutValueIsTrue() {
        assertThat(JobOptions.fromArgs("--migrate", "--parallelism", "2").get(JobOptions.MIGRATE)).isTrue();
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> JobOptions.fromArgs("--mysql-hots", "x")).hasMessageContaining("unknown option --mysql-hots");
        assertThatThrownBy(() -> JobOptions.fromArgs("--mysql-port", "99999")).hasMessageContaining("port");
        assertThatThrownBy(() -> JobOptions.fromArgs("--mysql-port", "many")).hasMessageContaining("--mysql-port");
        assertThatThrownBy(() -> JobOptions.fromArgs("--state-backend", "memory")).hasMessageContaining("hashmap or rocksdb");
        assertThatThrownBy(() -> JobOptions.fromArgs("--mysql-snapshot-chunk-size", "0")).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> JobOptions.fromArgs("--rocksdb-level0-compaction-trigger", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> JobOptions.fromArgs("--checkpoint-interval", "soon")).hasMessageContaining("--checkpoint-interval");
        assertThatThrownBy(() -> JobOptions.fromArgs("--mysql-host")).hasMessageContaining("needs a value");
    }

    @Test
    void usageListsEveryOptionWithItsDefault() {
        assertThat(JobOptions.usage()).contains("--mysql-host (mysql)", "--checkpoint-interval (10 s)",
                "--empty-items-hold");
    }
}

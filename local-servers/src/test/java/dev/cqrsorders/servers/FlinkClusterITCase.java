package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

@WithLocalServers(Server.FLINK)
class FlinkClusterITCase {

    @Test
    void dashboardIsServed(FlinkCluster flink) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(flink.restUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(response.body()).contains("<flink-root>");
    }

    @Test
    void jarSubmittedThroughTheRestApiRunsAndIsCancelled(FlinkCluster flink, @TempDir Path tmp) throws Exception {
        Path jar = jarOf(tmp.resolve("trivial-job.jar"), TrivialJob.class);
        FlinkRestClient rest = new FlinkRestClient(flink.restUrl());

        String jarId = rest.uploadJar(jar);
        assertThat(jarId).endsWith("_trivial-job.jar");
        String jobId = rest.runJar(jarId, TrivialJob.class.getName(), 1, List.of("trivial-job-itcase"));

        rest.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        assertThat(rest.get("/jobs/" + jobId).path("name").asText()).isEqualTo("trivial-job-itcase");
        rest.cancel(jobId);
        rest.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(60));
    }

    /**
     * Two TaskManagers: both register, a job uses the slots of both, every process serves its Prometheus metrics;
     * {@code env.java.opts.taskmanager} reaches the TaskManagers' JVMs as Flink's scripts pass it, not the JobManager's.
     */
    @Test
    void clusterOfTwoTaskManagers(@TempDir Path tmp) throws Exception {
        try (FlinkCluster cluster = FlinkCluster.start(Ports.free(), 0, tmp.resolve("flink"),
                FlinkCluster.Options.defaults().withTaskManagers(2)
                        .with("env.java.opts.taskmanager", "-Dcqrs-orders.marker=tm -XX:+UseSerialGC"))) {
            FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
            assertThat(rest.get("/overview").path("taskmanagers").asInt()).isEqualTo(2);
            assertThat(cluster.pids()).hasSize(3).doesNotHaveDuplicates();
            assertThat(arguments(cluster.taskManagerPid())).contains("-Dcqrs-orders.marker=tm", "-XX:+UseSerialGC");
            assertThat(arguments(cluster.jobManagerPid())).doesNotContain("-Dcqrs-orders.marker=tm");

            String jarId = rest.uploadJar(jarOf(tmp.resolve("trivial-job.jar"), TrivialJob.class));
            String jobId = rest.runJar(jarId, TrivialJob.class.getName(), 8, List.of("two-task-managers"));
            rest.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));

            HttpClient http = HttpClient.newHttpClient();
            long answering = 0;
            for (String url : cluster.metricsUrls()) {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains("flink_");
                answering++;
            }
            assertThat(answering).as("a Prometheus endpoint per process").isEqualTo(3);
            rest.cancel(jobId);
        }
    }

    /** The process's command line, from /proc (ProcessHandle.Info returned no arguments for Flink's JVMs). */
    private static List<String> arguments(long pid) throws IOException {
        return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
    }

    /** A jar holding just the given class, with it as Main-Class (Flink itself is on the cluster's classpath). */
    static Path jarOf(Path target, Class<?> mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        String entry = mainClass.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest);
             var classBytes = mainClass.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
        return target;
    }
}

package dev.cqrsorders.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Submits and controls jobs through the Flink REST API exactly as the web dashboard does:
 * {@code POST /jars/upload} (multipart field {@code jarfile}), {@code POST /jars/{id}/run} with the dashboard's
 * JSON body, {@code GET /jobs/{id}}, {@code PATCH /jobs/{id}?mode=cancel}.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Uploads a jar and returns its id (the last path part of the {@code filename} the server answers). */
    public String uploadJar(Path jar) {
        String boundary = "----cqrs-orders-" + UUID.randomUUID();
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                    + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            JsonNode answer = send(HttpRequest.newBuilder(uri("/jars/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 200);
            String filename = answer.path("filename").asText();
            return filename.substring(filename.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs an uploaded jar with the body the dashboard's "Submit" button sends; returns the job id. */
    public String runJar(String jarId, String entryClass, int parallelism, List<String> programArgs) {
        return runJar(jarId, entryClass, parallelism, programArgs, null);
    }

    /** The same, restoring the job's state from {@code savepointPath} (null: start without state). */
    public String runJar(String jarId, String entryClass, int parallelism, List<String> programArgs,
                         String savepointPath) {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", entryClass);
        request.put("parallelism", parallelism);
        request.put("programArgs", String.join(" ", programArgs));
        if (savepointPath == null) {
            request.putNull("savepointPath");
        } else {
            request.put("savepointPath", savepointPath);
        }
        request.put("allowNonRestoredState", false);
        return post("/jars/" + jarId + "/run", request).path("jobid").asText();
    }

    public String jobState(String jobId) {
        return send(HttpRequest.newBuilder(uri("/jobs/" + jobId)).GET(), 200).path("state").asText();
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
    }

    /** {@code body} as JSON (Jackson: an {@code ObjectNode}, a {@code Map}, a record); the answer must be a 200. */
    public JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the job's first vertex (operator chain) whose name contains {@code nameContains}. */
    public String vertexId(String jobId, String nameContains) {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (vertex.path("name").asText().contains(nameContains)) {
                return vertex.path("id").asText();
            }
        }
        throw new IllegalStateException("job " + jobId + " has no vertex named like " + nameContains);
    }

    /** Waits until the job is in {@code state}, failing early when it reaches a terminal state instead. */
    public void awaitJobState(String jobId, String state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String current = "";
        while (Instant.now().isBefore(deadline)) {
            current = jobState(jobId);
            if (current.equals(state)) {
                return;
            }
            if (List.of("FAILED", "CANCELED", "FINISHED").contains(current)) {
                throw new IllegalStateException("job " + jobId + " is " + current + ", not " + state + ": "
                        + exceptions(jobId));
            }
            Ports.sleep(250);
        }
        throw new IllegalStateException("job " + jobId + " not " + state + " after " + timeout + " (" + current + ")");
    }

    /** How often the job has restarted: its numRestarts metric, -1 until the metric is reported. */
    public long restarts(String jobId) {
        return get("/jobs/" + jobId + "/metrics?get=numRestarts").path(0).path("value").asLong(-1);
    }

    /** A metric of the job's tasks (e.g. a user counter such as orderUpdatesInvalid), summed over every subtask. */
    public long metricSum(String jobId, String name) {
        long sum = 0;
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String metrics = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
            for (JsonNode metric : get(metrics)) {
                String id = metric.path("id").asText();
                if (id.endsWith("." + name) || id.equals(name)) {
                    for (JsonNode value : get(metrics + "?get=" + id)) {
                        sum += (long) value.path("sum").asDouble();
                    }
                }
            }
        }
        return sum;
    }

    public String exceptions(String jobId) {
        return send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/exceptions")).GET(), 200)
                .path("root-exception").asText("");
    }

    /** Stops the job with a savepoint (POST /jobs/{id}/stop) and returns the savepoint's location. */
    public String stopWithSavepoint(String jobId, Duration timeout) {
        return stopWithSavepoint(jobId, timeout, "CANONICAL");
    }

    /**
     * {@code format}: {@code CANONICAL} (any state backend can restore it) or {@code NATIVE} (the backend's own
     * files: RocksDB restores by linking them instead of inserting every entry again).
     */
    public String stopWithSavepoint(String jobId, Duration timeout, String format) {
        JsonNode trigger = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("drain", false).put("formatType", format).toString())), 202);
        String triggerId = trigger.path("request-id").asText();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + triggerId);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException("stop-with-savepoint of " + jobId + " failed: "
                            + rootCause(operation.path("failure-cause")));
                }
                return operation.path("location").asText();
            }
            Ports.sleep(200);
        }
        throw new IllegalStateException("no savepoint of " + jobId + " after " + timeout);
    }

    /**
     * The innermost exception of a failure the REST API reports ({@code class}, {@code stack-trace} and the
     * serialized throwable): its "Caused by" line, e.g. {@code FlinkJobNotFoundException: Could not find Flink job}.
     */
    static String rootCause(JsonNode failureCause) {
        String[] lines = failureCause.path("stack-trace").asText("").split("\n");
        String cause = lines[0].isBlank() ? failureCause.path("class").asText("unknown failure") : lines[0];
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.strip();
    }

    public void cancel(String jobId) {
        send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), 202);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Flink REST API at " + baseUrl + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

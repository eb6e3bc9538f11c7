package dev.cqrsorders.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cqrsorders.api.support.Api.Response;
import dev.cqrsorders.api.support.ReadModelApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema-driven fuzzing: requests generated from the OpenAPI document the API serves — every GET operation, every
 * parameter, values inside, at and beyond the schema's bounds, values of the wrong type, missing, repeated and unknown
 * parameters, any Accept header — then raw requests the schema does not cover. No answer is a 5xx; every error is
 * application/problem+json carrying its status; every success is JSON.
 */
@MicronautTest
class OpenApiFuzzITCase extends ReadModelApiTest {
    private static final int REQUESTS = 10_000;
    private static final List<String> HOSTILE = List.of("", " ", "abc", "1.5", "1e3", "0x10", "+1", " 1", "-0", "01",
            "null", "true", "[]", "{}", "ü", "\uD83D\uDE00", "%00", "\u0000", "'; DROP TABLE orders; --", "1 OR 1=1",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1".repeat(300), "NaN", "Infinity",
            "created,ready", "CREATED", "../../etc/passwd", "<script>");
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "application/problem+json",
            "application/xml", "text/html", "text/plain;q=0.1", "image/png", "", "garbage");

    record Parameter(String name, String in, Map<String, Object> schema) {}

    record Operation(String path, List<Parameter> parameters) {}

    @SuppressWarnings("unchecked")
    private List<Operation> operations() {
        Response document = api().get("/swagger/openapi.yml", "*/*");
        assertThat(document.status()).isEqualTo(200);
        Map<String, Object> openApi = new Yaml().load(document.body());
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) openApi.get("paths")).forEach((path, methods) -> {
            Map<String, Object> get = (Map<String, Object>) methods.get("get");
            // streams (text/event-stream) stay open while the order exists: OrderDetailsStreamITCase tests them
            if (get == null || String.valueOf(get.get("responses")).contains("text/event-stream")) {
                return;
            }
            List<Parameter> parameters = new ArrayList<>();
            for (Map<String, Object> p : (List<Map<String, Object>>) get.getOrDefault("parameters", List.of())) {
                parameters.add(new Parameter((String) p.get("name"), (String) p.get("in"),
                        (Map<String, Object>) p.getOrDefault("schema", Map.of())));
            }
            operations.add(new Operation(path, parameters));
        });
        return operations;
    }

    /** A value for the parameter: often valid, often at or just beyond a bound, often not of its type at all. */
    private static String value(Parameter parameter, Random random) {
        Map<String, Object> schema = parameter.schema();
        int kind = random.nextInt(10);
        if (schema.get("enum") instanceof List<?> values && kind < 5) {
            return String.valueOf(values.get(random.nextInt(values.size())));
        }
        if ("integer".equals(schema.get("type")) && kind < 7) {
            long min = schema.get("minimum") instanceof Number n ? n.longValue() : 0;
            long max = schema.get("maximum") instanceof Number n ? n.longValue() : 2_000;
            return switch (random.nextInt(6)) {
                case 0 -> Long.toString(min - 1);
                case 1 -> Long.toString(min);
                case 2 -> Long.toString(max);
                case 3 -> Long.toString(max + 1);
                default -> Long.toString(min + (long) (random.nextDouble() * (max - min)));
            };
        }
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String request(Operation operation, Random random) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : operation.parameters()) {
            if ("path".equals(parameter.in())) {
                path = path.replace("{" + parameter.name() + "}", encode(value(parameter, random)));
                continue;
            }
            int copies = random.nextInt(6) == 0 ? 0 : random.nextInt(8) == 0 ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                query.append(query.isEmpty() ? '?' : '&').append(parameter.name()).append('=')
                        .append(encode(value(parameter, random)));
            }
        }
        if (random.nextInt(10) == 0) {
            query.append(query.isEmpty() ? '?' : '&').append("unknown=").append(encode(HOSTILE.get(random.nextInt(HOSTILE.size()))));
        }
        return path + query;
    }

    @Test
    void noGeneratedRequestIsAServerErrorAndEveryErrorIsAProblem() {
        List<Operation> operations = operations();
        assertThat(operations).extracting(Operation::path)
                .contains("/order_details", "/order_details/{order_id}", "/orders", "/users/{user_id}");
        Random random = new Random(20261202);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String request = request(operations.get(random.nextInt(operations.size())), random);
            // mostly what clients send, so that most requests reach the parameters; any other Accept now and then
            String accept = random.nextInt(5) > 0 ? "application/json" : ACCEPTS.get(random.nextInt(ACCEPTS.size()));
            Response response = api().get(request, accept);
            byStatus.merge(response.status(), 1, Integer::sum);
            String problem = problemWith(response);
            if (problem != null && failures.size() < 20) {
                failures.add(request + " (Accept: " + accept + ") -> " + problem);
            }
        }
        System.out.printf("HTTP fuzz: %d requests generated from the OpenAPI document (%d GET operations), by status %s%n",
                REQUESTS, operations.size(), byStatus);
        assertThat(failures).isEmpty();
        assertThat(byStatus.keySet()).as("valid and invalid requests both generated").contains(200, 400, 404);
    }

    /** What is wrong with the response, or null. */
    private static String problemWith(Response response) {
        int status = response.status();
        if (status >= 500) {
            return "server error " + status + ": " + response.body();
        }
        if (status >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                return status + " as " + response.contentType() + ": " + response.body();
            }
            JsonNode problem = response.json();
            return problem.path("status").asInt() == status ? null : "problem status " + problem.path("status");
        }
        if (!response.contentType().startsWith("application/json")) {
            return status + " as " + response.contentType();
        }
        response.json();
        return null;
    }

    /** Requests the JDK client would refuse to send, written to the socket as they are. */
    @Test
    void rawRequestsOutsideTheSchemaAreProblemsToo() throws IOException {
        String huge = "x".repeat(20_000);
        Map<String, String> requests = new TreeMap<>(Map.of(
                "NUL in the path", "GET /order_details/%00 HTTP/1.1\r\n",
                "bad percent escape", "GET /order_details?status=%zz HTTP/1.1\r\n",
                "URI over 8 KB", "GET /order_details/" + "1".repeat(9_000) + " HTTP/1.1\r\n",
                "query over 8 KB", "GET /order_details?status=" + "a".repeat(9_000) + " HTTP/1.1\r\n",
                "header over 16 KB", "GET /order_details/1 HTTP/1.1\r\nX-Huge: " + huge + "\r\n",
                "TRACE", "TRACE /order_details HTTP/1.1\r\n",
                "Accept XML", "GET /order_details/abc HTTP/1.1\r\nAccept: application/xml\r\n",
                "unknown method", "BREW /order_details HTTP/1.1\r\n"));
        List<String> failures = new ArrayList<>();
        requests.forEach((name, head) -> {
            String answer = rawRequest(head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(answer.substring(9, 12));
            String headers = answer.substring(0, Math.max(answer.indexOf("\r\n\r\n"), 0)).toLowerCase();
            System.out.printf("HTTP raw: %-20s -> %d%n", name, status);
            if (status >= 500 || status < 400 || !headers.contains("content-type: application/problem+json")) {
                failures.add(name + " -> " + answer.lines().findFirst().orElse("") + " " + headers);
            }
        });
        assertThat(failures).isEmpty();
    }

    private String rawRequest(String request) {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

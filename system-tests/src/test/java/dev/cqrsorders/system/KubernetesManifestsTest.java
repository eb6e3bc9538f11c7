package dev.cqrsorders.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s without a cluster: the FlinkDeployment against the Flink Kubernetes Operator's own CRD schema (from its
 * API jar), the other objects structurally — every Secret key, volume claim, port name and label they refer to exists.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theFlinkDeploymentMatchesTheOperatorsSchema() throws Exception {
        JsonNode deployment = only("flink-deployment.yaml", "FlinkDeployment");
        assertThat(schema().validate(deployment)).isEmpty();

        ObjectNode broken = deployment.deepCopy();
        ((ObjectNode) broken.path("spec").path("job")).put("upgradeMode", "sometimes");
        ((ObjectNode) broken.path("spec")).put("flinkVersion", "v1_99");
        assertThat(schema().validate(broken)).as("the schema catches a wrong value").hasSize(2);
    }

    @Test
    void theJobGetsItsPasswordsFromTheSecretNotFromItsArguments() throws Exception {
        JsonNode deployment = only("flink-deployment.yaml", "FlinkDeployment");
        JsonNode container = deployment.path("spec").path("podTemplate").path("spec").path("containers").get(0);
        assertThat(container.path("envFrom").get(0).path("secretRef").path("name").asText())
                .isEqualTo(only("secrets.example.yaml", "Secret").path("metadata").path("name").asText());
        assertThat(secretKeys()).contains("MYSQL_CDC_PASSWORD", "READMODEL_WRITER_PASSWORD", "READMODEL_OWNER_PASSWORD");
        assertThat(deployment.path("spec").path("job").path("args").toString()).doesNotContainIgnoringCase("password");
        assertThat(deployment.path("spec").path("job").path("jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/cqrs-orders-flink-job.jar");
        assertThat(Files.readString(Path.of("..", "Dockerfile"))).contains("/opt/flink/usrlib/cqrs-orders-flink-job.jar");
        String claim = deployment.path("spec").path("podTemplate").path("spec").path("volumes").get(0)
                .path("persistentVolumeClaim").path("claimName").asText();
        assertThat(only("flink-state.yaml", "PersistentVolumeClaim").path("metadata").path("name").asText()).isEqualTo(claim);
    }

    @Test
    void servingApiIsProbedAndServedAsDeclared() throws Exception {
        JsonNode deployment = only("serving-api.yaml", "Deployment");
        JsonNode service = only("serving-api.yaml", "Service");
        JsonNode pod = deployment.path("spec").path("template");
        for (JsonNode selector : List.of(deployment.path("spec").path("selector").path("matchLabels"),
                service.path("spec").path("selector"))) {
            assertThat(selector.size()).isPositive();
            selector.fields().forEachRemaining(label ->
                    assertThat(pod.path("metadata").path("labels").path(label.getKey())).isEqualTo(label.getValue()));
        }
        JsonNode container = pod.path("spec").path("containers").get(0);
        Set<String> ports = new HashSet<>();
        container.path("ports").forEach(port -> ports.add(port.path("name").asText()));
        assertThat(ports).contains(container.path("readinessProbe").path("httpGet").path("port").asText(),
                container.path("livenessProbe").path("tcpSocket").path("port").asText(),
                service.path("spec").path("ports").get(0).path("targetPort").asText());
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        container.path("env").forEach(env -> {
            JsonNode secret = env.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                assertThat(secretKeys()).contains(secret.path("key").asText());
            }
        });
    }

    @Test
    void everyObjectIsNamedAndPartOfTheProduct() throws Exception {
        List<JsonNode> objects = all();
        assertThat(objects).hasSize(5);
        for (JsonNode object : objects) {
            assertThat(object.path("apiVersion").asText()).isNotBlank();
            assertThat(object.path("metadata").path("name").asText()).startsWith("cqrs-orders");
            assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText()).isEqualTo("cqrs-orders");
        }
    }

    /**
     * The schema of FlinkDeployment v1beta1 in the operator's CRD (the apiextensions/v1 file; OpenAPI v3, close enough
     * to JSON Schema draft 4 for types, enums and required fields).
     */
    private static JsonSchema schema() throws IOException {
        try (InputStream crd = KubernetesManifestsTest.class.getClassLoader()
                .getResourceAsStream("META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            assertThat(crd).as("the operator API jar's CRD").isNotNull();
            for (JsonNode version : YAML.readTree(crd).path("spec").path("versions")) {
                JsonNode schema = version.path("schema").path("openAPIV3Schema");
                if ("v1beta1".equals(version.path("name").asText()) && schema.isObject()) {
                    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
                }
            }
            throw new IllegalStateException("no schema of FlinkDeployment v1beta1 in the CRD");
        }
    }

    private static Set<String> secretKeys() {
        try {
            Set<String> keys = new HashSet<>();
            only("secrets.example.yaml", "Secret").path("stringData").fieldNames().forEachRemaining(keys::add);
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode only(String file, String kind) throws IOException {
        List<JsonNode> found = documents(K8S.resolve(file)).stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(found).as(kind + " in " + file).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> all() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                objects.addAll(documents(file));
            }
        }
        return objects;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            return new ObjectMapper().readValues(parser, JsonNode.class).readAll();
        }
    }
}

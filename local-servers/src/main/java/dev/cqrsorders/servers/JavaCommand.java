package dev.cqrsorders.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java} command lines for servers that run in their own JVM with their own classpath. */
public final class JavaCommand {
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private final String classpath;
    private final String mainClass;

    private JavaCommand(String classpath, String mainClass) {
        this.classpath = classpath;
        this.mainClass = mainClass;
    }

    public static JavaCommand of(String classpath, String mainClass) {
        return new JavaCommand(classpath, mainClass);
    }

    /**
     * The classpath recorded at build time by a local-servers-runtimes module, e.g. {@code kafka} or {@code flink},
     * followed by the module's own jar (its classes, such as the Flink cluster's Prometheus reporter).
     */
    public static String recordedClasspath(String runtime) {
        String resource = "cqrs-orders/" + runtime + ".classpath";
        URL url = JavaCommand.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath: build the project with "
                    + "'mvn install -DskipTests' (module local-servers-runtimes/" + runtime + ")");
        }
        try (InputStream in = url.openStream()) {
            String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return recorded + File.pathSeparator + moduleLocation(url, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar (or, in the IDE, the classes directory) a classpath resource was found in. */
    private static Path moduleLocation(URL resource, String name) {
        String location = resource.toString();
        location = location.startsWith("jar:") ? location.substring(4, location.indexOf("!/"))
                : location.substring(0, location.length() - name.length());
        return Path.of(URI.create(location));
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public JavaCommand jvm(String... options) {
        return jvm(List.of(options));
    }

    public JavaCommand jvm(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaCommand args(String... args) {
        return args(List.of(args));
    }

    public JavaCommand args(List<String> args) {
        arguments.addAll(args);
        return this;
    }

    public List<String> build() {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}

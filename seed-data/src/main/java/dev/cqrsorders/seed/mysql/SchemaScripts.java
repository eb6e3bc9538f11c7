package dev.cqrsorders.seed.mysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The MySQL schema scripts packed into this tool ({@code sql/mysql/*.sql} from the repository's {@code sql/mysql},
 * the schema's single source of truth), in file name order. Works from a jar and from a classes directory.
 */
public final class SchemaScripts {
    static final String DIRECTORY = "sql/mysql";

    public record Script(String name, String sql) {
    }

    private SchemaScripts() {
    }

    public static List<Script> load() {
        URL url = SchemaScripts.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException(DIRECTORY + " is missing from the classpath (a broken build?)");
        }
        try {
            URI uri = url.toURI();
            return "jar".equals(uri.getScheme()) ? readFromJar(uri) : read(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Script> readFromJar(URI uri) throws IOException {
        FileSystem jar;
        boolean opened;
        try {
            jar = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(uri); // opened elsewhere: use it, but leave it open
            opened = false;
        }
        try {
            return read(jar.provider().getPath(uri));
        } finally {
            if (opened) {
                jar.close();
            }
        }
    }

    private static List<Script> read(Path directory) throws IOException {
        List<Script> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList()) {
                scripts.add(new Script(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no .sql files in " + directory);
        }
        return scripts;
    }
}

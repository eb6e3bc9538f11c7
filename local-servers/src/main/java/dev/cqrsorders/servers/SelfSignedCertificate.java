package dev.cqrsorders.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A server's TLS key and self-signed certificate as PEM files, made once by the JDK's keytool and kept: MariaDB 11.4
 * makes its own at every start otherwise, which took 7–16 s of CPU here. MariaDB's clients verify such a certificate
 * through the account's password, so no authority is needed.
 */
record SelfSignedCertificate(Path certificate, Path key) {
    private static final char[] STORE_PASSWORD = "local-servers".toCharArray();

    /** The pair in {@code dir}, made first if it is not there. */
    static SelfSignedCertificate in(Path dir, String commonName) {
        SelfSignedCertificate pair = new SelfSignedCertificate(dir.resolve("server-cert.pem"), dir.resolve("server-key.pem"));
        if (!Files.exists(pair.key())) {
            pair.create(dir, commonName);
        }
        return pair;
    }

    private void create(Path dir, String commonName) {
        Path store = dir.resolve("server.p12");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(store);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            ChildProcess.start("keytool", List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650", "-dname", "CN=" + commonName,
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD)),
                    dir, dir.resolve("keytool.log"), Map.of()).awaitSuccess(60);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, STORE_PASSWORD);
            }
            Files.writeString(certificate, pem("CERTIFICATE", keys.getCertificate("server").getEncoded()));
            Files.writeString(key, pem("PRIVATE KEY", keys.getKey("server", STORE_PASSWORD).getEncoded()));
            Files.delete(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key keytool made in " + store, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

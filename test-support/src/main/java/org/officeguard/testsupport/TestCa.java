package org.officeguard.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority for TLS tests: a CA certificate and a server certificate it signed for
 * {@code IP:127.0.0.1} and {@code DNS:localhost}, each valid for two days, as PEM files Mosquitto reads
 * ({@code cafile}, {@code certfile}, {@code keyfile}) and officeguard reads ({@code --mqtt-ca}). Made with the
 * {@code openssl} command when there is one (a few milliseconds; Debian's JDK pulls it in through
 * {@code ca-certificates}), otherwise with the JDK's own {@code keytool} (a JVM start per step, a few seconds).
 */
public final class TestCa {

    private static final String PASS = "officeguard-test";
    private static final long STEP_TIMEOUT_SECONDS = 60;

    private final Path caPem;
    private final Path serverCertPem;
    private final Path serverKeyPem;

    private TestCa(Path dir) {
        this.caPem = dir.resolve("ca.pem");
        this.serverCertPem = dir.resolve("server.pem");
        this.serverKeyPem = dir.resolve("server.key");
    }

    /** Makes the CA and the server certificate in {@code dir}, with openssl when it is installed, else keytool. */
    public static TestCa create(Path dir) {
        return openssl().isPresent() ? withOpenssl(dir) : withKeytool(dir);
    }

    /** The CA certificate (PEM): what clients trust. */
    public Path caPem() {
        return caPem;
    }

    /** The server's certificate (PEM), signed by the CA, for 127.0.0.1 and localhost. */
    public Path serverCertPem() {
        return serverCertPem;
    }

    /** The server's private key (PKCS#8 PEM). */
    public Path serverKeyPem() {
        return serverKeyPem;
    }

    /**
     * Mosquitto configuration lines for a TLS listener on loopback with this server certificate. Mosquitto started
     * as root reads the files as the user {@code mosquitto}: the folder must be traversable and the key readable by
     * it ({@link DeployedMosquitto} sees to that).
     */
    public String mosquittoListener(int port) {
        return "listener " + port + " 127.0.0.1\n"
                + "cafile " + caPem + "\n"
                + "certfile " + serverCertPem + "\n"
                + "keyfile " + serverKeyPem + "\n";
    }

    /** A socket factory for clients that trust this CA, and only it. */
    public SSLSocketFactory trustingSocketFactory() {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caPem, e);
        }
    }

    /** The server certificate as Java reads it (for checks on its names). */
    public X509Certificate serverCertificate() {
        try (InputStream in = Files.newInputStream(serverCertPem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + serverCertPem, e);
        }
    }

    // ------------------------------------------------------------------ openssl

    static TestCa withOpenssl(Path dir) {
        Path openssl = openssl().orElseThrow(() -> new IllegalStateException("openssl is not installed"));
        TestCa ca = new TestCa(dir);
        Path caKey = dir.resolve("ca.key");
        Path csr = dir.resolve("server.csr");
        Path ext = dir.resolve("server.ext");
        write(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
        run(dir, openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", ca.caPem.toString(), "-days", "2", "-subj", "/CN=officeguard test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run(dir, openssl.toString(), "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", ca.serverKeyPem.toString(), "-out", csr.toString(), "-subj", "/CN=localhost");
        run(dir, openssl.toString(), "x509", "-req", "-in", csr.toString(), "-CA", ca.caPem.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", ca.serverCertPem.toString(), "-days", "2",
                "-extfile", ext.toString());
        return ca;
    }

    static Optional<Path> openssl() {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry, "openssl"));
            }
        }
        candidates.add(Path.of("/usr/bin/openssl"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    // ------------------------------------------------------------------ keytool

    static TestCa withKeytool(Path dir) {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        TestCa ca = new TestCa(dir);
        Path caStore = dir.resolve("ca.p12");
        Path serverStore = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        run(dir, keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=officeguard test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "2",
                "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS);
        run(dir, keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASS,
                "-file", ca.caPem.toString());
        run(dir, keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-keystore", serverStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASS, "-keypass", PASS);
        run(dir, keytool, "-certreq", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", PASS,
                "-file", csr.toString());
        run(dir, keytool, "-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASS,
                "-infile", csr.toString(), "-outfile", ca.serverCertPem.toString(), "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "bc:c=ca:false", "-ext", "ku:c=digitalSignature",
                "-ext", "eku=serverAuth");
        try (InputStream in = Files.newInputStream(serverStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASS.toCharArray());
            Key key = store.getKey("server", PASS.toCharArray());
            write(ca.serverKeyPem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot export the server key from " + serverStore, e);
        }
        return ca;
    }

    // ------------------------------------------------------------------ helpers

    private static void run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

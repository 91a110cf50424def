package org.officeguard.camel.hivemq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the broker ({@code ssl://host:8883}): the broker's certificate must chain to the CA
 * certificate(s) in a PEM file (the component's {@code caCertificate}), and name the host (the client checks it).
 */
public final class MqttTls {
    private MqttTls() {}

    /** For a Paho client (the simulator's devices). */
    public static SSLSocketFactory trusting(Path caPem) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trustManagers(caPem).getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(caPem + ": cannot use it as the broker's CA: " + e.getMessage(), e);
        }
    }

    /** Trusts exactly the CA certificate(s) in the PEM file. */
    public static TrustManagerFactory trustManagers(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int count = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + count++, cert);
            }
            if (count == 0) {
                throw new IllegalArgumentException(caPem + ": no certificate in it (expected PEM)");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(caPem + ": cannot use it as the broker's CA: " + e.getMessage(), e);
        }
    }
}

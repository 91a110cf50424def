package org.officeguard.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.officeguard.core.config.Device;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;

/**
 * The site of the bridge's tests and the device messages written from each project's documentation
 * ({@code src/test/resources/devices/README.md} cites the documents, fixture by fixture).
 */
public final class Fixtures {

    private Fixtures() {}

    /** {@code devices/bridged-site.yaml}: readers, a controller and a PC that speak their own language. */
    public static String siteYaml() {
        return new String(bytes("bridged-site.yaml"), StandardCharsets.UTF_8);
    }

    public static SiteConfig site() {
        return SiteConfigLoader.parse(siteYaml(), "bridged-site.yaml");
    }

    /** The device of the test site with this id. */
    @SuppressWarnings("unchecked")
    public static <D extends Device> D device(String id) {
        return (D) site().devices().stream().filter(device -> device.id().equals(id)).findFirst().orElseThrow();
    }

    /** A fixture's bytes, e.g. {@code esp-rfid/heartbeat.json}. */
    public static byte[] bytes(String fixture) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/devices/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture devices/" + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String fixture) {
        return new String(bytes(fixture), StandardCharsets.UTF_8).trim();
    }
}

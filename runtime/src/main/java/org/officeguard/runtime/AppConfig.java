package org.officeguard.runtime;

import java.nio.file.Path;
import java.util.List;
import org.officeguard.core.config.SiteConfig;

/**
 * How {@code serve} was asked to run: validated before anything starts, so a bad option stops
 * start-up with a message instead of a half-configured process.
 */
public record AppConfig(
        List<SiteConfig> sites,
        String brokerUrl,
        String httpHost,
        int httpPort,
        ClockMode clockMode,
        String topicRoot,
        String clientIdPrefix,
        Path dataDir,
        List<String> services) {

    public AppConfig {
        sites = List.copyOf(sites);
        services = List.copyOf(services);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one --config SITE.yaml is required");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("--http-port must be 0-65535, not " + httpPort);
        }
    }

    public AppConfig withServices(List<String> names) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, clockMode, topicRoot, clientIdPrefix, dataDir,
                names);
    }

    public AppConfig withBroker(String url) {
        return new AppConfig(sites, url, httpHost, httpPort, clockMode, topicRoot, clientIdPrefix, dataDir, services);
    }

    public AppConfig withHttpPort(int port) {
        return new AppConfig(sites, brokerUrl, httpHost, port, clockMode, topicRoot, clientIdPrefix, dataDir, services);
    }

    public AppConfig withClientIdPrefix(String prefix) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, clockMode, topicRoot, prefix, dataDir, services);
    }
}

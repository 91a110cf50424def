package org.officeguard.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.officeguard.core.config.SiteConfig;

/**
 * How {@code serve} was asked to run, validated before anything starts: a bad option stops start-up
 * with a message instead of leaving a half-configured process.
 *
 * @param reportToken required on {@code /reports} when the HTTP server is bound beyond loopback (reports
 *     carry names); null when bound to loopback without one
 * @param jdbcUrl the reporting database; null for the embedded one under {@code dataDir}
 * @param mqttUser the MQTT username of every client; null for anonymous
 * @param mqttCa PEM file of the CA that signed an {@code ssl://} broker's certificate; null for tcp
 * @param mailServer the SMTP server reporting mails the final reports through; null for none
 * @param retentionDays how many days (by a site's local date) reporting keeps what names people: violations,
 *     passages, visitor registrations, mail records and report files of older days are deleted (a privacy setting)
 */
public record AppConfig(
        List<SiteConfig> sites,
        String brokerUrl,
        String httpHost,
        int httpPort,
        String reportToken,
        ClockMode clockMode,
        String topicRoot,
        String clientIdPrefix,
        Path dataDir,
        List<String> services,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String mqttUser,
        String mqttPassword,
        Path mqttCa,
        MailServer mailServer,
        int retentionDays) {

    /** Days kept without {@code --retention-days}: a year and a month, so that last year's same month is there. */
    public static final int DEFAULT_RETENTION_DAYS = 400;
    /** The most {@code --retention-days} takes: a hundred years (PostgreSQL keeps no date before 4713 BC). */
    public static final int MAX_RETENTION_DAYS = 36_500;

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    public AppConfig {
        sites = List.copyOf(sites);
        services = List.copyOf(services);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one --config SITE.yaml is required");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("--http-port must be 0-65535, not " + httpPort);
        }
        if (!LOOPBACK.contains(httpHost) && (reportToken == null || reportToken.isBlank())) {
            throw new IllegalArgumentException("--http-host " + httpHost + " exposes reports with people's names beyond"
                    + " this machine: set a token in OFFICEGUARD_REPORT_TOKEN (or --report-token-file)");
        }
        if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("--retention-days must be a whole number of days from 1 to "
                    + MAX_RETENTION_DAYS + ", not " + retentionDays);
        }
    }

    /** Checks what only a complete configuration can tell; {@link OfficeguardApp#start} calls it first. */
    public void validate() {
        if (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("ssl://"))) {
            throw new IllegalArgumentException("--broker must be tcp://host:port or ssl://host:port, not " + brokerUrl);
        }
        if (brokerUrl.startsWith("ssl://") && mqttCa == null) {
            throw new IllegalArgumentException("--broker " + brokerUrl + " uses TLS: give the broker's CA with --mqtt-ca FILE.pem");
        }
        if (mqttCa != null && !Files.isReadable(mqttCa)) {
            throw new IllegalArgumentException("--mqtt-ca " + mqttCa + ": no such file (or not readable)");
        }
    }

    /** Event clock, embedded database under {@code dataDir}, HTTP on a free loopback port, all services. */
    public static AppConfig defaults(List<SiteConfig> sites, String brokerUrl, Path dataDir, List<String> services) {
        return new AppConfig(sites, brokerUrl, "127.0.0.1", 0, null, ClockMode.EVENT, "office", "officeguard", dataDir,
                services, null, null, null, null, null, null, null, DEFAULT_RETENTION_DAYS);
    }

    public AppConfig withBroker(String url) {
        return new AppConfig(sites, url, httpHost, httpPort, reportToken, clockMode, topicRoot, clientIdPrefix, dataDir,
                services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, mailServer, retentionDays);
    }

    public AppConfig withHttp(String host, int port, String token) {
        return new AppConfig(sites, brokerUrl, host, port, token, clockMode, topicRoot, clientIdPrefix, dataDir,
                services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, mailServer, retentionDays);
    }

    public AppConfig withClientIdPrefix(String prefix) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, topicRoot, prefix, dataDir,
                services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, mailServer, retentionDays);
    }

    public AppConfig withTopicRoot(String root) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, root, clientIdPrefix, dataDir,
                services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, mailServer, retentionDays);
    }

    public AppConfig withClock(ClockMode mode) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, mode, topicRoot, clientIdPrefix, dataDir,
                services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, mailServer, retentionDays);
    }

    public AppConfig withJdbc(String url, String user, String password) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, topicRoot, clientIdPrefix,
                dataDir, services, url, user, password, mqttUser, mqttPassword, mqttCa, mailServer, retentionDays);
    }

    public AppConfig withMqttCredentials(String user, String password) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, topicRoot, clientIdPrefix,
                dataDir, services, jdbcUrl, jdbcUser, jdbcPassword, user, password, mqttCa, mailServer, retentionDays);
    }

    public AppConfig withMqttCa(Path caPem) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, topicRoot, clientIdPrefix,
                dataDir, services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, caPem, mailServer,
                retentionDays);
    }

    public AppConfig withMailServer(MailServer server) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, topicRoot, clientIdPrefix,
                dataDir, services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, server,
                retentionDays);
    }

    public AppConfig withServices(List<String> names) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, topicRoot, clientIdPrefix,
                dataDir, names, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, mailServer,
                retentionDays);
    }

    public AppConfig withRetentionDays(int days) {
        return new AppConfig(sites, brokerUrl, httpHost, httpPort, reportToken, clockMode, topicRoot, clientIdPrefix,
                dataDir, services, jdbcUrl, jdbcUser, jdbcPassword, mqttUser, mqttPassword, mqttCa, mailServer, days);
    }
}

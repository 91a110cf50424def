package org.officeguard.runtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.officeguard.core.config.ReportSettings;

/**
 * The SMTP server the final reports are mailed through ({@code serve --smtp-url}, SPEC §6, E-mail), validated before
 * anything starts.
 *
 * <ul>
 *   <li>{@code smtps://host[:465]}: TLS from the first byte (SMTPS).</li>
 *   <li>{@code smtp://host[:25]}: STARTTLS whenever the server offers it; {@code ?starttls=required} refuses to send
 *       over a connection that was not upgraded. With a user, STARTTLS is always required: a password is never sent in
 *       clear.</li>
 * </ul>
 * The server's certificate is checked against the JVM's trust store and its host name. User and password come from
 * the environment, never the URL.
 *
 * @param smtps TLS from the first byte
 * @param startTlsRequired (smtp only) no mail over a connection that STARTTLS did not upgrade
 * @param user null for a server that needs no login
 * @param from the sender's address
 */
public record MailServer(boolean smtps, String host, int port, boolean startTlsRequired, String user,
        String password, String from) {

    /**
     * Reads {@code --smtp-url} with the user and password from the environment and the sender ({@code --mail-from});
     * throws {@link IllegalArgumentException} with what is wrong. A null or blank URL is no server: null.
     *
     * @param from null for the default: the user when it is an address, else {@code officeguard@} this host's name
     */
    public static MailServer parse(String url, String user, String password, String from) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw bad(url, "not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (!"smtp".equals(scheme) && !"smtps".equals(scheme)) {
            throw bad(url, "expected smtp://host:port or smtps://host:port");
        }
        if (uri.getHost() == null) {
            throw bad(url, "no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw bad(url, "no credentials in the URL: set OFFICEGUARD_SMTP_USER and OFFICEGUARD_SMTP_PASSWORD");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawFragment() != null) {
            throw bad(url, "expected nothing after host:port but ?starttls=required");
        }
        boolean smtps = scheme.equals("smtps");
        boolean required = false;
        if (uri.getRawQuery() != null) {
            if (smtps || !uri.getRawQuery().equals("starttls=required")) {
                throw bad(url, "the only option is ?starttls=required, on smtp://");
            }
            required = true;
        }
        boolean hasUser = user != null && !user.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException("--smtp-url " + url + ": set both OFFICEGUARD_SMTP_USER and"
                    + " OFFICEGUARD_SMTP_PASSWORD, or neither");
        }
        String sender = from == null || from.isBlank() ? defaultFrom(hasUser ? user.trim() : null) : from.trim();
        if (!ReportSettings.isAddress(sender)) {
            throw new IllegalArgumentException("--mail-from '" + sender + "' is not an e-mail address (name@example.com)");
        }
        int port = uri.getPort() == -1 ? (smtps ? 465 : 25) : uri.getPort();
        // a password never crosses in clear: with a login, smtp:// must be upgraded by STARTTLS
        return new MailServer(smtps, uri.getHost(), port, !smtps && (required || hasUser), hasUser ? user.trim() : null,
                hasUser ? password : null, sender);
    }

    /** {@code smtp} or {@code smtps}. */
    public String scheme() {
        return smtps ? "smtps" : "smtp";
    }

    /** The server as Camel's mail component names it: {@code smtp://host:port}, credentials apart. */
    public String endpointUri() {
        return scheme() + "://" + host + ":" + port;
    }

    /** How the connection is protected, for the log. */
    public String security() {
        return smtps ? "SMTPS" : startTlsRequired ? "STARTTLS required" : "STARTTLS when offered";
    }

    /** Without the password. */
    @Override
    public String toString() {
        return endpointUri() + " (" + security() + (user == null ? "" : ", user " + user) + ", from " + from + ")";
    }

    private static String defaultFrom(String user) {
        if (ReportSettings.isAddress(user)) {
            return user;
        }
        try {
            String address = "officeguard@" + InetAddress.getLocalHost().getCanonicalHostName();
            return ReportSettings.isAddress(address) ? address : "officeguard@localhost";
        } catch (UnknownHostException e) {
            return "officeguard@localhost";
        }
    }

    private static IllegalArgumentException bad(String url, String why) {
        return new IllegalArgumentException("--smtp-url " + url + ": " + why);
    }
}

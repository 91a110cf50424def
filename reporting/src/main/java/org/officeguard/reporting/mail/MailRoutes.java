package org.officeguard.reporting.mail;

import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.officeguard.runtime.MailServer;

/**
 * The morning e-mail's route (SPEC §6, E-mail): once a second the mails the database says are owed and due
 * ({@link ReportMailer#due}) are each claimed, made and handed to the SMTP server through Camel's mail component
 * ({@code smtp:} or {@code smtps:}), then marked sent; a mail the server did not take waits out its back-off and its
 * claim is given back. The route's one thread sends one mail at a time: a slow server delays only the mails.
 */
public final class MailRoutes extends RouteBuilder {

    public static final String ROUTE = "reporting-mail";

    /** How long a connection to the SMTP server, and each read and write on it, may take. */
    static final int TIMEOUT_MS = 60_000;

    private final ReportMailer mailer;
    private final MailServer server;

    public MailRoutes(ReportMailer mailer, MailServer server) {
        this.mailer = mailer;
        this.server = server;
    }

    @Override
    public void configure() throws Exception {
        MailEndpoint smtp = endpoint(server.endpointUri(), MailEndpoint.class);
        configure(smtp.getConfiguration(), server);

        from("timer:" + ROUTE + "?period=1000&delay=1000").routeId(ROUTE)
                .bean(mailer, "due")
                .split(body())
                    .filter(method(mailer, "claim"))
                        .doTry()
                            .bean(mailer, "compose")
                            .to(smtp)
                            .bean(mailer, "sent")
                        .doCatch(Exception.class)
                            .bean(mailer, "failed")
                        .end()
                    .end()
                .end();
    }

    /**
     * The server, its login and the sender; HTML in UTF-8; STARTTLS as {@link MailServer} says (SMTPS is the
     * {@code smtps} scheme's); the server's certificate checked against its host name; every wait bounded.
     */
    static void configure(MailConfiguration mail, MailServer server) {
        if (server.user() != null) { // Camel takes a user that is an address as the default sender
            mail.setUsername(server.user());
            mail.setPassword(server.password());
        }
        mail.setFrom(server.from());
        mail.setContentType("text/html; charset=UTF-8");
        mail.setConnectionTimeout(TIMEOUT_MS); // also each read (mail.smtp.timeout)
        Properties properties = new Properties();
        String prefix = "mail." + server.scheme() + ".";
        properties.setProperty(prefix + "writetimeout", Integer.toString(TIMEOUT_MS));
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (!server.smtps()) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", Boolean.toString(server.startTlsRequired()));
        }
        mail.setAdditionalJavaMailProperties(properties);
    }
}

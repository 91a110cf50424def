package org.officeguard.reporting.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.config.SiteConfigLoader;
import org.officeguard.core.model.Payloads;
import org.officeguard.core.model.Rule;
import org.officeguard.core.model.Violation;
import org.officeguard.core.retry.Backoff;
import org.officeguard.reporting.ReportingService;
import org.officeguard.runtime.AppConfig;
import org.officeguard.runtime.MailServer;
import org.officeguard.runtime.OfficeguardApp;
import org.officeguard.testsupport.ExampleDay;
import org.officeguard.testsupport.FreePort;
import org.officeguard.testsupport.LocalHttp;
import org.officeguard.testsupport.MosquittoProcess;
import org.officeguard.testsupport.TestMqttClient;

/**
 * The morning e-mail through a real SMTP server (aiosmtpd, {@link SmtpServerProcess}) and a real broker: when a day
 * closes, each address of the site's {@code report.mailTo} gets its final report once, the body in the site's
 * language and the CSV attached byte for byte as {@code /reports} serves it; a server that is away when the day closes
 * gets the mail once it is back, once; a reporting restarted after sending sends nothing again.
 */
class MorningMailTest {

    private static final List<String> ADDRESSES = List.of("soumu@example.com", "manager@example.com");
    private static final String DAY = "2026-11-25";
    /** What a mail server that is away costs a test: quick retries. */
    private static final Backoff QUICK = Backoff.of(200, 1_000);
    /** Long enough for the mail route (once a second) to have sent anything it would send. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private static SiteConfig site(String language) {
        return SiteConfigLoader.parse(ExampleDay.siteYaml() + "report:\n  mailTo: [" + String.join(", ", ADDRESSES)
                + "]\n  language: " + language + "\n", "hq.yaml");
    }

    private AppConfig config(SiteConfig site, MosquittoProcess broker, int httpPort, SmtpServerProcess smtp) {
        return AppConfig.defaults(List.of(site), broker.url(), dir.resolve("data"), List.of(ReportingService.NAME))
                .withHttp("127.0.0.1", httpPort, null).withClientIdPrefix("mail")
                .withMailServer(MailServer.parse(smtp.url(), null, null, "officeguard@example.com"));
    }

    private static OfficeguardApp start(AppConfig config) throws Exception {
        OfficeguardApp app = OfficeguardApp.start(config, List.of(new ReportingService(Duration.ofMillis(300), QUICK)));
        await().atMost(Duration.ofSeconds(20)).until(app::ready);
        return app;
    }

    /** One violation on the day, then the clock past its close point: the day closes. */
    private static void closeTheDay(TestMqttClient device, SiteConfig site, String nextDayTime) {
        device.publish("office/hq/violation/PC_LEFT_ON", Payloads.write(new Violation("v1", "hq", Rule.PC_LEFT_ON,
                Instant.parse("2026-11-25T10:00:00Z"), "E001", "pc:PC-01", Map.of(), List.of("src-v1")), site.timezone()));
        device.publish("office/hq/clock", "{\"ts\":\"" + nextDayTime + "\"}");
    }

    @Test
    void each_address_gets_the_final_report_once_with_the_served_csv_and_the_body_in_english() throws Exception {
        SiteConfig site = site("en");
        int httpPort = FreePort.next();
        try (MosquittoProcess broker = MosquittoProcess.start();
                SmtpServerProcess smtp = new SmtpServerProcess(dir.resolve("inbox")).start();
                OfficeguardApp app = start(config(site, broker, httpPort, smtp));
                TestMqttClient device = TestMqttClient.connect(broker.url(), "mail-device")) {
            closeTheDay(device, site, "2026-11-26T01:00:00+09:00");

            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.count() >= 2);
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> smtp.count() == 2);
            List<MimeMessage> mails = smtp.messages();
            assertEquals(Set.copyOf(ADDRESSES), recipients(mails), "one mail to each address");

            byte[] servedCsv = LocalHttp.CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/reports/hq/" + DAY + ".csv")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            for (MimeMessage mail : mails) {
                assertEquals("[officeguard] hq · Wed 25 Nov 2026 · 1 violation (final report)", mail.getSubject());
                assertEquals("officeguard@example.com", mail.getFrom()[0].toString());
                assertEquals(1, mail.getRecipients(Message.RecipientType.TO).length, "each mail names its own address");
                String html = html(mail);
                assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html.substring(0, 40));
                assertTrue(html.contains("Violations by rule") && html.contains("Left the PC unlocked"));
                Part csv = attachment(mail);
                assertEquals("officeguard-hq-" + DAY + ".csv", csv.getFileName());
                assertTrue(csv.isMimeType("text/csv"), csv.getContentType());
                assertArrayEquals(servedCsv, bytes(csv), "the attached CSV is the served one, byte for byte");
            }
            assertEquals(2, LocalHttp.json(httpPort, "/health").at("/services/reporting/mail/sent").asInt());
        }
    }

    @Test
    void a_mail_server_away_when_the_day_closes_gets_the_mail_once_it_is_back_once_and_in_japanese() throws Exception {
        SiteConfig site = site("ja");
        int httpPort = FreePort.next();
        SmtpServerProcess smtp = new SmtpServerProcess(dir.resolve("inbox")); // not started: away
        try (MosquittoProcess broker = MosquittoProcess.start();
                OfficeguardApp app = start(config(site, broker, httpPort, smtp));
                TestMqttClient device = TestMqttClient.connect(broker.url(), "mail-device")) {
            closeTheDay(device, site, "2026-11-26T01:00:00+09:00");
            await().atMost(Duration.ofSeconds(30)).until(() -> LocalHttp.json(httpPort, "/health")
                    .at("/services/reporting/mail/failedAttempts").asInt() >= 4); // each address tried twice at least
            assertEquals(0, LocalHttp.json(httpPort, "/health").at("/services/reporting/mail/sent").asInt());

            smtp.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.count() >= 2);
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> smtp.count() == 2);
            List<MimeMessage> mails = smtp.messages();
            assertEquals(Set.copyOf(ADDRESSES), recipients(mails));
            for (MimeMessage mail : mails) {
                assertEquals("【officeguard】hq・2026年11月25日（水）・違反 1 件（確定版）", mail.getSubject());
                String html = html(mail);
                assertTrue(html.contains("<html lang=\"ja\">") && html.contains("ルール別の件数"), "the body in Japanese");
            }
        } finally {
            smtp.close();
        }
    }

    @Test
    void reporting_restarted_after_sending_sends_no_mail_again_and_mails_the_next_day() throws Exception {
        SiteConfig site = site("en");
        int httpPort = FreePort.next();
        try (MosquittoProcess broker = MosquittoProcess.start();
                SmtpServerProcess smtp = new SmtpServerProcess(dir.resolve("inbox")).start();
                TestMqttClient device = TestMqttClient.connect(broker.url(), "mail-device")) {
            AppConfig config = config(site, broker, httpPort, smtp);
            try (OfficeguardApp first = start(config)) {
                closeTheDay(device, site, "2026-11-26T01:00:00+09:00");
                await().atMost(Duration.ofSeconds(30)).until(() -> smtp.count() == 2);
            }
            try (OfficeguardApp second = start(config)) {
                closeTheDay(device, site, "2026-11-26T01:00:01+09:00"); // the same inputs again
                await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> smtp.count() == 2);

                // the restarted mailer works: the next (quiet) day's report goes out, once to each address
                device.publish("office/hq/clock", "{\"ts\":\"2026-11-27T01:00:00+09:00\"}");
                await().atMost(Duration.ofSeconds(30)).until(() -> smtp.count() >= 4);
                await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> smtp.count() == 4);
            }
            List<String> subjects = new ArrayList<>();
            for (MimeMessage mail : smtp.messages()) {
                subjects.add(mail.getSubject() + " → " + mail.getRecipients(Message.RecipientType.TO)[0]);
            }
            assertEquals(List.of(
                    "[officeguard] hq · Thu 26 Nov 2026 · 0 violations (final report) → manager@example.com",
                    "[officeguard] hq · Thu 26 Nov 2026 · 0 violations (final report) → soumu@example.com",
                    "[officeguard] hq · Wed 25 Nov 2026 · 1 violation (final report) → manager@example.com",
                    "[officeguard] hq · Wed 25 Nov 2026 · 1 violation (final report) → soumu@example.com"),
                    subjects.stream().sorted().toList());
        }
    }

    private static Set<String> recipients(List<MimeMessage> mails) throws Exception {
        Set<String> out = new TreeSet<>();
        for (MimeMessage mail : mails) {
            out.add(mail.getRecipients(Message.RecipientType.TO)[0].toString());
        }
        assertEquals(mails.size(), out.size(), "no address got two");
        return out;
    }

    private static String html(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/html")) {
                return ((String) part.getContent()).replace("\r\n", "\n"); // text travels with CRLF
            }
        }
        throw new AssertionError("no HTML part in " + mail.getContentType());
    }

    private static Part attachment(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part;
            }
        }
        throw new AssertionError("no attachment in " + mail.getContentType());
    }

    private static byte[] bytes(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}

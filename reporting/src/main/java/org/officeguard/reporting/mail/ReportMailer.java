package org.officeguard.reporting.mail;

import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.attachment.DefaultAttachment;
import org.officeguard.core.config.SiteConfig;
import org.officeguard.core.retry.Backoff;
import org.officeguard.reporting.closing.ReportFiles;
import org.officeguard.reporting.report.DailyReport;
import org.officeguard.reporting.report.DailyReport.Lang;
import org.officeguard.reporting.report.MailReport;
import org.officeguard.reporting.store.MailLedger;
import org.officeguard.reporting.store.MailLedger.Owed;
import org.officeguard.reporting.store.ReportStore;
import org.officeguard.reporting.store.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean of the mail route ({@link MailRoutes}): which mails the database says are owed and due now, the claim of
 * each before it is sent, the message (the final report's mail body, its CSV attached as served, a subject with site,
 * date and total), and what happened: sent, or not sent and tried again after a back-off ({@link #RETRY}). Only the
 * route's one thread calls it.
 */
public final class ReportMailer {

    private static final Logger LOG = LoggerFactory.getLogger(ReportMailer.class);

    /** A mail that could not be sent is tried again after 1 s, doubling up to 5 min, for as long as it takes. */
    public static final Backoff RETRY = Backoff.of(1_000, 300_000);

    /**
     * How long a claim holds: a process that crashed between sending a mail and marking it sent leaves a claim that
     * another (or the restarted one) takes over after this, and sends the mail again (docs/decisions.md). Far longer
     * than a send may take ({@link MailRoutes#TIMEOUT_MS}).
     */
    public static final Duration LEASE = Duration.ofMinutes(10);

    /** The exchange property that holds the mail being sent. */
    static final String MAIL = "officeguard.mail";

    private final ReportStore store;
    private final MailLedger ledger;
    private final ReportFiles files;
    private final Map<String, SiteConfig> sites;
    private final Clock clock;
    private final Backoff retry;
    /** This process's name in the claims it makes. */
    private final String claimant = "reporting-" + UUID.randomUUID();
    /** The mails whose last attempt failed: when each is due again. */
    private final Map<String, Waiting> waiting = new HashMap<>();
    /** Mails sent whose mark the database did not take: marked again, never sent again by this process. */
    private final Map<String, Owed> sentNotMarked = new LinkedHashMap<>();
    /** Sites not served here and mails to addresses no longer listed, each said once. */
    private final Set<String> reportedGone = new HashSet<>();
    private boolean databaseAway;
    private long sent;
    private long failures;

    private static final class Waiting {
        private final Backoff.Attempts attempts;
        private Instant dueAt;

        private Waiting(Backoff retry) {
            this.attempts = retry.attempts();
        }
    }

    public ReportMailer(ReportStore store, ReportFiles files, Map<String, SiteConfig> sites, Clock clock, Backoff retry) {
        this.store = store;
        this.ledger = store.mails();
        this.files = files;
        this.sites = Map.copyOf(sites);
        this.clock = clock;
        this.retry = retry;
    }

    /** The mails owed whose back-off is over, oldest day first; none while the database is away. */
    public synchronized List<Owed> due() {
        Instant now = clock.instant();
        List<Owed> owed;
        try {
            markSentAgain(now);
            owed = ledger.owed();
        } catch (StorageUnavailableException e) {
            if (!databaseAway) {
                LOG.warn("Report mails wait for the reporting database: {}", e.getMessage());
                databaseAway = true;
            }
            return List.of();
        }
        if (databaseAway) {
            LOG.info("Report mails go on: the reporting database is back");
            databaseAway = false;
        }
        List<Owed> due = new ArrayList<>();
        for (Owed mail : owed) {
            String key = key(mail);
            Waiting wait = waiting.get(key);
            SiteConfig site = sites.get(mail.site());
            if (site == null) {
                if (reportedGone.add(mail.site())) {
                    LOG.warn("Report mails for site {} wait: it is not served here", mail.site());
                }
            } else if (!site.report().mailTo().contains(mail.address())) {
                // taken out of report.mailTo (someone who left, an address that bounces): no names go there any more
                if (reportedGone.add(key)) {
                    LOG.warn("Report for {} is not mailed: the address is no longer in the site's report.mailTo", mail);
                }
            } else if (!sentNotMarked.containsKey(key) && (wait == null || !wait.dueAt.isAfter(now))) {
                due.add(mail);
            }
        }
        return due;
    }

    /** Claims {@code mail} for this process: false when another holds it or it was sent meanwhile. */
    public synchronized boolean claim(Owed mail) {
        long now = clock.millis();
        try {
            return ledger.claim(mail, claimant, now, now - LEASE.toMillis());
        } catch (StorageUnavailableException e) {
            LOG.debug("Not claiming the report mail {} now: {}", mail, e.getMessage());
            return false;
        }
    }

    /** Makes the exchange the mail of the claimed {@code mail} in its body. */
    public void compose(Exchange exchange) {
        Owed mail = exchange.getMessage().getBody(Owed.class);
        exchange.setProperty(MAIL, mail);
        SiteConfig site = sites.get(mail.site());
        Lang lang = Lang.parse(site.report().language());
        byte[] body = read(files.mailFile(mail.site(), mail.date()), site, mail, "mail body",
                () -> MailReport.html(store.dayData(site, mail.date(), true), lang).getBytes(StandardCharsets.UTF_8));
        byte[] csv = read(files.file(mail.site(), mail.date(), "csv", null), site, mail, "CSV",
                () -> DailyReport.csv(store.dayData(site, mail.date(), true)));

        Message message = exchange.getMessage();
        message.removeHeaders("*"); // every header left is written into the mail
        message.setHeader("To", mail.address());
        message.setHeader("Subject", MailReport.subject(mail.site(), mail.date(), mail.violations(), lang));
        message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no out-of-office replies
        message.setBody(new String(body, StandardCharsets.UTF_8));
        DefaultAttachment attachment = new DefaultAttachment(new ByteArrayDataSource(csv, "text/csv; charset=utf-8"));
        // base64 carries the bytes as they are: quoted-printable would let a relay rewrite line ends
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        exchange.getMessage(AttachmentMessage.class).addAttachmentObject(
                "officeguard-" + mail.site() + "-" + mail.date() + ".csv", attachment);
    }

    /** The SMTP server took the mail: the database says it was sent. */
    public synchronized void sent(Exchange exchange) {
        Owed mail = exchange.getProperty(MAIL, Owed.class);
        sent++;
        waiting.remove(key(mail));
        LOG.info("Report for {} mailed", mail);
        try {
            ledger.sent(mail, clock.millis());
        } catch (StorageUnavailableException e) {
            LOG.warn("Report for {} was mailed but the database did not take it ({}); marking it again",
                    mail, e.getMessage());
            sentNotMarked.put(key(mail), mail);
        }
    }

    /** The mail could not be sent: its claim is given back, and it is tried again after its back-off. */
    public synchronized void failed(Exchange exchange) {
        Owed mail = exchange.getProperty(MAIL, Owed.class);
        if (mail == null) {
            mail = exchange.getMessage().getBody(Owed.class); // composing it failed
        }
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = describe(cause);
        failures++;
        Waiting wait = waiting.computeIfAbsent(key(mail), k -> new Waiting(retry));
        Duration delay = wait.attempts.failed();
        wait.dueAt = clock.instant().plus(delay);
        LOG.warn("Report for {} is not mailed yet (attempt {}): {}; trying again in {} ms", mail,
                wait.attempts.failures(), reason, delay.toMillis());
        try {
            ledger.release(mail, claimant, reason);
        } catch (StorageUnavailableException e) {
            LOG.debug("The claim of {} is left to its lease: {}", mail, e.getMessage());
        }
    }

    /** What the health page says of the mails. */
    public synchronized Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("sent", sent);
        health.put("failedAttempts", failures);
        health.put("waiting", waiting.size());
        return health;
    }

    private void markSentAgain(Instant now) {
        for (var it = sentNotMarked.values().iterator(); it.hasNext(); ) {
            ledger.sent(it.next(), now.toEpochMilli());
            it.remove();
        }
    }

    @FunctionalInterface
    private interface Body {
        byte[] make();
    }

    /** The file written when the day closed; made again from the database if it is gone. */
    private static byte[] read(Path file, SiteConfig site, Owed mail, String what, Body again) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
            LOG.warn("The {} of {} is not in {}; making it again from the database", what, mail, file);
            return again.make();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read " + file + " for site " + site.site() + ": " + e, e);
        }
    }

    private static String key(Owed mail) {
        return mail.site() + '\n' + mail.date() + '\n' + mail.address();
    }

    /** The exception and the cause it comes from: "MailConnectException: Couldn't connect ... (Connection refused)". */
    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}

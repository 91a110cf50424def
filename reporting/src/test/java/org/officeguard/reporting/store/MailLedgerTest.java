package org.officeguard.reporting.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.reporting.store.MailLedger.Owed;
import org.officeguard.testsupport.PostgresProcess;

/**
 * The mails a closed day owes, on the embedded H2 and on PostgreSQL: owed once however often the day is closed; a
 * claim is one process's (two reporting processes on one database: the second loses); a mail sent is owed no more; a
 * claim given back, or left by a process that crashed once its lease is over, is taken again.
 */
class MailLedgerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final List<String> TO = List.of("soumu@example.com", "manager@example.com");

    @Test
    void on_h2(@TempDir Path dir) {
        try (ReportStore one = ReportStore.open(null, null, null, dir);
                ReportStore other = ReportStore.open(null, null, null, dir)) { // a second process's pool, same file
            claimsAreOneProcesssAndSentMailsAreOwedNoMore(one, other);
        }
    }

    @Test
    void on_postgresql(@TempDir Path dir) {
        try (PostgresProcess postgres = PostgresProcess.start()) {
            String url = postgres.createDatabase("mails");
            try (ReportStore one = ReportStore.open(url, postgres.user(), "", dir.resolve("one"));
                    ReportStore other = ReportStore.open(url, postgres.user(), "", dir.resolve("other"))) {
                claimsAreOneProcesssAndSentMailsAreOwedNoMore(one, other);
            }
        }
    }

    private static void claimsAreOneProcesssAndSentMailsAreOwedNoMore(ReportStore one, ReportStore other) {
        one.mails().owe("hq", DAY, TO, 3, 1_000);
        one.commitClosing(Map.of());
        other.mails().owe("hq", DAY, TO, 3, 1_001); // the day closed again (a redelivery): owed once still
        other.commitClosing(Map.of());
        List<Owed> owed = one.mails().owed();
        assertEquals(List.of(new Owed("hq", DAY, "manager@example.com", 3, 0), new Owed("hq", DAY, "soumu@example.com", 3, 0)),
                owed);
        Owed manager = owed.get(0);
        Owed soumu = owed.get(1);

        long now = 10_000_000;
        long lease = 600_000;
        assertTrue(one.mails().claim(manager, "one", now, now - lease));
        assertFalse(other.mails().claim(manager, "other", now + 1, now + 1 - lease), "claimed by the first");
        one.mails().sent(manager, now + 2);
        assertFalse(other.mails().claim(manager, "other", now + 2 * lease, now + lease), "sent: never again");
        assertEquals(now + 2, one.mails().sentAt(manager));

        assertTrue(other.mails().claim(soumu, "other", now, now - lease));
        other.mails().release(soumu, "other", "MailConnectException: Couldn't connect to host");
        assertTrue(one.mails().claim(soumu, "one", now + 10, now + 10 - lease), "given back: anyone's again");
        assertFalse(other.mails().claim(soumu, "other", now + 20, now + 20 - lease));
        // "one" crashed between sending and marking: its claim holds for the lease, then is taken again
        assertTrue(other.mails().claim(soumu, "other", now + 10 + lease + 1, now + 11), "the lease ran out");
        assertEquals(List.of(new Owed("hq", DAY, "soumu@example.com", 3, 3)), one.mails().owed());
        assertNull(one.mails().sentAt(soumu));
        other.mails().sent(soumu, now + lease + 20);
        assertEquals(List.of(), one.mails().owed());
    }
}

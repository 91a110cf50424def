package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --smtp-url} and its environment: what is accepted, what each means, and what is refused with why. */
class MailServerTest {

    private static String refused(String url, String user, String password, String from) {
        return assertThrows(IllegalArgumentException.class, () -> MailServer.parse(url, user, password, from))
                .getMessage();
    }

    @Test
    void no_url_is_no_server() {
        assertNull(MailServer.parse(null, null, null, null));
        assertNull(MailServer.parse("  ", "user", "secret", null));
    }

    @Test
    void smtp_uses_starttls_when_offered_and_requires_it_when_asked_or_with_a_login() {
        MailServer plain = MailServer.parse("smtp://mail.example.com", null, null, "og@example.com");
        assertEquals("smtp://mail.example.com:25", plain.endpointUri());
        assertFalse(plain.startTlsRequired());
        assertEquals("STARTTLS when offered", plain.security());

        MailServer required = MailServer.parse("smtp://mail.example.com:587?starttls=required", null, null,
                "og@example.com");
        assertEquals(587, required.port());
        assertTrue(required.startTlsRequired());

        MailServer login = MailServer.parse("smtp://mail.example.com:587", "reports", "s3cret", "og@example.com");
        assertTrue(login.startTlsRequired(), "a password is never sent in clear");
        assertFalse(login.toString().contains("s3cret"), login.toString());
    }

    @Test
    void smtps_is_tls_from_the_first_byte_on_465_by_default() {
        MailServer smtps = MailServer.parse("smtps://mail.example.com", "og@example.com", "s3cret", null);
        assertTrue(smtps.smtps());
        assertEquals("smtps://mail.example.com:465", smtps.endpointUri());
        assertEquals("og@example.com", smtps.from(), "a user that is an address is the default sender");
        assertEquals("SMTPS", smtps.security());
    }

    @Test
    void the_default_sender_is_an_address_of_this_host() {
        assertTrue(MailServer.parse("smtp://127.0.0.1:2525", null, null, null).from().startsWith("officeguard@"));
    }

    @Test
    void what_cannot_be_honoured_is_refused_with_why() {
        assertTrue(refused("http://mail.example.com", null, null, null).endsWith("expected smtp://host:port or smtps://host:port"));
        assertTrue(refused("mail.example.com:25", null, null, null).contains("expected smtp://"));
        assertTrue(refused("smtp://user:pw@mail.example.com", null, null, null).contains("no credentials in the URL"));
        assertTrue(refused("smtp://mail.example.com?starttls=maybe", null, null, null).contains("?starttls=required"));
        assertTrue(refused("smtps://mail.example.com?starttls=required", null, null, null).contains("on smtp://"));
        assertTrue(refused("smtp://mail.example.com/x", null, null, null).contains("nothing after host:port"));
        assertTrue(refused("smtp://", null, null, null).startsWith("--smtp-url smtp://: "));
        assertTrue(refused("smtp://mail.example.com", "reports", null, null).contains("both OFFICEGUARD_SMTP_USER and"));
        assertEquals("--mail-from 'officeguard' is not an e-mail address (name@example.com)",
                refused("smtp://mail.example.com", null, null, "officeguard"));
    }
}

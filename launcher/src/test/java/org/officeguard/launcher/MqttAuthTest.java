package org.officeguard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.officeguard.testsupport.DeployedMosquitto;
import org.officeguard.testsupport.TestMqttClient;

/**
 * Authentication against the project's own Mosquitto configuration ({@link DeployedMosquitto}: the shipped
 * {@code deploy/mosquitto/mosquitto.conf} and {@code acl}, a password file made with {@code mosquitto_passwd}, and a
 * test CA): anonymous clients and wrong passwords are refused with a CONNACK reason code on both listeners; the
 * TLS listener presents a certificate for 127.0.0.1 that a client trusting the test CA accepts and one that does not
 * trust it refuses; the ACL also limits what a device may subscribe to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttAuthTest {

    /** MQTT 5 CONNACK reason code. */
    static final int NOT_AUTHORIZED = 0x87;

    private DeployedMosquitto broker;
    private final List<TestMqttClient> clients = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        broker = DeployedMosquitto.start();
    }

    @AfterAll
    void stop() {
        clients.forEach(TestMqttClient::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anonymous_clients_are_refused_on_both_listeners() {
        assertEquals(NOT_AUTHORIZED, refusal(broker.plainUrl(), null, null, null));
        assertEquals(NOT_AUTHORIZED, refusal(broker.tlsUrl(), null, null, broker.ca().trustingSocketFactory()));
        assertTrue(broker.log().contains("not authorised"), broker.log());
    }

    @Test
    void a_wrong_password_or_an_unknown_user_is_refused() {
        // Mosquitto 2.0 answers 0x87 here too, not 0x86 (bad user name or password): it does not say which was wrong
        assertEquals(NOT_AUTHORIZED, refusal(broker.plainUrl(), "reader-front", "guess", null));
        assertEquals(NOT_AUTHORIZED, refusal(broker.tlsUrl(), "intruder", broker.password("reader-front"),
                broker.ca().trustingSocketFactory()));
        // the right password is let in, on both
        clients.add(TestMqttClient.connect(broker.plainUrl(), "auth-ok-plain", "reader-front",
                broker.password("reader-front"), null));
        clients.add(TestMqttClient.connect(broker.tlsUrl(), "auth-ok-tls", "reader-front",
                broker.password("reader-front"), broker.ca().trustingSocketFactory()));
    }

    @Test
    void the_tls_listener_is_trusted_only_through_the_test_ca() throws Exception {
        // the certificate names the loopback address and localhost, as clients dial them
        List<?> names = broker.ca().serverCertificate().getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList();
        assertEquals(Set.of("127.0.0.1", "localhost"), Set.copyOf(names));

        // a client with the JVM's default trust (public CAs) does not get past the handshake, even with a password
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestMqttClient.connect(
                broker.tlsUrl(), "auth-untrusting", "officeguard", broker.password("officeguard"),
                (SSLSocketFactory) SSLSocketFactory.getDefault()));
        assertTrue(causes(refused).stream().anyMatch(SSLHandshakeException.class::isInstance), chain(refused));

        // one that trusts the test CA does
        clients.add(TestMqttClient.connect(broker.tlsUrl(), "auth-trusting", "officeguard", broker.password("officeguard"),
                broker.ca().trustingSocketFactory()));
    }

    @Test
    void the_acl_limits_what_a_device_may_read() {
        // Mosquitto grants any subscription and applies the ACL's read rules when it delivers: so subscribe to
        // everything and see what arrives.
        TestMqttClient reader = connect("auth-reader", "reader-front").subscribe("office/#");
        TestMqttClient simulator = connect("auth-simulator", "simulator").subscribe("office/#");
        TestMqttClient services = connect("auth-services", "officeguard");
        for (String topic : List.of("office/hq/door/office/decision", "office/hq/door/front/badge",
                "office/hq/pc/PC-01/state", "office/hq/violation/UNKNOWN_BADGE", "office/hq/deadletter",
                "office/hq/report/2026-11-25", "office/osaka/door/front/decision", "office/hq/door/front/decision")) {
            services.publish(topic, "{\"probe\":\"" + topic + "\"}");
        }
        // the last one is the reader's own decision topic: once it is there, everything before it was delivered
        reader.awaitOne("office/hq/door/front/decision", r -> true);
        assertEquals(List.of("office/hq/door/front/decision"), topics(reader), "a door reader reads its own decisions only");
        simulator.awaitOne("office/hq/door/front/decision", r -> true);
        assertEquals(List.of("office/hq/door/office/decision", "office/hq/pc/PC-01/state", "office/hq/report/2026-11-25",
                        "office/osaka/door/front/decision", "office/hq/door/front/decision"), topics(simulator),
                "the simulator reads decisions, PC states (the bridge's, with --devices) and reports, not violations or"
                        + " dead letters (names and reasons)");
    }

    private TestMqttClient connect(String clientId, String user) {
        TestMqttClient c = TestMqttClient.connect(broker.plainUrl(), clientId, user, broker.password(user), null);
        clients.add(c);
        return c;
    }

    private static List<String> topics(TestMqttClient c) {
        return c.received().stream().map(TestMqttClient.Received::topic).toList();
    }

    /** The CONNACK reason code of a refused connection. */
    private static int refusal(String url, String user, String password, SSLSocketFactory tls) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestMqttClient.connect(url, "auth-refused-" + System.nanoTime(), user, password, tls),
                "connecting to " + url + " as " + user);
        MqttException cause = (MqttException) e.getCause();
        return cause.getReasonCode();
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    private static String chain(Throwable t) {
        return causes(t).stream().map(Throwable::toString).reduce((a, b) -> a + "\n  caused by " + b).orElse("");
    }
}

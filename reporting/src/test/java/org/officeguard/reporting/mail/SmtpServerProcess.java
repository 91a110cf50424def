package org.officeguard.reporting.mail;

import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.officeguard.testsupport.FreePort;

/**
 * A real SMTP server for a test: Debian's aiosmtpd ({@code python3-aiosmtpd}, which the test command installs) on a
 * random loopback port, with a handler (test resource {@code smtp/mail_to_dir.py}) that writes each message it takes
 * to a folder. It can be stopped and started again on the same port, to play a mail server that is away.
 */
final class SmtpServerProcess implements AutoCloseable {

    /** Debian's Python, which has the package; a python3 earlier on the PATH (pyenv, say) may not. */
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private final int port = FreePort.next();
    private final Path inbox;
    private Process server;

    SmtpServerProcess(Path inbox) {
        this.inbox = inbox;
    }

    int port() {
        return port;
    }

    String url() {
        return "smtp://127.0.0.1:" + port;
    }

    /** Starts the server and waits until it takes connections. */
    SmtpServerProcess start() throws IOException {
        Files.createDirectories(inbox);
        Path handler;
        try {
            handler = Path.of(SmtpServerProcess.class.getResource("/smtp/mail_to_dir.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "-c", "mail_to_dir.MailToDir", inbox.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(inbox.resolveSibling("smtp-" + port + ".log").toFile()));
        builder.environment().put("PYTHONPATH", handler.toString());
        server = builder.start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!server.isAlive()) {
                throw new IllegalStateException("aiosmtpd exited (is python3-aiosmtpd installed? ./officeguard test"
                        + " installs it): " + Files.readString(inbox.resolveSibling("smtp-" + port + ".log")));
            }
            return listening();
        });
        return this;
    }

    /** Stops the server: connections are refused until {@link #start} again. */
    void stop() {
        if (server != null) {
            server.destroy();
            await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive() && !listening());
            server = null;
        }
    }

    /** The messages taken so far, in the order they came. */
    List<MimeMessage> messages() {
        List<MimeMessage> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted(SmtpServerProcess::byArrival)
                    .toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    out.add(new MimeMessage(Session.getInstance(new Properties()), in));
                }
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot read the messages in " + inbox + ": " + e, e);
        }
        return out;
    }

    int count() {
        try (Stream<Path> files = Files.list(inbox)) {
            return (int) files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int byArrival(Path a, Path b) {
        String[] x = a.getFileName().toString().split("[-.]");
        String[] y = b.getFileName().toString().split("[-.]");
        return Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

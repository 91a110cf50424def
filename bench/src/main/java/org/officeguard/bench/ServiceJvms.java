package org.officeguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Services each in a JVM of its own, started as a site starts them ({@code ./officeguard serve}, -Xmx256m and the
 * JVM options scripts/java-opts.sh gives the service), and stopped with the phase.
 */
final class ServiceJvms implements AutoCloseable {

    /** A service running as its own JVM: its process, its HTTP port, the collector it was started with. */
    record ServiceJvm(Process process, int port, String collector) {}

    private static final Pattern GC_OPTION = Pattern.compile("-XX:\\+Use[A-Za-z0-9]*GC");

    private final BenchRun run;
    private final String root;
    private final Map<String, ServiceJvm> started = new LinkedHashMap<>();

    /** Services whose client ids and topics go under {@code root}. */
    ServiceJvms(BenchRun run, String root) {
        this.run = run;
        this.root = root;
    }

    /**
     * Starts each service (what did start is stopped on {@link #close}, also when a later one fails), and waits
     * until each is healthy.
     */
    ServiceJvms start(List<String> services, Path siteFile) throws IOException {
        return start(services, List.of(siteFile), List.of());
    }

    /** {@link #start(List, Path)} with every site of {@code siteFiles}, and {@code serveOptions} for each service. */
    ServiceJvms start(List<String> services, List<Path> siteFiles, List<String> serveOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        for (String service : services) {
            int port = ServiceHttp.freePort();
            Path dir = run.work().resolve(root + "-" + service);
            Files.createDirectories(dir);
            List<String> options = jvmOptions(service);
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
            command.addAll(options);
            command.addAll(List.of("-cp", classPath, "org.officeguard.launcher.Officeguard", "serve"));
            for (Path siteFile : siteFiles) {
                command.addAll(List.of("--config", siteFile.toString()));
            }
            command.addAll(List.of("--broker", run.brokerUrl(), "--http-port", Integer.toString(port), "--data",
                    dir.toString(), "--clock", "event", "--services", service, "--topic-root", root,
                    "--client-id-prefix", root));
            command.addAll(serveOptions);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("service.log").toFile());
            String collector = options.stream().filter(option -> GC_OPTION.matcher(option).matches())
                    .reduce((first, second) -> second).orElseThrow();
            started.put(service, new ServiceJvm(builder.start(), port, collector));
        }
        for (Map.Entry<String, ServiceJvm> entry : started.entrySet()) {
            awaitHealthy(entry.getKey(), entry.getValue());
        }
        return this;
    }

    private void awaitHealthy(String service, ServiceJvm jvm) {
        Process process = jvm.process();
        Waits.waitFor(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited (exit code " + process.exitValue()
                        + "); the end of its log (the bench's folder goes when it ends):\n"
                        + tail(run.work().resolve(root + "-" + service).resolve("service.log"), 40));
            }
            return ServiceHttp.healthy(jvm.port());
        }, 120);
    }

    ServiceJvm get(String service) {
        return started.get(service);
    }

    /** The services started, by name, in the order they were started. */
    Map<String, ServiceJvm> all() {
        return started;
    }

    /**
     * The JVM options {@code ./officeguard serve --broker … --services <service>} starts that service with
     * (scripts/java-opts.sh: OFFICEGUARD_JAVA_OPTS, and ZGC for the door-gateway, Serial GC for the others unless it
     * names a collector), so that each service is measured as a site runs it.
     */
    private List<String> jvmOptions(String service) {
        try {
            Process process = new ProcessBuilder("bash", "-c",
                    "source scripts/java-opts.sh serve --broker \"$1\" --services \"$0\" && echo $JAVA_OPTS", service,
                    run.brokerUrl()).redirectErrorStream(true).start();
            String options = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || !GC_OPTION.matcher(options).find()) {
                throw new IllegalStateException("scripts/java-opts.sh named no collector for " + service + ": " + options);
            }
            return List.of(options.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last {@code count} lines of a file, for a message. */
    private static String tail(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Stops every service started: asks each to end, then ends any still running after 15 s. */
    @Override
    public void close() throws InterruptedException {
        Collection<ServiceJvm> jvms = started.values();
        for (ServiceJvm jvm : jvms) {
            jvm.process().destroy();
        }
        for (ServiceJvm jvm : jvms) {
            if (!jvm.process().waitFor(15, TimeUnit.SECONDS)) {
                jvm.process().destroyForcibly();
            }
        }
    }
}

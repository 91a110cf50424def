package org.officeguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Services each in a JVM of its own, started as a site starts them ({@code ./officeguard serve}: its jar, -Xmx256m,
 * the JVM options scripts/java-opts.sh gives the service and the class archive scripts/class-archive.sh made for its
 * collector), and stopped with the phase.
 */
final class ServiceJvms implements AutoCloseable {

    /** A service running as its own JVM: its process, its HTTP port, the collector it was started with. */
    record ServiceJvm(Process process, int port, String collector) {}

    private static final Pattern GC_OPTION = Pattern.compile("-XX:\\+Use[A-Za-z0-9]*GC");
    /** What {@code ./officeguard} starts, with its class archives (scripts/class-archive.sh) if they are made. */
    private static final Path LAUNCHER_JAR = Path.of("launcher", "target", "officeguard.jar");

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
        for (String service : services) {
            launch(service, siteFiles, List.of(), serveOptions);
        }
        for (Map.Entry<String, ServiceJvm> entry : started.entrySet()) {
            awaitHealthy(entry.getKey(), entry.getValue(), 120);
        }
        return this;
    }

    /** How long a service took from starting its process to its first {@code /health} 200: elapsed, and its CPU. */
    record StartUp(double seconds, double cpuSeconds) {}

    /**
     * Starts one service, {@code extraOptions} added to its JVM's, and waits (up to {@code timeoutSeconds}) until it
     * is healthy.
     */
    StartUp startTimed(String service, Path siteFile, List<String> extraOptions, int timeoutSeconds)
            throws IOException {
        long start = System.nanoTime();
        ServiceJvm jvm = launch(service, List.of(siteFile), extraOptions, List.of());
        awaitHealthy(service, jvm, timeoutSeconds);
        return new StartUp((System.nanoTime() - start) / 1e9, CpuAccount.processSeconds(jvm.process().pid()));
    }

    /** The folder of a service's data and log: the same for every start of it by this run. */
    Path folder(String service) {
        return run.work().resolve(root + "-" + service);
    }

    private ServiceJvm launch(String service, List<Path> siteFiles, List<String> extraOptions, List<String> serveOptions)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        int port = ServiceHttp.freePort();
        Path dir = folder(service);
        Files.createDirectories(dir);
        List<String> options = jvmOptions(service);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(options);
        command.addAll(extraOptions);
        if (Files.isRegularFile(LAUNCHER_JAR)) {
            command.addAll(List.of("-jar", LAUNCHER_JAR.toString()));
        } else {
            command.addAll(List.of("-cp", classPath, "org.officeguard.launcher.Officeguard"));
        }
        command.add("serve");
        for (Path siteFile : siteFiles) {
            command.addAll(List.of("--config", siteFile.toString()));
        }
        command.addAll(List.of("--broker", run.brokerUrl(), "--http-port", Integer.toString(port), "--data",
                dir.toString(), "--clock", "event", "--services", service, "--topic-root", root,
                "--client-id-prefix", root));
        command.addAll(serveOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
        String collector = options.stream().filter(option -> GC_OPTION.matcher(option).matches())
                .reduce((first, second) -> second).orElseThrow();
        ServiceJvm jvm = new ServiceJvm(builder.start(), port, collector);
        started.put(service, jvm);
        return jvm;
    }

    private void awaitHealthy(String service, ServiceJvm jvm, int timeoutSeconds) {
        Process process = jvm.process();
        Waits.waitFor(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited (exit code " + process.exitValue()
                        + "); the end of its log (the bench's folder goes when it ends):\n"
                        + tail(folder(service).resolve("service.log"), 40));
            }
            return ServiceHttp.healthy(jvm.port());
        }, timeoutSeconds);
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
     * (scripts/java-opts.sh: OFFICEGUARD_JAVA_OPTS, and Parallel GC for the door-gateway, Serial GC for the others
     * unless it names a collector), so that each service is measured as a site runs it.
     */
    private List<String> jvmOptions(String service) {
        try {
            Process process = new ProcessBuilder("bash", "-c",
                    "source scripts/java-opts.sh serve --broker \"$1\" --services \"$0\" && source scripts/class-archive.sh"
                            + " && class_archive_opts $JAVA_OPTS && echo $JAVA_OPTS ${CLASS_ARCHIVE_OPTS[@]}", service,
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
        stop();
    }

    /** Stops every service started, as {@link #close} does; they may be started again. */
    void stop() throws InterruptedException {
        List<ServiceJvm> jvms = new ArrayList<>(started.values());
        started.clear();
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

package org.ordertower.drill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ordertower.api.sim.RunningSimulator;

/**
 * A standalone simulator in a JVM of its own ({@code java -cp <this class path> <main> --port N --rate 0 ...}), so that
 * killing the node leaves the platform's book intact. Reads the shop configuration the simulator prints when it
 * listens, and drives it over its control paths ({@code /_sim/}): the rate, the anomalies, the faults, the book.
 * Its output goes to {@code <dir>/sim-<id>.log}.
 */
final class SimProcess implements RunningSimulator {
    /** A line of the printed configuration: two spaces, the key padded, {@code =}, the value. */
    private static final Pattern SETTING = Pattern.compile("^  (\\S+)\\s*= (.*)$");
    private final String id;
    private final int port;
    private final Process process;
    private final Map<String, String> configuration;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimProcess(String id, int port, Process process, Map<String, String> configuration) {
        this.id = id;
        this.port = port;
        this.process = process;
        this.configuration = configuration;
    }

    /**
     * Starts {@code main} with no orders yet ({@code --rate 0}) and waits until it prints its configuration.
     *
     * @param settings the simulator's settings ({@code --set key=value}; {@code pushUrl} as {@code --push-url})
     * @throws IOException when it does not start within a minute, with its last output
     */
    static SimProcess start(String id, String main, int port, Map<String, String> settings, Path dir, String javaOptions)
            throws IOException {
        return start(id, main, port, settings, dir, javaOptions, 0);
    }

    /**
     * {@link #start}, with the simulator's clock {@code skewSeconds} off this machine's (positive: ahead): the JVM runs
     * under {@code faketime}, so everything in it reads that clock, the Date header of its answers included.
     */
    static SimProcess start(String id, String main, int port, Map<String, String> settings, Path dir, String javaOptions,
            int skewSeconds) throws IOException {
        List<String> command = new ArrayList<>();
        if (skewSeconds != 0) {
            command.addAll(List.of("faketime", "-f", (skewSeconds > 0 ? "+" : "") + skewSeconds + "s"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : javaOptions.split("\\s+")) {
            if (!o.isBlank()) {
                command.add(o);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main, "--port", String.valueOf(port), "--rate", "0"));
        settings.forEach((k, v) -> {
            if (k.equals("pushUrl")) {
                command.addAll(List.of("--push-url", v));
            } else {
                command.addAll(List.of("--set", k + "=" + v));
            }
        });
        Path log = dir.resolve("sim-" + id + ".log");
        // (faketime moves the monotonic clock by the same constant, which costs nothing; keeping it real costs a core)
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new IOException(skewSeconds == 0 ? e.getMessage() : "cannot run faketime for --clock-skew (install it:"
                    + " apt-get install faketime): " + e.getMessage(), e);
        }
        Printed printed = new Printed();
        Thread reader = new Thread(() -> read(p, log, printed), "drill-sim-" + id);
        reader.setDaemon(true);
        reader.start();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            // the configuration is the last thing the simulator prints: done once its block has been quiet for a moment
            while (!printed.done()) {
                if (!p.isAlive() || System.nanoTime() > end) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new IOException("the " + id + " simulator did not start within a minute; its output: " + tail(log));
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the " + id + " simulator started", e);
        }
        return new SimProcess(id, port, p, Map.copyOf(printed.settings));
    }

    /** The configuration block as it is read: its settings, and when its last line came. */
    private static final class Printed {
        final Map<String, String> settings = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean started;
        volatile boolean ended;
        volatile long lastLine = System.nanoTime();

        boolean done() {
            return started && !settings.isEmpty() && (ended || System.nanoTime() - lastLine > TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    /** Copies the output to the log, and reads the configuration block into {@code printed}. */
    private static void read(Process p, Path log, Printed printed) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                Matcher m = SETTING.matcher(line);
                if (line.contains("listening; a shop's configuration to use it:")) {
                    printed.started = true;
                } else if (printed.started && !printed.ended && m.matches()) {
                    printed.settings.put(m.group(1), m.group(2).strip());
                } else if (printed.started && !printed.settings.isEmpty()) {
                    printed.ended = true;
                }
                printed.lastLine = System.nanoTime();
            }
        } catch (IOException e) {
            // the process ended; start() sees it
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    @Override
    public String channelId() {
        return id;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String gatewayUrl() {
        return configuration.getOrDefault("gatewayUrl", "http://127.0.0.1:" + port);
    }

    /** Not read over the control path: the drill reads {@link #book()}. */
    @Override
    public Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    public Map<String, String> shopConfiguration() {
        return configuration;
    }

    @Override
    public void rate(double ordersPerMinute, boolean peak) {
        control("rate?perMinute=" + ordersPerMinute + "&peak=" + peak);
    }

    void anomalies(double share) {
        control("anomalies?share=" + share);
    }

    /** {@code outage=true}, {@code failRate=0.2&targets=...}: see the simulator's control paths. */
    void faults(String query) {
        control("faults?" + query);
    }

    /** The book's counts ({@code GET /_sim/summary}): orders, paid, tracked, labelled. */
    String summary() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("summary")).timeout(Duration.ofSeconds(30)).GET().build());
        if (r.statusCode() != 200) {
            throw new IOException("the " + id + " simulator's summary: HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** The book as the simulator keeps it ({@code GET /_sim/book}). */
    String book() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("book")).timeout(Duration.ofMinutes(2)).GET().build());
        if (r.statusCode() != 200) {
            throw new IOException("the " + id + " simulator's book: HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private void control(String what) {
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(what)).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the " + id + " simulator refused " + what + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the " + id + " simulator did not answer " + what + ": " + e.getMessage(), e);
        }
    }

    private URI uri(String what) {
        return URI.create("http://127.0.0.1:" + port + "/_sim/" + what);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        // under faketime the simulator's JVM is the wrapper's child: it goes first
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

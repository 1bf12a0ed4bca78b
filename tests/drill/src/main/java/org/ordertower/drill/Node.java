package org.ordertower.drill;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The node under drill: the distribution unpacked afresh under {@code <dir>/node}, configured (the channels, the
 * WMS, the carriers and the rule packs among its boot features, a user for the drill, the shops and accounts written
 * as configuration files), started with {@code bin/karaf server} in a process of its own (output in
 * {@code <dir>/node.log}), and called over its REST interface as that user.
 */
final class Node implements AutoCloseable {
    static final String USER = "drill";
    static final int REST_PORT = 8182;
    static final int WEB_PORT = 8181;
    /** The boot features a drill adds: what {@code run.sh --demo} adds, without the simulators, which run outside. */
    static final List<String> FEATURES = List.of("ordertower-channel-taobao", "ordertower-channel-jd", "ordertower-channel-douyin",
            "ordertower-channel-pdd", "ordertower-wms-qimen", "ordertower-carrier-cainiao", "ordertower-carrier-kuaidi100",
            "ordertower-rules-risk-basic", "ordertower-rules-fulfilment-basic", "ordertower-simulators");
    private final Path home;
    private final Path log;
    private final String password;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Process karaf;

    private Node(Path home, Path log, String password) {
        this.home = home;
        this.log = log;
        this.password = password;
    }

    /** Unpacks {@code tarball} into {@code dir/node} (removing an earlier one) and adds the drill's user and features. */
    static Node unpack(Path tarball, Path dir) throws IOException, InterruptedException {
        Path work = dir.resolve("node");
        if (Files.exists(work)) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(work);
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", work.toString()).inheritIO().start();
        if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            throw new IOException("could not unpack " + tarball);
        }
        Path home;
        try (Stream<Path> s = Files.list(work)) {
            home = s.filter(p -> Files.isRegularFile(p.resolve("bin/karaf"))).findFirst()
                    .orElseThrow(() -> new IOException("no bin/karaf in " + tarball));
        }
        String password = "drill-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        Files.writeString(home.resolve("etc/users.properties"), System.lineSeparator() + USER + " = " + crypt(password)
                + ",admin,viewer,operator,reviewer,supervisor,pii,systembundles,ssh" + System.lineSeparator(),
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        Path features = home.resolve("etc/org.apache.karaf.features.cfg");
        String cfg = Files.readString(features);
        int boot = cfg.indexOf("featuresBoot = \\");
        if (boot < 0) {
            throw new IOException("no featuresBoot in " + features);
        }
        int after = cfg.indexOf('\n', boot) + 1;
        cfg = cfg.substring(0, after) + "    " + String.join(", ", FEATURES) + ", \\\n" + cfg.substring(after);
        Files.writeString(features, cfg);
        Path credentials = dir.resolve("drill-user.txt");
        Files.writeString(credentials, USER + " " + password + System.lineSeparator());
        try {
            Files.setPosixFilePermissions(credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file stays as created
        }
        return new Node(home, dir.resolve("node.log"), password);
    }

    /** Where the drill's user and password are written (readable by the owner only), to look at the node by hand. */
    Path credentials() {
        return log.resolveSibling("drill-user.txt");
    }

    /** Karaf's basic JAAS encryption as {@code etc/org.apache.karaf.jaas.cfg} sets it: {@code {CRYPT}hex(sha256){CRYPT}}. */
    private static String crypt(String password) {
        try {
            StringBuilder sb = new StringBuilder("{CRYPT}");
            for (byte b : MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8))) {
                sb.append(String.format("%02x", b));
            }
            return sb.append("{CRYPT}").toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path home() {
        return home;
    }

    /** Writes {@code etc/<pid>.cfg} (a factory configuration as {@code <factoryPid>-<name>}). Holds secrets. */
    void configure(String pid, Map<String, String> properties) throws IOException {
        StringBuilder b = new StringBuilder("# written by the peak drill\n");
        properties.forEach((k, v) -> b.append(k).append(" = ").append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(home.resolve("etc/" + pid + ".cfg"), b.toString());
    }

    /** Adds {@code properties} to the end of {@code etc/<pid>.cfg} (the last value of a key wins). */
    void append(String pid, Map<String, String> properties) throws IOException {
        StringBuilder b = new StringBuilder("\n# the peak drill\n");
        properties.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(home.resolve("etc/" + pid + ".cfg"), b.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Starts {@code bin/karaf server} and waits until the REST interface answers the drill's user. */
    void start(String javaOptions, Duration within) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("EXTRA_JAVA_OPTS", javaOptions);
        karaf = pb.start();
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (!karaf.isAlive()) {
                throw new IOException("the node ended (exit " + karaf.exitValue() + "); see " + log);
            }
            try {
                if (status("/api/v1/orders/stats") == 200 && status("/api/v1/shops") == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IOException("the node's REST interface did not answer within " + within.toSeconds() + " s; see " + log);
    }

    /** The JSON answer of {@code GET path}. */
    JsonNode get(String path) throws IOException {
        HttpResponse<String> r = send(request(path).GET().build());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return json.readTree(r.body());
    }

    /** The body of {@code GET path} as text (a CSV export). */
    String text(String path) throws IOException {
        HttpResponse<String> r = send(request(path).GET().build());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return r.body();
    }

    /** The status of {@code GET path}. */
    int status(String path) throws IOException {
        return send(request(path).GET().build()).statusCode();
    }

    /** The node's Prometheus metrics ({@code GET :8181/metrics}). */
    String metrics() throws IOException {
        HttpResponse<String> r = send(request(WEB_PORT, "/metrics").GET().build());
        if (r.statusCode() != 200) {
            throw new IOException("GET /metrics: HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** The JSON answer of {@code POST path} with a JSON {@code body}; any status but 2xx is an IOException. */
    JsonNode post(String path, String body) throws IOException {
        return post(path, "application/json", body);
    }

    /** A POST of {@code body} as {@code contentType} ({@code text/csv} for a catalog import). */
    JsonNode post(String path, String contentType, String body) throws IOException {
        HttpResponse<String> r = send(request(REST_PORT, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return r.body().isBlank() ? json.nullNode() : json.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return request(REST_PORT, path);
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /**
     * Kills the node as a power cut would: SIGKILL to Karaf's JVM and its launcher, no shutdown of anything; waits until
     * they are gone. {@link #start} starts it again on the same files.
     */
    void kill() throws InterruptedException {
        Process k = karaf;
        if (k == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(k.descendants().toList());
        all.add(k.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the node's process " + h.pid() + " outlived a kill -9 for 60 s", e);
            }
        }
    }

    /** Stops Karaf ({@code bin/stop}, then a kill for what is left). Never throws. */
    @Override
    public void close() {
        if (karaf == null) {
            return;
        }
        try {
            Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            stop.waitFor(30, TimeUnit.SECONDS);
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                karaf.descendants().forEach(ProcessHandle::destroyForcibly);
                karaf.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }
}

package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real distribution as a process of its own, as {@code run.sh} runs it: the tar.gz named by the system property
 * {@code ordertower.distribution} unpacked under {@code target/<name>}, started with {@code bin/karaf server}, its
 * console output in {@code target/<name>-karaf-<n>.log}. {@link #close} stops it for good ({@code bin/stop}, then
 * SIGKILL to whatever is left), and so does the JVM's exit. For the tests that need a node of their own: a kill -9,
 * or a browser outside the container.
 */
final class KarafProcess implements AutoCloseable {
    private static final Duration PORTS_TIMEOUT = Duration.ofSeconds(300);
    private final String name;
    private final int[] ports;
    private final Path target = Paths.get("target").toAbsolutePath().normalize();
    private final Path work;
    private final Thread shutdownHook;
    private Path home;
    private Process karaf;
    private int starts;

    /**
     * Unpacks the distribution (a leftover run of the same name is killed and deleted first).
     *
     * @param ports the ports this node listens on: a start waits until they are free
     */
    KarafProcess(String name, int... ports) throws IOException, InterruptedException {
        this.name = name;
        this.ports = ports.clone();
        this.work = target.resolve(name);
        String dist = System.getProperty("ordertower.distribution");
        assertNotNull("system property ordertower.distribution (path of the distribution tar.gz) is not set", dist);
        Path tgz = Paths.get(dist).toAbsolutePath();
        assertTrue("no distribution at " + tgz, Files.isRegularFile(tgz));
        unpack(tgz);
        shutdownHook = new Thread(this::close, name + "-stop-karaf");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    Path home() {
        return home;
    }

    /** Sets {@code key = value} in {@code etc/<file>} (appended: the last one wins), before a start. */
    KarafProcess configure(String file, String key, String value) throws IOException {
        Files.writeString(home.resolve("etc").resolve(file), System.lineSeparator() + key + " = " + value
                + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return this;
    }

    /** Starts Karaf once its ports are free. */
    void start() throws IOException, InterruptedException {
        waitPortsFree();
        starts++;
        File log = log().toFile();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
        System.out.printf(Locale.ROOT, "%s: started Karaf #%d, pid %d, output %s%n", name, starts, karaf.pid(), log);
    }

    /** Fails the test, with the output's tail, when Karaf exited. */
    void assertAlive() {
        if (!karaf.isAlive()) {
            fail("Karaf exited with " + karaf.exitValue() + "; output:\n" + logTail());
        }
    }

    /** The last 40 lines of the current start's console output. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGKILL to the Karaf JVM and the script that started it (destroyForcibly is SIGKILL on Linux). */
    void kill() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        karaf.descendants().forEach(tree::add);
        tree.add(karaf.toHandle());
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // checked below by command line
            }
        }
        karaf.waitFor(30, TimeUnit.SECONDS);
        killStragglers();
    }

    /** Any process still running from this node's directory (a java whose karaf.home is here). */
    List<ProcessHandle> processes() {
        String dir = work.toString();
        long self = ProcessHandle.current().pid();
        Set<Long> ancestors = new HashSet<>();
        for (ProcessHandle h = ProcessHandle.current(); h != null; h = h.parent().orElse(null)) {
            ancestors.add(h.pid());
        }
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self && !ancestors.contains(h.pid()) && h.isAlive())
                .filter(h -> commandLine(h).contains(dir))
                .collect(Collectors.toList());
    }

    static String describe(List<ProcessHandle> hs) {
        return hs.stream().map(h -> h.pid() + " " + abbreviate(commandLine(h), 120))
                .collect(Collectors.joining("; ", "[", "]"));
    }

    /** Stops Karaf for good: bin/stop first, then SIGKILL for whatever is left. Never throws. */
    @Override
    public synchronized void close() {
        try {
            if (karaf != null && karaf.isAlive()) {
                try {
                    Process stop = new ProcessBuilder(home.resolve("bin/stop").toString())
                            .directory(home.toFile()).redirectErrorStream(true)
                            .redirectOutput(target.resolve(name + "-stop.log").toFile()).start();
                    stop.waitFor(30, TimeUnit.SECONDS);
                    stop.destroyForcibly();
                    karaf.waitFor(60, TimeUnit.SECONDS);
                } catch (IOException e) {
                    // fall through to the kill
                }
                if (karaf.isAlive()) {
                    kill();
                }
            }
            killStragglers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            processes().forEach(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            System.out.println(name + ": stopping Karaf: " + e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private Path log() {
        return target.resolve(name + "-karaf-" + starts + ".log");
    }

    private void unpack(Path tgz) throws IOException, InterruptedException {
        if (!processes().isEmpty()) {
            killStragglers(); // left over from an aborted earlier run in the same directory
        }
        deleteTree(work);
        Files.createDirectories(work);
        Process tar = new ProcessBuilder("tar", "xzf", tgz.toString(), "-C", work.toString())
                .redirectErrorStream(true)
                .redirectOutput(target.resolve(name + "-tar.log").toFile())
                .start();
        assertTrue("tar did not finish within 5 minutes", tar.waitFor(5, TimeUnit.MINUTES));
        assertEquals("tar xzf " + tgz + " failed, see target/" + name + "-tar.log", 0, tar.exitValue());
        if (Files.isRegularFile(work.resolve("bin/karaf"))) {
            home = work;
        } else {
            try (Stream<Path> s = Files.list(work)) {
                home = s.filter(p -> Files.isRegularFile(p.resolve("bin/karaf"))).findFirst()
                        .orElseThrow(() -> new AssertionError("no bin/karaf in the unpacked distribution " + work));
            }
        }
        home.resolve("bin/karaf").toFile().setExecutable(true);
        TestUsers.addTo(home.resolve("etc/users.properties"));
    }

    private void waitPortsFree() throws InterruptedException {
        long deadline = System.nanoTime() + PORTS_TIMEOUT.toNanos();
        boolean said = false;
        while (true) {
            List<Integer> busy = new ArrayList<>();
            for (int port : ports) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    busy.add(port);
                } catch (IOException e) {
                    // free
                }
            }
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("ports " + busy + " still in use after " + PORTS_TIMEOUT.toSeconds() + " s; is another Karaf running?");
            }
            if (!said) {
                System.out.println(name + ": ports " + busy + " in use, waiting for them to be free");
                said = true;
            }
            Thread.sleep(2_000);
        }
    }

    private void killStragglers() throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            List<ProcessHandle> left = processes();
            if (left.isEmpty()) {
                return;
            }
            if (round == 0) {
                System.out.println(name + ": killing leftover processes " + describe(left));
            }
            left.forEach(ProcessHandle::destroyForcibly);
            Thread.sleep(500);
        }
    }

    private static String commandLine(ProcessHandle h) {
        ProcessHandle.Info i = h.info();
        StringBuilder b = new StringBuilder();
        i.command().ifPresent(b::append);
        i.arguments().ifPresent(a -> b.append(' ').append(String.join(" ", a)));
        i.commandLine().ifPresent(c -> b.append(' ').append(c));
        return b.toString();
    }

    private static String abbreviate(String s, int n) {
        return s.length() > n ? s.substring(0, n) + "…" : s;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}

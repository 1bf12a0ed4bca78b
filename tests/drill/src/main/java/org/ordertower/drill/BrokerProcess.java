package org.ordertower.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.broker.BrokerService;

/**
 * A shared ActiveMQ broker in a JVM of its own, as many nodes use one ({@code embedded=false} on the node): persistent
 * (KahaDB under {@code <dir>/broker}), listening on {@code tcp://127.0.0.1:<port>}, no login (loopback only). The drill
 * kills it ({@code kill -9}) and starts it again on the same store, the {@code --broker-restart} fault. Its output goes to
 * {@code <dir>/broker.log}.
 */
final class BrokerProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private BrokerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts the broker and waits until it takes connections. */
    static BrokerProcess start(int port, Path dir) throws IOException {
        BrokerProcess b = new BrokerProcess(port, dir);
        b.start();
        return b;
    }

    /** The URL a client connects to. */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private void start() throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(), String.valueOf(port),
                dir.resolve("broker").toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > end) {
                process.destroyForcibly();
                throw new IOException("the broker did not start within a minute; its output: "
                        + Files.readString(dir.resolve("broker.log")).lines().reduce("", (a, l) -> l));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the broker started", e);
            }
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code kill -9}: the broker stops at once, with what it holds on disk as it was. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts it again on the same store and port. */
    void restart() throws IOException {
        start();
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** The broker itself: {@code BrokerProcess <port> <data directory>}. */
    public static void main(String[] args) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName("drill");
        broker.setUseJmx(false);
        broker.setPersistent(true);
        broker.setDataDirectory(args[1]);
        broker.setUseShutdownHook(true);
        broker.addConnector("tcp://127.0.0.1:" + Integer.parseInt(args[0]));
        broker.start();
        broker.waitUntilStarted();
        System.out.println("broker listening on tcp://127.0.0.1:" + args[0] + ", store " + args[1]);
        Thread.currentThread().join();
    }
}

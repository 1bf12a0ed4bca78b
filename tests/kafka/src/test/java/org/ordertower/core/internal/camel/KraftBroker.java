package org.ordertower.core.internal.camel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real one-node Kafka (broker and controller, KRaft mode) inside the test JVM, on loopback ports of its own, its
 * storage formatted as {@code kafka-storage.sh format} does. It can be stopped and started again on the same ports and
 * log directory, as a broker restarted by its operator.
 */
final class KraftBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    KraftBroker(Path dir) throws Exception {
        this.dir = dir;
        this.port = freePort();
        this.controllerPort = freePort();
        new Formatter().setNodeId(1).setClusterId(Uuid.randomUuid().toString()).setDirectories(List.of(logDir()))
                .setMetadataLogDirectory(logDir()).setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).setPrintStream(System.out).run();
    }

    private String logDir() {
        return dir.resolve("kraft-logs").toString();
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    synchronized void start() {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "1");
        server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
    }

    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

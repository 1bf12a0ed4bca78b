package org.ordertower.inventory.internal.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.jdbc.TestDatabases;

/**
 * Two JVMs, each with its own inventory service (own stripes, own batches), reserve one hot SKU of
 * 1,000 units on one PostgreSQL: the database's locks and guard alone keep them from overselling.
 */
class TwoNodeReservationTest {

    @Test
    void twoProcessesOnOnePostgresNeverOversell() throws Exception {
        BasicDataSource ds = TestDatabases.pooled("postgres", 4);
        try (StockFixture f = new StockFixture(ds, 2)) {
            f.sku("HOT");
            f.warehouse("WH-A", 1);
            f.warehouse("WH-B", 2);
            f.stock("HOT", "WH-A", 700);
            f.stock("HOT", "WH-B", 300);

            List<Process> nodes = new ArrayList<>();
            List<BufferedReader> outs = new ArrayList<>();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (String node : List.of("node1", "node2")) {
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ReserveWorker.class.getName(),
                        ds.getUrl(), ds.getUsername(), node, "32", "25").redirectErrorStream(true).start();
                nodes.add(p);
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                outs.add(r);
                String line;
                while ((line = r.readLine()) != null && !line.equals("READY")) {
                    // log lines of the child before it is ready
                }
                assertEquals("READY", line, node + " did not start");
            }
            for (Process p : nodes) { // both go at once
                OutputStream in = p.getOutputStream();
                in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            int units = 0;
            int refused = 0;
            for (int i = 0; i < nodes.size(); i++) {
                String line;
                String result = null;
                while ((line = outs.get(i).readLine()) != null) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    }
                }
                assertTrue(nodes.get(i).waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, nodes.get(i).exitValue());
                String[] parts = result.split(" ");
                assertTrue(Integer.parseInt(parts[1]) > 0, "node " + (i + 1) + " took part: " + result);
                units += Integer.parseInt(parts[1]);
                refused += Integer.parseInt(parts[2]);
            }
            int reserved = f.inventory.view("HOT").rows().stream().mapToInt(StockRow::reserved).sum();
            assertTrue(units <= 1000, "oversold across nodes: " + units);
            assertTrue(units >= 999, "stock must sell out, reserved " + units);
            assertEquals(units, reserved);
            assertEquals(2 * 32 * 25, f.count("SELECT COUNT(*) FROM reservation") + refused);
            LedgerCheck check = f.inventory.check();
            assertTrue(check.ok(), check.differences().toString());
        }
    }
}

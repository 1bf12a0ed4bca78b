package org.ordertower.flows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.core.internal.pipeline.OrderPipeline;

/**
 * End-to-end pipeline throughput on one node: clients post paid orders (two lines each, 1,000
 * listed SKUs with ample stock) through the group-commit intake while the pipeline's own worker
 * maps, screens and reserves them. Prints intake rate, how long until every order is RESERVED, the
 * pipeline's rate, and the intake-to-RESERVED latency (p50, p99) per database.
 *
 * The pipeline runs with its production defaults ({@link OrderPipeline.Options#DEFAULTS}).
 *
 * <p>Arguments (optional): {@code --db h2,postgres --orders 20000 --clients 32}
 *
 * <p>Run: {@code tests/benchmarks/run.sh pipeline --db h2,postgres --orders 10000}. It lives in the flows' package
 * for {@link PipelineFixture}, which the flow tests share (tests/flows' test-jar).
 */
public final class PipelineBench {

    public static void main(String[] args) throws Exception {
        List<String> dbs = List.of("h2", "postgres");
        int orders = 20_000;
        int clients = 32;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--db" -> dbs = Arrays.asList(args[i + 1].split(","));
                case "--orders" -> orders = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%-9s %8s %12s %14s %14s %10s %10s%n", "db", "orders", "intake/s", "all reserved s",
                "pipeline/s", "p50 ms", "p99 ms");
        for (String db : dbs) {
            run(db, orders, clients);
        }
    }

    private static void run(String kind, int orders, int clients) throws Exception {
        // the distribution's defaults: the pipeline's options, and the screening history's facts in memory
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, clients + 8), true,
                OrderPipeline.Options.DEFAULTS,
                org.ordertower.rules.internal.history.OrderHistory.Settings.defaults(java.time.Clock.systemUTC()))) {
            StringBuilder skus = new StringBuilder(
                    "code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,low_stock_threshold,presale_threshold,presale_quota\n");
            StringBuilder maps = new StringBuilder("channel,shop,channel_sku,item_id,outer_code,master_sku,factor\n");
            for (int s = 0; s < 1000; s++) {
                skus.append("B-").append(s).append(",Bench ").append(s).append(",,10.00,100,,false,,0,0,0\n");
                maps.append("tmall,s1,T-").append(s).append(",,,B-").append(s).append(",1\n");
            }
            f.csv(CatalogTable.SKUS, skus.toString());
            f.csv(CatalogTable.MAPPINGS, maps.toString());
            f.inventory.saveWarehouse(new org.ordertower.api.inventory.Warehouse("HZ", "Hangzhou", "Zhejiang/Hangzhou", 30.27,
                    120.15, org.ordertower.api.inventory.Warehouse.Type.OWN, 1));
            for (int s = 0; s < 1000; s++) {
                f.stock("B-" + s, 1_000_000);
            }
            if (kind.equals("h2") && Boolean.getBoolean("bench.queries")) {
                try (Connection c = f.dataSource.getConnection(); Statement st = c.createStatement()) {
                    st.execute("SET QUERY_STATISTICS_MAX_ENTRIES 200");
                    st.execute("SET QUERY_STATISTICS TRUE");
                }
            }
            f.pipeline.start();
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                runs.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < orders; n = next.getAndIncrement()) {
                        f.intake(PipelineFixture.order("B" + n, 1, PaymentStatus.PAID,
                                List.of(line("1", n % 1000, 1 + n % 3), line("2", (n * 7 + 3) % 1000, 1))));
                    }
                    return null;
                }));
            }
            for (Future<?> r : runs) {
                r.get();
            }
            pool.shutdown();
            double intakeSeconds = (System.nanoTime() - start) / 1e9;
            // polled sparingly: the count competes with the pipeline for the 2 cores
            while (f.count("SELECT COUNT(*) FROM orders WHERE status = 'RESERVED'") < orders) {
                Thread.sleep(500);
            }
            double allSeconds = (System.nanoTime() - start) / 1e9;
            double[] latency = latencies(f);
            if (kind.equals("h2") && Boolean.getBoolean("bench.queries")) {
                try (Connection c = f.dataSource.getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT CUMULATIVE_EXECUTION_TIME, EXECUTION_COUNT, SQL_STATEMENT "
                                + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC LIMIT 12")) {
                    while (rs.next()) {
                        System.out.printf(Locale.ROOT, "%10.0f ms %8d  %.150s%n", rs.getDouble(1), rs.getLong(2),
                                rs.getString(3).replaceAll("\\s+", " "));
                    }
                }
            }
            if (!f.inventory.check().ok()) {
                throw new AssertionError("ledger check failed");
            }
            System.out.printf(Locale.ROOT, "%-9s %8d %12.0f %14.1f %14.0f %10.0f %10.0f%n", kind, orders,
                    orders / intakeSeconds, allSeconds, orders / allSeconds, latency[0], latency[1]);
        }
    }

    private static OrderLine line(String no, int sku, int qty) {
        BigDecimal price = new BigDecimal("10.00");
        return new OrderLine(no, "T-" + sku, null, "bench", qty, price, price.multiply(BigDecimal.valueOf(qty)), false, null);
    }

    /** Intake (received_at) to RESERVED (the order's last update), p50 and p99 in ms. */
    private static double[] latencies(PipelineFixture f) throws Exception {
        List<Long> ms = new ArrayList<>();
        try (Connection c = f.dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT received_at, updated_at FROM orders")) {
            while (rs.next()) {
                ms.add(java.time.Duration.between(rs.getObject(1, java.time.OffsetDateTime.class),
                        rs.getObject(2, java.time.OffsetDateTime.class)).toMillis());
            }
        }
        ms.sort(null);
        return new double[] { ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.99)) };
    }
}

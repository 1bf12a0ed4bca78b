package org.ordertower.sim.qimen;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.ordertower.connector.kit.Xml;
import org.ordertower.sim.kit.SimClock;
import org.ordertower.sim.kit.SimServer;

/**
 * The warehouse behind the simulated WMS: stock per warehouse and SKU, the orders it took, and the workers that
 * move them on an accelerated clock ({@code timeScale} simulated seconds per real second): a delivery goes
 * ACCEPT, PRINT, PICK, PACKAGE, DELIVERED minutes of simulated time apart, each step reported with
 * {@code orderprocess.report}, then {@code deliveryorder.confirm}; returns and entries are received hours later
 * and confirmed. Stock is locked at ACCEPT and leaves at DELIVERED. Thread-safe (one lock).
 */
final class QimenSimWarehouse implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("GMT+8"));

    /** Simulated delays: a realistic shift's pace. */
    static final Duration TO_ACCEPT = Duration.ofMinutes(1);
    static final Duration TO_PRINT = Duration.ofMinutes(5);
    static final Duration TO_PICK = Duration.ofMinutes(10);
    static final Duration TO_PACKAGE = Duration.ofMinutes(8);
    static final Duration TO_DELIVER = Duration.ofMinutes(15);
    static final Duration TO_SECOND_PACKAGE = Duration.ofMinutes(30);
    static final Duration TO_RETURN_RECEIVED = Duration.ofHours(2);
    static final Duration TO_ENTRY_RECEIVED = Duration.ofHours(3);

    enum State {
        NEW, ACCEPT, PRINT, PICK, PACKAGE, PARTDELIVERED, DELIVERED, EXCEPTION, CANCELED;

        boolean packed() {
            return this == PACKAGE || this == PARTDELIVERED || this == DELIVERED;
        }
    }

    record Line(String lineNo, String sku, int quantity) {
    }

    static final class Delivery {
        final String code;
        final String id;
        final String warehouseCode;
        final String logisticsCode;
        final String expressCode;
        final List<Line> lines;
        final String createTime;
        State state = State.NEW;
        boolean locked;
        final List<String> shippedExpressCodes = new ArrayList<>();

        Delivery(String code, String id, String warehouseCode, String logisticsCode, String expressCode, List<Line> lines,
                String createTime) {
            this.code = code;
            this.id = id;
            this.warehouseCode = warehouseCode;
            this.logisticsCode = logisticsCode;
            this.expressCode = expressCode;
            this.lines = List.copyOf(lines);
            this.createTime = createTime;
        }
    }

    static final class Inbound {
        final String code;
        final String id;
        final String warehouseCode;
        final String orderType;
        final String logisticsCode;
        final String expressCode;
        final List<Line> lines;
        boolean received;

        Inbound(String code, String id, String warehouseCode, String orderType, String logisticsCode, String expressCode,
                List<Line> lines) {
            this.code = code;
            this.id = id;
            this.warehouseCode = warehouseCode;
            this.orderType = orderType;
            this.logisticsCode = logisticsCode;
            this.expressCode = expressCode;
            this.lines = List.copyOf(lines);
        }
    }

    static final class Stock {
        int good;
        int defective;
        int locked;
    }

    /** A stock row as stock.query and inventory.query answer it. */
    record Row(String warehouseCode, String sku, String type, int quantity, int lockQuantity) {
    }

    private record Job(long dueMillis, long seq, Runnable action) {
    }

    private final Set<String> warehouseCodes;
    private final Map<String, TreeMap<String, Stock>> stock = new LinkedHashMap<>();
    private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
    private final Map<String, Inbound> returns = new LinkedHashMap<>();
    private final Map<String, Inbound> entries = new LinkedHashMap<>();
    private final Map<String, QimenSimulator.Scenario> forced = new LinkedHashMap<>();
    private final PriorityQueue<Job> jobs = new PriorityQueue<>((a, b) -> a.dueMillis != b.dueMillis
            ? Long.compare(a.dueMillis, b.dueMillis) : Long.compare(a.seq, b.seq));
    private final SplittableRandom random;
    /** The simulated clock the workers run on, from the epoch; frozen while paused. */
    private final SimClock simClock;
    private final double partialRatio;
    private final double damagedRatio;
    private final Clock clock;
    private final QimenSimCallbacks callbacks;
    private final SimServer counters;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qimen-sim-workers");
        t.setDaemon(true);
        return t;
    });
    private long seq;
    private long ids = 1_000_000L;
    private long waybills;

    QimenSimWarehouse(Set<String> warehouseCodes, double timeScale, double partialRatio, double damagedRatio, long seed,
            Clock clock, QimenSimCallbacks callbacks, SimServer counters) {
        this.warehouseCodes = Set.copyOf(warehouseCodes);
        this.simClock = new SimClock(Instant.EPOCH, timeScale);
        this.partialRatio = partialRatio;
        this.damagedRatio = damagedRatio;
        this.random = new SplittableRandom(seed);
        this.waybills = 10_000_000L + new SplittableRandom(seed).nextLong(80_000_000L);
        this.clock = clock;
        this.callbacks = callbacks;
        this.counters = counters;
        warehouseCodes.forEach(w -> stock.put(w, new TreeMap<>()));
        ticker.scheduleWithFixedDelay(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    boolean knows(String warehouseCode) {
        return warehouseCodes.contains(warehouseCode);
    }

    // ---- the clock and the workers

    private long simNow() {
        return simClock.millis();
    }

    /** Under the warehouse's lock, so that no worker step is under way when it returns. */
    synchronized void pause() {
        simClock.pause();
    }

    synchronized void resume() {
        simClock.resume();
    }

    private synchronized void at(Duration simDelay, Runnable action) {
        jobs.add(new Job(simNow() + simDelay.toMillis(), seq++, action));
    }

    private void tick() {
        try {
            while (true) {
                Runnable action;
                synchronized (this) {
                    Job next = jobs.peek();
                    if (simClock.paused() || next == null || next.dueMillis > simNow()) {
                        return;
                    }
                    action = jobs.poll().action;
                    action.run();
                }
            }
        } catch (RuntimeException e) {
            counters.count("workerErrors", 1);
        }
    }

    // ---- stock

    synchronized void seed(String warehouseCode, String sku, int good, int defective) {
        Stock s = stock.get(warehouseCode).computeIfAbsent(sku, k -> new Stock());
        s.good = good;
        s.defective = defective;
    }

    synchronized int[] stockOf(String warehouseCode, String sku) {
        Stock s = stock.getOrDefault(warehouseCode, new TreeMap<>()).get(sku);
        return s == null ? new int[3] : new int[] { s.good, s.defective, s.locked };
    }

    /** Every row of one warehouse (or all), sorted by warehouse, SKU, type: ZP always, CC when there is any. */
    synchronized List<Row> rows(String warehouseCode, String sku) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, Stock>> w : stock.entrySet()) {
            if (warehouseCode != null && !warehouseCode.equals(w.getKey())) {
                continue;
            }
            for (Map.Entry<String, Stock> e : w.getValue().entrySet()) {
                if (sku != null && !sku.equals(e.getKey())) {
                    continue;
                }
                Stock s = e.getValue();
                out.add(new Row(w.getKey(), e.getKey(), "ZP", s.good - s.locked, s.locked));
                if (s.defective > 0) {
                    out.add(new Row(w.getKey(), e.getKey(), "CC", s.defective, 0));
                }
            }
        }
        return out;
    }

    // ---- deliveries

    synchronized void force(String code, QimenSimulator.Scenario scenario) {
        forced.put(code, scenario);
    }

    /** Takes a delivery order; a known code gives the order it has (second element true). */
    synchronized Map.Entry<Delivery, Boolean> createDelivery(String code, String warehouseCode, String logisticsCode,
            String expressCode, List<Line> lines) {
        Delivery existing = deliveries.get(code);
        if (existing != null) {
            counters.count("deliveriesRepeated", 1);
            return Map.entry(existing, true);
        }
        Delivery d = new Delivery(code, "QM" + (ids++), warehouseCode, logisticsCode, expressCode, lines,
                TIME.format(clock.instant()));
        deliveries.put(code, d);
        counters.count("deliveries", 1);
        at(TO_ACCEPT, () -> accept(d));
        return Map.entry(d, false);
    }

    synchronized Delivery delivery(String code) {
        return deliveries.get(code);
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries.values());
    }

    /** CANCELLED, SHIPPED (packed or gone) or NOT_FOUND. */
    synchronized String cancel(String code, String warehouseCode) {
        Delivery d = deliveries.get(code);
        if (d == null || !d.warehouseCode.equals(warehouseCode)) {
            return "NOT_FOUND";
        }
        if (d.state.packed()) {
            counters.count("cancelsRefused", 1);
            return "SHIPPED";
        }
        if (d.state != State.CANCELED) {
            release(d);
            d.state = State.CANCELED;
            counters.count("cancels", 1);
        }
        return "CANCELLED";
    }

    private void accept(Delivery d) {
        if (d.state != State.NEW) {
            return;
        }
        QimenSimulator.Scenario scenario = forced.getOrDefault(d.code, QimenSimulator.Scenario.NORMAL);
        String missing = scenario == QimenSimulator.Scenario.EXCEPTION ? d.lines.get(0).sku() : shortOf(d);
        if (missing != null) {
            d.state = State.EXCEPTION;
            counters.count("exceptions", 1);
            report(d, "EXCEPTION", "缺货: 商品 " + missing + " 库位无可用库存");
            return;
        }
        for (Line l : d.lines) {
            stock.get(d.warehouseCode).get(l.sku()).locked += l.quantity();
        }
        d.locked = true;
        step(d, State.ACCEPT, "仓库接单", TO_PRINT, () -> step(d, State.PRINT, "面单已打印", TO_PICK,
                () -> step(d, State.PICK, "拣货完成", TO_PACKAGE, () -> step(d, State.PACKAGE, "打包完成", TO_DELIVER,
                        () -> deliver(d)))));
    }

    /** The SKU the warehouse cannot serve from its shelves, or null. */
    private String shortOf(Delivery d) {
        Map<String, Integer> need = new LinkedHashMap<>();
        d.lines.forEach(l -> need.merge(l.sku(), l.quantity(), Integer::sum));
        for (Map.Entry<String, Integer> e : need.entrySet()) {
            Stock s = stock.get(d.warehouseCode).get(e.getKey());
            if (s == null || s.good - s.locked < e.getValue()) {
                return e.getKey();
            }
        }
        return null;
    }

    private void step(Delivery d, State state, String info, Duration next, Runnable then) {
        if (d.state == State.CANCELED) {
            return;
        }
        d.state = state;
        report(d, state.name(), info);
        at(next, then);
    }

    private void deliver(Delivery d) {
        if (d.state != State.PACKAGE) {
            return;
        }
        QimenSimulator.Scenario scenario = forced.getOrDefault(d.code, QimenSimulator.Scenario.NORMAL);
        int units = d.lines.stream().mapToInt(Line::quantity).sum();
        boolean partial = units >= 2 && (scenario == QimenSimulator.Scenario.PARTIAL
                || scenario == QimenSimulator.Scenario.NORMAL && random.nextDouble() < partialRatio);
        if (!partial) {
            ship(d, d.lines, false);
            return;
        }
        // the first package takes the first half of the units, the rest follows in a second one
        List<Line> first = new ArrayList<>();
        List<Line> rest = new ArrayList<>();
        int left = units / 2;
        for (Line l : d.lines) {
            int take = Math.min(left, l.quantity());
            left -= take;
            if (take > 0) {
                first.add(new Line(l.lineNo(), l.sku(), take));
            }
            if (l.quantity() - take > 0) {
                rest.add(new Line(l.lineNo(), l.sku(), l.quantity() - take));
            }
        }
        ship(d, first, true);
        at(TO_SECOND_PACKAGE, () -> {
            if (d.state == State.PARTDELIVERED) {
                ship(d, rest, false);
            }
        });
    }

    private void ship(Delivery d, List<Line> lines, boolean partial) {
        String express = d.shippedExpressCodes.isEmpty() && d.expressCode != null ? d.expressCode : waybill(d.logisticsCode);
        d.shippedExpressCodes.add(express);
        for (Line l : lines) {
            Stock s = stock.get(d.warehouseCode).get(l.sku());
            s.good -= l.quantity();
            s.locked -= l.quantity();
        }
        d.state = partial ? State.PARTDELIVERED : State.DELIVERED;
        counters.count(partial ? "partialShipments" : "shipped", 1);
        if (!partial) {
            report(d, "DELIVERED", "已发货");
        }
        String now = TIME.format(clock.instant());
        Xml.Writer w = new Xml.Writer().open("request").open("deliveryOrder").leaf("deliveryOrderCode", d.code)
                .leaf("deliveryOrderId", d.id).leaf("warehouseCode", d.warehouseCode).leaf("orderType", "JYCK")
                .leaf("status", partial ? "PARTDELIVERED" : "DELIVERED")
                .leaf("outBizCode", d.id + "-" + d.shippedExpressCodes.size()).leaf("confirmType", partial ? 1 : 0)
                .leaf("logisticsCode", d.logisticsCode).leaf("expressCode", express).leaf("orderConfirmTime", now)
                .leaf("operateTime", now).close("deliveryOrder");
        w.open("packages").open("package").leaf("logisticsCode", d.logisticsCode).leaf("expressCode", express)
                .leaf("packageCode", d.id + "-P" + d.shippedExpressCodes.size())
                .leaf("weight", String.format(Locale.ROOT, "%.3f", 0.2 + random.nextDouble() * 2.8)).open("items");
        lines.forEach(l -> w.open("item").leaf("itemCode", l.sku()).leaf("quantity", l.quantity()).close("item"));
        w.close("items").close("package").close("packages").open("orderLines");
        lines.forEach(l -> w.open("orderLine").leaf("orderLineNo", l.lineNo()).leaf("itemCode", l.sku())
                .leaf("inventoryType", "ZP").leaf("actualQty", l.quantity()).close("orderLine"));
        callbacks.send("taobao.qimen.deliveryorder.confirm", d.code, w.close("orderLines").close("request").toString());
    }

    private void release(Delivery d) {
        if (d.locked) {
            for (Line l : d.lines) {
                stock.get(d.warehouseCode).get(l.sku()).locked -= l.quantity();
            }
            d.locked = false;
        }
    }

    private void report(Delivery d, String status, String info) {
        String body = new Xml.Writer().open("request").open("order").leaf("orderCode", d.code).leaf("orderId", d.id)
                .leaf("orderType", "JYCK").leaf("warehouseCode", d.warehouseCode).close("order").open("process")
                .leaf("processStatus", status).leaf("operatorCode", "SIM-OP-7").leaf("operatorName", "仓库作业员")
                .leaf("operateTime", TIME.format(clock.instant())).leaf("operateInfo", info).close("process")
                .close("request").toString();
        callbacks.send("taobao.qimen.orderprocess.report", d.code, body);
    }

    /** A carrier-like number: the carrier's usual prefix and length. */
    private String waybill(String logisticsCode) {
        long n = waybills++;
        String digits = String.format(Locale.ROOT, "%012d", n * 7919 % 1_000_000_000_000L);
        return switch (logisticsCode == null ? "" : logisticsCode) {
            case "SF" -> "SF1" + digits;
            case "ZTO" -> "78" + digits;
            case "YTO" -> "YT8" + digits;
            case "STO" -> "77" + digits;
            case "YUNDA" -> "43" + digits;
            case "JD" -> "JDVA" + digits.substring(1);
            case "EMS" -> "11" + digits.substring(2) + "01";
            case "JTSD" -> "JT0" + digits;
            default -> "QMSIM" + digits;
        };
    }

    // ---- returns and entries

    synchronized Map.Entry<Inbound, Boolean> createReturn(String code, String warehouseCode, String orderType,
            String logisticsCode, String expressCode, List<Line> lines) {
        return inbound(returns, new Inbound(code, "RT" + ids, warehouseCode, orderType, logisticsCode, expressCode, lines),
                "returns", TO_RETURN_RECEIVED, this::receiveReturn);
    }

    synchronized Map.Entry<Inbound, Boolean> createEntry(String code, String warehouseCode, String orderType,
            List<Line> lines) {
        return inbound(entries, new Inbound(code, "RK" + ids, warehouseCode, orderType, null, null, lines), "entries",
                TO_ENTRY_RECEIVED, this::receiveEntry);
    }

    /** Keeps a new return or entry and schedules its receipt; a known code gives the one it has (true). */
    private Map.Entry<Inbound, Boolean> inbound(Map<String, Inbound> book, Inbound fresh, String counter, Duration delay,
            java.util.function.Consumer<Inbound> receive) {
        Inbound existing = book.get(fresh.code);
        if (existing != null) {
            return Map.entry(existing, true);
        }
        ids++;
        book.put(fresh.code, fresh);
        counters.count(counter, 1);
        at(delay, () -> receive.accept(fresh));
        return Map.entry(fresh, false);
    }

    synchronized Inbound returnOrder(String code) {
        return returns.get(code);
    }

    synchronized Inbound entryOrder(String code) {
        return entries.get(code);
    }

    private void receiveReturn(Inbound r) {
        boolean allDamaged = forced.get(r.code) == QimenSimulator.Scenario.DAMAGED;
        String now = TIME.format(clock.instant());
        Xml.Writer w = new Xml.Writer().open("request").open("returnOrder").leaf("returnOrderCode", r.code)
                .leaf("returnOrderId", r.id).leaf("warehouseCode", r.warehouseCode).leaf("orderType", r.orderType)
                .leaf("outBizCode", r.id).leaf("orderConfirmTime", now).leaf("logisticsCode", r.logisticsCode)
                .leaf("expressCode", r.expressCode).close("returnOrder").open("orderLines");
        for (Line l : r.lines) {
            boolean damaged = allDamaged || random.nextDouble() < damagedRatio;
            Stock s = stock.get(r.warehouseCode).computeIfAbsent(l.sku(), k -> new Stock());
            if (damaged) {
                s.defective += l.quantity();
            } else {
                s.good += l.quantity();
            }
            w.open("orderLine").leaf("orderLineNo", l.lineNo()).leaf("itemCode", l.sku())
                    .leaf("inventoryType", damaged ? "CC" : "ZP").leaf("planQty", l.quantity())
                    .leaf("actualQty", l.quantity()).close("orderLine");
        }
        r.received = true;
        counters.count("returnsReceived", 1);
        callbacks.send("taobao.qimen.returnorder.confirm", r.code, w.close("orderLines").close("request").toString());
    }

    private void receiveEntry(Inbound e) {
        String now = TIME.format(clock.instant());
        Xml.Writer w = new Xml.Writer().open("request").open("entryOrder").leaf("entryOrderCode", e.code)
                .leaf("entryOrderId", e.id).leaf("warehouseCode", e.warehouseCode).leaf("entryOrderType", e.orderType)
                .leaf("outBizCode", e.id).leaf("confirmType", 0).leaf("status", "FULFILLED").leaf("operateTime", now)
                .close("entryOrder").open("orderLines");
        for (Line l : e.lines) {
            stock.get(e.warehouseCode).computeIfAbsent(l.sku(), k -> new Stock()).good += l.quantity();
            w.open("orderLine").leaf("orderLineNo", l.lineNo()).leaf("itemCode", l.sku()).leaf("inventoryType", "ZP")
                    .leaf("planQty", l.quantity()).leaf("actualQty", l.quantity()).close("orderLine");
        }
        e.received = true;
        counters.count("entriesReceived", 1);
        callbacks.send("taobao.qimen.entryorder.confirm", e.code, w.close("orderLines").close("request").toString());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}

package org.ordertower.itests.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load driver for the OrderTower intake: C client threads post generated orders to
 * {@code POST /api/v1/orders} and time each request from send to a 2xx answer. The server answers
 * 2xx only once the order is durably committed, so that latency is "sent to stored".
 *
 * <pre>
 * java -cp &lt;classes&gt; org.ordertower.itests.tools.LoadDriver --url http://127.0.0.1:8182 \
 *      --orders 2000 --clients 16 [--duration-s 60] [--shop NAME] [--lines 3] [--warmup-s 5] [--user NAME:PASSWORD]
 * </pre>
 *
 * <p>{@code --user} logs in with HTTP Basic (a user with the role admin or operator); the
 * environment variable {@code ORDERTOWER_USER} (NAME:PASSWORD) does the same without putting the
 * password on the command line.
 *
 * With {@code --duration-s} the driver runs for that long instead of a fixed number of orders.
 * The shop defaults to {@code load-<epoch-seconds>} so that runs never collide; warm-up orders go
 * to the shop {@code <shop>-warmup} and are not counted. Exit code 0 when every counted request was
 * answered 2xx, 1 when any failed, 2 on bad arguments.
 *
 * <p>Plain JDK only (java.net.http), so it runs anywhere a JDK 17 is.
 */
public final class LoadDriver {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadDriver: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        int rc = new Run(o).execute();
        System.exit(rc);
    }

    /** The Authorization header value for HTTP Basic with NAME:PASSWORD. */
    public static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- options

    static final class Options {
        static final String USAGE = "usage: LoadDriver --url http://127.0.0.1:8182 [--orders N] [--clients C]"
                + " [--duration-s S] [--shop NAME] [--lines L] [--warmup-s W] [--user NAME:PASSWORD]";
        String url = "http://127.0.0.1:8182";
        long orders = 10_000;
        int clients = 16;
        long durationS = -1;
        String shop = "load-" + (System.currentTimeMillis() / 1000);
        int lines = 3;
        int warmupS = 5;
        /** NAME:PASSWORD for HTTP Basic, or null. */
        String user = System.getenv("ORDERTOWER_USER");

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    throw new IllegalArgumentException("help");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                try {
                    switch (a) {
                        case "--url":
                            o.url = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                            break;
                        case "--orders":
                            o.orders = Long.parseLong(v);
                            break;
                        case "--clients":
                            o.clients = Integer.parseInt(v);
                            break;
                        case "--duration-s":
                            o.durationS = Long.parseLong(v);
                            break;
                        case "--shop":
                            o.shop = v;
                            break;
                        case "--lines":
                            o.lines = Integer.parseInt(v);
                            break;
                        case "--warmup-s":
                            o.warmupS = Integer.parseInt(v);
                            break;
                        case "--user":
                            o.user = v;
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option " + a);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(a + " needs a whole number, was '" + v + "'");
                }
            }
            if (o.clients < 1 || o.lines < 1 || o.lines > 500 || o.warmupS < 0) {
                throw new IllegalArgumentException("--clients >= 1, 1 <= --lines <= 500, --warmup-s >= 0");
            }
            if (o.durationS < 0 && o.orders < 1) {
                throw new IllegalArgumentException("--orders must be at least 1");
            }
            if (o.user != null && o.user.indexOf(':') <= 0) {
                throw new IllegalArgumentException("--user takes NAME:PASSWORD");
            }
            if (o.durationS == 0) {
                throw new IllegalArgumentException("--duration-s must be at least 1");
            }
            // platformOrderId = shop + "-" + counter must stay within the server's 64-character limit.
            if (o.shop.isBlank() || o.shop.length() > 40) {
                throw new IllegalArgumentException("--shop must be 1 to 40 characters");
            }
            return o;
        }
    }

    // ---------------------------------------------------------------- the run

    static final class Run {
        final Options o;
        final HttpClient http;
        final URI ordersUri;
        final AtomicLong counter = new AtomicLong();
        final LongAdder sent = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        final LongArray[] latencies;

        Run(Options o) {
            this.o = o;
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            this.ordersUri = URI.create(o.url + "/api/v1/orders");
            this.latencies = new LongArray[o.clients];
            for (int i = 0; i < o.clients; i++) {
                latencies[i] = new LongArray();
            }
        }

        int execute() throws InterruptedException {
            System.out.printf(Locale.ROOT, "LoadDriver: %s shop=%s clients=%d lines=%d %s, warm-up %d s%n",
                    ordersUri, o.shop, o.clients, o.lines,
                    o.durationS > 0 ? "duration=" + o.durationS + " s" : "orders=" + o.orders, o.warmupS);
            if (o.warmupS > 0) {
                warmUp();
            }
            long start = System.nanoTime();
            long deadline = o.durationS > 0 ? start + o.durationS * 1_000_000_000L : Long.MAX_VALUE;
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(o.clients);
            for (int c = 0; c < o.clients; c++) {
                final LongArray lat = latencies[c];
                Thread t = new Thread(() -> {
                    try {
                        clientLoop(lat, deadline);
                    } finally {
                        finished.countDown();
                    }
                }, "load-client-" + c);
                t.setDaemon(true);
                t.start();
            }
            Thread reporter = new Thread(() -> report(start, done), "load-reporter");
            reporter.setDaemon(true);
            reporter.start();
            finished.await();
            long end = System.nanoTime();
            done.set(true);
            reporter.interrupt();
            return summary(start, end);
        }

        private void clientLoop(LongArray lat, long deadline) {
            while (true) {
                long n;
                if (o.durationS > 0) {
                    if (System.nanoTime() >= deadline) {
                        return;
                    }
                    n = counter.incrementAndGet();
                } else {
                    n = counter.incrementAndGet();
                    if (n > o.orders) {
                        return;
                    }
                }
                String id = o.shop + "-" + n;
                String body = orderJson(o.shop, id, o.lines, n * 1_000_003L ^ o.shop.hashCode());
                HttpRequest req = post(body);
                sent.increment();
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    long t1 = System.nanoTime();
                    int s = r.statusCode();
                    if (s >= 200 && s < 300) {
                        ok.increment();
                        lat.add(t1 - t0);
                    } else {
                        failed.increment();
                        byStatus.computeIfAbsent(s, k -> new LongAdder()).increment();
                        if (samples.size() < 5) {
                            samples.add(s + " " + id + ": " + abbreviate(r.body()));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failed.increment();
                    errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                    if (samples.size() < 5) {
                        samples.add(e.getClass().getSimpleName() + " " + id + ": " + e.getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private HttpRequest post(String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(ordersUri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (o.user != null) {
                b.header("Authorization", basic(o.user));
            }
            return b.build();
        }

        /** Posts to a separate shop for a few seconds so the JIT and the connection pool are warm. */
        private void warmUp() throws InterruptedException {
            String shop = o.shop + "-warmup";
            long until = System.nanoTime() + o.warmupS * 1_000_000_000L;
            AtomicLong n = new AtomicLong();
            AtomicLong bad = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < o.clients; c++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < until) {
                        long i = n.incrementAndGet();
                        try {
                            HttpResponse<String> r = http.send(post(orderJson(shop, shop + "-" + i, o.lines, i)),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() / 100 != 2) {
                                bad.incrementAndGet();
                            }
                        } catch (IOException e) {
                            bad.incrementAndGet();
                            sleepQuietly(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "load-warmup-" + c);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf(Locale.ROOT, "warm-up: %d orders posted to shop %s (%d not 2xx), not counted%n",
                    n.get(), shop, bad.get());
        }

        private void report(long start, AtomicBoolean done) {
            long lastOk = 0;
            long lastT = start;
            while (!done.get()) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                if (done.get()) {
                    return;
                }
                long now = System.nanoTime();
                long okNow = ok.sum();
                double interval = (okNow - lastOk) / ((now - lastT) / 1e9);
                double overall = okNow / ((now - start) / 1e9);
                System.out.printf(Locale.ROOT, "[%5.0f s] stored %d, failed %d, last 10 s %.0f orders/s, overall %.0f orders/s%n",
                        (now - start) / 1e9, okNow, failed.sum(), interval, overall);
                lastOk = okNow;
                lastT = now;
            }
        }

        private int summary(long start, long end) {
            long[] all = LongArray.concat(latencies);
            Arrays.sort(all);
            double elapsed = (end - start) / 1e9;
            long okN = ok.sum();
            StringBuilder sb = new StringBuilder();
            sb.append("==================== LoadDriver result ====================\n");
            sb.append(String.format(Locale.ROOT, "url               %s%n", ordersUri));
            sb.append(String.format(Locale.ROOT, "shop              %s%n", o.shop));
            sb.append(String.format(Locale.ROOT, "clients / lines   %d / %d%n", o.clients, o.lines));
            sb.append(String.format(Locale.ROOT, "orders sent       %d%n", sent.sum()));
            sb.append(String.format(Locale.ROOT, "2xx (stored)      %d%n", okN));
            sb.append(String.format(Locale.ROOT, "non-2xx           %d%s%n", byStatus.values().stream().mapToLong(LongAdder::sum).sum(),
                    byStatus.isEmpty() ? "" : "  " + fmt(byStatus)));
            sb.append(String.format(Locale.ROOT, "errors            %d%s%n", errors.values().stream().mapToLong(LongAdder::sum).sum(),
                    errors.isEmpty() ? "" : "  " + fmt(errors)));
            sb.append(String.format(Locale.ROOT, "elapsed           %.2f s%n", elapsed));
            sb.append(String.format(Locale.ROOT, "throughput        %.1f orders/s (2xx)%n", okN / elapsed));
            if (all.length > 0) {
                sb.append(String.format(Locale.ROOT, "latency ms        p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (n=%d)%n",
                        ms(pct(all, 50)), ms(pct(all, 90)), ms(pct(all, 99)), ms(all[all.length - 1]), all.length));
            } else {
                sb.append("latency ms        (no successful request)\n");
            }
            for (String s : samples) {
                sb.append("  sample failure: ").append(s).append('\n');
            }
            sb.append("result            ").append(failed.sum() == 0 ? "OK" : "FAILED (" + failed.sum() + " requests)").append('\n');
            sb.append("===========================================================");
            System.out.println(sb);
            System.out.flush();
            return failed.sum() == 0 ? 0 : 1;
        }
    }

    // ---------------------------------------------------------------- order generation

    private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
            "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳", "司马" };
    private static final String[] GIVEN = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
            "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东", "子涵", "浩然", "欣怡", "梓萱", "宇轩",
            "雨桐", "思远", "嘉怡", "一诺" };
    private static final String[] PHONE_PREFIXES = { "130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
            "151", "152", "155", "156", "158", "159", "166", "177", "180", "181", "186", "187", "188", "189", "191", "199" };
    /** province, city, district, postcode. */
    private static final String[][] PLACES = {
            { "北京市", "北京市", "朝阳区", "100020" },
            { "北京市", "北京市", "海淀区", "100080" },
            { "上海市", "上海市", "浦东新区", "200120" },
            { "上海市", "上海市", "徐汇区", "200030" },
            { "广东省", "广州市", "天河区", "510630" },
            { "广东省", "深圳市", "南山区", "518052" },
            { "浙江省", "杭州市", "西湖区", "310013" },
            { "浙江省", "宁波市", "鄞州区", "315100" },
            { "江苏省", "南京市", "玄武区", "210018" },
            { "江苏省", "苏州市", "工业园区", "215021" },
            { "四川省", "成都市", "武侯区", "610041" },
            { "湖北省", "武汉市", "洪山区", "430070" },
            { "陕西省", "西安市", "雁塔区", "710061" },
            { "山东省", "青岛市", "市南区", "266001" },
            { "福建省", "厦门市", "思明区", "361001" },
            { "重庆市", "重庆市", "渝中区", "400010" },
            { "天津市", "天津市", "和平区", "300041" },
            { "湖南省", "长沙市", "岳麓区", "410006" },
            { "河南省", "郑州市", "金水区", "450008" },
            { "辽宁省", "沈阳市", "和平区", "110001" } };
    private static final String[] STREETS = { "中山路", "人民路", "解放路", "建设路", "长江路", "和平大道", "科技园路", "文化路",
            "学院路", "滨江大道", "南京路", "淮海中路", "天府大道", "珠江新城花城大道", "西湖文化广场" };
    private static final String[] COMPOUNDS = { "阳光花园", "锦绣小区", "万科城", "碧桂园", "绿地中心", "保利公馆", "幸福里",
            "金地格林", "世纪华庭", "" };
    private static final String[] PRODUCTS = { "纯棉圆领T恤", "无线蓝牙耳机", "不锈钢保温杯 500ml", "全自动雨伞", "手机壳 透明防摔",
            "有机绿茶 250g", "儿童积木套装", "运动跑鞋", "机械键盘 红轴", "护手霜 三支装", "坚果礼盒 1.2kg", "LED 台灯",
            "羊毛围巾", "瑜伽垫 加厚", "电动牙刷", "洗衣凝珠 52颗", "笔记本 A5 五本装", "数据线 Type-C 1m" };
    private static final String[] NOTES = { null, null, null, "请尽快发货", "周末送货", "放快递柜", "不要放门口，打电话",
            "礼物，请不要放发票" };

    /**
     * One order document as the generic intake takes it, generated deterministically from
     * {@code seed}: a Chinese buyer, phone and delivery address, {@code lines} lines with exact
     * two-decimal prices where each line's {@code paidAmount = quantity * unitPrice - lineDiscount}
     * and {@code amounts.goods = Σ quantity * unitPrice}, {@code amounts.discount = Σ lineDiscount},
     * {@code amounts.paid = goods - discount + shipping}. Channel {@code own}, platformVersion 1, PAID.
     */
    public static String orderJson(String shop, String platformOrderId, int lines, long seed) {
        Random r = new Random(seed);
        String name = pick(r, SURNAMES) + pick(r, GIVEN);
        String phone = pick(r, PHONE_PREFIXES) + String.format(Locale.ROOT, "%08d", r.nextInt(100_000_000));
        String[] place = pick(r, PLACES);
        String street = pick(r, STREETS) + (1 + r.nextInt(999)) + "号";
        String compound = pick(r, COMPOUNDS);
        String detail = compound + (1 + r.nextInt(30)) + "栋" + (1 + r.nextInt(6)) + "单元" + (1 + r.nextInt(33))
                + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(8)) + "室";
        LocalDateTime created = LocalDateTime.of(2026, 11, 11, 0, 0).plusSeconds(r.nextInt(86_400));
        LocalDateTime paidAt = created.plusSeconds(5 + r.nextInt(600));

        StringBuilder ls = new StringBuilder();
        long goodsCents = 0;
        long discountCents = 0;
        for (int i = 1; i <= lines; i++) {
            int qty = 1 + (r.nextInt(10) < 7 ? 0 : r.nextInt(4));
            long unit = 100 + r.nextInt(99_900);            // 1.00 .. 999.99
            if (r.nextInt(3) == 0) {
                unit = unit / 100 * 100 + 99;                // the ubiquitous xx.99
            }
            long lineGoods = unit * qty;
            long lineDiscount = r.nextInt(4) == 0 ? lineGoods * (5 + r.nextInt(16)) / 100 : 0; // 5..20 %
            long linePaid = lineGoods - lineDiscount;
            goodsCents += lineGoods;
            discountCents += lineDiscount;
            if (i > 1) {
                ls.append(',');
            }
            ls.append("{\"lineNo\":\"").append(i).append('"')
                    .append(",\"channelSku\":\"SKU-").append(10_000 + r.nextInt(90_000)).append('"')
                    .append(",\"title\":").append(quote(pick(r, PRODUCTS)))
                    .append(",\"quantity\":").append(qty)
                    .append(",\"unitPrice\":\"").append(money(unit)).append('"')
                    .append(",\"paidAmount\":\"").append(money(linePaid)).append('"')
                    .append('}');
        }
        long shippingCents = goodsCents - discountCents >= 9_900 ? 0 : (r.nextBoolean() ? 600 : 1_000);
        long paidCents = goodsCents - discountCents + shippingCents;
        String note = pick(r, NOTES);

        StringBuilder sb = new StringBuilder(512 + lines * 160);
        sb.append("{\"channel\":\"own\"")
                .append(",\"shop\":").append(quote(shop))
                .append(",\"platformOrderId\":").append(quote(platformOrderId))
                .append(",\"platformVersion\":1")
                .append(",\"platformStatus\":\"WAIT_SELLER_SEND_GOODS\"")
                .append(",\"paymentStatus\":\"PAID\"")
                .append(",\"buyer\":{\"name\":").append(quote(name))
                .append(",\"phone\":").append(quote(phone))
                .append(",\"platformBuyerId\":").append(quote("u" + Long.toUnsignedString(r.nextLong() >>> 24)))
                .append('}')
                .append(",\"address\":{\"country\":\"CN\"")
                .append(",\"province\":").append(quote(place[0]))
                .append(",\"city\":").append(quote(place[1]))
                .append(",\"district\":").append(quote(place[2]))
                .append(",\"street\":").append(quote(street))
                .append(",\"detail\":").append(quote(detail))
                .append(",\"postcode\":").append(quote(place[3]))
                .append('}')
                .append(",\"lines\":[").append(ls).append(']')
                .append(",\"amounts\":{\"currency\":\"CNY\"")
                .append(",\"goods\":\"").append(money(goodsCents)).append('"')
                .append(",\"discount\":\"").append(money(discountCents)).append('"')
                .append(",\"shipping\":\"").append(money(shippingCents)).append('"')
                .append(",\"paid\":\"").append(money(paidCents)).append('"')
                .append('}')
                .append(",\"createdAt\":\"").append(created.atOffset(CST).format(ISO)).append('"')
                .append(",\"paidAt\":\"").append(paidAt.atOffset(CST).format(ISO)).append('"');
        if (note != null) {
            sb.append(",\"buyerNote\":").append(quote(note));
        }
        sb.append('}');
        return sb.toString();
    }

    /** Cents as an exact two-decimal string: 1999 → "19.99". */
    static String money(long cents) {
        return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    private static <T> T pick(Random r, T[] a) {
        return a[r.nextInt(a.length)];
    }

    // ---------------------------------------------------------------- small helpers

    /** Nearest-rank percentile of a sorted array. */
    static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static <K extends Comparable<K>> String fmt(Map<K, LongAdder> m) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(m).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v.sum()));
        return "(" + b + ")";
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        s = s.replace('\n', ' ');
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A growable array of longs, one per client thread, so recording a latency never contends. */
    static final class LongArray {
        private long[] a = new long[1024];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        static long[] concat(LongArray[] arrays) {
            int total = 0;
            for (LongArray x : arrays) {
                total += x.n;
            }
            long[] out = new long[total];
            int at = 0;
            for (LongArray x : arrays) {
                System.arraycopy(x.a, 0, out, at, x.n);
                at += x.n;
            }
            return out;
        }
    }
}

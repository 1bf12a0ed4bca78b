package org.ordertower.sim.kuaidi100;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.kuaidi100.Kuaidi100SimJourney.Scenario;
import org.ordertower.sim.kuaidi100.Kuaidi100SimJourney.Step;
import org.ordertower.connector.kit.Forms;
import org.ordertower.sim.kit.SimClock;
import org.ordertower.sim.kit.SimCommandLine;
import org.ordertower.sim.kit.SimPusher;
import org.ordertower.sim.kit.SimServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A strict fake of Kuaidi100's tracking service (快递信息推送服务 and 实时快递查询) for one enterprise account, on
 * 127.0.0.1: {@code POST /poll} subscribes a number, {@code POST /poll/query.do} answers its trace so far. Every
 * subscribed number gets a journey on an accelerated clock ({@link Kuaidi100SimSettings}: {@code timeScale}
 * simulated seconds per real second); each new step is pushed to the subscription's callbackurl as Kuaidi100 does
 * (form {@code param=<json>&sign=UPPER(MD5(param + salt))}, the whole trace newest first), retried with back-off
 * until the receiver answers {@code {"result":true,"returnCode":"200"}}. Java API for tests: {@link #force},
 * {@link #seed}, {@link #advance}, {@link #subscriptions()}, {@link #pushes()}, {@link #server()}.
 */
public final class Kuaidi100Simulator implements RunningSimulator {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneId.of("Asia/Shanghai"));
    /** A number may be subscribed at most this many times a month (订阅接口: 每月最大订阅次数为4次). */
    static final int SUBSCRIPTIONS_PER_MONTH = 4;

    /** What a test sees of one subscription. */
    public record Subscription(String company, String number, String callbackUrl, String resultv2, String to,
            Instant subscribedAt, String status, int stepsPushed) {
    }

    private static final class Sub {
        final String company;
        final String number;
        final String callbackUrl;
        final String salt;
        final String resultv2;
        final String to;
        final Instant at;
        volatile String status = "polling";
        volatile int revealed;

        Sub(String company, String number, String callbackUrl, String salt, String resultv2, String to, Instant at) {
            this.company = company;
            this.number = number;
            this.callbackUrl = callbackUrl;
            this.salt = salt;
            this.resultv2 = resultv2;
            this.to = to;
            this.at = at;
        }
    }

    private final Kuaidi100SimSettings settings;
    private final SimClock clock;
    private final SimServer server;
    private final SimPusher pusher;
    private final ObjectMapper json = new ObjectMapper();
    private final Kuaidi100SimService service;
    private final Map<String, Kuaidi100SimJourney> journeys = new ConcurrentHashMap<>();
    private final Map<String, Scenario> forced = new ConcurrentHashMap<>();
    private final List<Sub> subs = new ArrayList<>();
    private final SplittableRandom random;
    private final ScheduledExecutorService ticker;

    private Kuaidi100Simulator(SimulatorOptions options) {
        this.settings = Kuaidi100SimSettings.from(options.settings());
        this.clock = new SimClock(Instant.now(), settings.timeScale());
        this.random = new SplittableRandom(settings.seed());
        this.server = new SimServer(options.port());
        this.service = new Kuaidi100SimService(this, json, settings.ratePerSecond());
        server.faultControl(); // POST /_sim/faults for a drill
        server.route("/poll", service::subscribe);
        server.route("/poll/query.do", service::query);
        this.pusher = new SimPusher("sim-kuaidi100-push", server, this::accepted, settings.pushAttempts(),
                settings.pushRetryMillis(), settings.duplicatePushes(), settings.shufflePushes(), settings.seed());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-kuaidi100-clock");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a simulator; {@code ordersPerMinute} and {@code peak} do not apply (Kuaidi100 tracks, it takes no orders). */
    public static Kuaidi100Simulator start(SimulatorOptions options) {
        Kuaidi100Simulator sim = new Kuaidi100Simulator(options);
        sim.server.start();
        sim.ticker.scheduleWithFixedDelay(sim::tickSafely, sim.settings.tickMillis(), sim.settings.tickMillis(),
                TimeUnit.MILLISECONDS);
        return sim;
    }

    Kuaidi100SimSettings settings() {
        return settings;
    }

    /** The simulated clock. */
    public SimClock clock() {
        return clock;
    }

    /** The HTTP side (calls received, for assertions). */
    public SimServer server() {
        return server;
    }

    public String customer() {
        return settings.customer();
    }

    public String key() {
        return settings.key();
    }

    public String salt() {
        return settings.salt();
    }

    /**
     * Makes the next journey of {@code company}/{@code number} (Kuaidi100 company code) go this way, replacing a
     * journey not yet started; call it before subscribing.
     */
    public void force(String company, String number, Scenario scenario) {
        forced.put(key(company, number), scenario);
        journeys.remove(key(company, number));
    }

    /** A parcel that has been travelling since {@code start} (so a query shows its trace), with the phone it has. */
    public void seed(String company, String number, Scenario scenario, Instant start, String phone) {
        journeys.put(key(company, number), journey(company, number, scenario, start, phone));
    }

    /** Moves simulated time forward and brings every journey up to it now. */
    public void advance(Duration simulated) {
        clock.advance(simulated);
        tick();
    }

    /** The subscriptions, oldest first. */
    public List<Subscription> subscriptions() {
        synchronized (subs) {
            return subs.stream().map(s -> new Subscription(s.company, s.number, s.callbackUrl, s.resultv2, s.to, s.at,
                    s.status, s.revealed)).toList();
        }
    }

    /** Every push attempt so far (the last {@link SimPusher#KEPT_ATTEMPTS}), oldest first. */
    public List<SimPusher.Attempt> pushes() {
        return pusher.attempts();
    }

    /** The journey of a number, or null. */
    public Kuaidi100SimJourney journey(String company, String number) {
        return journeys.get(key(company, number));
    }

    /** Called by the service: "200", or "501" for a duplicate. */
    String subscribe(String company, String number, String callbackUrl, String salt, String resultv2, String phone,
            String to) {
        Instant now = clock.instant();
        synchronized (subs) {
            int thisMonth = 0;
            for (Sub s : subs) {
                if (s.company.equals(company) && s.number.equals(number)) {
                    if (s.status.equals("polling")) {
                        return "501";
                    }
                    if (s.at.isAfter(now.minus(Duration.ofDays(30)))) {
                        thisMonth++;
                    }
                }
            }
            if (thisMonth >= SUBSCRIPTIONS_PER_MONTH) {
                return "501";
            }
            journeys.compute(key(company, number), (k, j) -> {
                if (j == null) {
                    return journey(company, number, forced.remove(k), now, phone);
                }
                return j.phone() == null && phone != null ? new Kuaidi100SimJourney(j.company(), j.number(), j.scenario(),
                        j.steps(), j.abortAt(), j.abortMessage(), phone) : j;
            });
            subs.add(new Sub(company, number, callbackUrl, salt, resultv2, to, now));
        }
        tick();
        return "200";
    }

    private Kuaidi100SimJourney journey(String company, String number, Scenario scenario, Instant start, String phone) {
        Scenario s = scenario;
        if (s == null) {
            double x;
            synchronized (random) {
                x = random.nextDouble();
            }
            s = x < settings.stuckRatio() ? Scenario.STUCK
                    : x < settings.stuckRatio() + settings.exceptionRatio() ? Scenario.EXCEPTION
                    : x < settings.stuckRatio() + settings.exceptionRatio() + settings.refusedRatio() ? Scenario.REFUSED
                    : Scenario.DELIVERED;
        }
        return Kuaidi100SimJourney.generate(company, Kuaidi100SimService.COMPANIES.get(company), number, s, start, phone,
                settings.seed(), Duration.ofHours(settings.stuckAbortHours()), Duration.ofHours(settings.noRecordAbortHours()));
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            count("tickErrors");
        }
    }

    /** Reveals the steps whose time has come and pushes each; aborts journeys whose silence has lasted. */
    synchronized void tick() {
        Instant now = clock.instant();
        List<Sub> active;
        synchronized (subs) {
            active = subs.stream().filter(s -> s.status.equals("polling")).toList();
        }
        for (Sub s : active) {
            Kuaidi100SimJourney j = journeys.get(key(s.company, s.number));
            if (j == null) {
                continue;
            }
            List<Step> steps = j.steps();
            while (s.revealed < steps.size() && !steps.get(s.revealed).at().isAfter(now)) {
                s.revealed++;
                Step step = steps.get(s.revealed - 1);
                boolean end = step.isFinal() && s.revealed == steps.size();
                if (end) {
                    s.status = "shutdown";
                }
                push(s, steps.subList(0, s.revealed), end ? "shutdown" : "polling", "");
            }
            if (j.abortAt() != null && s.revealed == steps.size() && !now.isBefore(j.abortAt())) {
                s.status = "abort";
                push(s, steps, "abort", j.abortMessage());
            }
        }
    }

    private void push(Sub s, List<Step> steps, String status, String message) {
        ObjectNode p = json.createObjectNode();
        p.put("status", status);
        p.put("billstatus", status.equals("shutdown") ? "check" : "got");
        p.put("message", message);
        p.put("autoCheck", "0");
        p.put("comOld", "");
        p.put("comNew", "");
        p.set("lastResult", service.result(s.company, s.number, steps, s.resultv2, true));
        String param = p.toString();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("param", param);
        if (s.salt != null) {
            form.put("sign", Kuaidi100SimService.md5Upper(param + s.salt));
        }
        String url = settings.callbackUrl() != null ? settings.callbackUrl() : s.callbackUrl;
        count("pushes");
        pusher.submit(new SimPusher.Push(s.company + ":" + s.number + ":" + steps.size() + ":" + status, url,
                "application/x-www-form-urlencoded;charset=UTF-8", Forms.encode(form), Map.of()));
    }

    /** Kuaidi100 counts a push delivered only on {@code {"result":true,"returnCode":"200",...}}. */
    private boolean accepted(int status, String body) {
        if (status != 200) {
            return false;
        }
        try {
            JsonNode a = json.readTree(body);
            return a != null && a.path("result").isBoolean() && a.path("result").asBoolean()
                    && "200".equals(a.path("returnCode").asText());
        } catch (Exception e) {
            return false;
        }
    }

    static String format(Instant at) {
        return TIME.format(at);
    }

    private static String key(String company, String number) {
        return company + ":" + number;
    }

    void count(String name) {
        server.count(name, 1);
    }

    @Override
    public String channelId() {
        return "kuaidi100";
    }

    @Override
    public int port() {
        return server.port();
    }

    /** The tracking host, the connector's {@code pollUrl}. */
    @Override
    public String gatewayUrl() {
        return server.baseUrl();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>(server.counters());
        synchronized (subs) {
            c.put("tracked", subs.stream().filter(s -> s.status.equals("polling")).count());
        }
        return c;
    }

    /** The connector configuration keys that talk to this simulator. Holds secrets: never log it. */
    @Override
    public Map<String, String> shopConfiguration() {
        return Map.of("pollUrl", gatewayUrl(), "customer", customer(), "key", key(), "salt", salt());
    }

    /** Does nothing: a tracking service generates no orders. */
    @Override
    public void rate(double ordersPerMinute, boolean peak) {
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        pusher.close();
        server.close();
    }

    /**
     * {@code java -jar ordertower-sim-kuaidi100-<version>-sim.jar --port 8301 [--set timeScale=600]
     * [--set refusedRatio=0.1]...}; prints the pollUrl, customer, key and salt a connector should use.
     */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine line = SimCommandLine.parseOrExit(args, 8301);
        Kuaidi100Simulator sim = start(new SimulatorOptions(line.port(), 0, false, line.settings()));
        SimCommandLine.serve("Kuaidi100 simulator", sim.shopConfiguration(), sim);
    }
}

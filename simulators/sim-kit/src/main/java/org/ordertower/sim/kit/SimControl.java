package org.ordertower.sim.kit;

import java.time.Instant;
import java.util.Map;

/**
 * The simulator's own control paths under {@code /_sim/}, beside the platform's protocol (no platform has such a path),
 * for a drill that runs the simulator in a process of its own. Never faulted ({@link SimFaults} lets them through), so
 * a drill can end an outage it started:
 * <ul>
 * <li>{@code GET /_sim/book}: the shop's book as JSON, every order with its id as the platform shows it
 * ({@code platformId}), creation, payment, status, anomaly label and tracking, and the counters; what a drill checks the
 * node against.</li>
 * <li>{@code GET /_sim/summary}: the book's orders, paid orders (ever), orders with tracking, labelled orders, and the
 * blacklisted buyers as the platform shows them to an app (what a merchant's blacklist holds).</li>
 * <li>{@code POST /_sim/rate?perMinute=N&peak=true|false}: the order rate.</li>
 * <li>{@code POST /_sim/anomalies?share=S}: the share of new orders with a labelled anomaly (0..0.5).</li>
 * <li>{@code POST /_sim/faults?outage=true|false} or {@code ?failRate=R&kind=K&slowMillis=M&targets=a,b}: the
 * platform's faults (see {@link SimFaults#configure}).</li>
 * </ul>
 * A bad value is a {@code 400} naming it; an unknown path a {@code 404}.
 */
final class SimControl implements SimServer.Handler {
    static final String PREFIX = "/_sim/";
    private final SimChannelSimulator sim;

    SimControl(SimChannelSimulator sim) {
        this.sim = sim;
    }

    @Override
    public SimResponse handle(SimRequest request) {
        String what = request.path().substring(PREFIX.length());
        try {
            if (what.equals("book") && request.method().equals("GET")) {
                return SimResponse.json(book());
            }
            if (what.equals("summary") && request.method().equals("GET")) {
                return SimResponse.json(summary());
            }
            if (!request.method().equals("POST")) {
                return SimResponse.json(what.equals("book") || what.equals("summary") ? 405 : 404, error("no such control "
                        + request.method() + " " + request.path()
                        + "; use GET /_sim/book, /_sim/summary or POST /_sim/rate, /_sim/anomalies, /_sim/faults"));
            }
            switch (what) {
                case "rate" -> sim.rate(number(request, "perMinute"), bool(request, "peak"));
                case "anomalies" -> sim.book().anomalies(number(request, "share"));
                case "faults" -> faults(request);
                default -> {
                    return SimResponse.json(404, error("no such control " + request.path()));
                }
            }
            return SimResponse.json("{\"ok\":true}");
        } catch (IllegalArgumentException e) {
            return SimResponse.json(400, error(e.getMessage()));
        }
    }

    private void faults(SimRequest request) {
        sim.faults().configure(request::param);
    }

    private String summary() {
        SimOrderBook.Tally t = sim.book().tally();
        StringBuilder blacklisted = new StringBuilder();
        for (String b : SimOrderBook.BLACKLISTED_BUYERS) {
            String shown = sim.platformBuyerId(b);
            if (shown != null) {
                blacklisted.append(blacklisted.length() == 0 ? "" : ",").append(quote(shown));
            }
        }
        return "{\"orders\":" + t.orders() + ",\"paid\":" + t.paid() + ",\"tracked\":" + t.tracked() + ",\"labelled\":"
                + t.labelled() + ",\"blacklisted\":[" + blacklisted + "]}";
    }

    private String book() {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\"channel\":").append(quote(sim.channelId())).append(",\"shop\":").append(quote(sim.book().shopId()))
                .append(",\"counters\":{");
        boolean first = true;
        for (Map.Entry<String, Long> c : sim.counters().entrySet()) {
            b.append(first ? "" : ",").append(quote(c.getKey())).append(':').append(c.getValue());
            first = false;
        }
        b.append("},\"orders\":[");
        first = true;
        for (SimOrder o : sim.book().all()) {
            int tracked = 0;
            Instant shipped = null;
            for (SimOrder.Line l : o.lines) {
                if (l.trackingNo != null) {
                    tracked++;
                    shipped = shipped == null || l.shippedAt.isAfter(shipped) ? l.shippedAt : shipped;
                }
            }
            b.append(first ? "" : ",").append("{\"id\":").append(quote(o.orderId)).append(",\"platformId\":")
                    .append(quote(sim.platformOrderId(o))).append(",\"created\":")
                    .append(quote(o.created)).append(",\"paid\":").append(quote(o.paidAt)).append(",\"status\":")
                    .append(quote(o.status)).append(",\"anomaly\":").append(quote(o.anomaly)).append(",\"lines\":")
                    .append(o.lines.size()).append(",\"tracked\":").append(tracked).append(",\"shipped\":").append(quote(shipped))
                    .append('}');
            first = false;
        }
        return b.append("]}").toString();
    }

    private static double number(SimRequest r, String name) {
        String v = r.param(name);
        try {
            return Double.parseDouble(v == null ? "" : v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
        }
    }

    private static boolean bool(SimRequest r, String name) {
        String v = r.param(name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
    }

    static String error(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    /** A JSON string of {@code v}'s text, or null. */
    private static String quote(Object v) {
        if (v == null) {
            return "null";
        }
        String s = v.toString();
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

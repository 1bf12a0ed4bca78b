package org.ordertower.sim.cainiao;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.connector.kit.Digests;

/**
 * The movement of issued parcels on the simulated clock: created, collected, through hubs, out for delivery,
 * delivered; or one of the scenarios, forced per waybill or drawn by the ratio settings. Events are computed from
 * the issue time, so they are the same whenever they are asked for. Thread-safe.
 */
final class SimTracks {
    /** What happens to a parcel. */
    enum Scenario {
        /** Delivered about 34 simulated hours after issue. */
        NORMAL,
        /** Stops moving once it first arrives at a hub. */
        STUCK,
        /** A problem parcel (问题件) at the destination hub, then nothing. */
        EXCEPTION,
        /** Refused at the door, returning, then signed for by the sender. */
        REFUSED
    }

    /**
     * One trace step.
     *
     * @param at when, on the simulated clock
     * @param action {@code taobao.logistics.trace.get}'s action
     * @param desc the carrier's text
     */
    record Step(Instant at, String action, String desc) {
    }

    private static final String[] HUBS = { "杭州萧山转运中心", "上海青浦转运中心", "武汉转运中心", "郑州航空港转运中心", "广州白云转运中心",
            "北京顺义转运中心", "成都双流转运中心", "西安咸阳转运中心", "南京江宁转运中心", "长沙望城转运中心" };
    private static final String[] COURIERS = { "王师傅", "李师傅", "张师傅", "刘师傅", "陈师傅" };
    private static final Map<String, String> NAMES = Map.of("SF", "顺丰速运", "ZTO", "中通快递", "YTO", "圆通速递", "STO", "申通快递",
            "YUNDA", "韵达快递", "POSTB", "邮政快递包裹", "EMS", "EMS", "JD", "京东快递");

    private final Clock clock;
    private final long seed;
    private final double stuckRatio;
    private final double exceptionRatio;
    private final double refusedRatio;
    private final Map<String, Scenario> forced = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    SimTracks(Clock clock, long seed, double stuckRatio, double exceptionRatio, double refusedRatio) {
        if (stuckRatio < 0 || exceptionRatio < 0 || refusedRatio < 0 || stuckRatio + exceptionRatio + refusedRatio > 1) {
            throw new IllegalArgumentException("stuckRatio, exceptionRatio and refusedRatio must be at least 0 and add up to 1 at most");
        }
        this.clock = clock;
        this.seed = seed;
        this.stuckRatio = stuckRatio;
        this.exceptionRatio = exceptionRatio;
        this.refusedRatio = refusedRatio;
    }

    void force(String waybillCode, Scenario scenario) {
        forced.put(waybillCode, scenario);
    }

    Scenario scenario(String waybillCode) {
        Scenario s = forced.get(waybillCode);
        if (s != null) {
            return s;
        }
        double draw = (Digests.md5Hex(seed + ":scenario:" + waybillCode).hashCode() & 0x7fffffff) / (double) Integer.MAX_VALUE;
        if (draw < stuckRatio) {
            return Scenario.STUCK;
        }
        if (draw < stuckRatio + exceptionRatio) {
            return Scenario.EXCEPTION;
        }
        return draw < stuckRatio + exceptionRatio + refusedRatio ? Scenario.REFUSED : Scenario.NORMAL;
    }

    boolean cancelled(String waybillCode) {
        return cancelled.contains(waybillCode);
    }

    void cancel(String waybillCode) {
        cancelled.add(waybillCode);
    }

    /** The steps that have happened by now, oldest first. */
    List<Step> steps(SimParcel p) {
        Instant now = clock.instant();
        return all(p).stream().filter(s -> !s.at().isAfter(now)).toList();
    }

    /** True once a courier has collected the parcel (it can no longer be cancelled). */
    boolean collected(SimParcel p) {
        return steps(p).stream().anyMatch(s -> "GOT".equals(s.action()));
    }

    private List<Step> all(SimParcel p) {
        Scenario scenario = scenario(p.waybillCode());
        int h = Digests.md5Hex(seed + ":route:" + p.waybillCode()).hashCode() & 0x7fffffff;
        String carrier = NAMES.getOrDefault(p.cpCode(), p.cpCode());
        String from = p.fromCity();
        String to = p.toCity();
        String originHub = from + "转运中心";
        String midHub = HUBS[h % HUBS.length];
        String destHub = to + "转运中心";
        String courier = COURIERS[h % COURIERS.length];
        Instant t0 = p.issuedAt();
        List<Step> s = new ArrayList<>();
        s.add(step(t0, 0, "CREATE", "【" + from + "】商家已打印" + carrier + "电子面单，等待快递员揽收"));
        s.add(step(t0, 120, "GOT", "【" + from + "】" + carrier + " " + from + "营业部 已揽收"));
        s.add(step(t0, 240, "DEPARTURE", "【" + from + "】快件离开【" + originHub + "】，发往【" + midHub + "】"));
        s.add(step(t0, 720, "ARRIVE", "【" + midHub.substring(0, 2) + "】快件已到达【" + midHub + "】"));
        if (scenario == Scenario.STUCK) {
            return s;
        }
        s.add(step(t0, 840, "DEPARTURE", "【" + midHub.substring(0, 2) + "】快件离开【" + midHub + "】，发往【" + destHub + "】"));
        s.add(step(t0, 1440, "ARRIVE", "【" + to + "】快件已到达【" + destHub + "】"));
        if (scenario == Scenario.EXCEPTION) {
            s.add(step(t0, 1800, "FAILED", "【" + to + "】问题件：收件地址不详，快件暂存【" + destHub + "】，等待处理"));
            return s;
        }
        s.add(step(t0, 1800, "SENT_SCAN", "【" + to + "】快递员 " + courier + " 正在派件，请保持电话畅通"));
        if (scenario == Scenario.REFUSED) {
            s.add(step(t0, 1980, "REJECT", "【" + to + "】收件人拒收，快件将退回寄件人"));
            s.add(step(t0, 2160, "TMS_RETURN", "【" + to + "】退回件离开【" + destHub + "】，发往【" + originHub + "】"));
            s.add(step(t0, 3600, "RETURN_SIGNED", "【" + from + "】退回件已由寄件人签收"));
            return s;
        }
        s.add(step(t0, 2040, "SIGNED", "【" + to + "】快件已签收，签收人：本人签收。感谢使用" + carrier + "，期待再次为您服务"));
        return s;
    }

    private static Step step(Instant t0, long minutes, String action, String desc) {
        return new Step(t0.plus(Duration.ofMinutes(minutes)), action, desc);
    }

    /** The trade-level status text {@code taobao.logistics.trace.get} gives next to the steps. */
    static String status(List<Step> steps) {
        if (steps.isEmpty()) {
            return "待揽收";
        }
        return switch (steps.get(steps.size() - 1).action()) {
            case "CREATE" -> "待揽收";
            case "GOT" -> "已揽收";
            case "SENT_SCAN" -> "派件中";
            case "SIGNED" -> "已签收";
            case "FAILED" -> "问题件";
            case "REJECT" -> "拒收";
            case "TMS_RETURN" -> "退回中";
            case "RETURN_SIGNED" -> "已退回";
            default -> "运输中";
        };
    }
}

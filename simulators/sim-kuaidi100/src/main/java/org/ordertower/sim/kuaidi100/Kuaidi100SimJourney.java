package org.ordertower.sim.kuaidi100;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.ordertower.sim.kit.FakeData;

/**
 * One parcel's journey as Kuaidi100 would see it: trace steps with their times (simulated) and Chinese text, and
 * for a parcel that stops, when Kuaidi100 gives up on it. Immutable; built from a seed so a number always gets the
 * same cities and couriers.
 *
 * @param company Kuaidi100 company code
 * @param number the waybill number
 * @param scenario how it goes
 * @param steps the trace, oldest first
 * @param abortAt when Kuaidi100 aborts tracking, null when it does not
 * @param abortMessage the abort's message
 * @param phone the phone Kuaidi100 checks SF and ZTO queries against (last four digits), may be null
 */
public record Kuaidi100SimJourney(String company, String number, Scenario scenario, List<Step> steps, Instant abortAt,
        String abortMessage, String phone) {

    /** How a journey goes. */
    public enum Scenario {
        /** Collected, several transit steps, out for delivery, signed (3, then shutdown). */
        DELIVERED,
        /** Collected and a few transit steps, then silence, then an abort ("60天无变化"). */
        STUCK,
        /** Out for delivery, a delivery problem (2/204), delivered again, signed after the problem (302). */
        EXCEPTION,
        /** Out for delivery, refused (14), back to the sender (6), signed by the sender (4, then shutdown). */
        REFUSED,
        /** No trace at all, then an abort ("3天查询无记录"): a mistyped number. */
        NO_RECORD
    }

    /**
     * One trace entry.
     *
     * @param at when, simulated
     * @param context the carrier's text
     * @param areaName province and city
     * @param code the advanced state code (statusCode)
     * @param name the advanced state name
     * @param mainCode the main state code
     * @param mainName the main state name
     */
    public record Step(Instant at, String context, String areaName, String code, String name, String mainCode,
            String mainName) {

        /** True for a step after which the parcel does not move (signed by the receiver or the sender). */
        public boolean isFinal() {
            return mainCode.equals("3") || mainCode.equals("4");
        }
    }

    /** Builds a journey starting (collected half an hour later) at {@code start}. */
    public static Kuaidi100SimJourney generate(String company, String companyName, String number, Scenario scenario,
            Instant start, String phone, long seed, Duration stuckAbort, Duration noRecordAbort) {
        SplittableRandom r = new SplittableRandom(seed ^ number.hashCode() * 0x9E3779B97F4A7C15L);
        String[] from = FakeData.address(r);
        String[] to = FakeData.address(r);
        for (int i = 0; i < 8 && to[1].equals(from[1]); i++) {
            to = FakeData.address(r);
        }
        Builder b = new Builder(start.plus(Duration.ofMinutes(20 + r.nextInt(40))), r);
        String oCity = from[1];
        String oShort = shortCity(oCity);
        String oSite = oShort + from[2] + "营业部";
        String oHub = oShort + "转运中心";
        String dCity = to[1];
        String dShort = shortCity(dCity);
        String dSite = dShort + to[2] + "营业部";
        String dHub = dShort + "转运中心";
        String oArea = area(from);
        String dArea = area(to);
        String courier = FakeData.name(r).charAt(0) + "师傅";
        if (scenario == Scenario.NO_RECORD) {
            return new Kuaidi100SimJourney(company, number, scenario, List.of(), start.plus(noRecordAbort),
                    hours(noRecordAbort) + "查询无记录", phone);
        }
        b.step(0, "【" + oCity + "】 " + companyName + "【" + oSite + "】已揽收", oArea, "103", "已揽收", "1", "揽收");
        b.step(2, "【" + oCity + "】 快件离开【" + oSite + "】已发往【" + oHub + "】", oArea, "1002", "干线", "0", "在途");
        b.step(3, "【" + oCity + "】 快件已到达【" + oHub + "】", oArea, "1002", "干线", "0", "在途");
        if (scenario == Scenario.STUCK) {
            Instant last = b.steps.get(b.steps.size() - 1).at();
            return new Kuaidi100SimJourney(company, number, scenario, List.copyOf(b.steps), last.plus(stuckAbort),
                    hours(stuckAbort) + "无变化", phone);
        }
        b.step(2, "【" + oCity + "】 快件离开【" + oHub + "】已发往【" + dHub + "】", oArea, "1002", "干线", "0", "在途");
        b.step(12 + r.nextInt(18), "【" + dCity + "】 快件已到达【" + dHub + "】", dArea, "1001", "到达派件城市", "0", "在途");
        b.step(3, "【" + dCity + "】 快件离开【" + dHub + "】已发往【" + dSite + "】", dArea, "1002", "干线", "0", "在途");
        b.step(4, "【" + dCity + "】 【" + dSite + "】的派件员【" + courier + "】正在为您派件", dArea, "5", "派件", "5", "派件");
        switch (scenario) {
            case EXCEPTION -> {
                b.step(2, "【" + dCity + "】 快件派送不成功，原因：收件地址不详，待与收件人联系后再次派送", dArea, "204", "派件异常", "2",
                        "疑难");
                b.step(18, "【" + dCity + "】 【" + dSite + "】的派件员【" + courier + "】正在为您再次派件", dArea, "5", "派件", "5",
                        "派件");
                b.step(3, "【" + dCity + "】 您的快件已签收，签收人：本人签收。感谢使用" + companyName + "，期待再次为您服务", dArea, "302",
                        "派件异常后签收", "3", "签收");
            }
            case REFUSED -> {
                b.step(2, "【" + dCity + "】 收件人拒收，原因：不想要了，快件将退回寄件人", dArea, "14", "拒签", "14", "拒签");
                b.step(5, "【" + dCity + "】 快件已退回，离开【" + dSite + "】已发往【" + oHub + "】", dArea, "6", "退回", "6", "退回");
                b.step(14 + r.nextInt(12), "【" + oCity + "】 退回件已到达【" + oHub + "】", oArea, "6", "退回", "6", "退回");
                b.step(6, "【" + oCity + "】 退回件已由寄件人签收，感谢使用" + companyName, oArea, "4", "退签", "4", "退签");
            }
            default -> b.step(3, "【" + dCity + "】 您的快件已签收，签收人：本人签收。感谢使用" + companyName + "，期待再次为您服务", dArea,
                    "301", "本人签收", "3", "签收");
        }
        return new Kuaidi100SimJourney(company, number, scenario, List.copyOf(b.steps), null, null, phone);
    }

    /** The steps that have happened by {@code now}. */
    public List<Step> revealed(Instant now) {
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.at().isAfter(now)) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    private static String hours(Duration d) {
        long h = d.toHours();
        return h % 24 == 0 ? h / 24 + "天" : h + "小时";
    }

    private static String shortCity(String city) {
        return city.endsWith("市") ? city.substring(0, city.length() - 1) : city;
    }

    private static String area(String[] address) {
        return address[0].equals(address[1].replace("市", "")) ? address[1] + "," + address[2]
                : address[0] + "," + address[1] + "," + address[2];
    }

    private static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private final SplittableRandom r;
        private Instant at;

        Builder(Instant first, SplittableRandom r) {
            this.at = first;
            this.r = r;
        }

        void step(int hoursAfter, String context, String area, String code, String name, String mainCode, String mainName) {
            if (!steps.isEmpty()) {
                at = at.plus(Duration.ofHours(hoursAfter)).plusSeconds(r.nextInt(3_000));
            }
            steps.add(new Step(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), context, area, code, name, mainCode,
                    mainName));
        }
    }
}

package org.ordertower.fulfilment.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Where a delivery province is, for distances: the seat of each of China's 34 provincial-level divisions
 * (WGS84), matched by the province's short name as platforms write it ({@code 浙江省}, {@code 浙江},
 * {@code 广西壮族自治区}, {@code Zhejiang}).
 */
final class Geo {
    record Point(String name, double lat, double lon) {
    }

    private static final Map<String, Point> BY_SHORT = new LinkedHashMap<>();

    private static void put(String shortName, String pinyin, double lat, double lon) {
        Point p = new Point(shortName, lat, lon);
        BY_SHORT.put(shortName, p);
        BY_SHORT.put(pinyin.toLowerCase(Locale.ROOT), p);
    }

    static {
        put("北京", "Beijing", 39.904, 116.407);
        put("天津", "Tianjin", 39.125, 117.190);
        put("河北", "Hebei", 38.042, 114.514);
        put("山西", "Shanxi", 37.870, 112.549);
        put("内蒙古", "Inner Mongolia", 40.842, 111.749);
        put("辽宁", "Liaoning", 41.805, 123.431);
        put("吉林", "Jilin", 43.817, 125.324);
        put("黑龙江", "Heilongjiang", 45.803, 126.535);
        put("上海", "Shanghai", 31.230, 121.474);
        put("江苏", "Jiangsu", 32.060, 118.797);
        put("浙江", "Zhejiang", 30.274, 120.155);
        put("安徽", "Anhui", 31.821, 117.227);
        put("福建", "Fujian", 26.074, 119.296);
        put("江西", "Jiangxi", 28.682, 115.858);
        put("山东", "Shandong", 36.651, 117.120);
        put("河南", "Henan", 34.746, 113.625);
        put("湖北", "Hubei", 30.593, 114.305);
        put("湖南", "Hunan", 28.228, 112.939);
        put("广东", "Guangdong", 23.129, 113.264);
        put("广西", "Guangxi", 22.817, 108.366);
        put("海南", "Hainan", 20.044, 110.199);
        put("重庆", "Chongqing", 29.563, 106.551);
        put("四川", "Sichuan", 30.572, 104.066);
        put("贵州", "Guizhou", 26.647, 106.630);
        put("云南", "Yunnan", 25.038, 102.718);
        put("西藏", "Tibet", 29.652, 91.172);
        put("陕西", "Shaanxi", 34.341, 108.940);
        put("甘肃", "Gansu", 36.061, 103.834);
        put("青海", "Qinghai", 36.617, 101.778);
        put("宁夏", "Ningxia", 38.487, 106.231);
        put("新疆", "Xinjiang", 43.826, 87.617);
        put("香港", "Hong Kong", 22.320, 114.169);
        put("澳门", "Macau", 22.199, 113.544);
        put("台湾", "Taiwan", 25.033, 121.565);
    }

    private Geo() {
    }

    /** The province's seat, or null when the text names none of them. */
    static Point province(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Point p = BY_SHORT.get(t.toLowerCase(Locale.ROOT).replace(" province", "").strip());
        if (p != null) {
            return p;
        }
        for (Map.Entry<String, Point> e : BY_SHORT.entrySet()) {
            if (!e.getKey().isEmpty() && e.getKey().charAt(0) > 0x2E80 && t.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The short name of the province the text names, or the text itself when it names none. */
    static String shortName(String text) {
        Point p = province(text);
        return p == null ? (text == null ? "" : text.strip()) : p.name();
    }

    /** Great-circle distance in kilometres. */
    static double km(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /** Distance from a province's seat to a point, if the province is known. */
    static OptionalDouble km(String province, double lat, double lon) {
        Point p = province(province);
        return p == null ? OptionalDouble.empty() : OptionalDouble.of(km(p.lat, p.lon, lat, lon));
    }
}

package org.ordertower.core.internal.intake;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The short names maps give China's provinces ({@code 浙江}, {@code 内蒙古}, {@code 香港}) from what marketplaces write:
 * {@code 浙江省}, {@code 广西壮族自治区}, {@code 北京市}, {@code 香港特别行政区}, or pinyin ({@code Zhejiang}).
 */
final class Provinces {
    private Provinces() {
    }

    /** Longest first, so that {@code 维吾尔自治区} is cut before {@code 自治区}. */
    private static final List<String> SUFFIXES = List.of("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市");

    private static final Map<String, String> PINYIN = Map.ofEntries(Map.entry("beijing", "北京"), Map.entry("tianjin", "天津"),
            Map.entry("shanghai", "上海"), Map.entry("chongqing", "重庆"), Map.entry("hebei", "河北"), Map.entry("shanxi", "山西"),
            Map.entry("shaanxi", "陕西"), Map.entry("liaoning", "辽宁"), Map.entry("jilin", "吉林"),
            Map.entry("heilongjiang", "黑龙江"), Map.entry("jiangsu", "江苏"), Map.entry("zhejiang", "浙江"),
            Map.entry("anhui", "安徽"), Map.entry("fujian", "福建"), Map.entry("jiangxi", "江西"), Map.entry("shandong", "山东"),
            Map.entry("henan", "河南"), Map.entry("hubei", "湖北"), Map.entry("hunan", "湖南"), Map.entry("guangdong", "广东"),
            Map.entry("hainan", "海南"), Map.entry("sichuan", "四川"), Map.entry("guizhou", "贵州"), Map.entry("yunnan", "云南"),
            Map.entry("gansu", "甘肃"), Map.entry("qinghai", "青海"), Map.entry("taiwan", "台湾"), Map.entry("neimenggu", "内蒙古"),
            Map.entry("inner mongolia", "内蒙古"), Map.entry("guangxi", "广西"), Map.entry("xizang", "西藏"),
            Map.entry("tibet", "西藏"), Map.entry("ningxia", "宁夏"), Map.entry("xinjiang", "新疆"),
            Map.entry("hong kong", "香港"), Map.entry("hongkong", "香港"), Map.entry("macau", "澳门"), Map.entry("macao", "澳门"));

    /** The short name, or the input stripped when it is not a province this knows; empty for none. */
    static String shortName(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip();
        String latin = s.toLowerCase(Locale.ROOT).replaceAll("\\s+(province|municipality|sar|autonomous region)$", "");
        String known = PINYIN.get(latin);
        if (known != null) {
            return known;
        }
        for (String suffix : SUFFIXES) {
            if (s.length() > suffix.length() + 1 && s.endsWith(suffix)) {
                return s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }
}

package org.ordertower.inventory.internal.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;

/** The rules a SKU, mapping or gift rule must meet to be saved, shared by the service's saves and the CSV import. */
final class CatalogValidator {
    private CatalogValidator() {
    }

    static Sku normalise(Sku s) {
        return new Sku(s.code(), s.name(), blankToNull(s.barcode()), s.basePrice(), s.weightGrams(), s.attributes(),
                s.coldChain(), s.parts(), s.lowStockThreshold(), s.presaleThreshold(), s.presaleQuota());
    }

    static SkuMapping normalise(SkuMapping m) {
        return new SkuMapping(m.channel(), m.shop(), m.channelSku(), blankToNull(m.itemId()),
                blankToNull(m.outerCode()), m.masterSku(), m.factor());
    }

    static GiftRule normalise(GiftRule r) {
        return new GiftRule(r.id(), r.giftSku(), r.quantity(), blankToNull(r.mainSku()), r.minAmount(),
                blankToNull(r.channel()), r.validFrom(), r.validTo(), r.autoAdd());
    }

    static Set<String> skuRefs(Sku s) {
        Set<String> codes = new HashSet<>();
        codes.add(s.code());
        s.parts().forEach(p -> codes.add(p.sku()));
        return codes;
    }

    static Set<String> mappingRefs(SkuMapping m) {
        Set<String> codes = new HashSet<>();
        codes.add(m.masterSku());
        return codes;
    }

    static Set<String> ruleRefs(GiftRule r) {
        Set<String> codes = new HashSet<>();
        codes.add(r.giftSku());
        codes.add(r.mainSku());
        return codes;
    }

    static List<String> skuProblems(Sku s, SkuRefs refs) {
        List<String> p = new ArrayList<>();
        String code = s.code();
        if (code == null || code.isEmpty() || code.length() > 64 || hasWhitespace(code)) {
            p.add("code '" + code + "' must be 1-64 characters without whitespace");
        } else if (code.indexOf(';') >= 0 || code.indexOf('*') >= 0 || code.indexOf(',') >= 0 || code.equals("*")) {
            // ';' and '*' separate kit parts in the CSV parts cell ("SKU*2;SKU*1"), '*' alone means "every SKU"
            p.add("code '" + code + "' must not contain ';', '*' or ','");
        }
        text(p, "name", s.name(), 256, true);
        text(p, "barcode", s.barcode(), 64, false);
        amount(p, "base_price", s.basePrice(), true);
        notNegative(p, "weight_g", s.weightGrams());
        notNegative(p, "low_stock_threshold", s.lowStockThreshold());
        notNegative(p, "presale_threshold", s.presaleThreshold());
        notNegative(p, "presale_quota", s.presaleQuota());
        for (Map.Entry<String, String> a : new TreeMap<>(s.attributes()).entrySet()) {
            if (a.getKey().isEmpty()) {
                p.add("attribute keys must not be empty");
            }
            if (a.getKey().contains("=") || a.getKey().contains(";")) {
                p.add("attribute key '" + a.getKey() + "' must not contain '=' or ';'");
            }
            if (a.getValue().contains("=") || a.getValue().contains(";")) {
                p.add("attribute " + a.getKey() + " value '" + a.getValue() + "' must not contain '=' or ';'");
            }
        }
        int attributesLength = CatalogFormats.formatAttributes(s.attributes()).length();
        if (attributesLength > 2048) {
            p.add("attributes take " + attributesLength + " characters as k=v;k=v, at most 2048");
        }
        Set<String> seen = new HashSet<>();
        for (KitPart part : s.parts()) {
            String ps = part.sku();
            if (ps == null) {
                p.add("a kit part has no SKU");
            } else if (ps.equals(code)) {
                p.add("kit " + code + " cannot contain itself");
            } else if (!seen.add(ps)) {
                p.add("kit part " + ps + " is listed twice");
            } else if (!refs.exists(ps)) {
                p.add("kit part " + ps + " does not exist");
            } else if (refs.isKit(ps)) {
                p.add("kit part " + ps + " is itself a kit; parts must be plain SKUs");
            }
            if (part.quantity() < 1) {
                p.add("kit part " + ps + " quantity " + part.quantity() + " must be at least 1");
            }
        }
        if (s.isKit() && code != null) {
            Set<String> kits = new TreeSet<>(refs.kitsWith(code));
            kits.remove(code);
            if (!kits.isEmpty()) {
                p.add(code + " is a part of kit " + String.join(", ", kits) + " and cannot become a kit");
            }
            Set<String> rules = refs.rulesGiving(code);
            if (!rules.isEmpty()) {
                p.add(code + " is the gift of gift rule " + String.join(", ", new TreeSet<>(rules))
                        + " and cannot become a kit");
            }
        }
        return p;
    }

    static List<String> mappingProblems(SkuMapping m, SkuRefs refs) {
        List<String> p = new ArrayList<>();
        text(p, "channel", m.channel(), 64, true);
        text(p, "shop", m.shop(), 64, true);
        text(p, "channel_sku", m.channelSku(), 128, true);
        text(p, "item_id", m.itemId(), 128, false);
        text(p, "outer_code", m.outerCode(), 128, false);
        existing(p, "master_sku", m.masterSku(), refs, true);
        if (m.factor() < 1) {
            p.add("factor " + m.factor() + " must be at least 1");
        }
        return p;
    }

    static List<String> ruleProblems(GiftRule r, SkuRefs refs) {
        List<String> p = new ArrayList<>();
        text(p, "id", r.id(), 64, true);
        if (existing(p, "gift_sku", r.giftSku(), refs, true) && refs.isKit(r.giftSku())) {
            p.add("gift_sku '" + r.giftSku() + "' is a kit; a gift must be a plain SKU");
        }
        if (r.quantity() < 1) {
            p.add("quantity " + r.quantity() + " must be at least 1");
        }
        existing(p, "main_sku", r.mainSku(), refs, false);
        amount(p, "min_amount", r.minAmount(), false);
        text(p, "channel", r.channel(), 64, false);
        if (r.validFrom() != null && r.validTo() != null && !r.validFrom().isBefore(r.validTo())) {
            p.add("valid_from " + r.validFrom() + " must be before valid_to " + r.validTo());
        }
        return p;
    }

    private static boolean existing(List<String> p, String field, String code, SkuRefs refs, boolean required) {
        if (code == null || code.isBlank()) {
            if (required) {
                p.add(field + " is required");
            }
            return false;
        }
        if (!refs.exists(code)) {
            p.add(field + " '" + code + "' does not exist");
            return false;
        }
        return true;
    }

    private static void text(List<String> p, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                p.add(field + " must not be blank");
            }
        } else if (value.length() > max) {
            p.add(field + " '" + shorten(value) + "' is " + value.length() + " characters long, at most " + max);
        }
    }

    private static void amount(List<String> p, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                p.add(field + " is required");
            }
            return;
        }
        BigDecimal v = value.stripTrailingZeros();
        if (v.signum() < 0) {
            p.add(field + " " + value.toPlainString() + " must not be negative");
        } else if (v.scale() > 4) {
            p.add(field + " " + value.toPlainString() + " has more than 4 decimals");
        } else if (v.precision() - v.scale() > 15) {
            p.add(field + " " + value.toPlainString() + " is too large");
        }
    }

    private static void notNegative(List<String> p, String field, int value) {
        if (value < 0) {
            p.add(field + " " + value + " must not be negative");
        }
    }

    private static boolean hasWhitespace(String s) {
        return s.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InventoryException(field + " must not be blank");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}

package org.ordertower.fulfilment.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.Tags;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.Warehouse;

/**
 * Routing decisions, pure: which warehouses an order's stock is reserved in (in order of preference), how the
 * reserved stock becomes parcels, and which carrier each parcel goes with. Each decision carries its reasons, in
 * words, for the order's audit trail.
 *
 * <p>Warehouses: a cross-border order (tag {@code cross-border}, or a delivery country other than CN) may only
 * use bonded warehouses, any other order only non-bonded ones; then the configured strategies order them:
 * {@code nearest} (distance from the delivery province's seat), {@code priority} (the warehouse's priority).
 * The inventory then reserves in the first warehouse that holds every line, else splits the order over them in
 * that order (each part a parcel of its own).
 *
 * <p>Parcels: one per warehouse, and cold-chain goods in a parcel of their own. Carriers, first that applies: a
 * {@code carrier:<code>} tag a rule set; the cold-chain carrier for cold-chain parcels; the region table; the
 * cheapest carrier of the cost table for the parcel's weight; the default carrier.
 */
public final class Routing {
    static final String CROSS_BORDER_TAG = "cross-border";

    /** The merchant's routing settings, parsed from the configuration. */
    public record Settings(List<String> strategies, String defaultCarrier, Map<String, String> regionCarriers,
            Map<String, Cost> costs, String coldChainCarrier) {

        static final List<String> STRATEGIES = List.of("nearest", "priority", "transfer");

        /**
         * @throws IllegalArgumentException naming the setting and the bad part
         */
        public static Settings parse(String strategies, String defaultCarrier, String regions, String costs, String coldChain) {
            List<String> s = new ArrayList<>();
            for (String p : strategies.split(",")) {
                String t = p.strip().toLowerCase(Locale.ROOT);
                if (t.isEmpty()) {
                    continue;
                }
                if (!STRATEGIES.contains(t)) {
                    throw new IllegalArgumentException("routing.strategies: unknown strategy '" + t + "'; known: " + STRATEGIES);
                }
                s.add(t);
            }
            Map<String, String> r = new LinkedHashMap<>();
            for (String entry : split(regions)) {
                int eq = entry.indexOf('=');
                if (eq <= 0 || eq == entry.length() - 1) {
                    throw new IllegalArgumentException("carrier.regions: '" + entry + "' is not <province>|<province>=<carrier>");
                }
                String carrier = code(entry.substring(eq + 1));
                for (String prov : entry.substring(0, eq).split("\\|")) {
                    if (!prov.isBlank()) {
                        r.put(Geo.shortName(prov), carrier);
                    }
                }
            }
            Map<String, Cost> c = new TreeMap<>();
            for (String entry : split(costs)) {
                int eq = entry.indexOf('=');
                int plus = entry.indexOf('+');
                if (eq <= 0 || plus < eq) {
                    throw new IllegalArgumentException("carrier.costs: '" + entry
                            + "' is not <carrier>=<first kg>+<each further kg> (yuan)");
                }
                try {
                    c.put(code(entry.substring(0, eq)), new Cost(new BigDecimal(entry.substring(eq + 1, plus).strip()),
                            new BigDecimal(entry.substring(plus + 1).strip())));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("carrier.costs: '" + entry + "' has a price that is not a number");
                }
            }
            if (defaultCarrier == null || defaultCarrier.isBlank()) {
                throw new IllegalArgumentException("carrier.default must name a carrier");
            }
            return new Settings(List.copyOf(s), code(defaultCarrier), Map.copyOf(r), Map.copyOf(c),
                    coldChain == null || coldChain.isBlank() ? null : code(coldChain));
        }

        private static List<String> split(String list) {
            List<String> out = new ArrayList<>();
            if (list != null) {
                for (String p : list.split(";")) {
                    if (!p.isBlank()) {
                        out.add(p.strip());
                    }
                }
            }
            return out;
        }

        private static String code(String s) {
            String c = s.strip().toUpperCase(Locale.ROOT);
            if (!c.matches("[A-Z0-9_]{2,16}")) {
                throw new IllegalArgumentException("'" + s.strip() + "' is not a carrier code (2-16 letters or digits)");
            }
            return c;
        }
    }

    /**
     * Merging and transfers.
     *
     * @param merge whether parcels of one buyer and address may share a box
     * @param mergeWindow a parcel may join one made at most this long before
     * @param mergeHold how long a mergeable parcel waits before its first call, so that a second order can join
     * @param transferMaxKm the farthest a warehouse may be from the shipping warehouse to send it goods
     * @param transferDays days a transfer takes (when {@code transferKmPerDay} is 0)
     * @param transferKmPerDay when above 0, a transfer takes one day per this many km (at least one day)
     * @param transferLate a transfer not received by the end of its expected day plus this is flagged
     */
    public record Consolidation(boolean merge, java.time.Duration mergeWindow, java.time.Duration mergeHold,
            double transferMaxKm, int transferDays, double transferKmPerDay, java.time.Duration transferLate) {

        /** The shipped defaults, without a hold (parcels are sent at once; a second order joins only if quick). */
        public static final Consolidation IMMEDIATE = new Consolidation(true, java.time.Duration.ofMinutes(30),
                java.time.Duration.ZERO, 200, 2, 0, java.time.Duration.ofHours(24));

        /**
         * @throws IllegalArgumentException naming the setting
         */
        public Consolidation {
            if (mergeWindow.isNegative()) {
                throw new IllegalArgumentException("merge.window.minutes must be 0 or more");
            }
            if (mergeHold.isNegative()) {
                throw new IllegalArgumentException("merge.hold.seconds must be 0 or more");
            }
            if (!(transferMaxKm >= 0)) {
                throw new IllegalArgumentException("transfer.max.km must be 0 or more");
            }
            if (transferDays < 0 || transferDays > 60) {
                throw new IllegalArgumentException("transfer.days must be 0..60");
            }
            if (!(transferKmPerDay >= 0)) {
                throw new IllegalArgumentException("transfer.km.per.day must be 0 (use transfer.days) or more");
            }
            if (transferLate.isNegative()) {
                throw new IllegalArgumentException("transfer.late.hours must be 0 or more");
            }
        }

        /** Days a transfer over this distance takes. */
        int days(double km) {
            return transferKmPerDay > 0 ? Math.max(1, (int) Math.ceil(km / transferKmPerDay)) : transferDays;
        }
    }

    /** Goods of a parcel that come from another warehouse first. */
    record Transfer(String from, String to, List<ParcelLine> lines, long km, java.time.LocalDate expected) {
        String describe() {
            StringBuilder b = new StringBuilder("transfer of ");
            for (int i = 0; i < lines.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(lines.get(i).quantity()).append(" x ").append(lines.get(i).sku());
            }
            return b.append(" from ").append(from).append(" (").append(km).append(" km) to ").append(to)
                    .append(", expected ").append(expected).toString();
        }
    }

    /** A price: the first kilogram, and each further (started) kilogram. */
    record Cost(BigDecimal first, BigDecimal perKg) {
        BigDecimal of(int grams) {
            int kg = Math.max(1, (grams + 999) / 1000);
            return first.add(perKg.multiply(BigDecimal.valueOf(kg - 1L))).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** Warehouses in order of preference for a reservation, and why. */
    public record Preference(List<String> warehouses, String reason) {
    }

    /** A parcel to make. */
    record Planned(String warehouse, String carrier, boolean coldChain, List<ParcelLine> lines, int weightGrams,
            String reason, List<Transfer> transfers) {
    }

    private Routing() {
    }

    static boolean crossBorder(NormalizedOrder o) {
        if (o.tags().stream().anyMatch(t -> t.equalsIgnoreCase(CROSS_BORDER_TAG))) {
            return true;
        }
        return o.address() != null && o.address().country() != null && !o.address().country().isBlank()
                && !o.address().country().strip().equalsIgnoreCase("CN");
    }

    static Preference preference(NormalizedOrder o, List<Warehouse> warehouses, Settings s) {
        return preference(o, warehouses, s, Consolidation.IMMEDIATE);
    }

    /**
     * With the {@code transfer} strategy, the warehouses within {@code transferMaxKm} of the first come right after
     * it, so that goods the first lacks are reserved where a transfer can fetch them.
     */
    static Preference preference(NormalizedOrder o, List<Warehouse> warehouses, Settings s, Consolidation cons) {
        boolean cross = crossBorder(o);
        List<Warehouse> allowed = new ArrayList<>();
        for (Warehouse w : warehouses) {
            if ((w.type() == Warehouse.Type.BONDED) == cross) {
                allowed.add(w);
            }
        }
        String province = o.address() == null ? null : o.address().province();
        Map<String, OptionalDouble> km = new TreeMap<>();
        for (Warehouse w : allowed) {
            km.put(w.id(), Geo.km(province, w.latitude(), w.longitude()));
        }
        Comparator<Warehouse> order = null;
        for (String strategy : s.strategies()) {
            Comparator<Warehouse> c = switch (strategy) {
                case "nearest" -> Comparator.comparingDouble(w -> km.get(w.id()).orElse(Double.MAX_VALUE));
                case "priority" -> Comparator.comparingInt(Warehouse::priority);
                case "transfer" -> null; // not an order: regional warehouses move up below
                default -> throw new IllegalStateException(strategy);
            };
            if (c == null) {
                continue;
            }
            order = order == null ? c : order.thenComparing(c);
        }
        Comparator<Warehouse> tie = Comparator.comparingInt(Warehouse::priority).thenComparing(Warehouse::id);
        allowed.sort(order == null ? tie : order.thenComparing(tie));
        String regional = "";
        if (s.strategies().contains("transfer") && allowed.size() > 2) {
            Warehouse first = allowed.get(0);
            List<Warehouse> near = new ArrayList<>();
            for (Warehouse w : allowed.subList(1, allowed.size())) {
                if (km(first, w) <= cons.transferMaxKm()) {
                    near.add(w);
                }
            }
            if (!near.isEmpty()) {
                allowed.removeAll(near);
                allowed.addAll(1, near);
                regional = "; transfer from " + near.stream().map(Warehouse::id).toList() + " to " + first.id()
                        + " before splitting";
            }
        }
        StringBuilder why = new StringBuilder();
        why.append(cross ? "cross-border: bonded warehouses only; " : "");
        if (allowed.isEmpty()) {
            why.append("no ").append(cross ? "bonded " : "").append("warehouse");
            return new Preference(List.of(), why.toString());
        }
        boolean known = Geo.province(province) != null;
        why.append("by ").append(s.strategies().isEmpty() ? "priority" : String.join(", then ", s.strategies()));
        if (s.strategies().contains("nearest") && !known) {
            why.append(" (delivery province '").append(province == null ? "none" : province).append("' unknown: no distances)");
        }
        why.append(": ");
        for (int i = 0; i < allowed.size(); i++) {
            Warehouse w = allowed.get(i);
            why.append(i == 0 ? "" : ", ").append(w.id());
            OptionalDouble d = km.get(w.id());
            if (d.isPresent()) {
                why.append(" ").append(Math.round(d.getAsDouble())).append(" km");
            }
        }
        return new Preference(allowed.stream().map(Warehouse::id).toList(), why.append(regional).toString());
    }

    static double km(Warehouse a, Warehouse b) {
        return Geo.km(a.latitude(), a.longitude(), b.latitude(), b.longitude());
    }

    /**
     * The parcels an order's reservation makes.
     *
     * @param held what the reservation holds
     * @param skus the catalog (name, weight, cold chain)
     */
    static List<Planned> parcels(NormalizedOrder o, List<Allocation> held, Function<String, Optional<Sku>> skus,
            Settings s) {
        return parcels(o, held, skus, s, Consolidation.IMMEDIATE, List.of(), null);
    }

    /**
     * The parcels an order's reservation makes; with the {@code transfer} strategy, ordinary goods held in a
     * warehouse within {@code transferMaxKm} of the shipping warehouse (the first of the order's preference that
     * holds some of them) are fetched there by a transfer instead of making a parcel of their own.
     *
     * @param warehouses every warehouse (coordinates, for transfers)
     * @param today the merchant's date, for the transfer's expected date
     */
    static List<Planned> parcels(NormalizedOrder o, List<Allocation> held, Function<String, Optional<Sku>> skus,
            Settings s, Consolidation c, List<Warehouse> warehouses, java.time.LocalDate today) {
        Map<String, List<Transfer>> transfers = new LinkedHashMap<>();
        if (s.strategies().contains("transfer") && today != null) {
            held = fetchByTransfer(o, held, skus, s, c, warehouses, today, transfers);
        }
        Map<String, List<Allocation>> groups = new LinkedHashMap<>();
        for (Allocation a : held) {
            boolean cold = skus.apply(a.sku()).map(Sku::coldChain).orElse(false);
            groups.computeIfAbsent(a.warehouse() + (cold ? "\u0000cold" : ""), k -> new ArrayList<>()).add(a);
        }
        boolean split = groups.size() > 1;
        List<Planned> out = new ArrayList<>();
        for (Map.Entry<String, List<Allocation>> g : groups.entrySet()) {
            boolean cold = g.getKey().endsWith("\u0000cold");
            String warehouse = g.getValue().get(0).warehouse();
            List<ParcelLine> lines = new ArrayList<>();
            int grams = 0;
            Map<String, Integer> units = new LinkedHashMap<>();
            for (Allocation a : g.getValue()) {
                units.merge(a.sku(), a.quantity(), Integer::sum);
            }
            for (Map.Entry<String, Integer> u : units.entrySet()) {
                Optional<Sku> sku = skus.apply(u.getKey());
                lines.add(new ParcelLine(Integer.toString(lines.size() + 1), u.getKey(), sku.map(Sku::name).orElse(null),
                        u.getValue()));
                grams += sku.map(Sku::weightGrams).orElse(0) * u.getValue();
            }
            Choice ch = carrier(o, grams, cold, s);
            List<Transfer> in = cold ? List.of() : transfers.getOrDefault(warehouse, List.of());
            StringBuilder why = new StringBuilder("from " + warehouse
                    + (split ? (cold ? " (cold-chain goods ship alone)" : " (split shipment)") : "") + ", " + ch.carrier()
                    + ": " + ch.reason());
            for (Transfer t : in) {
                why.append("; waits for the ").append(t.describe());
            }
            out.add(new Planned(warehouse, ch.carrier(), cold, lines, grams, why.toString(), List.copyOf(in)));
        }
        return out;
    }

    /**
     * Moves ordinary goods held near the shipping warehouse onto it, recording the transfers by destination;
     * returns the allocations as the parcels see them.
     */
    private static List<Allocation> fetchByTransfer(NormalizedOrder o, List<Allocation> held,
            Function<String, Optional<Sku>> skus, Settings s, Consolidation c, List<Warehouse> warehouses,
            java.time.LocalDate today, Map<String, List<Transfer>> out) {
        Map<String, Warehouse> byId = new LinkedHashMap<>();
        warehouses.forEach(w -> byId.put(w.id(), w));
        List<Allocation> plain = held.stream().filter(a -> !skus.apply(a.sku()).map(Sku::coldChain).orElse(false)).toList();
        if (plain.stream().map(Allocation::warehouse).distinct().count() < 2) {
            return held;
        }
        String shipFrom = null;
        for (String w : preference(o, warehouses, s, c).warehouses()) {
            if (plain.stream().anyMatch(a -> a.warehouse().equals(w))) {
                shipFrom = w;
                break;
            }
        }
        Warehouse to = shipFrom == null ? null : byId.get(shipFrom);
        if (to == null) {
            return held;
        }
        Map<String, List<ParcelLine>> fetched = new LinkedHashMap<>();
        List<Allocation> result = new ArrayList<>();
        for (Allocation a : held) {
            Warehouse from = byId.get(a.warehouse());
            boolean fetch = plain.contains(a) && from != null && !from.id().equals(to.id())
                    && km(from, to) <= c.transferMaxKm();
            if (fetch) {
                List<ParcelLine> l = fetched.computeIfAbsent(from.id(), k -> new ArrayList<>());
                l.add(new ParcelLine(Integer.toString(l.size() + 1), a.sku(), skus.apply(a.sku()).map(Sku::name)
                        .orElse(null), a.quantity()));
                result.add(new Allocation(a.sku(), to.id(), a.quantity()));
            } else {
                result.add(a);
            }
        }
        for (Map.Entry<String, List<ParcelLine>> f : fetched.entrySet()) {
            double km = km(byId.get(f.getKey()), to);
            out.computeIfAbsent(to.id(), k -> new ArrayList<>()).add(new Transfer(f.getKey(), to.id(), f.getValue(),
                    Math.round(km), today.plusDays(c.days(km))));
        }
        return result;
    }

    record Choice(String carrier, String reason) {
    }

    static Choice carrier(NormalizedOrder o, int grams, boolean cold, Settings s) {
        Optional<String> tag = Tags.carrierTag(o.tags());
        if (tag.isPresent()) {
            return new Choice(Tags.carrierOfTag(tag.get()), "rule tag " + tag.get());
        }
        if (cold && s.coldChainCarrier() != null) {
            return new Choice(s.coldChainCarrier(), "cold-chain carrier");
        }
        String province = o.address() == null ? null : Geo.shortName(o.address().province());
        String regional = province == null ? null : s.regionCarriers().get(province);
        if (regional != null) {
            return new Choice(regional, "region table (" + province + ")");
        }
        if (!s.costs().isEmpty()) {
            Map.Entry<String, Cost> best = null;
            for (Map.Entry<String, Cost> e : s.costs().entrySet()) {
                if (best == null || e.getValue().of(grams).compareTo(best.getValue().of(grams)) < 0) {
                    best = e;
                }
            }
            return new Choice(best.getKey(), "cheapest for " + grams + " g (" + best.getValue().of(grams) + " yuan)");
        }
        return new Choice(s.defaultCarrier(), "default carrier");
    }

    /**
     * The marketplace's line ids a parcel carries, for the write-back: empty when the order ships as one parcel
     * (the whole order), else the lines (kit lines for kit parts) whose master SKU is in the parcel.
     */
    static List<String> platformLines(NormalizedOrder o, List<ParcelLine> parcel, int parcelsOfOrder) {
        if (parcelsOfOrder <= 1) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ParcelLine p : parcel) {
            for (OrderLine l : o.lines()) {
                if (p.sku().equals(l.masterSku())) {
                    String no = l.parentLineNo() != null ? l.parentLineNo() : l.lineNo();
                    if (!out.contains(no)) {
                        out.add(no);
                    }
                }
            }
        }
        return out;
    }
}

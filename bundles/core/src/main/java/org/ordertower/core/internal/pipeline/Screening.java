package org.ordertower.core.internal.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.core.internal.intake.OrderIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a RECEIVED order goes: its lines mapped through the catalog (kits expanded, gifts
 * the rules add appended), then review for anything the catalog cannot vouch for, hold for what the
 * platform has not paid, READY for the rest. Never guesses a SKU.
 * <p>
 * Gift lines the catalog's gift rules refuse go to the rules engine with the order ({@link
 * ScreeningService#screen(Order, List)}): lines that acting AUTO_FIX hits take off (a rule pack set to
 * remove ineligible gifts, say) leave the order, each named with its rule's evidence in the lines
 * note of the audit trail; a refused gift line still on the order sends it to review with the
 * catalog's reasons. A FREEZE from the rules wins over both. Without the rules engine (re-mapping) a
 * refused gift always goes to review.
 */
final class Screening {
    private final Logger logger = LoggerFactory.getLogger(Screening.class);
    private final CatalogService catalog;
    private final ScreeningService rules;

    /** @param rules the rules engine; null when only mapping (re-mapping screened orders) */
    Screening(CatalogService catalog, ScreeningService rules) {
        this.catalog = catalog;
        this.rules = rules;
    }

    /** A plan per order; an order the catalog cannot be asked about now (store down) is left for later. */
    List<Plan> screen(List<Order> orders) {
        return each(orders, this::screen);
    }

    /**
     * Maps the lines of orders that were screened before and then lost their mapping; the status
     * stays, unless the lines now need review.
     */
    List<Plan> remap(List<Order> orders) {
        return each(orders, o -> {
            Plan p = screen(o);
            if (p.finalStatus() == OrderStatus.IN_REVIEW) {
                return p;
            }
            return p.lines() == null ? Plan.move(o, OrderStatus.IN_REVIEW, null, "no line with a master SKU to reserve")
                    : new Plan(o, p.lines(), p.linesNote(), List.of(), false);
        });
    }

    private List<Plan> each(List<Order> orders, java.util.function.Function<Order, Plan> decide) {
        List<Plan> plans = new ArrayList<>(orders.size());
        for (Order o : orders) {
            try {
                plans.add(decide.apply(o));
            } catch (InventoryException e) {
                plans.add(Plan.move(o, OrderStatus.IN_REVIEW, null, "the catalog refused the lines: " + e.getMessage()));
            } catch (RuntimeException e) {
                logger.warn("Could not screen order {} now, retried later: {}", o.id(), e.toString());
            }
        }
        return plans;
    }

    Plan screen(Order o) {
        NormalizedOrder c = o.content();
        MappedLines m = catalog.map(c.channel(), c.shop(), c.lines());
        if (!m.complete()) {
            List<String> why = m.unmapped().stream().map(code -> "unmapped SKU " + code).toList();
            return plan(o, m.lines(), "mapped through the catalog; " + String.join(", ", why),
                    List.of(new Plan.Step(OrderStatus.IN_REVIEW, null, String.join("; ", why))));
        }
        GiftDecision gifts = catalog.gifts(c.channel(), m.lines(), goodsPaid(m.lines()), c.createdAt());
        List<OrderLine> lines = new ArrayList<>(m.lines());
        lines.addAll(gifts.added());
        String note = "mapped through the catalog" + (gifts.added().isEmpty() ? ""
                : "; gifts added: " + String.join(", ", gifts.added().stream().map(OrderLine::masterSku).toList()));
        List<GiftDecision.Problem> refused = gifts.ineligible();
        if (rules == null) {
            if (!refused.isEmpty()) {
                return plan(o, lines, note, List.of(giftReview(refused)));
            }
            return ready(o, lines, note, null, null);
        }
        Plan.Screened screened = screen(o, lines, refused);
        Removal removal = Removal.of(lines, screened.hits());
        if (!removal.notes().isEmpty()) {
            lines = removal.lines();
            note = note + "; " + String.join("; ", removal.notes());
        }
        List<GiftDecision.Problem> left = refused.stream().filter(p -> !removal.removed().contains(p.lineNo())).toList();
        List<Plan.Step> steps = riskSteps(screened);
        if (steps != null && screened.level() == RiskLevel.FREEZE) {
            // frozen all the same; what else needs a person is named for whoever unfreezes it
            String gift = left.isEmpty() ? null : giftReview(left).reason();
            steps = List.of(also(also(steps.get(0), gift), removal.refused()));
        } else if (!left.isEmpty()) {
            steps = List.of(giftReview(left));
        } else if (steps != null) {
            steps = List.of(also(steps.get(0), removal.refused()));
        } else if (removal.refused() != null) {
            steps = List.of(new Plan.Step(OrderStatus.IN_REVIEW, null, removal.refused()));
        }
        return ready(o, lines, note, screened, steps);
    }

    /**
     * The plan of an order whose lines passed: SCREENED, then READY when paid or ON_HOLD until it is,
     * unless {@code steps} already decided (review, freeze).
     */
    private static Plan ready(Order o, List<OrderLine> lines, String note, Plan.Screened screened, List<Plan.Step> steps) {
        if (steps == null) {
            NormalizedOrder c = o.content();
            Plan.Step ok = new Plan.Step(OrderStatus.SCREENED, null, "lines mapped, gifts checked"
                    + (screened == null ? "" : ", rules passed" + (screened.level() == RiskLevel.AUTO_FIX ? " with fixes" : "")));
            steps = switch (c.paymentStatus()) {
                case PAID -> List.of(ok, new Plan.Step(OrderStatus.READY, null, "paid"));
                case UNPAID, PARTIALLY_PAID -> List.of(ok, new Plan.Step(OrderStatus.ON_HOLD, OrderPipeline.HOLD_UNPAID,
                        "waiting for payment (" + c.paymentStatus() + ")"));
                case REFUNDED, PARTIALLY_REFUNDED -> List.of(new Plan.Step(OrderStatus.IN_REVIEW, null,
                        "refunded before fulfilment (" + c.paymentStatus() + ")"));
            };
        }
        boolean same = OrderIntake.sameLines(o.content().lines(), lines);
        return new Plan(o, same ? null : lines, same ? null : note, steps, false, screened);
    }

    /** The step with {@code more} added to its reason; the step itself when there is nothing more. */
    private static Plan.Step also(Plan.Step step, String more) {
        return more == null ? step : new Plan.Step(step.to(), step.hold(), step.reason() + "; " + more);
    }

    /** To review for the gift lines the catalog refused, with the catalog's reasons. */
    private static Plan.Step giftReview(List<GiftDecision.Problem> refused) {
        List<String> why = refused.stream()
                .map(p -> "gift " + p.sku() + " on line " + p.lineNo() + " not allowed: " + p.reason()).toList();
        return new Plan.Step(OrderStatus.IN_REVIEW, null, String.join("; ", why));
    }

    /**
     * Runs the rules on the order with its mapped lines and the gifts the catalog refused; collects the
     * tags and the address of every acting hit (the lines they take off are {@link Removal}'s).
     */
    private Plan.Screened screen(Order o, List<OrderLine> lines, List<GiftDecision.Problem> refused) {
        Order mapped = new Order(o.id(), o.status(), o.riskLevel(), o.receivedAt(), o.updatedAt(), o.revision(),
                o.content().withLines(lines));
        RiskDecision d = refused.isEmpty() ? rules.screen(mapped) : rules.screen(mapped, refused);
        Set<String> tags = new LinkedHashSet<>(o.content().tags());
        Address address = null;
        for (RiskDecision.RuleHit h : d.acting()) {
            tags.addAll(h.finding().fix().addTags());
            if (h.finding().fix().address() != null) {
                address = h.finding().fix().address();
            }
        }
        return new Plan.Screened(d.level(), d.hits(), List.copyOf(tags), address);
    }

    /**
     * The lines that acting AUTO_FIX hits take off the order ({@link Finding.Fix#removeLines()}): a
     * kit line with its parts, never a kit part alone, and never every line (then nothing is taken
     * off and the order goes to review). Shadow hits and hits at REVIEW or FREEZE take nothing off.
     *
     * @param lines the order's lines after the removal
     * @param removed the numbers of the top-level lines taken off (their kit parts went with them)
     * @param notes per hit that took lines off: {@code gift line 2 (GIFT-BAG) taken off: <evidence>}
     * @param refused why nothing was taken off although hits asked for it, or null
     */
    private record Removal(List<OrderLine> lines, Set<String> removed, List<String> notes, String refused) {

        static Removal of(List<OrderLine> lines, List<RiskDecision.RuleHit> hits) {
            Set<String> removed = new LinkedHashSet<>();
            List<String> notes = new ArrayList<>();
            List<String> evidence = new ArrayList<>();
            for (RiskDecision.RuleHit h : hits) {
                Finding f = h.finding();
                if (h.shadow() || f.level() != RiskLevel.AUTO_FIX || f.fix().removeLines().isEmpty()) {
                    continue;
                }
                List<String> named = new ArrayList<>();
                for (String no : f.fix().removeLines()) {
                    for (OrderLine l : lines) {
                        if (no.equals(l.lineNo()) && l.parentLineNo() == null && !removed.contains(no)) {
                            removed.add(no);
                            boolean kit = lines.stream().anyMatch(p -> no.equals(p.parentLineNo()));
                            named.add((l.gift() ? "gift line " : "line ") + no + " (" + label(l) + ")"
                                    + (kit ? " with its parts" : ""));
                        }
                    }
                }
                if (!named.isEmpty()) {
                    notes.add(String.join(", ", named) + " taken off: " + f.evidence());
                    evidence.add(h.rule() + ": " + f.evidence());
                }
            }
            List<OrderLine> left = lines.stream().filter(l -> !removed.contains(l.parentLineNo() == null ? l.lineNo()
                    : l.parentLineNo())).toList();
            if (!removed.isEmpty() && left.isEmpty()) {
                return new Removal(lines, Collections.emptySet(), List.of(), "the rules would take every line off, so none"
                        + " was taken off: " + String.join("; ", evidence));
            }
            return new Removal(left, Collections.unmodifiableSet(removed), List.copyOf(notes), null);
        }

        private static String label(OrderLine l) {
            return l.masterSku() != null ? l.masterSku() : l.channelSku();
        }
    }

    /** Review or freeze when an acting rule says so (with every such rule's evidence); null to go on. */
    private static List<Plan.Step> riskSteps(Plan.Screened s) {
        if (s.level() != RiskLevel.REVIEW && s.level() != RiskLevel.FREEZE) {
            return null;
        }
        String why = String.join("; ", s.hits().stream().filter(h -> !h.shadow() && h.finding().level() == s.level())
                .map(h -> h.rule() + ": " + h.finding().evidence()).toList());
        return List.of(new Plan.Step(s.level() == RiskLevel.FREEZE ? OrderStatus.FROZEN : OrderStatus.IN_REVIEW, null, why));
    }

    /** Orders on hold for payment that the platform now reports paid. */
    static List<Plan> paid(List<Order> orders) {
        return orders.stream().map(o -> Plan.move(o, OrderStatus.READY, null, "the platform reports payment")).toList();
    }

    /** True when every line has its master SKU (and the order has lines). */
    static boolean mapped(Order o) {
        List<OrderLine> lines = o.content().lines();
        return !lines.isEmpty() && lines.stream().allMatch(l -> l.masterSku() != null);
    }

    /** What a reservation must hold for a mapped order. */
    static List<StockItem> items(Order o) {
        return MappedLines.itemsOf(o.content().lines());
    }

    /** What the buyer paid for the goods that are not gifts (kit parts carry no money). */
    static BigDecimal goodsPaid(List<OrderLine> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine l : lines) {
            if (l.gift() || l.parentLineNo() != null) {
                continue;
            }
            if (l.paidAmount() != null) {
                sum = sum.add(l.paidAmount());
            } else if (l.unitPrice() != null) {
                sum = sum.add(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
            }
        }
        return sum;
    }

    private static Plan plan(Order o, List<OrderLine> lines, String note, List<Plan.Step> steps) {
        boolean same = OrderIntake.sameLines(o.content().lines(), lines);
        return new Plan(o, same ? null : lines, same ? null : note, steps, false);
    }
}

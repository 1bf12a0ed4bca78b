package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningContext;

/**
 * An in-memory screening context: one order being built, earlier orders as facts, a catalog and
 * sellable stock. Input data for the pure rules, not a mock. {@link #NOW} is 14:00 in Shanghai.
 */
final class Fixture implements ScreeningContext {
    static final Instant NOW = Instant.parse("2024-06-18T06:00:00Z");
    static final long ORDER_ID = 100;

    Buyer buyer = new Buyer("张三", "13812345678", "buyer-1");
    Address address = new Address("CN", "江苏省", "南京市", "玄武区", "中山路", "18号 3单元 501", "210000");
    PaymentStatus paymentStatus = PaymentStatus.PAID;
    BigDecimal paid = new BigDecimal("100.00");
    List<OrderLine> lines = new ArrayList<>(List.of(line("1", "SKU-A", 1, "100.00")));
    List<String> tags = new ArrayList<>();
    Instant now = NOW;
    /** When the order was placed, by the platform's clock. */
    Instant placed = NOW;
    final List<OrderFact> ofBuyer = new ArrayList<>();
    final List<OrderFact> toAddress = new ArrayList<>();
    final List<OrderFact> ofPhone = new ArrayList<>();
    final List<OrderFact> fromDevice = new ArrayList<>();
    final List<OrderFact> fromIp = new ArrayList<>();
    ChannelFacts facts = ChannelFacts.NONE;
    final Map<String, Sku> skus = new HashMap<>(Map.of("SKU-A", Sku.plain("SKU-A", "Tea", new BigDecimal("100.00"))));
    final Map<String, Integer> sellable = new HashMap<>();
    /** The gift lines the catalog refused, as the core passes them. */
    final List<GiftDecision.Problem> refusedGifts = new ArrayList<>();

    /** A bought line with unit price, paid = unit price × quantity. */
    static OrderLine line(String lineNo, String sku, int quantity, String unitPrice) {
        BigDecimal price = new BigDecimal(unitPrice);
        return new OrderLine(lineNo, "ch-" + sku, sku, sku, quantity, price, price.multiply(BigDecimal.valueOf(quantity)),
                false, null);
    }

    static OrderLine gift(String lineNo, String sku) {
        return new OrderLine(lineNo, "ch-" + sku, sku, sku, 1, BigDecimal.ZERO, BigDecimal.ZERO, true, null);
    }

    static OrderLine part(String lineNo, String sku, int quantity, String kitLineNo) {
        return new OrderLine(lineNo, "ch-" + sku, sku, sku, quantity, null, null, false, kitLineNo);
    }

    /** An earlier order placed {@code minutesAgo} before {@link #NOW}. */
    static OrderFact fact(long orderId, long minutesAgo, String paid, StockItem... items) {
        return new OrderFact(orderId, NOW.minusSeconds(60 * minutesAgo), new BigDecimal(paid), Arrays.asList(items));
    }

    static StockItem item(String sku, int quantity) {
        return new StockItem(sku, quantity);
    }

    /** The one finding of a rule; fails when there is none or more. */
    static Finding single(List<Finding> findings) {
        assertEquals(1, findings.size(), () -> "one finding expected: " + findings);
        return findings.get(0);
    }

    Fixture lines(OrderLine... newLines) {
        lines = new ArrayList<>(Arrays.asList(newLines));
        return this;
    }

    Fixture sku(String code, String basePrice) {
        skus.put(code, Sku.plain(code, code, basePrice == null ? null : new BigDecimal(basePrice)));
        return this;
    }

    @Override
    public Order order() {
        NormalizedOrder content = new NormalizedOrder("taobao", "shop-1", "P100", 1, null, paymentStatus, buyer, address,
                lines, paid == null ? null : new Amounts("CNY", paid, BigDecimal.ZERO, BigDecimal.ZERO, paid), placed,
                placed, placed, null, null, tags, facts);
        return new Order(ORDER_ID, OrderStatus.RECEIVED, RiskLevel.NONE, NOW, NOW, 1, content);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Optional<Sku> sku(String code) {
        return Optional.ofNullable(skus.get(code));
    }

    @Override
    public OptionalInt sellable(String sku) {
        Integer units = sellable.get(sku);
        return units == null ? OptionalInt.empty() : OptionalInt.of(units);
    }

    @Override
    public List<OrderFact> ordersOfBuyer(Instant since) {
        return since(ofBuyer, since);
    }

    @Override
    public List<OrderFact> ordersToAddress(Instant since) {
        return since(toAddress, since);
    }

    @Override
    public List<OrderFact> ordersOfPhone(Instant since) {
        return since(ofPhone, since);
    }

    @Override
    public List<OrderFact> ordersFromDevice(Instant since) {
        return since(fromDevice, since);
    }

    @Override
    public List<OrderFact> ordersFromIp(Instant since) {
        return since(fromIp, since);
    }

    @Override
    public List<GiftDecision.Problem> refusedGifts() {
        return java.util.Collections.unmodifiableList(refusedGifts);
    }

    /** The catalog refuses the gift on {@code lineNo}. */
    Fixture refuse(String lineNo, String sku, String reason) {
        refusedGifts.add(new GiftDecision.Problem(lineNo, sku, reason));
        return this;
    }

    private static List<OrderFact> since(List<OrderFact> facts, Instant since) {
        return facts.stream().filter(f -> !f.at().isBefore(since)).sorted(Comparator.comparing(OrderFact::at).reversed())
                .toList();
    }
}

package org.ordertower.rules.fulfilmentbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningContext;

/**
 * An in-memory screening context: one order being built and a catalog. Input data for the pure
 * rules, not a mock; this pack looks at no earlier orders and no stock.
 */
final class Fixture implements ScreeningContext {
    static final Instant NOW = Instant.parse("2024-06-18T06:00:00Z");

    String buyerNote;
    Address address = new Address("CN", "江苏省", "南京市", "玄武区", "中山路", "18号", "210000");
    List<OrderLine> lines = new ArrayList<>(List.of(line("1", "SKU-A", null)));
    List<String> tags = new ArrayList<>();
    Instant promisedShipBy;
    final Map<String, Sku> skus = new HashMap<>();

    Fixture() {
        sku("SKU-A", false).sku("SKU-B", false).sku("ICE", true);
    }

    /** A plain line, or a kit part when {@code kitLineNo} is given. */
    static OrderLine line(String lineNo, String sku, String kitLineNo) {
        return new OrderLine(lineNo, "ch-" + sku, sku, sku, 1, BigDecimal.TEN, BigDecimal.TEN, false, kitLineNo);
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

    Fixture sku(String code, boolean coldChain) {
        skus.put(code, new Sku(code, code, null, BigDecimal.TEN, 100, Map.of(), coldChain, List.of(), 0, 0, 0));
        return this;
    }

    @Override
    public Order order() {
        NormalizedOrder content = new NormalizedOrder("douyin", "shop-1", "P100", 1, null, PaymentStatus.PAID,
                new Buyer("张三", "13812345678", "buyer-1"), address, lines,
                new Amounts("CNY", BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN), NOW, NOW, NOW, buyerNote,
                null, tags, new ChannelFacts(ChannelFacts.ChannelState.OPEN, promisedShipBy, null, null));
        return new Order(100, OrderStatus.RECEIVED, RiskLevel.NONE, NOW, NOW, 1, content);
    }

    @Override
    public Instant now() {
        return NOW;
    }

    @Override
    public Optional<Sku> sku(String code) {
        return Optional.ofNullable(skus.get(code));
    }

    @Override
    public OptionalInt sellable(String sku) {
        return OptionalInt.empty();
    }

    @Override
    public List<OrderFact> ordersOfBuyer(Instant since) {
        return List.of();
    }

    @Override
    public List<OrderFact> ordersToAddress(Instant since) {
        return List.of();
    }

    @Override
    public List<OrderFact> ordersOfPhone(Instant since) {
        return List.of();
    }
}

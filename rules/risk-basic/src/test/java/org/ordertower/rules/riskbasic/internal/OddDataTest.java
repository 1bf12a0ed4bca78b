package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.item;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.OrderLine;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningRule;

/**
 * Every rule, with every parameter switched on, on orders and facts with missing or extreme data:
 * none throws, and what they find about them is only what the data says.
 */
class OddDataTest {
    private static final List<ScreeningRule> RULES = new RiskBasicPack().rules(Map.of("gift.min.amount", "10",
            "cluster.amount", "0", "cluster.frequency", "0", "purchase.limit.default", "1", "purchase.limits", "SKU-A=2",
            "address.default.district", "江苏省/南京市=玄武区", "blacklist.buyers", "buyer-1", "blacklist.phones",
            "13812345678", "blacklist.addresses", "中山路", "gift.ineligible.action", "remove"));

    static Stream<Arguments> oddData() {
        BigDecimal huge = new BigDecimal("1e30");
        return Stream.of(
                odd("no lines", f -> f.lines()),
                odd("no buyer, address, amounts or payment status", f -> {
                    f.buyer = null;
                    f.address = null;
                    f.paid = null;
                    f.paymentStatus = null;
                }),
                odd("buyer and address without any field", f -> {
                    f.buyer = new Buyer(null, null, null);
                    f.address = new Address(null, null, null, null, null, null, null);
                }),
                odd("lines without SKUs, numbers or prices", f -> f.lines(
                        new OrderLine(null, null, null, null, 0, null, null, false, null),
                        new OrderLine(null, null, null, null, -3, null, null, true, null),
                        new OrderLine("2", null, "SKU-A", null, -1, null, null, false, "missing-kit"))),
                odd("refused gifts without fields, twice, or of lines not on the order", f -> {
                    f.lines(line("1", "SKU-A", 1, "1.00"), gift("2", "GIFT"), gift("2", "GIFT"));
                    f.refusedGifts.add(null);
                    f.refuse(null, null, null).refuse("2", null, null).refuse("2", "GIFT", "again").refuse("7", "X", "gone");
                }),
                odd("huge quantities and prices", f -> f.lines(
                        new OrderLine("1", "ch-A", "SKU-A", null, Integer.MAX_VALUE, huge, huge, false, null),
                        new OrderLine("2", "ch-G", "GIFT", null, Integer.MAX_VALUE, huge, null, true, null))),
                odd("facts without amounts or SKUs, catalog without prices, negative stock", f -> {
                    f.ofBuyer.add(new OrderFact(1, Fixture.NOW, null, Arrays.asList(item(null, 1), item("SKU-A", -5))));
                    f.ofPhone.add(new OrderFact(2, Fixture.NOW, null, List.of()));
                    f.toAddress.add(new OrderFact(3, Fixture.NOW.minusSeconds(1), null, List.of(item(null, 0))));
                    f.sku("SKU-A", null);
                    f.sellable.put("SKU-A", -2);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddData")
    void noRuleThrows(String what, Consumer<Fixture> change) {
        Fixture f = new Fixture();
        change.accept(f);
        for (ScreeningRule rule : RULES) {
            List<Finding> findings = assertDoesNotThrow(() -> rule.evaluate(f), rule.name());
            assertEquals(findings, rule.evaluate(f), rule.name() + " is not pure");
        }
    }

    private static Arguments odd(String what, Consumer<Fixture> change) {
        return Arguments.of(what, change);
    }
}

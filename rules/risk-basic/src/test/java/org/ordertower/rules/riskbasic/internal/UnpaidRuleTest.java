package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class UnpaidRuleTest {
    private final UnpaidRule rule = new UnpaidRule();
    private final Fixture f = new Fixture();

    @Test
    void partiallyPaidIsMarkedAwaitingPayment() {
        f.paymentStatus = PaymentStatus.PARTIALLY_PAID;
        f.paid = new BigDecimal("30");

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals("payment status PARTIALLY_PAID, paid 30.00", finding.evidence());
        assertEquals(List.of("awaiting-payment"), finding.fix().addTags());
    }

    @Test
    void unpaidWithoutAmountsIsMarkedToo() {
        f.paymentStatus = PaymentStatus.UNPAID;
        f.paid = null;

        assertEquals("payment status UNPAID, paid 0.00", single(rule.evaluate(f)).evidence());
    }

    @ParameterizedTest
    @EnumSource(names = { "PAID", "PARTIALLY_REFUNDED", "REFUNDED" })
    void paidOrdersAreNotMarked(PaymentStatus status) {
        f.paymentStatus = status;

        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void noPaymentStatusIsNotMarked() {
        f.paymentStatus = null;

        assertTrue(rule.evaluate(f).isEmpty());
    }
}

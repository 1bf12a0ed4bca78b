package org.ordertower.rules.fulfilmentbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.single;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class SeparateParcelsRuleTest {
    private final SeparateParcelsRule rule = new SeparateParcelsRule(List.of("分开发", " Ship Separately "));
    private final Fixture f = new Fixture();

    @Test
    void aNoteAskingForSeparateParcelsTagsTheOrderNoMerge() {
        f.buyerNote = "两单请分开发，谢谢";
        Finding finding = single(rule.evaluate(f));
        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals(List.of("no-merge"), finding.fix().addTags());
        assertTrue(finding.evidence().contains("分开发"), finding.evidence());

        f.buyerNote = "Please SHIP SEPARATELY";
        assertEquals(List.of("no-merge"), single(rule.evaluate(f)).fix().addTags());
    }

    @Test
    void otherNotesOrNoNoteAreLeftAlone() {
        f.buyerNote = "请尽快发货";
        assertTrue(rule.evaluate(f).isEmpty());
        f.buyerNote = null;
        assertTrue(rule.evaluate(f).isEmpty());
    }
}

package org.ordertower.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The drill's own parts that run without a node: its command line, the heap from the metrics, the quantiles. */
class DrillPartsTest {
    @Test
    void theCommandLineHasDefaultsAndRefusesNonsense() {
        DrillOptions d = DrillOptions.parse(new String[0]);
        assertEquals(120, d.normalSeconds());
        assertEquals(20, d.peakFactor());
        assertEquals(List.of("taobao", "jd", "douyin", "pdd"), d.channels());
        DrillOptions o = DrillOptions.parse(new String[] { "--peak", "30", "--rate", "600", "--channels", "jd,pdd", "--keep" });
        assertEquals(30, o.peakSeconds());
        assertEquals(600, o.rate());
        assertEquals(List.of("jd", "pdd"), o.channels());
        assertTrue(o.keep());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--anomalies", "0.9" }))
                .getMessage().contains("--anomalies must be between 0.0 and 0.5"));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--channels", "ebay" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--peak" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--peak", "soon" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--what" }));
    }

    @Test
    void theHeapIsTheSumOfTheHeapPools() {
        String metrics = String.join("\n", "# HELP jvm_memory_used_bytes Used bytes of a given JVM memory area.",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\",} 1.048576E8",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\",} 2.097152E8",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\",} 9.0E7", "jvm_memory_bytes_used{area=\"heap\",} 5");
        assertEquals(104_857_600L + 209_715_200L + 5, Watch.heap(metrics));
    }

    @Test
    void quantilesOfSortedValues() {
        List<Long> v = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(5, Watch.quantile(v, 0.5));
        assertEquals(10, Watch.quantile(v, 0.99));
        assertEquals(-1, Watch.quantile(List.of(), 0.5));
    }

    @Test
    void aReviewReasonIsKeyedByItsFirstClause() {
        assertEquals("duplicate", Reckoning.reasonKey("duplicate: buyer b1 ordered SKU-A 3 minutes ago"));
        assertEquals("risk-basic/address-cluster", Reckoning.reasonKey("rule risk-basic/address-cluster: 6 orders, 5230.00 today"));
        assertEquals("gift GIFT-BAG on line # needs #", Reckoning.reasonKey("gift GIFT-BAG on line 4000000000000078 needs 59.00: ineligible"));
        assertEquals("(no reason)", Reckoning.reasonKey(" "));
    }
}

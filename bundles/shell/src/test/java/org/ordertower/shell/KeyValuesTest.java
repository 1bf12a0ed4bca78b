package org.ordertower.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeyValuesTest {
    @Test
    void splitsAtTheFirstEqualsSign() {
        assertEquals(Map.of("param", "{\"a\":\"b=c\"}", "customer", "C1"),
                KeyValues.parse(List.of("param={\"a\":\"b=c\"}", "customer=C1"), "parameters"));
        assertEquals(Map.of("body", ""), KeyValues.parse(List.of("body="), "parameters"));
    }

    @Test
    void refusesAnArgumentWithoutKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyValues.parse(List.of("a=1", "=x"), "--set options"));
        assertEquals("--set options take key=value; '=x' is not", e.getMessage());
    }
}

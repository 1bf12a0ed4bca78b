package org.ordertower.connector.kit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void digitsAcceptOnlyOneToMaxAsciiDigits() {
        assertTrue(Ids.digits("0", 1));
        assertTrue(Ids.digits("12345678901234567890", 20));
        assertFalse(Ids.digits("123456789012345678901", 20), "too long");
        assertFalse(Ids.digits("", 20));
        assertFalse(Ids.digits(null, 20));
        assertFalse(Ids.digits("-1", 20));
        assertFalse(Ids.digits("12a", 20));
        assertFalse(Ids.digits("١٢٣", 20), "non-ASCII digits are not platform ids");
        assertFalse(Ids.digits("12 ", 20));
    }
}

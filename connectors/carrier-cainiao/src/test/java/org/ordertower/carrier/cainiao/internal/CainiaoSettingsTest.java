package org.ordertower.carrier.cainiao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CainiaoSettingsTest {

    private static CainiaoSettings with(String signMethod, Set<String> carriers, String template, long userId) {
        return new CainiaoSettings("a", "https://eco.taobao.com/router/rest", "key", "secret-x", "session-y", signMethod, carriers,
                template, userId, Duration.ofSeconds(1), 5, Clock.systemUTC());
    }

    @Test
    void refusesABadKeyNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> with("sha1", Set.of("SF"), "http://t", 1)).getMessage()
                .startsWith("signMethod"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> with("md5", Set.of(), "http://t", 1)).getMessage()
                .startsWith("carriers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> with("md5", Set.of("SF"), "ftp://t", 1)).getMessage()
                .startsWith("templateUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> with("md5", Set.of("SF"), "http://t", 0)).getMessage()
                .startsWith("userId"));
    }

    @Test
    void readsCarriersAndKeepsSecretsOutOfToString() {
        assertEquals(Set.of("SF", "ZTO", "YTO"), CainiaoSettings.carriers(" sf, ZTO,,yto "));
        String s = with("md5", Set.of("SF"), "http://t", 1).toString();
        assertFalse(s.contains("secret-x") || s.contains("session-y"), s);
    }
}

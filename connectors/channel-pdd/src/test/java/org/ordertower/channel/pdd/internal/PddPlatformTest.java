package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;

class PddPlatformTest {
    private final PddPlatform platform = new PddPlatform();

    @Test
    void signingToolShowsThePublishedExample() {
        SignatureTrace t = platform.sign("testSecret", Map.of("access_token", "asd78172s8ds9a921j9qqwda12312w1w21211",
                "client_id", "1", "data_type", "XML", "type", "pdd.order.number.list.get", "timestamp", "1480411125",
                "order_status", "1", "page", "1", "page_size", "10"));
        assertEquals("md5", t.method());
        assertEquals("E4DE3ED21002510DED352819E7AE6775", t.signature());
        assertTrue(t.stringToSign().startsWith("testSecretaccess_token"));
    }

    @Test
    void signingToolNamesWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> platform.sign("s", Map.of("client_id", "1", "timestamp", "1")));
        assertTrue(e.getMessage().contains("type"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> platform.sign("s", Map.of("type", "t", "timestamp", "1"))).getMessage().contains("client_id"));
    }

    @Test
    void badConfigurationFailsNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PddSettings.from(config("", "k", "s", "t", ""), null))
                .getMessage().startsWith("shop"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PddSettings.from(config("m", "k", "", "t", ""), null))
                .getMessage().startsWith("appSecret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PddSettings.from(config("m", "k", "s", "", ""), null))
                .getMessage().contains("accessToken"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PddSettings.from(config("m", "k", "s3cr3t", "t", "yesterday"), null));
        assertTrue(e.getMessage().startsWith("tokenExpiresAt"));
        assertTrue(!e.getMessage().contains("s3cr3t"));
        PddSettings ok = PddSettings.from(config("m", "k", "s3cr3t", "tok", ""), null);
        assertTrue(!ok.toString().contains("s3cr3t") && !ok.toString().contains("tok,"), ok.toString());
        assertEquals(PddConstants.GATEWAY, ok.gatewayUrl());
    }

    @Test
    void pushesNeedAMessageUrlAndANumericMallId() {
        PddMessageSettings fromShop = PddMessageSettings.from(config("468512347", "k", "s", "t", "", PddConstants.MESSAGE_URL, ""));
        assertEquals(468512347L, fromShop.mallId());
        assertEquals(PddConstants.MESSAGE_URL, fromShop.messageUrl());
        assertEquals(77L, PddMessageSettings.from(config("mall-7", "k", "s", "t", "", PddConstants.MESSAGE_URL, "77")).mallId());
        assertEquals(null, PddMessageSettings.from(config("mall-7", "k", "s", "t", "", PddConstants.MESSAGE_URL, "")),
                "no mall id known: pull only");
        assertEquals(null, PddMessageSettings.from(config("468512347", "k", "s", "t", "", " ", "")), "no URL: pull only");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PddMessageSettings.from(config("m", "k", "s", "t", "", PddConstants.MESSAGE_URL, "mall-7"))).getMessage()
                .startsWith("mallId"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PddMessageSettings.from(config("1", "k", "s", "t", "", "http://x/message", ""))).getMessage()
                .startsWith("messageUrl"));
    }

    private static PddConfig config(String shop, String key, String secret, String token, String expires) {
        return config(shop, key, secret, token, expires, "", "");
    }

    private static PddConfig config(String shop, String key, String secret, String token, String expires, String messageUrl,
            String mallId) {
        return new PddConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PddConfig.class;
            }

            @Override
            public String shop() {
                return shop;
            }

            @Override
            public String appKey() {
                return key;
            }

            @Override
            public String appSecret() {
                return secret;
            }

            @Override
            public String accessToken() {
                return token;
            }

            @Override
            public String refreshToken() {
                return "";
            }

            @Override
            public String tokenExpiresAt() {
                return expires;
            }

            @Override
            public String gatewayUrl() {
                return PddConstants.GATEWAY;
            }

            @Override
            public double appRatePerSecond() {
                return 10;
            }

            @Override
            public double shopRatePerSecond() {
                return 5;
            }

            @Override
            public int timeoutSeconds() {
                return 10;
            }

            @Override
            public int pageSize() {
                return 100;
            }

            @Override
            public String messageUrl() {
                return messageUrl;
            }

            @Override
            public String mallId() {
                return mallId;
            }

            @Override
            public int messageBuffer() {
                return 10_000;
            }
        };
    }
}

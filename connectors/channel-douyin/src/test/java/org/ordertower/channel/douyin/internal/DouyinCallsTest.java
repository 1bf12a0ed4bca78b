package org.ordertower.channel.douyin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.sim.kit.SimOrder;

class DouyinCallsTest {

    /** A token store in memory. */
    static final class MemoryTokens implements TokenStore {
        final Map<String, AccessToken> saved = new HashMap<>();

        @Override
        public synchronized Optional<AccessToken> load(String channel, String shop) {
            return Optional.ofNullable(saved.get(channel + "/" + shop));
        }

        @Override
        public synchronized void save(String channel, String shop, AccessToken token) {
            saved.put(channel + "/" + shop, token);
        }
    }

    private static SimOrder paidOrder(SimShop shop) {
        SimOrder o = shop.sim.book().create(Instant.now().minusSeconds(120));
        shop.sim.book().pay(o.orderId);
        return o;
    }

    @Test
    void aClockElevenMinutesOffIsReadFromTheAnswerAndTheRefusedCallIsSignedAgainByIt() {
        try (SimShop shop = new SimShop()) {
            SimOrder o = paidOrder(shop);
            DouyinSettings s = shop.settings();
            // this machine's clock 11 minutes behind the platform's: beyond the 10 minutes it allows
            java.time.Clock skewed = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(-11));
            DouyinConnector c = new DouyinConnector(s.withClock(skewed));
            assertEquals(o.orderId, c.fetch(o.orderId).platformOrderId());
            assertEquals(1L, refusals(shop), "the first call was refused for its timestamp, the second taken");
            long ahead = java.time.Duration.between(skewed.instant(), c.platformTime()).toSeconds();
            assertTrue(ahead >= 655 && ahead <= 665, "the platform's clock is read 11 minutes ahead, was " + ahead + " s");
            assertEquals(o.orderId, c.fetch(o.orderId).platformOrderId());
            assertEquals(1L, refusals(shop), "signed by the platform's clock from then on");
        }
    }

    @Test
    void aTimestampRefusedWhileTheAnswerShowsNoOtherClockIsTransient() {
        // the platform's Date header agrees with this machine, yet it refuses the timestamp: its own clock is off
        ChannelException e = org.ordertower.channel.douyin.internal.api.DouyinClient.classify("order.orderDetail",
                new org.ordertower.channel.douyin.internal.api.dto.ResponseDto(40003L, "非法的参数",
                        "isv.timestamp-invalid", "时间戳不合法", "l1", null));
        assertEquals(Kind.TRANSIENT, e.kind());
        assertEquals("40003:isv.timestamp-invalid", e.platformCode());
    }

    private static long refusals(SimShop shop) {
        return shop.sim.counters().entrySet().stream().filter(e -> e.getKey().startsWith("refused."))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    @Test
    void aWrongSecretIsRefusedAsAuthWithThePlatformsCode() {
        try (SimShop shop = new SimShop()) {
            DouyinSettings s = shop.settings();
            DouyinConnector c = new DouyinConnector(new DouyinSettings(s.gatewayUrl(), s.appKey(), "wrong-secret", s.shop(),
                    s.accessToken(), s.refreshToken(), null, 500, 500, s.timeout(), s.pushMaxAge(), s.listingPageSize(), s.clock(), null));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("1"));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("40003:isv.signature-invalid", e.platformCode());
            assertFalse(e.getMessage().contains("wrong-secret"), "no secret in messages");
        }
    }

    @Test
    void anExpiredTokenIsRefreshedOnceTheRefreshTokenRotatesAndTheCallSucceeds() {
        try (SimShop shop = new SimShop()) {
            SimOrder o = paidOrder(shop);
            DouyinSettings s = shop.settings();
            shop.sim.expireToken(s.accessToken());
            MemoryTokens store = new MemoryTokens();
            DouyinConnector c = new DouyinConnector(s.withTokenStore(store));
            assertEquals(o.orderId, c.fetch(o.orderId).platformOrderId());
            AccessToken saved = store.load("douyin", "4463798").orElseThrow();
            assertNotEquals(s.accessToken(), saved.accessToken());
            assertNotEquals(s.refreshToken(), saved.refreshToken(), "the refresh token rotates");
            assertEquals(1L, shop.sim.counters().get("method.token.refresh"));
            // the old refresh token is spent: a shop still holding it cannot recover
            DouyinConnector stale = new DouyinConnector(s);
            ChannelException e = assertThrows(ChannelException.class, () -> stale.fetch(o.orderId));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("50001:dop.token-generate-failed:token-invalid", e.platformCode());
            // a new connector starts from the stored (newest) token
            assertEquals(o.orderId, new DouyinConnector(s.withTokenStore(store)).fetch(o.orderId).platformOrderId());
        }
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheCallAndWithoutAnyTokenTheShopCreatesOne() {
        try (SimShop shop = new SimShop()) {
            SimOrder o = paidOrder(shop);
            DouyinSettings s = shop.settings();
            DouyinConnector c = new DouyinConnector(s.withTokens(s.accessToken(), s.refreshToken(), Instant.now().plusSeconds(60)));
            c.fetch(o.orderId);
            assertEquals(1L, shop.sim.counters().get("method.token.refresh"));
            DouyinConnector fresh = new DouyinConnector(s.withTokens(null, null, null));
            fresh.fetch(o.orderId);
            assertEquals(1L, shop.sim.counters().get("method.token.create"));
        }
    }

    @Test
    void theOwnLimiterKeepsUnderTheSimulatorsRateAndOverItTheRefusalIsRateLimited() {
        try (SimShop shop = new SimShop(Map.of("ratePerSecond", "5"))) {
            SimOrder o = paidOrder(shop);
            DouyinConnector polite = new DouyinConnector(shop.settings().withRates(4, 4));
            for (int i = 0; i < 12; i++) {
                polite.fetch(o.orderId);
            }
            assertEquals(null, shop.sim.counters().get("rateLimited"));
        }
        try (SimShop shop = new SimShop(Map.of("ratePerSecond", "3"))) {
            SimOrder o = paidOrder(shop);
            DouyinConnector greedy = shop.connector();
            List<Kind> kinds = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                try {
                    greedy.fetch(o.orderId);
                } catch (ChannelException e) {
                    kinds.add(e.kind());
                    assertEquals("60000:isv.traffic-limited", e.platformCode());
                    assertEquals(1, e.retryAfter().toSeconds());
                }
            }
            assertFalse(kinds.isEmpty());
            assertTrue(kinds.stream().allMatch(k -> k == Kind.RATE_LIMITED), kinds.toString());
        }
    }

    @Test
    void shipThenAlreadyShippedRecordedByTheSimulator() {
        try (SimShop shop = new SimShop()) {
            SimOrder o = paidOrder(shop);
            DouyinConnector c = shop.connector();
            Shipment parcel = new Shipment(o.orderId, List.of(), "shunfeng", "SF1400000001");
            assertEquals(ShipResult.SHIPPED, c.ship(parcel));
            assertEquals(ShipResult.ALREADY_SHIPPED, c.ship(parcel));
            assertEquals(List.of(List.of(o.orderId, "shunfeng", "SF1400000001")), shop.sim.shipments());
            NormalizedOrder shipped = c.map("4463798", c.fetch(o.orderId).payload());
            assertEquals("3", shipped.platformStatus());
            ChannelException e = assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment("123", List.of(), "shunfeng", "SF1")));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("40004:isv.parameter-invalid", e.platformCode());
        }
    }

    @Test
    void stockUpdatesAreRecordedBySkuIdOrByOuterCode() {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = shop.connector();
            c.updateStock(new StockUpdate("4463798", "3500000000000000101", "3500000000000000001", "CUP-WHITE", "M-CUP", 42,
                    false, Instant.now()));
            c.updateStock(new StockUpdate("4463798", "TOWEL-3", null, "TOWEL-3", "M-TOWEL", 0, false, Instant.now()));
            assertEquals(Map.of("3500000000000000101", 42, "TOWEL-3", 0), shop.sim.book().stock());
            ChannelException e = assertThrows(ChannelException.class,
                    () -> c.updateStock(new StockUpdate("4463798", "NOPE", null, null, "M", 1, false, Instant.now())));
            assertEquals(Kind.PERMANENT, e.kind());
        }
    }

    @Test
    void anOrdersCiphertextsDecryptByItsIdWithoutMemoryUntilTheQuotaIsSpent() {
        try (SimShop shop = new SimShop(Map.of("decryptQuota", "4"))) {
            SimOrder o = paidOrder(shop);
            SimOrder other = paidOrder(shop);
            DouyinConnector c = shop.connector();
            NormalizedOrder n = c.map("4463798", c.fetch(o.orderId).payload());
            NormalizedOrder m = c.map("4463798", c.fetch(other.orderId).payload());
            assertEquals(List.of(), n.problems());
            assertTrue(n.buyer().name().startsWith("~AgAAA"), n.buyer().name());
            assertTrue(n.buyer().phone().startsWith("$AgAAA"));
            assertTrue(DouyinShopCalls.isCipher(n.address().detail()));
            assertEquals(0, o.payment().compareTo(n.amounts().paid()));

            // a connector that never saw the order: the request carries the order id (the simulator checks auth_id)
            DouyinConnector fresh = shop.connector();
            Receiver r = fresh.decrypt(DecryptRequest.of(n));
            assertEquals(o.receiverName, r.name());
            assertEquals(o.receiverPhone, r.phone());
            assertEquals(o.address[4], r.address().detail());
            assertEquals(n.address().province(), r.address().province());

            // the fourth ciphertext is the last of the quota: the other order's phone is refused
            ChannelException spent = assertThrows(ChannelException.class, () -> fresh.decrypt(DecryptRequest.of(m)));
            assertEquals(Kind.RATE_LIMITED, spent.kind());
            assertTrue(spent.getMessage().contains("解密额度已用完") && spent.getMessage().contains(other.orderId),
                    spent.getMessage());
            assertFalse(spent.getMessage().contains(other.receiverPhone));
        }
    }

    @Test
    void aCorrectedPartIsKeptAMaskedOneAndAForeignOrderIdAreRefused() {
        try (SimShop shop = new SimShop(Map.of())) {
            SimOrder o = paidOrder(shop);
            DouyinConnector c = shop.connector();
            NormalizedOrder n = c.map("4463798", c.fetch(o.orderId).payload());
            Address corrected = new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "478号", null);
            Receiver r = c.decrypt(new DecryptRequest(o.orderId, n.buyer(), corrected, List.of()));
            assertEquals(o.receiverName, r.name());
            assertEquals(corrected, r.address());

            ChannelException masked = assertThrows(ChannelException.class, () -> c.decrypt(new DecryptRequest(o.orderId,
                    new Buyer("张*", n.buyer().phone(), null), n.address(), List.of())));
            assertEquals(Kind.PERMANENT, masked.kind());
            assertTrue(masked.getMessage().contains("name is masked"), masked.getMessage());

            ChannelException foreign = assertThrows(ChannelException.class,
                    () -> c.decrypt(new DecryptRequest("999", n.buyer(), n.address(), List.of())));
            assertEquals(Kind.PERMANENT, foreign.kind());
            assertTrue(foreign.getMessage().contains("300002"), foreign.getMessage());
        }
    }
}

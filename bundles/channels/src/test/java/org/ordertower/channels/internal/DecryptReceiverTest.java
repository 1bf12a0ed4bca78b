package org.ordertower.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Access;
import org.ordertower.api.AccessDeniedException;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Buyer;
import org.ordertower.api.Caller;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.channel.douyin.internal.DouyinConnector;
import org.ordertower.channel.douyin.internal.DouyinSettings;
import org.ordertower.sim.douyin.DouyinSimulator;
import org.ordertower.channel.taobao.internal.TaobaoConnector;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.taobao.TaobaoSimulator;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

/**
 * Decrypting a receiver for a label, end to end: orders pulled by the real Taobao and Douyin connectors from their
 * simulators into a real database, decrypted through each platform's decrypt call, audited without plaintext; a
 * spent quota, a channel that cannot decrypt and an order without a connector refused clearly.
 */
class DecryptReceiverTest {
    private static final PullPolicy NO_LAG = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ZERO,
            Duration.ofMinutes(1), Duration.ofDays(90));
    private static final Actor CLERK = Actor.user("lin.clerk");
    /** The clerk as a caller: the pii role lets them see buyer data in clear. */
    private static final Caller CLERK_PII = new Caller("lin.clerk", Set.of(Access.PII));
    private final List<AutoCloseable> open = new ArrayList<>();
    private GroupCommitWriter writer;
    private DefaultOrderService orders;
    private ChannelRuntime runtime;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    private void start(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 8);
        open.add((AutoCloseable) ds);
        Database db = new Database(ds);
        OrderStore.migrator(ds).migrate();
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, new OrderJson());
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 256, 20_000, 30_000);
        orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(),
                () -> Set.of("taobao", "douyin", "pdd", "own"), () -> { });
        runtime = new ChannelRuntime(db, orders, Clock.systemUTC(), new ChannelRuntime.Options("node-a", Duration.ofHours(1),
                Duration.ofSeconds(2), 4, 3, Duration.ofDays(7), false));
        open.add(runtime);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void taobaoAndDouyinReceiversDecryptForALabelAndEachDecryptionIsAuditedWithoutPlaintext(String kind) throws Exception {
        start(kind);
        TaobaoSimulator tb = TaobaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", "21" + System.nanoTime()
                % 1_000_000_000L, "appSecret", "tb-secret", "shop", "tea-shop", "ratePerSecond", "1000")));
        open.add(tb);
        TaobaoSettings ts = TaobaoSettings.of(tb.gatewayUrl(), tb.oauthUrl(), tb.appKey(), "tb-secret", "tea-shop",
                tb.accessToken(), tb.refreshToken(), null, Clock.systemUTC()).withRates(1000, 1000);
        runtime.add(new DelegatingConnector(new TaobaoConnector(ts, null), NO_LAG));
        DouyinSimulator dy = douyin(3); // one order's name, phone and address detail
        runtime.add(new DelegatingConnector(new DouyinConnector(douyinSettings(dy)), NO_LAG));

        SimOrder t = tb.book().create(Instant.now().minusSeconds(120));
        SimOrder d = dy.book().create(Instant.now().minusSeconds(120));
        SimOrder over = dy.book().create(Instant.now().minusSeconds(120));
        runtime.pull("taobao", "tea-shop");
        runtime.pull("douyin", "4463798");
        long tid = orders.findByPlatformId("taobao", "tea-shop", t.orderId).orElseThrow().id();
        long did = orders.findByPlatformId("douyin", "4463798", d.orderId).orElseThrow().id();
        long overId = orders.findByPlatformId("douyin", "4463798", over.orderId).orElseThrow().id();
        NormalizedOrder storedT = orders.find(tid).orElseThrow().content();
        assertFalse(storedT.buyer().phone().equals(t.receiverPhone), "stored as the platform gave it: masked");
        assertTrue(orders.find(did).orElseThrow().content().buyer().name().startsWith("~"), "stored as given: ciphertext");

        Receiver rt = runtime.decryptReceiver(tid, CLERK_PII, "print waybill SF123");
        SimOrder tNow = tb.book().get(t.orderId).orElseThrow();
        assertEquals(tNow.receiverName, rt.name());
        assertEquals(tNow.receiverPhone, rt.phone());
        assertEquals(new Address("CN", tNow.address[0], tNow.address[1], tNow.address[2], tNow.address[3], tNow.address[4],
                storedT.address().postcode()), rt.address());
        assertAudited(tid, "print waybill SF123", tNow);

        // an administrator has no right to buyer data: refused by the service before the platform is asked (the
        // Douyin quota fits this order's three fields only, so the decrypt below proves nothing was spent)
        AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                () -> runtime.decryptReceiver(did, new Caller("ops", Set.of(Access.ADMIN)), "print waybill YT456"));
        assertTrue(denied.getMessage().contains("needs the role pii or supervisor; ops does not have it"), denied.getMessage());
        assertTrue(orders.timeline(did).stream().noneMatch(e -> e.action().equals(ChannelRuntime.DECRYPTED)));

        Receiver rd = runtime.decryptReceiver(did, CLERK_PII, "print waybill YT456");
        SimOrder dNow = dy.book().get(d.orderId).orElseThrow();
        assertEquals(dNow.receiverName, rd.name());
        assertEquals(dNow.receiverPhone, rd.phone());
        assertEquals(List.of(dNow.address[0], dNow.address[1], dNow.address[2], dNow.address[3], dNow.address[4]),
                List.of(rd.address().province(), rd.address().city(), rd.address().district(), rd.address().street(),
                        rd.address().detail()));
        assertAudited(did, "print waybill YT456", dNow);

        // the platform's quota is spent: its answer surfaces as RATE_LIMITED, and nothing is audited
        ChannelException spent = assertThrows(ChannelException.class, () -> runtime.decryptReceiver(overId, CLERK_PII, "label"));
        assertEquals(ChannelException.Kind.RATE_LIMITED, spent.kind());
        assertTrue(spent.getMessage().contains("解密额度已用完"), spent.getMessage());
        assertTrue(orders.timeline(overId).stream().noneMatch(e -> e.action().equals(ChannelRuntime.DECRYPTED)));
    }

    @Test
    void aChannelThatCannotDecryptAnOrderWithoutConnectorAndAMissingReasonAreRefusedClearly() throws Exception {
        start("h2");
        long own = orders.intake(order("own", "main", "OWN-1"), raw(), Actor.SYSTEM).orderId();
        long pdd = orders.intake(order("pdd", "pdd-shop", "240101-000000001"), raw(), Actor.channel("pdd")).orderId();
        runtime.add(new ChannelConnector() { // a connector without DECRYPT, as pdd's is (decryption needs its cloud)
            @Override
            public String channelId() {
                return "pdd";
            }

            @Override
            public String shop() {
                return "pdd-shop";
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.PULL, Capability.SHIP);
            }

            @Override
            public NormalizedOrder map(String shop, String payload) {
                throw unsupported(Capability.PULL);
            }
        });

        IllegalArgumentException noDecrypt = assertThrows(IllegalArgumentException.class,
                () -> runtime.decryptReceiver(pdd, CLERK_PII, "label"));
        assertTrue(noDecrypt.getMessage().contains("pdd, whose connector cannot decrypt"), noDecrypt.getMessage());
        IllegalArgumentException noConnector = assertThrows(IllegalArgumentException.class,
                () -> runtime.decryptReceiver(own, CLERK_PII, "label"));
        assertTrue(noConnector.getMessage().contains("own shop main, which has no connector installed"),
                noConnector.getMessage());
        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class,
                () -> runtime.decryptReceiver(pdd, CLERK_PII, " "));
        assertTrue(noReason.getMessage().contains("a reason is required"), noReason.getMessage());
        assertThrows(OrderNotFoundException.class, () -> runtime.decryptReceiver(987_654_321L, CLERK_PII, "label"));
        assertThrows(OrderNotFoundException.class, () -> orders.audit(987_654_321L, CLERK, "decrypted", "name", "label"));
        for (long id : new long[] { own, pdd }) {
            assertTrue(orders.timeline(id).stream().noneMatch(e -> e.action().equals(ChannelRuntime.DECRYPTED)));
        }
    }

    /** One "decrypted" row naming the actor, the reason and the fields; no row anywhere holds the plaintext. */
    private void assertAudited(long orderId, String reason, SimOrder plain) {
        List<AuditEntry> timeline = orders.timeline(orderId);
        List<AuditEntry> rows = timeline.stream().filter(e -> e.action().equals(ChannelRuntime.DECRYPTED)).toList();
        assertEquals(1, rows.size(), timeline.toString());
        AuditEntry row = rows.get(0);
        assertEquals(CLERK, row.actor());
        assertEquals(reason, row.reason());
        assertEquals("name,phone,address", row.field());
        assertNull(row.oldValue());
        assertNull(row.newValue());
        for (AuditEntry e : timeline) {
            String all = e.field() + "|" + e.oldValue() + "|" + e.newValue() + "|" + e.reason();
            for (String secret : new String[] { plain.receiverName, plain.receiverPhone, plain.address[4] }) {
                assertFalse(all.contains(secret), "plaintext in the audit trail: " + e);
            }
        }
    }

    private DouyinSimulator douyin(int decryptQuota) {
        DouyinSimulator sim = DouyinSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", String.format("71%017d",
                System.nanoTime() % 100_000_000_000_000_000L), "appSecret", "dy-secret", "shop", "4463798", "decryptQuota",
                String.valueOf(decryptQuota))));
        open.add(sim);
        return sim;
    }

    private static DouyinSettings douyinSettings(DouyinSimulator sim) {
        Map<String, String> token = sim.issueToken();
        return DouyinSettings.of(sim.gatewayUrl(), sim.settings().appKey(), "dy-secret", "4463798")
                .withTokens(token.get("access_token"), token.get("refresh_token"), null).withRates(1000, 1000);
    }

    private static NormalizedOrder order(String channel, String shop, String id) {
        return new NormalizedOrder(channel, shop, id, 1, "PAID", PaymentStatus.PAID, new Buyer("张*", "138****5678", "b1"),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "****", "310012"),
                List.of(new OrderLine("1", "SKU-1", null, "tee", 1, new BigDecimal("10.00"), new BigDecimal("10.00"), false,
                        null)),
                new Amounts("CNY", new BigDecimal("10.00"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("10.00")),
                Instant.now().minusSeconds(60), Instant.now().minusSeconds(30), Instant.now(), null, null, List.of());
    }

    private static RawPayload raw() {
        return new RawPayload("test", "application/json", "{}");
    }
}

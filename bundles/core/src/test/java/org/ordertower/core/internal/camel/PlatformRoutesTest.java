package org.ordertower.core.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.core.internal.http.PartnerCallbackHttpApi;
import org.ordertower.core.internal.http.WebhookHttpApi;
import org.ordertower.core.spi.http.OrderJson;

/**
 * Each marketplace's webhook and each partner's callbacks over real HTTP, as routes of their own named after them:
 * served while the platform is installed, 404 once it is gone, 503 while an admin holds the route, and another
 * platform's path untouched.
 */
class PlatformRoutesTest {
    private DefaultCamelContext camel;
    private PlatformRoutes routes;
    private int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        camel = new DefaultCamelContext();
        camel.start();
        OrderJson json = new OrderJson();
        // neither the channels nor fulfilment run here: a served path answers their 503 in JSON
        routes = new PlatformRoutes(camel, "127.0.0.1", port,
                new WebhookHttpApi(Optional::empty, Clock.systemUTC(), json),
                new PartnerCallbackHttpApi(Optional::empty, Clock.systemUTC(), json));
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ChannelPlatform channel(String id) {
        return (ChannelPlatform) Proxy.newProxyInstance(PlatformRoutesTest.class.getClassLoader(),
                new Class<?>[] {ChannelPlatform.class}, (p, m, a) -> switch (m.getName()) {
                    case "channelId" -> id;
                    case "toString" -> "channel " + id;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static PartnerPlatform partner(String id, PartnerPlatform.Kind kind) {
        return (PartnerPlatform) Proxy.newProxyInstance(PlatformRoutesTest.class.getClassLoader(),
                new Class<?>[] {PartnerPlatform.class}, (p, m, a) -> switch (m.getName()) {
                    case "partnerId" -> id;
                    case "kind" -> kind;
                    case "toString" -> "partner " + id;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void aMarketplacesWebhookIsItsOwnRouteWhileItIsInstalled() throws Exception {
        ChannelPlatform douyin = channel("douyin");
        assertTrue(routes.add(douyin));
        assertTrue(routes.add(channel("pdd")));
        assertEquals("channel-douyin-webhooks", camel.getRoute("channel-douyin-webhooks").getId());

        HttpResponse<String> served = post("/api/v1/channels/douyin/push");
        assertEquals(503, served.statusCode(), served.body());
        assertTrue(served.body().contains("\"error\""), served.body());

        camel.getRouteController().suspendRoute("channel-douyin-webhooks");
        HttpResponse<String> held = post("/api/v1/channels/douyin/push");
        assertEquals(503, held.statusCode());
        assertFalse(held.body().contains("\"error\""), "Camel answers for a suspended route: " + held.body());
        assertTrue(post("/api/v1/channels/pdd/push").body().contains("\"error\""), "the other channel is served");
        camel.getRouteController().resumeRoute("channel-douyin-webhooks");
        assertTrue(post("/api/v1/channels/douyin/push").body().contains("\"error\""));

        routes.remove(douyin);
        assertEquals(404, post("/api/v1/channels/douyin/push").statusCode(), "gone with its bundle");
        assertEquals(503, post("/api/v1/channels/pdd/push").statusCode());
        assertEquals(404, post("/api/v1/channels/jd/push").statusCode(), "never installed");
    }

    @Test
    void eachPartnersCallbacksAreARouteOnItsKindsPath() throws Exception {
        PartnerPlatform qimen = partner("qimen", PartnerPlatform.Kind.WMS);
        assertTrue(routes.add(qimen));
        assertTrue(routes.add(partner("kuaidi100", PartnerPlatform.Kind.CARRIER)));
        assertTrue(camel.getRoute("partner-qimen-callbacks") != null);
        assertTrue(camel.getRoute("partner-kuaidi100-callbacks") != null);

        assertEquals(503, post("/api/v1/wms/qimen/callback").statusCode());
        assertEquals(503, post("/api/v1/carriers/kuaidi100/callback").statusCode());
        assertEquals(404, post("/api/v1/carriers/qimen/callback").statusCode(), "a WMS is not under carriers");

        assertFalse(routes.add(partner("qimen", PartnerPlatform.Kind.WMS)), "one route per partner id");
        assertFalse(routes.add(partner("Bad Id", PartnerPlatform.Kind.WMS)), "an id that is no path segment");

        routes.remove(qimen);
        assertEquals(404, post("/api/v1/wms/qimen/callback").statusCode());
        assertEquals(503, post("/api/v1/carriers/kuaidi100/callback").statusCode());
    }
}

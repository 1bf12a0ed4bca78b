package org.ordertower.core.internal.camel;

import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.core.internal.http.PartnerCallbackHttpApi;
import org.ordertower.core.internal.http.WebhookHttpApi;
import org.ordertower.lanes.Lanes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each marketplace's webhook and each partner's callbacks as a route of its own, named after it and served while its
 * bundle is installed: {@code channel-douyin-webhooks} on {@code /api/v1/channels/douyin},
 * {@code partner-qimen-callbacks} on {@code /api/v1/wms/qimen}, {@code partner-kuaidi100-callbacks} on
 * {@code /api/v1/carriers/kuaidi100}. An admin pauses one platform's pushes with
 * {@code camel:route-suspend ordertower-core <route>} (the platform gets 503 and sends again). The paths are open:
 * each connector checks its platform's signature ({@link org.ordertower.core.internal.http.HttpGuard#OPEN}).
 */
final class PlatformRoutes {
    /** A platform id that can be a path segment and part of a route id. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final Logger logger = LoggerFactory.getLogger(PlatformRoutes.class);
    private final ServiceRoutes routes;
    private final String host;
    private final int port;
    private final WebhookHttpApi webhooks;
    private final PartnerCallbackHttpApi callbacks;

    PlatformRoutes(CamelContext camel, String host, int port, WebhookHttpApi webhooks, PartnerCallbackHttpApi callbacks) {
        this.routes = new ServiceRoutes(camel);
        this.host = host;
        this.port = port;
        this.webhooks = webhooks;
        this.callbacks = callbacks;
    }

    /** The route id of a marketplace's webhook. */
    static String webhookRoute(String channel) {
        return Lanes.routeId("channel", channel, "webhooks");
    }

    /** The route id of a partner's callbacks. */
    static String callbackRoute(String partner) {
        return Lanes.routeId("partner", partner, "callbacks");
    }

    boolean add(ChannelPlatform platform) {
        String id = platform.channelId();
        if (!valid(id, platform)) {
            return false;
        }
        String base = WebhookHttpApi.BASE + "/" + id;
        String routeId = webhookRoute(id);
        return routes.add(platform, routeId, base,
                new WebhookRoutes(routeId, host, port, base, WebhookHttpApi.MAX_BODY, webhooks::handle));
    }

    boolean add(PartnerPlatform platform) {
        String id = platform.partnerId();
        if (!valid(id, platform)) {
            return false;
        }
        String base = (platform.kind() == PartnerPlatform.Kind.WMS ? PartnerCallbackHttpApi.WMS_BASE
                : PartnerCallbackHttpApi.CARRIER_BASE) + "/" + id;
        String routeId = callbackRoute(id);
        return routes.add(platform, routeId, base,
                new WebhookRoutes(routeId, host, port, base, PartnerCallbackHttpApi.MAX_BODY, callbacks::handle));
    }

    void remove(Object platform) {
        routes.remove(platform);
    }

    private boolean valid(String id, Object platform) {
        if (id == null || !ID.matcher(id).matches()) {
            logger.warn("{} has the id '{}', which is not {}: its pushes are not served", platform, id, ID);
            return false;
        }
        return true;
    }
}

package org.ordertower.web.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.ordertower.api.Caller;
import org.ordertower.api.OrderService;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.core.spi.http.HttpGateway;
import org.ordertower.core.spi.http.HttpReply;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;

/**
 * {@code GET /metrics} on Karaf's HTTP service: OrderTower's figures ({@link OrderTowerCollector}) and the JVM's, in
 * Prometheus' text format 0.0.4. Callers log in with HTTP Basic or an API token, as on the REST interface (through the core's
 * {@link HttpGateway}, so the same users and login cache) and need the roles that may read orders (viewer or admin):
 * in Prometheus, {@code basic_auth} in the scrape configuration.
 */
@Component(service = Servlet.class, immediate = true, property = {
        "osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=ordertower-metrics" })
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String CHALLENGE = "Basic realm=\"OrderTower metrics\"";
    private final transient CollectorRegistry registry = new CollectorRegistry();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile HttpGateway gateway;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile OrderService orders;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ChannelService channels;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ScreeningService rules;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile FulfilmentService fulfilment;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile InventoryService inventory;

    public MetricsServlet() {
        new OrderTowerCollector(new OrderTowerCollector.Services(() -> orders, () -> channels, () -> rules,
                () -> fulfilment, () -> inventory)).register(registry);
        DefaultExports.register(registry);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpGateway g = gateway;
        if (g == null) {
            resp.sendError(503, "the OrderTower core is not running");
            return;
        }
        Optional<Caller> caller = g.authenticate(req.getHeader("Authorization"));
        if (caller.isEmpty()) {
            resp.setHeader("WWW-Authenticate", CHALLENGE);
            resp.sendError(401, "send HTTP Basic credentials or an API token (Bearer) with the role viewer or admin");
            return;
        }
        Optional<HttpReply> refused = g.refusal(caller.get(), "GET", LiveFeed.STATS, Map.of());
        if (refused.isPresent()) {
            resp.sendError(403, "reading the metrics needs the roles that may read orders (viewer or admin)");
            return;
        }
        resp.setStatus(200);
        resp.setContentType(TextFormat.CONTENT_TYPE_004);
        resp.setHeader("Cache-Control", "no-store");
        try (Writer w = resp.getWriter()) {
            TextFormat.write004(w, registry.metricFamilySamples());
        }
    }
}

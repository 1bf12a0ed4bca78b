package org.ordertower.rules.internal.review;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Order;
import org.ordertower.api.OrderService;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.jdbc.Database;
import org.ordertower.rules.internal.RulesEngineComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.rules.internal.http.ReviewHttpApi;
import org.ordertower.rules.internal.http.RulesHttpApi;

/**
 * Offers the {@link ReviewQueue} and its REST interface ({@code /api/v1/review}, an {@link HttpApi} the core serves),
 * and the rule packs' ({@code /api/v1/rules}: statistics, tuning, replay over the stored orders).
 * Waits for the order service and for the rules engine component, which migrates the tables this one uses.
 */
@Component(service = ReviewQueue.class, immediate = true)
public final class ReviewQueueComponent implements ReviewQueue {
    private final DefaultReviewQueue queue;
    private final ServiceRegistration<HttpApi> http;
    private final ServiceRegistration<HttpApi> rulesHttp;

    @Activate
    public ReviewQueueComponent(BundleContext context, @Reference(target = "(dataSourceName=ordertower)") DataSource dataSource,
            @Reference OrderService orders, @Reference RulesEngineComponent migrated) throws SQLException {
        this.queue = new DefaultReviewQueue(orders, new Database(dataSource), Clock.systemUTC());
        // the review queue's REST interface, served by the core's HTTP whiteboard
        this.http = context.registerService(HttpApi.class, HttpApi.of("review", ReviewHttpApi.BASE, ReviewHttpApi.MAX_BODY,
                new ReviewHttpApi(() -> Optional.of(this), orders, new OrderJson())), null);
        // the rule packs' REST interface (statistics, tuning, replay over the stored orders)
        this.rulesHttp = context.registerService(HttpApi.class, HttpApi.of("rules", RulesHttpApi.BASE,
                RulesHttpApi.MAX_BODY, new RulesHttpApi(migrated, orders, new OrderJson())), null);
    }

    @Deactivate
    void deactivate() {
        try {
            http.unregister();
            rulesHttp.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }

    @Override
    public List<ReviewItem> list(int limit) {
        return queue.list(limit);
    }

    @Override
    public List<ReviewItem> listAfter(Long afterOrderId, int limit) {
        return queue.listAfter(afterOrderId, limit);
    }

    @Override
    public ReviewItem claim(long orderId, Actor who) {
        return queue.claim(orderId, who);
    }

    @Override
    public Order approve(long orderId, Actor who, String reason) {
        return queue.approve(orderId, who, reason);
    }

    @Override
    public Order editAndApprove(long orderId, Actor who, String reason, Address address, Map<String, String> lineSkus) {
        return queue.editAndApprove(orderId, who, reason, address, lineSkus);
    }

    @Override
    public Order reject(long orderId, Actor who, String reason) {
        return queue.reject(orderId, who, reason);
    }

    @Override
    public Order unfreeze(long orderId, Actor who, boolean supervisor, String reason) {
        return queue.unfreeze(orderId, who, supervisor, reason);
    }
}

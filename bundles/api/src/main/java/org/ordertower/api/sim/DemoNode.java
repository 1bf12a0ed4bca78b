package org.ordertower.api.sim;

import java.util.List;
import java.util.Objects;

/**
 * The demo node a simulator is set up for.
 *
 * @param baseUrl the node's HTTP interface as the simulator reaches it ({@code http://127.0.0.1:8182}); webhooks
 *     and callbacks go under it
 * @param warehouse the demo's warehouse id in OrderTower
 * @param skus the master SKU codes the demo sells
 */
public record DemoNode(String baseUrl, String warehouse, List<String> skus) {
    public DemoNode {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(warehouse, "warehouse");
        skus = skus == null ? List.of() : List.copyOf(skus);
    }

    /** Where a marketplace pushes its signed messages for channel {@code id} (the node's webhook route). */
    public String channelPushUrl(String id) {
        return baseUrl + "/api/v1/channels/" + id + "/push";
    }

    /** Where warehouse system {@code id} calls back. */
    public String wmsCallbackUrl(String id) {
        return baseUrl + "/api/v1/wms/" + id + "/callback";
    }

    /** Where carrier or tracking service {@code id} calls back. */
    public String carrierCallbackUrl(String id) {
        return baseUrl + "/api/v1/carriers/" + id + "/callback";
    }
}

package org.ordertower.api.channel;

import java.util.List;

/**
 * One page of a pull.
 *
 * @param orders the orders on this page, in the platform's order; may be empty
 * @param next the token of the next page of the same window, or null when the window is done; opaque
 *     to core, which stores it as the resume point once this page's orders are stored
 */
public record PullPage(List<PlatformOrder> orders, String next) {
    public PullPage {
        orders = List.copyOf(orders);
    }
}

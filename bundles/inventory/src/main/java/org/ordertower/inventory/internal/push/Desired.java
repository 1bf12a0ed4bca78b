package org.ordertower.inventory.internal.push;

import java.time.Instant;

import org.ordertower.api.inventory.StockUpdate;

/** The quantity a listing should show, waiting for its channel's worker. */
record Desired(Listing listing, StockUpdate update, int attempt, Instant notBefore) {
}

package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.ordertower.api.Actor;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.core.spi.OrderLedger;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of {@link Fulfilment} share: the database and the fulfilment stores, the order store, alerts, the
 * clock, the services and partners that come and go, the settings; and the transactions they all run in.
 */
final class FulfilmentContext {
    static final Actor ACTOR = new Actor(Actor.Type.SYSTEM, "fulfilment");

    /** Transfer dates are the merchant's calendar days. */
    static final ZoneId MERCHANT_ZONE = ZoneId.of("Asia/Shanghai");

    /** Work in one transaction. */
    @FunctionalInterface
    interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Work on one key in its own transaction: how much it moved. */
    @FunctionalInterface
    interface KeyWork<K> {
        int run(Tx tx, K key) throws SQLException;
    }

    private final Logger logger = LoggerFactory.getLogger(FulfilmentContext.class);
    final Database db;
    final Orders orders;
    final Clock clock;
    final Supplier<InventoryService> inventory;
    final Supplier<CatalogService> catalog;
    final Supplier<ChannelService> channels;
    final Partners partners;
    final Routing.Settings settings;
    final Routing.Consolidation consolidation;
    final Fulfilment.Options options;
    final ParcelStore parcels = new ParcelStore();
    final TransferStore transfers = new TransferStore();
    final TaskPartner partnerOf = new TaskPartner(this);
    final TaskStore tasks = new TaskStore(parcels, partnerOf::of);
    final CallbackStore callbacks = new CallbackStore();
    private final Runnable afterCommit;
    /** The partners' reports, written in shared commits: a burst of callbacks shares its flushes. */
    private final org.ordertower.jdbc.GroupCommit reports;

    FulfilmentContext(Database db, OrderLedger ledger, Clock clock,
            Supplier<InventoryService> inventory, Supplier<CatalogService> catalog, Supplier<ChannelService> channels,
            Partners partners, Routing.Settings settings, Routing.Consolidation consolidation, Fulfilment.Options options,
            Runnable afterCommit) {
        this.db = db;
        this.orders = new Orders(ledger);
        this.clock = clock;
        this.inventory = inventory;
        this.catalog = catalog;
        this.channels = channels;
        this.partners = partners;
        this.settings = settings;
        this.consolidation = consolidation;
        this.options = options;
        this.afterCommit = afterCommit;
        this.reports = new org.ordertower.jdbc.GroupCommit(db, 64, afterCommit);
    }

    /**
     * Runs {@code work} in a transaction shared with the other reports arriving at the same moment (each under its own
     * savepoint) and returns once it committed durably: for the partners' callbacks, answered only after that.
     */
    <T> T writeReport(TxWork<T> work) throws SQLException {
        return reports.write(work::run);
    }

    <T> T read(Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the order store is not available: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in a transaction committed durably, then tells the node's listeners. */
    <T> T write(TxWork<T> work) throws SQLException {
        T result;
        try (Tx tx = db.begin()) {
            try {
                result = work.run(tx);
                tx.commitDurably();
            } catch (SQLException | RuntimeException e) {
                tx.rollbackQuietly();
                throw e;
            }
        }
        afterCommit.run();
        return result;
    }

    /**
     * Runs {@code work} for each key in a transaction of its own; a key whose transaction fails is logged and left for
     * the next pass, the others go on.
     */
    <K> int perKey(List<K> keys, String what, KeyWork<K> work) {
        return perKey(keys, what, work, new ArrayList<>());
    }

    /** As {@link #perKey(List, String, KeyWork)}, adding each key whose transaction failed to {@code failed}. */
    <K> int perKey(List<K> keys, String what, KeyWork<K> work, List<K> failed) {
        int moved = 0;
        for (K key : keys) {
            try {
                moved += write(tx -> work.run(tx, key));
            } catch (SQLException | RuntimeException e) {
                logger.warn("{} {} failed, retried later: {}", what, key, e.toString());
                failed.add(key);
            }
        }
        return moved;
    }

    /** The inventory, or a transient failure when it is not installed now. */
    InventoryService requireInventory() {
        InventoryService inv = inventory.get();
        if (inv == null) {
            throw new PartnerException(PartnerException.Kind.TRANSIENT, "the inventory is not installed");
        }
        return inv;
    }

    /** The return centre of a parcel: by its carrier's network, else the configured default, else where it left. */
    String returnCentre(Parcel p) {
        String byCarrier = options.returnCentres().get(p.carrier());
        if (byCarrier != null) {
            return byCarrier;
        }
        return options.returnCentres().getOrDefault("*", p.warehouse());
    }
}

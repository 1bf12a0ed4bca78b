package org.ordertower.inventory.internal.store;

import javax.sql.DataSource;

import org.ordertower.jdbc.Migrator;

/** The inventory's tables: scripts next to this class, versions in {@code inventory_schema_version}. */
public final class InventorySchema {
    private InventorySchema() {
    }

    public static Migrator migrator(DataSource dataSource) {
        return new Migrator(dataSource, InventorySchema.class, "inventory_schema_version");
    }
}

package org.ordertower.alerts.internal.store;

import javax.sql.DataSource;

import org.ordertower.jdbc.Migrator;

/** The alerts' tables: the scripts next to this class, versions in {@code alerts_schema_version}. */
public final class AlertsSchema {
    private AlertsSchema() {
    }

    public static Migrator migrator(DataSource dataSource) {
        return new Migrator(dataSource, AlertsSchema.class, "alerts_schema_version");
    }
}

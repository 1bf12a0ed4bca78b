package org.ordertower.core.internal;

import org.ordertower.core.internal.jdbc.Database;
import org.ordertower.core.internal.json.OrderJson;

/** What the core's own components share; a service private to this bundle. */
public interface CoreInternals {
    Database database();

    OrderJson json();

    CoreConfig config();

    /** Called after every committed order change. */
    void onCommit(Runnable listener);

    void removeOnCommit(Runnable listener);
}

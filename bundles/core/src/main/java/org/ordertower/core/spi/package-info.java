/**
 * What the core offers OrderTower's own bundles that work inside its transactions (fulfilment). Exported and
 * semantically versioned; not a plugin API.
 */
@Export
@Version("1.1.0")
package org.ordertower.core.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

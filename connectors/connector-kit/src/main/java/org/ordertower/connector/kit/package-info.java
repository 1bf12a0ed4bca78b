/**
 * OrderTower connector kit: what every channel, warehouse-system and carrier connector shares. Exported by the kit
 * bundle ({@code org.ordertower.connector.kit}) and imported by each connector, never embedded, so that static state
 * such as {@link org.ordertower.connector.kit.RateLimiter#shared} is one per container. Semantically versioned.
 */
@Export
@Version("1.0.0")
package org.ordertower.connector.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

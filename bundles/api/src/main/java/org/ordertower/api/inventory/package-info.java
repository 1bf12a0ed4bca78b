/** OrderTower API: inventory. Exported and semantically versioned; see STYLE.md section 1. */
@Export
@Version("1.4.0")
package org.ordertower.api.inventory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

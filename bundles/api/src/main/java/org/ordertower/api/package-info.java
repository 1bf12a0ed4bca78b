/** OrderTower API. Exported and semantically versioned; see STYLE.md section 1. */
@Export
@Version("1.12.0")
package org.ordertower.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

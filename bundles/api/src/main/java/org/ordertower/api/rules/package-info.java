/** OrderTower API: rules. Exported and semantically versioned; see STYLE.md section 1. */
@Export
@Version("2.5.0")
package org.ordertower.api.rules;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

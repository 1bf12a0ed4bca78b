/** OrderTower API: channel. Exported and semantically versioned; see STYLE.md section 1. */
@Export
@Version("4.2.0")
package org.ordertower.api.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Simulators of marketplaces, warehouse systems and carriers, for tests, demos and integrators: registered by the
 * simulator bundles, never by production connectors. Exported and semantically versioned.
 */
@Export
@Version("1.0.0")
package org.ordertower.api.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The HTTP whiteboard: a bundle offers a REST interface by registering an {@link HttpApi} service, and the core
 * serves it on its Jetty port behind the one {@link org.ordertower.core.spi.http.HttpApi guard} as the route
 * {@code ordertower-http-<name>}, added when the service comes and removed when it goes. The helpers here make the
 * interfaces answer alike: {@link HttpReply}, {@link JsonReplies}, {@link JsonFields}, {@link QueryParams} (with
 * {@link KeysetPage}, the one way every list pages: {@code limit}, {@code after}, {@code next}) and {@link OrderJson}, the
 * JSON form of the model. Exported and semantically versioned for OrderTower's bundles.
 */
@Export
@Version("1.4.0")
package org.ordertower.core.spi.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

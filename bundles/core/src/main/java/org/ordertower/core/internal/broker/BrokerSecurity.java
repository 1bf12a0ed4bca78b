package org.ordertower.core.internal.broker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.SimpleAuthenticationPlugin;

/**
 * Who may connect to the embedded broker. On a loopback address (the default, {@code tcp://127.0.0.1:61616}) only this
 * machine's processes reach it, and no login is asked; a broker that listens beyond the machine must have a user and a
 * password, which every connection then logs in with (this node's own too), or it does not start.
 */
final class BrokerSecurity {
    private BrokerSecurity() {
    }

    /**
     * Checks the settings before the broker starts.
     *
     * @throws IllegalArgumentException naming the keys when the broker would listen beyond this machine without a login,
     *     or only one of user and password is set
     */
    static void check(String listen, String user, String password) {
        check(listen, user, password, "");
    }

    /**
     * {@link #check(String, String, String)}, with a JAAS realm whose users log in (then a broker may listen beyond this
     * machine without its own user: every network connection logs in anyway).
     */
    static void check(String listen, String user, String password, String realm) {
        boolean login = (!user.isBlank() && !password.isBlank()) || !realm.isBlank();
        if (user.isBlank() != password.isBlank()) {
            throw new IllegalArgumentException("org.ordertower.broker: set both user and password, or neither");
        }
        if (!listen.isBlank() && !login && !loopback(listen)) {
            throw new IllegalArgumentException("org.ordertower.broker: listen = " + listen + " reaches beyond this machine;"
                    + " set a realm or a user and password (every connection then logs in), or listen on 127.0.0.1");
        }
    }

    /** Whether the listen URI's host is this machine only (127.0.0.0/8, ::1, localhost). */
    static boolean loopback(String listen) {
        String host;
        try {
            host = URI.create(listen.strip()).getHost();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("org.ordertower.broker: listen is not a URI such as tcp://127.0.0.1:61616: "
                    + listen);
        }
        if (host == null) {
            throw new IllegalArgumentException("org.ordertower.broker: listen names no host: " + listen);
        }
        try {
            InetAddress a = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            return a.isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("org.ordertower.broker: listen names an unknown host: " + listen);
        }
    }

    /** Makes every connection log in as {@code user} (no anonymous access), when a user is set. */
    static void apply(BrokerService broker, String user, String password) {
        if (user.isBlank()) {
            return;
        }
        SimpleAuthenticationPlugin auth = new SimpleAuthenticationPlugin(List.of(new AuthenticationUser(user.strip(),
                password, "ordertower")));
        auth.setAnonymousAccessAllowed(false);
        broker.setPlugins(new BrokerPlugin[] { auth });
    }
}

package org.ordertower.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Boots the project's own distribution once for the whole suite and offers shell and HTTP helpers.
 * Ports are moved off the defaults so a Karaf a developer runs does not collide with the test's.
 * Each test uses its own shop id, so tests can share the container. HTTP calls log in as
 * {@link TestUsers#ADMIN} (Karaf's admingroup) unless a test names another user.
 */
public abstract class OrderTowerTestSupport {
    public static final int HTTP_PORT = 18182;
    /** Karaf's HTTP service (Pax Web), where the web console is. */
    public static final int WEB_PORT = 18181;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected org.osgi.framework.BundleContext bundleContext;

    /**
     * A service looked up now, not injected at start: should the features service ever refresh the
     * core (it did once, when two jaxb-runtime bundles were around), an injected instance would be
     * the one that went away.
     */
    protected <T> T service(Class<T> type, String filter) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            java.util.Collection<org.osgi.framework.ServiceReference<T>> refs = bundleContext.getServiceReferences(type, filter);
            if (!refs.isEmpty()) {
                return bundleContext.getService(refs.iterator().next());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type.getName() + " service " + (filter == null ? "" : filter));
    }

    /** Waits until the HTTP intake stores an order, so the node has settled after boot. */
    protected void awaitReady() throws Exception {
        TestUsers.addTo(java.nio.file.Paths.get(System.getProperty("karaf.etc"), "users.properties"));
        ensureHttpPort();
        await(Duration.ofSeconds(120), () -> post("/api/v1/orders", warmUpOrder()).statusCode() / 100 == 2);
        await(Duration.ofSeconds(60), () -> shell("order:list --size 1").contains("orders"));
    }

    /**
     * Makes sure the core listens on {@link #HTTP_PORT}. Now and then the unpacked container's
     * {@code etc/org.ordertower.core.cfg} was found empty after Pax Exam's edit (seen in two CI runs;
     * cause not found), so the core came up on the default port and every request
     * here waited in vain. The port is then set through Config Admin, as an operator would.
     */
    private void ensureHttpPort() throws Exception {
        org.osgi.service.cm.Configuration core = service(org.osgi.service.cm.ConfigurationAdmin.class, null)
                .getConfiguration("org.ordertower.core", null);
        java.util.Dictionary<String, Object> props = core.getProperties();
        if (props == null || !String.valueOf(HTTP_PORT).equals(String.valueOf(props.get("http.port")))) {
            java.util.Hashtable<String, Object> fixed = new java.util.Hashtable<>();
            if (props != null) {
                for (String k : java.util.Collections.list(props.keys())) {
                    fixed.put(k, props.get(k));
                }
            }
            fixed.put("http.port", String.valueOf(HTTP_PORT));
            System.err.println("etc/org.ordertower.core.cfg lost the test's http.port; setting it through Config Admin");
            core.update(fixed);
        }
    }

    private static String warmUpOrder() {
        return "{\"channel\":\"own\",\"shop\":\"it-warmup\",\"platformOrderId\":\"W-0\",\"platformVersion\":1,"
                + "\"paymentStatus\":\"PAID\",\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"S\",\"quantity\":1}],"
                + "\"amounts\":{\"currency\":\"CNY\"},\"createdAt\":\"2026-11-11T00:00:00+08:00\"}";
    }

    @Configuration
    public Option[] config() {
        return new Option[] {
                karafDistributionConfiguration()
                        .frameworkUrl("file:" + new File(System.getProperty("ordertower.distribution")).getAbsolutePath())
                        .karafVersion(System.getProperty("karaf.version")).name("OrderTower")
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false),
                keepRuntimeFolder(), configureConsole().ignoreLocalConsole(), logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ordertower.core.cfg", "http.port", String.valueOf(HTTP_PORT)),
                editConfigurationFilePut("etc/org.ordertower.broker.cfg", "listen", "tcp://127.0.0.1:61626"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(WEB_PORT)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "8111"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "1199"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44454"),
                CoreOptions.systemTimeout(300_000),
                // the channel generated from the template and built before the tests (ChannelIT)
                CoreOptions.systemProperty("ordertower.generated.channel").value(
                        new File("target/generated-channel").getAbsolutePath()),
                CoreOptions.systemProperty("ordertower.version").value(System.getProperty("ordertower.version", "")),
        };
    }

    /**
     * Runs a shell command as an operator would and returns what it printed: logged in as {@link #SHELL_USER}, whose
     * roles Karaf's command ACLs check: Karaf's admingroup (as the admin the first start creates) plus operator and
     * reviewer; not supervisor nor pii, so {@code order:unfreeze} and {@code order:decrypt} are not there.
     */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        execute(command, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void execute(String command, ByteArrayOutputStream bytes) throws Exception {
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal(SHELL_USER));
        for (String role : SHELL_ROLES) {
            subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal(role));
        }
        try {
            javax.security.auth.Subject.doAs(subject, (java.security.PrivilegedExceptionAction<Object>) () -> {
                Session session = sessionFactory.create(System.in, out, out);
                try {
                    return session.execute(command);
                } finally {
                    out.flush();
                    session.close();
                }
            });
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /** Who the tests' shell commands run as. */
    protected static final String SHELL_USER = "it-shell";
    private static final List<String> SHELL_ROLES = List.of("admin", "manager", "viewer", "systembundles", "ssh",
            "operator", "reviewer");

    /** Runs a command that must fail; returns what it printed and its error message ("no failure: ..." if none). */
    protected String shellFailure(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            execute(command, bytes);
            return "no failure: " + bytes.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return bytes.toString(StandardCharsets.UTF_8) + e.getMessage();
        }
    }

    protected static HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json, TestUsers.ADMIN);
    }

    protected static HttpResponse<String> post(String path, String json, String user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", TestUsers.basic(user))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static HttpResponse<String> put(String path, String json, String user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", TestUsers.basic(user))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static HttpResponse<String> get(String path) throws Exception {
        return get(path, TestUsers.ADMIN);
    }

    protected static HttpResponse<String> get(String path, String user) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", TestUsers.basic(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the condition holds or the time is up; rethrows the last failure on timeout. */
    protected static void await(Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < end) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met within " + timeout, last);
    }
}

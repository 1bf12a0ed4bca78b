package org.ordertower.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The users the tests call the REST interfaces as, added to the container's
 * {@code etc/users.properties} (Karaf's realm reads it at every login, so a running container sees
 * them at once). Passwords are stored hashed, as the distribution's JAAS encryption expects.
 */
final class TestUsers {
    static final String PASSWORD = "it-Secret-7";
    /** In Karaf's admingroup, like the admin the core creates on first start. */
    static final String ADMIN = "it-admin";
    static final String REVIEWER = "it-reviewer";
    static final String SUPERVISOR = "it-supervisor";
    /** Reads everything, changes nothing. */
    static final String VIEWER = "it-viewer";
    private static final String ENTRIES = String.join(System.lineSeparator(), "",
            "# added by the OrderTower integration tests",
            ADMIN + " = " + hash(PASSWORD) + ",_g_:admingroup",
            REVIEWER + " = " + hash(PASSWORD) + ",reviewer,viewer",
            SUPERVISOR + " = " + hash(PASSWORD) + ",supervisor,viewer",
            VIEWER + " = " + hash(PASSWORD) + ",viewer",
            only("admin"), only("supervisor"), only("operator"), only("reviewer"), only("viewer"), only("pii"),
            only("partner"),
            "");

    /** A user with one OrderTower role alone, and Karaf's ssh role to log in to the shell (RolesTable). */
    static String onlyRole(String role) {
        return "it-only-" + role;
    }

    private static String only(String role) {
        return onlyRole(role) + " = " + hash(PASSWORD) + "," + role + ",ssh";
    }

    private TestUsers() {
    }

    /** Adds the users unless they are there. */
    static synchronized void addTo(Path usersFile) throws IOException {
        if (Files.exists(usersFile) && Files.readString(usersFile, StandardCharsets.ISO_8859_1).contains(ADMIN + " = ")) {
            return;
        }
        Files.writeString(usersFile, ENTRIES, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
    }

    /** The Authorization header of {@code user}. */
    static String basic(String user) {
        // not LoadDriver's: this class also runs inside the Pax Exam probe, which holds only test classes
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Karaf's basic JAAS encryption as etc/org.apache.karaf.jaas.cfg sets it: {@code {CRYPT}hex(sha256){CRYPT}}. */
    private static String hash(String password) {
        try {
            StringBuilder sb = new StringBuilder("{CRYPT}");
            for (byte b : MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8))) {
                sb.append(String.format("%02x", b));
            }
            return sb.append("{CRYPT}").toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.ordertower.core.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/**
 * OrderTower ships no password. On the first start this creates the {@code admin} user in Karaf's
 * {@code users.properties} with a random password, stored as a SHA-256 digest in the format of
 * Karaf's basic JAAS encryption ({@code etc/org.apache.karaf.jaas.cfg} turns it on), and returns the
 * plaintext once so the caller can print it to the console. Never logged.
 */
public final class FirstStartAdmin {
    public static final String USER = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Pattern HAS_ADMIN = Pattern.compile("^\\s*admin\\s*[=:].*");
    private final Path usersFile;
    private final SecureRandom random;

    public FirstStartAdmin(Path usersFile, SecureRandom random) {
        this.usersFile = usersFile;
        this.random = random;
    }

    /** Creates the admin if there is none; returns the new password, or null when one existed. */
    public synchronized String ensureAdmin() throws IOException {
        List<String> lines = Files.exists(usersFile) ? Files.readAllLines(usersFile, StandardCharsets.ISO_8859_1) : List.of();
        if (lines.stream().anyMatch(l -> HAS_ADMIN.matcher(l).matches())) {
            return null;
        }
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String password = pw.toString();
        String entry = System.lineSeparator() + "# created on first start; change it with jaas:passwd or jaas:useradd"
                + System.lineSeparator() + USER + " = " + hash(password) + ",_g_:admingroup" + System.lineSeparator();
        Files.writeString(usersFile, entry, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        return password;
    }

    /** Karaf's basic encryption: {@code {CRYPT}hex(sha256(password)){CRYPT}}. */
    public static String hash(String password) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder("{CRYPT}");
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.append("{CRYPT}").toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

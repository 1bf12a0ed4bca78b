package org.ordertower.core.internal.security;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.apache.karaf.jaas.modules.encryption.BasicEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartAdminTest {
    @TempDir
    Path dir;

    @Test
    void createsOneAdminWithAHashKarafAccepts() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "_g_\\:admingroup = group,admin,ssh\n");
        FirstStartAdmin admin = new FirstStartAdmin(users, new SecureRandom());
        String password = admin.ensureAdmin();
        assertNotNull(password);
        assertEquals(20, password.length());
        String text = Files.readString(users);
        assertFalse(text.contains(password), "the password is stored hashed");
        assertNull(admin.ensureAdmin(), "a second start keeps the existing admin");

        String stored = text.lines().filter(l -> l.startsWith("admin =")).findFirst().orElseThrow()
                .substring("admin = ".length()).split(",")[0];
        // The same settings as etc/org.apache.karaf.jaas.cfg; Karaf's own check must accept the hash.
        Map<String, String> params = new HashMap<>();
        params.put("algorithm", "SHA-256");
        params.put("encoding", "hexadecimal");
        BasicEncryption karaf = new BasicEncryption(params);
        String inner = stored.substring("{CRYPT}".length(), stored.length() - "{CRYPT}".length());
        assertTrue(karaf.checkPassword(password, inner), "Karaf accepts the stored hash");
        assertFalse(karaf.checkPassword(password + "x", inner));
    }
}

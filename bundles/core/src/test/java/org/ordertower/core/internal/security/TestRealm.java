package org.ordertower.core.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;

/**
 * Karaf's {@code karaf} realm outside Karaf: its {@link PropertiesLoginModule} over a users.properties
 * file with one user per role, all with the password {@link #PASSWORD}. Passwords are plain text
 * here: Karaf's encryption needs its OSGi service (FirstStartAdminTest checks the hashed form).
 */
public final class TestRealm {
    public static final String REALM = "karaf";
    public static final String PASSWORD = "s3cret-pw";
    /** Karaf's admingroup as the distribution ships it; the first-start admin is in it. */
    public static final String USERS = String.join("\n",
            "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh",
            "admin = " + PASSWORD + ",_g_:admingroup",
            "viewer = " + PASSWORD + ",viewer",
            "ops = " + PASSWORD + ",operator",
            "rev = " + PASSWORD + ",reviewer",
            "boss = " + PASSWORD + ",supervisor",
            "dpo = " + PASSWORD + ",viewer,pii",
            "nobody = " + PASSWORD,
            "");

    private TestRealm() {
    }

    /** Writes {@link #USERS} to {@code dir/users.properties}; the configuration knows only {@link #REALM}. */
    public static Configuration in(Path dir) throws IOException {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, USERS, StandardCharsets.ISO_8859_1);
        AppConfigurationEntry[] entries = { new AppConfigurationEntry(PropertiesLoginModule.class.getName(),
                LoginModuleControlFlag.REQUIRED, Map.of("users", users.toString())) };
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return REALM.equals(name) ? entries : null;
            }
        };
    }
}

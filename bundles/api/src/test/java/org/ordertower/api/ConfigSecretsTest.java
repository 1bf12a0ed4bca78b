package org.ordertower.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSecretsTest {
    @Test
    void aReferenceIsReadFromItsFileOrVariableAndAnythingElseIsTheSecretItself(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("shop.appSecret"), "s3cret-from-file\n");
        Map<String, String> env = Map.of("SHOP_TOKEN", "tok-from-env");
        assertEquals("s3cret-from-file", ConfigSecrets.resolve("appSecret", "file:shop.appSecret", etc, env::get));
        assertEquals("s3cret-from-file", ConfigSecrets.resolve("appSecret", "file:" + etc.resolve("shop.appSecret"),
                etc, env::get), "an absolute path");
        assertEquals("tok-from-env", ConfigSecrets.resolve("accessToken", "env:SHOP_TOKEN", etc, env::get));
        assertEquals("plain", ConfigSecrets.resolve("appSecret", "plain", etc, env::get));
        assertNull(ConfigSecrets.resolve("appSecret", null, etc, env::get));
        assertEquals("", ConfigSecrets.resolve("appSecret", "", etc, env::get));
    }

    @Test
    void aBrokenReferenceNamesTheKeyNeverASecret(@TempDir Path etc) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ConfigSecrets.resolve("appSecret", "file:nope", etc, n -> null));
        assertTrue(missing.getMessage().startsWith("appSecret: cannot read the secret from"), missing.getMessage());
        Files.writeString(etc.resolve("empty"), " \n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigSecrets.resolve("key", "file:empty", etc,
                n -> null)).getMessage().contains("is empty"));
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                () -> ConfigSecrets.resolve("salt", "env:NOT_SET", etc, n -> null));
        assertEquals("salt: the environment variable 'NOT_SET' is not set", unset.getMessage());
        Files.writeString(etc.resolve("s"), "topsecret");
        assertFalse(assertThrows(IllegalArgumentException.class, () -> ConfigSecrets.resolve("k", "file:", etc,
                n -> "topsecret")).getMessage().contains("topsecret"));
    }
}

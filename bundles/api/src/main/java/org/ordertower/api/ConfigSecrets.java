package org.ordertower.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A secret in a configuration value kept out of the configuration: {@code file:<name>} reads the secret from the file
 * {@code <name>} (relative to Karaf's {@code etc/}, or absolute), {@code env:<NAME>} from an environment variable;
 * any other value is the secret itself. Config Admin, and so {@code config:list}, only ever holds the reference.
 * The secret is never put into an exception message: a failure names the key and the reference.
 */
public final class ConfigSecrets {
    private ConfigSecrets() {
    }

    /** The secret {@code value} of the configuration key {@code key} stands for; null and blank stay as they are. */
    public static String resolve(String key, String value) {
        return resolve(key, value, Path.of(System.getProperty("karaf.etc", ".")), System::getenv);
    }

    static String resolve(String key, String value, Path etc, UnaryOperator<String> env) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("file:")) {
            String name = v.substring(5).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(key + " names no file after file:");
            }
            Path file = etc.resolve(name);
            try {
                String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (secret.isEmpty()) {
                    throw new IllegalArgumentException(key + ": the file " + file + " is empty");
                }
                return secret;
            } catch (IOException e) {
                throw new IllegalArgumentException(key + ": cannot read the secret from " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (v.startsWith("env:")) {
            String name = v.substring(4).strip();
            String secret = name.isEmpty() ? null : env.apply(name);
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException(key + ": the environment variable '" + name + "' is not set");
            }
            return secret.strip();
        }
        return value;
    }
}

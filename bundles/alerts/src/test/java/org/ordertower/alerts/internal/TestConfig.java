package org.ordertower.alerts.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@link AlertsConfig} as Declarative Services makes it from a configuration: each method answers the value of its
 * key (the method name with {@code _} read as a dot), or its default.
 */
public final class TestConfig {
    private TestConfig() {
    }

    public static AlertsConfig of(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (AlertsConfig) Proxy.newProxyInstance(AlertsConfig.class.getClassLoader(), new Class<?>[] { AlertsConfig.class },
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "TestConfig" : method.invoke(copy, args);
                    }
                    String key = method.getName().replace('_', '.');
                    Object v = copy.get(key);
                    return v != null ? v : method.getDefaultValue();
                });
    }

    public static Settings settings(Map<String, Object> values) {
        return Settings.from(of(values), "test-host");
    }
}

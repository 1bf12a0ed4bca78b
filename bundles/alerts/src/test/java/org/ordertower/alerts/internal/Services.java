package org.ordertower.alerts.internal;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/**
 * A simple implementation of one of the product's service interfaces (the real ones live in other bundles): the named
 * methods answer through their function, every other method throws.
 */
public final class Services {
    private Services() {
    }

    public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            Function<Object[], Object> f = methods.get(method.getName());
            if (f != null) {
                return f.apply(args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " for tests";
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " in this test");
        }));
    }
}

package org.ordertower.api;

import java.util.Objects;

/**
 * Who made a change: the system itself, a rule, a channel (the platform), or a named user.
 *
 * @param type the kind of actor
 * @param name a rule name, channel id or user name; "ordertower" for the system
 */
public record Actor(Type type, String name) {
    public enum Type {
        SYSTEM, CHANNEL, RULE, USER
    }

    public static final Actor SYSTEM = new Actor(Type.SYSTEM, "ordertower");

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static Actor user(String name) {
        return new Actor(Type.USER, name);
    }

    public static Actor channel(String channel) {
        return new Actor(Type.CHANNEL, channel);
    }

    public static Actor rule(String rule) {
        return new Actor(Type.RULE, rule);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase() + ":" + name;
    }
}

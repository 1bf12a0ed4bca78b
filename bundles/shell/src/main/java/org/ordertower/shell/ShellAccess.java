package org.ordertower.shell;

import static org.ordertower.api.Access.Permission.ADMINISTER;
import static org.ordertower.api.Access.Permission.CHANGE;
import static org.ordertower.api.Access.Permission.DECIDE_REVIEW;
import static org.ordertower.api.Access.Permission.READ;
import static org.ordertower.api.Access.Permission.READ_REVIEW;
import static org.ordertower.api.Access.Permission.SEE_BUYER_DATA;
import static org.ordertower.api.Access.Permission.UNFREEZE;

import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.Access.Permission;

/**
 * What each OrderTower shell command needs, in the terms of the one roles table ({@link Permission}). Karaf enforces
 * it through its command ACLs, {@code etc/org.apache.karaf.command.acl.<scope>.cfg}, one per scope: the shell bundle's
 * tests check that every command is here and that those files say exactly this. The services check buyer data
 * themselves besides ({@code order:show --unmask}).
 */
public final class ShellAccess {
    /** {@code scope:command} to what it needs. */
    public static final Map<String, Permission> COMMANDS = new TreeMap<>(Map.ofEntries(
            Map.entry("catalog:export", READ), Map.entry("catalog:import", CHANGE),
            Map.entry("channel:carriers", READ), Map.entry("channel:dead", READ), Map.entry("channel:list", READ),
            Map.entry("channel:listings", READ), Map.entry("channel:pull", CHANGE), Map.entry("channel:reconcile", READ),
            Map.entry("channel:sign", ADMINISTER),
            Map.entry("order:decrypt", SEE_BUYER_DATA), Map.entry("order:list", READ), Map.entry("order:show", READ),
            Map.entry("order:stats", READ), Map.entry("order:unfreeze", UNFREEZE),
            Map.entry("review:approve", DECIDE_REVIEW), Map.entry("review:claim", DECIDE_REVIEW),
            Map.entry("review:edit", DECIDE_REVIEW), Map.entry("review:list", READ_REVIEW),
            Map.entry("review:reject", DECIDE_REVIEW),
            Map.entry("rule:packs", READ), Map.entry("rule:stats", READ),
            Map.entry("ship:failed", READ), Map.entry("ship:parcels", READ), Map.entry("ship:partners", READ),
            Map.entry("ship:reconcile", CHANGE), Map.entry("ship:retry", CHANGE), Map.entry("ship:sign", ADMINISTER),
            Map.entry("sim:start", ADMINISTER), Map.entry("sim:status", READ), Map.entry("sim:stop", ADMINISTER),
            Map.entry("stock:adjust", CHANGE), Map.entry("stock:alerts", READ), Map.entry("stock:allocate", CHANGE),
            Map.entry("stock:check", READ), Map.entry("stock:pushes", READ), Map.entry("stock:receive", CHANGE),
            Map.entry("stock:show", READ), Map.entry("stock:warehouse", CHANGE)));

    private ShellAccess() {
    }

    /** The ACL file of one scope as Karaf reads it: {@code command = role, role} lines, sorted. */
    public static String acl(String scope) {
        StringBuilder b = new StringBuilder();
        COMMANDS.forEach((command, p) -> {
            if (command.startsWith(scope + ":")) {
                b.append(command.substring(scope.length() + 1)).append(" = ").append(String.join(", ", p.roles()))
                        .append('\n');
            }
        });
        return b.toString();
    }
}

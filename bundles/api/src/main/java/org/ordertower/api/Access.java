package org.ordertower.api;

import java.util.List;
import java.util.function.Predicate;

/**
 * Who may do what with buyer data, decided once: the shell, the REST interface and any other front end ask these
 * and give the same role the same answer; services that hand out buyer data check it themselves with the
 * {@link Caller} they are given. Role names are the ones a JAAS realm hands out ({@code etc/users.properties}), directly
 * or through groups ({@code _g_\\:reviewers = group,reviewer,viewer}).
 */
public final class Access {
    /** Everything but what needs {@link #SUPERVISOR} or {@link #PII}: Karaf's {@code admingroup} has it. */
    public static final String ADMIN = "admin";
    /** Reads orders, stock, the catalog and the review queue. */
    public static final String VIEWER = "viewer";
    /** Takes orders in and changes orders, stock and the catalog. */
    public static final String OPERATOR = "operator";
    /** Claims and decides orders in the review queue. */
    public static final String REVIEWER = "reviewer";
    /** Releases frozen orders and decides like a reviewer; sees buyer data in clear. */
    public static final String SUPERVISOR = "supervisor";
    /** Sees buyer data in clear: names, phones and addresses, unmasked or decrypted for a label. */
    public static final String PII = "pii";
    /** A partner's system: takes orders in ({@code POST /api/v1/orders}, the JMS intake) and nothing else. */
    public static final String PARTNER = "partner";
    /** Every role OrderTower knows, as an API token may carry them. */
    public static final List<String> ROLES = List.of(ADMIN, SUPERVISOR, OPERATOR, REVIEWER, VIEWER, PII, PARTNER);
    /**
     * The roles that may see buyers' names, phones and addresses in clear (unmasked, or decrypted through the platform
     * for a label). Administrators are not among them: running the node needs no buyer data.
     */
    public static final List<String> BUYER_DATA = List.of(PII, SUPERVISOR);
    /** The roles that may change a rule pack's parameters, shadow and disabled rules. */
    public static final List<String> RULE_TUNERS = List.of(ADMIN, SUPERVISOR);

    /**
     * The roles table: what a caller may do, and the roles that allow it (any one of them). The REST interface
     * (HttpGuard), the shell (Karaf's command ACLs, {@code etc/org.apache.karaf.command.acl.<scope>.cfg}, checked
     * against this table by the shell bundle's tests), the web console (through the REST interface) and the JMS
     * intake (the broker's login, a partner's) all read it; docs/http.md prints it.
     */
    public enum Permission {
        /** Reading orders, stock, the catalog, shops, parcels, alerts and rule packs. */
        READ("reading", VIEWER, ADMIN),
        /** Reading the review queue. */
        READ_REVIEW("reading the review queue", REVIEWER, VIEWER, ADMIN),
        /** Taking orders in (REST, JMS, routes). */
        INTAKE("taking orders in", ADMIN, OPERATOR, PARTNER),
        /** Changing orders, stock, the catalog, shops' pulls and partner calls. */
        CHANGE("changing orders, stock or the catalog", ADMIN, OPERATOR),
        /** Claiming, approving, rejecting and editing orders in review. */
        DECIDE_REVIEW("deciding a review", REVIEWER, ADMIN),
        /** Releasing a frozen order back to review. */
        UNFREEZE("releasing a frozen order", SUPERVISOR),
        /** Changing a rule pack's parameters, or replaying it. */
        TUNE_RULES("tuning rules", ADMIN, SUPERVISOR),
        /** Seeing buyer data in clear (unmasked, or decrypted for a label). */
        SEE_BUYER_DATA("seeing buyer data unmasked", PII, SUPERVISOR),
        /** API tokens, simulators, signing tools: running the node. */
        ADMINISTER("administering the node", ADMIN);

        private final String what;
        private final List<String> roles;

        Permission(String what, String... roles) {
            this.what = what;
            this.roles = List.of(roles);
        }

        /** What it is, for messages ("deciding a review needs the role reviewer or admin"). */
        public String what() {
            return what;
        }

        /** The roles that allow it, any one of them. */
        public List<String> roles() {
            return roles;
        }

        public boolean allows(Predicate<String> hasRole) {
            return roles.stream().anyMatch(hasRole);
        }
    }

    private Access() {
    }

    /** True when a caller with these roles ({@code hasRole}) may see buyer data in clear. */
    public static boolean maySeeBuyerData(Predicate<String> hasRole) {
        return BUYER_DATA.stream().anyMatch(hasRole);
    }

    /**
     * Refuses a caller who may not tune rules.
     *
     * @throws AccessDeniedException naming the roles that would do
     */
    public static void requireRuleTuning(Caller caller, String what) {
        if (caller == null || !caller.hasAnyRole(RULE_TUNERS)) {
            throw new AccessDeniedException(what + " needs the role " + String.join(" or ", RULE_TUNERS) + "; "
                    + (caller == null ? "the caller is unknown" : caller.name() + " does not have it"));
        }
    }

    /**
     * Refuses a caller who may not see buyer data in clear.
     *
     * @param what what was asked, for the message ("decrypting the receiver of order 12")
     * @throws AccessDeniedException naming the roles that would do
     */
    public static void requireBuyerData(Caller caller, String what) {
        if (caller == null || !caller.maySeeBuyerData()) {
            throw new AccessDeniedException(what + " needs the role " + String.join(" or ", BUYER_DATA) + "; "
                    + (caller == null ? "the caller is unknown" : caller.name() + " does not have it"));
        }
    }
}

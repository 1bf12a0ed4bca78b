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

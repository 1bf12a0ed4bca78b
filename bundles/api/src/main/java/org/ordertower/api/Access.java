package org.ordertower.api;

import java.util.List;
import java.util.function.Predicate;

/**
 * Who may do what with buyer data, decided once: the shell, the REST interface and any other front end ask these
 * and give the same role the same answer. Role names are the ones a JAAS realm hands out
 * ({@code etc/users.properties}).
 */
public final class Access {
    /** Releases frozen orders and decides like a reviewer; sees buyer data in clear. */
    public static final String SUPERVISOR = "supervisor";
    /** Sees buyer data in clear: names, phones and addresses, unmasked or decrypted for a label. */
    public static final String PII = "pii";
    /**
     * The roles that may see buyers' names, phones and addresses in clear (unmasked, or decrypted through the platform
     * for a label). Administrators are not among them: running the node needs no buyer data.
     */
    public static final List<String> BUYER_DATA = List.of(PII, SUPERVISOR);

    private Access() {
    }

    /** True when a caller with these roles ({@code hasRole}) may see buyer data in clear. */
    public static boolean maySeeBuyerData(Predicate<String> hasRole) {
        return BUYER_DATA.stream().anyMatch(hasRole);
    }
}

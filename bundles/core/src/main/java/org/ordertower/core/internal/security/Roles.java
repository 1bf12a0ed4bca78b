package org.ordertower.core.internal.security;

/**
 * The roles the REST interfaces know. A realm gives them to users directly or through groups
 * ({@code etc/users.properties}: {@code _g_\:reviewers = group,reviewer,viewer}).
 */
public final class Roles {
    /** Everything but what needs {@link #SUPERVISOR} or {@link #PII}: Karaf's {@code admingroup} has it. */
    public static final String ADMIN = "admin";
    /** Reads orders, stock, the catalog and the review queue. */
    public static final String VIEWER = "viewer";
    /** Takes orders in and changes orders, stock and the catalog. */
    public static final String OPERATOR = "operator";
    /** Claims and decides orders in the review queue. */
    public static final String REVIEWER = "reviewer";
    /** Releases frozen orders; sees buyer data in clear ({@link org.ordertower.api.Access#BUYER_DATA}). */
    public static final String SUPERVISOR = org.ordertower.api.Access.SUPERVISOR;
    /** Sees buyers' names, phones and addresses unmasked ({@link org.ordertower.api.Access#BUYER_DATA}). */
    public static final String PII = org.ordertower.api.Access.PII;

    private Roles() {
    }
}

package org.ordertower.carrier.cainiao.internal;

/**
 * One branch's e-waybill balance, as {@code cainiao.waybill.ii.search} reports it
 * ({@code waybill_apply_subscription_info.branch_account_cols.waybill_branch_account}).
 *
 * @param cpCode the carrier
 * @param branchCode the carrier's branch (网点) code
 * @param branchName the branch's name
 * @param quantity waybills left (电子面单余额数量)
 * @param allocatedQuantity waybills issued so far
 * @param cancelQuantity waybills cancelled so far
 * @param printQuantity waybills printed so far
 */
public record WaybillBalance(String cpCode, String branchCode, String branchName, long quantity, long allocatedQuantity,
        long cancelQuantity, long printQuantity) {
}

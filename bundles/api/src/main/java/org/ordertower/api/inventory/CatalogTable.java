package org.ordertower.api.inventory;

/** The catalog tables that are imported and exported as CSV. */
public enum CatalogTable {
    /** Master SKUs, kits included: {@code code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,low_stock_threshold,presale_threshold,presale_quota}. */
    SKUS,
    /** Channel SKU mappings: {@code channel,shop,channel_sku,item_id,outer_code,master_sku,factor}. */
    MAPPINGS,
    /** Gift rules: {@code id,gift_sku,quantity,main_sku,min_amount,channel,valid_from,valid_to,auto_add}. */
    GIFTS
}

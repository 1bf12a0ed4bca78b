/**
 * OrderTower API: fulfilment. A warehouse system ({@link WarehouseConnector}) takes delivery and return orders
 * and reports what it shipped and received; a carrier ({@link CarrierConnector}) issues e-waybills and reports
 * tracking events; {@link PartnerPlatform} gives the signing tool and the simulator of either; core's
 * {@link FulfilmentService} routes parcels, writes tracking back to the marketplace and watches parcels.
 *
 * <p>Carriers are named by standard codes, the ones Cainiao's e-waybill and Taobao's ship call use:
 * {@code SF}, {@code ZTO}, {@code YTO}, {@code STO}, {@code YUNDA}, {@code EMS}, {@code JD}, {@code JTSD},
 * {@code DBKD}. A connector whose partner has its own company list (Kuaidi100: {@code shunfeng},
 * {@code zhongtong}...) translates at its edge.
 *
 * <p>Exported and semantically versioned; see STYLE.md section 1.
 */
@Export
@Version("3.2.0")
package org.ordertower.api.fulfilment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

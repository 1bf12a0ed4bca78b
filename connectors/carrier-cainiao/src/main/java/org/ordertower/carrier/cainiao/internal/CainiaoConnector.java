package org.ordertower.carrier.cainiao.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;
import org.ordertower.carrier.cainiao.internal.api.CainiaoClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Taobao seller's Cainiao cloud-print e-waybill account (菜鸟电子面单, 云打印取号), reached through TOP. Wiring
 * only: HTTP and error kinds in {@link CainiaoClient}, shapes in {@link CainiaoMapper}.
 *
 * <p>Tracking uses {@code taobao.logistics.trace.get}, which looks up by the Taobao trade id rather than the
 * waybill number: the connector remembers the trade of each waybill it issued (bounded, in memory), so it tracks
 * the waybills it issued since it started. Print data is passed through and never logged.
 */
@Component(configurationPid = CainiaoConstants.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = CarrierConnector.class)
@Designate(ocd = CainiaoConfig.class, factory = true)
public final class CainiaoConnector implements CarrierConnector {
    /** How many waybill-to-trade pairs the connector keeps for tracking. */
    static final int REMEMBERED_TRADES = 100_000;

    private final Logger logger = LoggerFactory.getLogger(CainiaoConnector.class);
    private final CainiaoSettings settings;
    private final CainiaoClient client;
    private final CainiaoMapper mapper = new CainiaoMapper();
    private final Map<String, String> tradeOfWaybill = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_TRADES;
        }
    });

    @Activate
    public CainiaoConnector(CainiaoConfig config) {
        this(CainiaoSettings.from(config));
        logger.info("cainiao e-waybill account {} up ({}, carriers {})", settings.account(), settings.gatewayUrl(),
                settings.carriers());
    }

    /** For tests and embedding: settings built by hand. */
    public CainiaoConnector(CainiaoSettings settings) {
        this.settings = settings;
        this.client = new CainiaoClient(settings);
    }

    @Override
    public String carrierId() {
        return CainiaoConstants.CARRIER;
    }

    @Override
    public String account() {
        return settings.account();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.WAYBILL, Capability.TRACKING_QUERY);
    }

    @Override
    public Set<String> carriers() {
        return settings.carriers();
    }

    @Override
    public Waybill applyWaybill(WaybillRequest request) {
        return applyWaybills(List.of(request)).get(0);
    }

    /**
     * Issues waybills for parcels of one carrier and one sender in one {@code cainiao.waybill.ii.get} call (Cainiao
     * takes at most {@value CainiaoConstants#MAX_PARCELS_PER_APPLY}; a longer list is sent as it is, and refused).
     * Asking again for a parcel gives its waybill again.
     *
     * @return the waybills, in the parcels' order
     * @throws PartnerException QUOTA when the balance for the carrier is spent; PERMANENT for a carrier this
     *     account has no subscription for
     */
    public List<Waybill> applyWaybills(List<WaybillRequest> parcels) {
        if (parcels.isEmpty()) {
            return List.of();
        }
        String cp = parcels.get(0).carrierCode().toUpperCase(Locale.ROOT);
        if (!settings.carriers().contains(cp)) {
            throw new PartnerException(Kind.PERMANENT, "Cainiao account " + settings.account() + " has no waybill"
                    + " subscription for " + cp + " (configured carriers: " + settings.carriers() + ")");
        }
        String param = mapper.applyRequest(parcels, settings.templateUrl(), settings.userId());
        JsonNode answer = client.call(CainiaoConstants.APPLY, Map.of("param_waybill_cloud_print_apply_new_request", param));
        List<Waybill> waybills = mapper.waybills(answer, parcels);
        for (int i = 0; i < parcels.size(); i++) {
            String trade = parcels.get(i).platformOrderId();
            if (trade != null) {
                tradeOfWaybill.put(key(cp, waybills.get(i).waybillNo()), trade);
            }
        }
        logger.debug("cainiao account {} issued {} {} waybill(s)", settings.account(), waybills.size(), cp);
        return waybills;
    }

    /** Cancelling a waybill Cainiao already cancelled answers as a success (the api's "twice is harmless"). */
    @Override
    public void cancelWaybill(String carrierCode, String waybillNo) {
        try {
            if (!mapper.cancelled(client.call(CainiaoConstants.CANCEL, Map.of("cp_code", carrierCode, "waybill_code", waybillNo)))) {
                throw new PartnerException(Kind.PERMANENT, "cainiao.waybill.ii.cancel answered cancel_result false for "
                        + carrierCode + " " + waybillNo);
            }
        } catch (PartnerException e) {
            if (e.partnerCode() == null || !e.partnerCode().endsWith(CainiaoConstants.ALREADY_CANCELLED)) {
                throw e;
            }
            logger.debug("cainiao waybill {} {} was cancelled already", carrierCode, waybillNo);
        }
        tradeOfWaybill.remove(key(carrierCode, waybillNo));
    }

    /**
     * The account's balances by branch ({@code cainiao.waybill.ii.search}).
     *
     * @param carrierCode one carrier, or null for all the account subscribes to
     */
    public List<WaybillBalance> balances(String carrierCode) {
        Map<String, String> params = carrierCode == null ? Map.of() : Map.of("cp_code", carrierCode);
        return mapper.balances(client.call(CainiaoConstants.SEARCH, params));
    }

    /**
     * The events of a waybill this connector issued, by {@code taobao.logistics.trace.get} on its trade.
     *
     * @throws PartnerException PERMANENT for a waybill this connector did not issue since it started (the trace
     *     call needs the Taobao trade id, which the api's {@code track} does not carry)
     */
    @Override
    public List<TrackingEvent> track(String carrierCode, String trackingNo, String receiverPhone) {
        String tid = tradeOfWaybill.get(key(carrierCode, trackingNo));
        if (tid == null) {
            throw new PartnerException(Kind.PERMANENT, "Cainiao account " + settings.account() + " did not issue "
                    + carrierCode + " " + trackingNo + " since it started, so it does not know its Taobao trade id"
                    + " (taobao.logistics.trace.get looks up by tid)");
        }
        return mapper.events(client.call(CainiaoConstants.TRACE, Map.of("tid", tid)), carrierCode, trackingNo);
    }

    private static String key(String carrierCode, String waybillNo) {
        return carrierCode.toUpperCase(Locale.ROOT) + ":" + waybillNo;
    }

    @Override
    public String toString() {
        return "CainiaoConnector[" + settings.account() + "]";
    }
}

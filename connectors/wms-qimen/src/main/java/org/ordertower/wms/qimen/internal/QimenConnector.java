package org.ordertower.wms.qimen.internal;

import java.util.List;
import java.util.Set;

import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.fulfilment.WmsStock;
import org.ordertower.wms.qimen.internal.api.QimenClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Qimen WMS account (one customerId). Wiring only: calls in {@link QimenFulfilment}, bodies in
 * {@link QimenRequests}, HTTP in {@link QimenClient}, callbacks in {@link QimenCallbacks}.
 */
@Component(configurationPid = QimenConstants.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = WarehouseConnector.class)
@Designate(ocd = QimenConfig.class, factory = true)
public final class QimenConnector implements WarehouseConnector {
    private final Logger logger = LoggerFactory.getLogger(QimenConnector.class);
    private final QimenSettings settings;
    private final QimenFulfilment fulfilment;
    private final QimenCallbacks callbacks;

    @Activate
    public QimenConnector(QimenConfig config) {
        this(QimenSettings.from(config));
        logger.info("qimen connector for customer {} up ({}, warehouses {})", settings.customerId(),
                settings.gatewayUrl(), settings.warehouseCodes());
    }

    /** For tests and embedding: settings built by hand. */
    public QimenConnector(QimenSettings settings) {
        this.settings = settings;
        this.fulfilment = new QimenFulfilment(settings, new QimenClient(settings));
        this.callbacks = new QimenCallbacks(settings);
    }

    @Override
    public String wmsId() {
        return QimenConstants.WMS_ID;
    }

    @Override
    public String account() {
        return settings.customerId();
    }

    @Override
    public Set<String> warehouses() {
        return settings.warehouses();
    }

    @Override
    public DeliveryAck createDelivery(DeliveryOrder order) {
        return fulfilment.createDelivery(order);
    }

    @Override
    public CancelResult cancelDelivery(String code, String warehouse) {
        return fulfilment.cancel(code, warehouse);
    }

    @Override
    public DeliveryAck createReturn(ReturnOrder order) {
        return fulfilment.createReturn(order);
    }

    @Override
    public DeliveryAck createEntry(EntryOrder order) {
        return fulfilment.createEntry(order);
    }

    @Override
    public List<WmsStock> stock(String warehouse, List<String> skus) {
        return fulfilment.stock(warehouse, skus == null ? List.of() : skus);
    }

    @Override
    public List<WmsEvent> verifyCallback(PushRequest request) {
        return callbacks.verify(request);
    }

    @Override
    public CallbackReply reply(boolean accepted, String message) {
        return QimenCallbacks.reply(accepted, message);
    }

    @Override
    public String toString() {
        return "QimenConnector[" + settings + "]";
    }
}

package org.ordertower.fulfilment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ReturnOutcome.Decision;
import org.ordertower.api.channel.ReturnOutcome;

class TaskPayloadTest {
    private static final List<TaskPayload> ONE_OF_EACH = List.of(new WaybillTask("P12-1"), new WmsCreateTask("P12-1"),
            new WmsCancelTask("P12-1", false), new WmsCancelTask("P12-1", true),
            new WaybillCancelTask("P12-1", "ZTO", "7700123"), new SubscribeTask("ZTO", "7700123"),
            new WriteBackTask("P12-1", "ZTO", "7700123", List.of("1", "2")),
            new WriteBackTask("P12-2", "SF", "SF100", List.of()), new StockShipTask(12, "HZ"),
            new RestockTask("r-ev:1", new Restock("HZ", "CUP", 2, true, "return-P12-1")),
            new ReturnCreateTask("P12-1", "HZ-RET", null), new ReturnCreateTask("P12-1", "HZ-RET", "RF-9"),
            new TransferOutTask("T12-1-1"), new TransferInTask("T12-1-1"), new TransferStockTask("T12-1-1"),
            new TransferCancelTask("T12-1-1"),
            RefundTask.of("taobao", "s1", new ReturnOutcome("T9", "RF-9", Map.of("1", 2, "2-x", 0), Map.of("1", 1),
                    Decision.REFUSE, "goods missing: line 2-x: 0 of 1")),
            RefundTask.of("jd", "shop:7", new ReturnOutcome("T9", "RF-10", Map.of(), Map.of(), Decision.AGREE, null)));

    private static TaskPayload decode(TaskKind kind, String key, String payload) {
        return kind.decode(key, payload);
    }

    @Test
    void everyKindRoundTrips() {
        Set<TaskKind> seen = EnumSet.noneOf(TaskKind.class);
        for (TaskPayload t : ONE_OF_EACH) {
            seen.add(t.kind());
            assertEquals(t, t.kind().decode(t.key(), t.encode()), t.kind() + " " + t.encode());
            assertSame(t.kind(), TaskKind.of(t.kind().name()));
            assertSame(t.kind(), TaskKind.of(t.getClass()));
        }
        assertEquals(EnumSet.allOf(TaskKind.class), seen, "one payload of every kind");
    }

    @Test
    void theStoredTextIsWhatEarlierVersionsWrote() {
        assertStored(new WaybillTask("P12-1"), "waybill:P12-1", "P12-1");
        assertStored(new WmsCreateTask("P12-1"), "wms-create:P12-1", "P12-1");
        assertStored(new WmsCancelTask("P12", true), "wms-cancel:P12", "P12 readdress");
        assertStored(new WmsCancelTask("P12", false), "wms-cancel:P12", "P12");
        assertStored(new WaybillCancelTask("P12-1", "ZTO", "7700123"), "waybill-cancel:P12-1", "ZTO 7700123");
        assertStored(new SubscribeTask("ZTO", "7700123"), "subscribe:ZTO:7700123", "ZTO 7700123");
        assertStored(new WriteBackTask("P12-1", "ZTO", "7700123", List.of("1", "2")), "write-back:P12-1:7700123",
                "ZTO 7700123 1,2");
        assertStored(new WriteBackTask("P12-1", "ZTO", "7700123", List.of()), "write-back:P12-1:7700123",
                "ZTO 7700123 ");
        assertStored(new StockShipTask(12, "HZ"), "stock-ship:12:HZ", "HZ");
        assertStored(new RestockTask("r1", new Restock("HZ", "CUP", 2, false, "return-P12-1")), "restock:r1:CUP:false",
                "HZ CUP 2 false return-P12-1");
        assertStored(new ReturnCreateTask("P12-1", "HZ", null), "return-create:P12-1", "HZ");
        assertStored(new ReturnCreateTask("P12-1", "HZ", "RF-9"), "return-create:P12-1", "HZ RF-9");
        assertStored(new TransferOutTask("T12-1-1"), "transfer-out:T12-1-1", "T12-1-1");
        assertStored(new TransferInTask("T12-1-1"), "transfer-in:T12-1-1", "T12-1-1");
        assertStored(new TransferStockTask("T12-1-1"), "transfer-stock:T12-1-1", "T12-1-1");
        assertStored(new TransferCancelTask("T12-1-1"), "transfer-cancel:T12-1-1", "T12-1-1");
        Map<String, Integer> received = new LinkedHashMap<>();
        received.put("1", 2);
        received.put("2", 0);
        assertStored(new RefundTask("taobao", "s1", "RF-9", Decision.REFUSE, received, Map.of("1", 1),
                "goods missing\twith a tab"), "refund:taobao:s1:RF-9",
                "RF-9\tREFUSE\t1=2,2=0\t1=1\tgoods missing with a tab");
    }

    private static void assertStored(TaskPayload t, String key, String payload) {
        assertEquals(key, t.key(), t.kind() + " key");
        assertEquals(payload, t.encode(), t.kind() + " payload");
    }

    @Test
    void rowsAlreadyStoredDecode() {
        assertEquals(new WriteBackTask("P12-1", "ZTO", "7700123", List.of("1", "2")),
                decode(TaskKind.WRITE_BACK, "write-back:P12-1:7700123", "ZTO 7700123 1,2"));
        assertEquals(new WriteBackTask("P12-1", "ZTO", "7700123", List.of()),
                decode(TaskKind.WRITE_BACK, "write-back:P12-1:7700123", "ZTO 7700123"), "no lines at all");
        assertEquals(new WmsCancelTask("P12", true), decode(TaskKind.WMS_CANCEL, "wms-cancel:P12", "P12 readdress"));
        assertEquals(new StockShipTask(12, "HZ"), decode(TaskKind.STOCK_SHIP, "stock-ship:12:HZ", "HZ"));
        ReturnCreateTask carrier = (ReturnCreateTask) decode(TaskKind.RETURN_CREATE, "return-create:P12-1", "HZ");
        assertNull(carrier.refundId());
        assertTrue(((ReturnCreateTask) decode(TaskKind.RETURN_CREATE, "return-create:P12-1", "HZ RF-9")).byBuyer());
        RefundTask refund = (RefundTask) decode(TaskKind.REFUND, "refund:jd:shop:7:RF-10", "RF-10\tAGREE\t1=1\t\t");
        assertEquals("jd", refund.channel());
        assertEquals("shop:7", refund.shop());
        assertEquals(new ReturnOutcome("T9", "RF-10", Map.of("1", 1), Map.of(), Decision.AGREE, null),
                refund.outcome("T9"));
    }

    @Test
    void malformedPayloadsAreRefusedNamingTheTask() {
        assertMalformed(TaskKind.SUBSCRIBE, "subscribe:ZTO:1", "ZTO");
        assertMalformed(TaskKind.WRITE_BACK, "write-back:P1-1:7700123", "ZTO");
        assertMalformed(TaskKind.WRITE_BACK, "write-back:P1-1:7700123", "ZTO 999 1");
        assertMalformed(TaskKind.WAYBILL_CANCEL, "waybill-cancel:P1-1", "ZTO");
        assertMalformed(TaskKind.WMS_CANCEL, "wms-cancel:P1-1", "P1-1 later");
        assertMalformed(TaskKind.WAYBILL, "waybill:P1-1", "");
        assertMalformed(TaskKind.TRANSFER_IN, "transfer-in:T1-1-1", "");
        assertMalformed(TaskKind.STOCK_SHIP, "stock-ship:x:HZ", "HZ");
        assertMalformed(TaskKind.RESTOCK, "restock:r1:CUP:false", "HZ CUP two false return-P1-1");
        assertMalformed(TaskKind.RESTOCK, "restock:r1:CUP:false", "HZ CUP 2 false");
        assertMalformed(TaskKind.RETURN_CREATE, "wms-create:P1-1", "HZ");
        assertMalformed(TaskKind.REFUND, "refund:taobao:s1:R1", "R1\tAGREE");
        assertMalformed(TaskKind.REFUND, "refund:taobao:s1:R1", "R1\tMAYBE\t\t\t");
        assertMalformed(TaskKind.REFUND, "refund:taobao:R1", "R1\tAGREE\t\t\t");
        assertMalformed(TaskKind.TRANSFER_OUT, "transfer-out:T1-1-1", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskKind.of("SHIP_IT"));
        assertEquals("unknown task kind SHIP_IT", e.getMessage());
    }

    private static void assertMalformed(TaskKind kind, String key, String payload) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kind.decode(key, payload),
                kind + " '" + payload + "'");
        assertTrue(e.getMessage().startsWith("task " + key + " "), e.getMessage());
        assertTrue(e.getMessage().contains(kind.name()), e.getMessage());
    }

    @Test
    void parcelCodesSayWhatTheyAre() {
        assertEquals("P12-1", ParcelCodes.parcel(12, 1));
        assertEquals("T12-1-2", ParcelCodes.transfer("P12-1", 2));
        assertEquals("R12-1", ParcelCodes.returnOf("P12-1"));
        assertEquals("P12-1", ParcelCodes.parcelOf(ParcelCodes.returnOf("P12-1")));
        assertEquals("P12-1", ParcelCodes.parcelOf("P12-1"));
        assertTrue(ParcelCodes.isTransfer("T12-1-2"));
    }

    @Test
    void everyKindNeedsItsHandler() {
        TaskHandlers handlers = new TaskHandlers().on(WaybillTask.class, (t, c) -> tx -> false);
        IllegalStateException e = assertThrows(IllegalStateException.class, handlers::complete);
        assertTrue(e.getMessage().contains("WMS_CREATE"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> handlers.on(WaybillTask.class, (t, c) -> tx -> true));
    }
}

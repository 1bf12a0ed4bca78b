package org.ordertower.api.channel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.Buyer;

class ReceiverTest {
    @Test
    void printsMaskedAndNamesItsFields() {
        Receiver r = new Receiver("张三丰", "13812345678",
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "478号华星时代广场A座", "310012"));
        String shown = r.toString();
        assertFalse(shown.contains("三丰") || shown.contains("1234") || shown.contains("478号"), shown);
        assertTrue(shown.contains("138****5678") && shown.contains("杭州市"), shown);
        assertEquals(List.of("name", "phone", "address"), r.fields());
        assertEquals(List.of("phone"), new Receiver(null, "13812345678", null).fields());
    }

    @Test
    void aRequestNeedsTheOrderIdAndPrintsNoBuyerData() {
        assertThrows(IllegalArgumentException.class, () -> new DecryptRequest(" ", null, null, null));
        DecryptRequest q = new DecryptRequest("42", new Buyer("~AgAAAsecret~x~1~~", "$AgAAAsecret$x$1$$", "u1"), null, null);
        assertEquals(List.of(), q.tags());
        assertEquals("DecryptRequest[platformOrderId=42]", q.toString());
    }
}

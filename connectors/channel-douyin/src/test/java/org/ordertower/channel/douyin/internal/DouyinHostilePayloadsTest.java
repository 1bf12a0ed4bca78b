package org.ordertower.channel.douyin.internal;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.testing.hostile.HostileRun;

/**
 * The mapping of Douyin orders against a corpus of malformed and hostile payloads built from a real one
 * ({@link org.ordertower.testing.hostile.HostileJson}: every prefix, every field wrong or missing, whole-body attacks):
 * each is mapped or refused as PERMANENT with a message, which the channel runtime turns into a dead letter with that
 * reason; never another exception.
 */
class DouyinHostilePayloadsTest {
    @Test
    void everyHostilePayloadIsMappedOrRefusedAsPermanentWithItsReason() {
        DouyinOrderMapper mapper = new DouyinOrderMapper();
        HostileRun.assertRefusedClearly("Douyin orders", DouyinOrderMapperTest.fixture("order-multiline-gift-refund.json"), p -> mapper.map("s", p),
                t -> t instanceof ChannelException e && e.kind() == ChannelException.Kind.PERMANENT);
    }
}

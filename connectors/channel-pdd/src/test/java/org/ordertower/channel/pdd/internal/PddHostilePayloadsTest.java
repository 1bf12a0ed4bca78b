package org.ordertower.channel.pdd.internal;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.testing.hostile.HostileRun;

/**
 * The mapping of Pdd orders against a corpus of malformed and hostile payloads built from a real one
 * ({@link org.ordertower.testing.hostile.HostileJson}: every prefix, every field wrong or missing, whole-body attacks):
 * each is mapped or refused as PERMANENT with a message, which the channel runtime turns into a dead letter with that
 * reason; never another exception.
 */
class PddHostilePayloadsTest {
    @Test
    void everyHostilePayloadIsMappedOrRefusedAsPermanentWithItsReason() {
        PddOrderMapper mapper = new PddOrderMapper();
        HostileRun.assertRefusedClearly("Pdd orders", PddOrderMapperTest.fixture("order-multiline-gift.json"), p -> mapper.map("s", p),
                t -> t instanceof ChannelException e && e.kind() == ChannelException.Kind.PERMANENT);
    }
}

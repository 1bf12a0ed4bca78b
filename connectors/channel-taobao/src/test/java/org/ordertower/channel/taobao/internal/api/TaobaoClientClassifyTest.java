package org.ordertower.channel.taobao.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.taobao.internal.api.dto.ErrorDto;

/** TOP's error codes into kinds, where the simulator cannot bring them about over HTTP. */
class TaobaoClientClassifyTest {
    @Test
    void aTimestampRefusedWhileTheAnswerShowsNoOtherClockIsTransientNamingTheCode() {
        // TOP's Date header agrees with this machine, yet its application refuses the timestamp: its own clock is off,
        // and may agree again; the call is tried later, not given up
        ChannelException e = TaobaoClient.classify("taobao.trade.fullinfo.get",
                new ErrorDto("31", "Invalid timestamp", null, "时间戳与服务器时间误差超过10分钟", "r1"));
        assertEquals("31", e.platformCode());
        assertEquals(Kind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("Invalid timestamp"), e.getMessage());
    }
}

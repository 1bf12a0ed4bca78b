package org.ordertower.channel.jd.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException.Kind;

/** JOS's codes into kinds, where the simulator cannot bring them about over HTTP. */
class JdErrorsTest {
    @Test
    void aTimestampRefusedWhileTheAnswerShowsNoOtherClockIsTransient() {
        // JOS's Date header agrees with this machine, yet JOS refuses the timestamp: its own clock is off, and may agree
        // again; the call is tried later, not given up
        assertEquals(Kind.TRANSIENT, JdErrors.kindOf("8", "非法的时间戳参数 / Invalid Timestamp"));
        assertEquals(Kind.AUTH, JdErrors.kindOf("12", "无效签名 / Invalid Signature"));
        assertEquals(Kind.PERMANENT, JdErrors.kindOf("15", "无效的方法"));
    }
}

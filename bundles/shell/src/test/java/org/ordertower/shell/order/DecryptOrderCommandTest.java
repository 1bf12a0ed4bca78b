package org.ordertower.shell.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.channel.Receiver;

class DecryptOrderCommandTest {
    @Test
    void printsTheReceiverForALabel() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DecryptOrderCommand.print(1001, new Receiver("张三", "13812345678",
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "478号", "310012")), new PrintStream(bytes, true,
                        StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("  name     张三\n"), out);
        assertTrue(out.contains("  phone    13812345678\n"), out);
        assertTrue(out.contains("  address  浙江省 杭州市 西湖区 文三路 478号\n"), out);
        assertTrue(out.contains("  postcode 310012\n"), out);
    }

    @Test
    void refusesAUserWithoutTheRoleBeforeDecrypting() {
        DecryptOrderCommand c = new DecryptOrderCommand();
        c.id = 1001;
        c.reason = List.of("label");
        // no subject: no roles; channels stays null, so reaching the service would fail differently
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::execute);
        assertEquals("order:decrypt needs one of the roles [pii, supervisor]", e.getMessage());
    }
}

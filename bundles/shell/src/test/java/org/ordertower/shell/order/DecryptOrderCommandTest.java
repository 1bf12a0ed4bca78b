package org.ordertower.shell.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.AccessDeniedException;
import org.ordertower.api.Address;
import org.ordertower.api.Caller;
import org.ordertower.api.channel.ChannelService;
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
    void asksTheChannelServiceAsTheLoggedInUserWithTheirRolesAndShowsItsRefusal() {
        // the service decides who may see buyer data (ChannelRuntime's test covers the rule); the command passes the
        // caller as they are and surfaces the service's answer
        List<Caller> asked = new ArrayList<>();
        DecryptOrderCommand c = new DecryptOrderCommand();
        c.id = 1001;
        c.reason = List.of("label", "SF123");
        c.channels = (ChannelService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { ChannelService.class },
                (proxy, m, args) -> {
                    if (!m.getName().equals("decryptReceiver")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    assertEquals(1001L, args[0]);
                    assertEquals("label SF123", args[2]);
                    asked.add((Caller) args[1]);
                    throw new AccessDeniedException("refused by the service");
                });
        AccessDeniedException e = assertThrows(AccessDeniedException.class, c::execute);
        assertEquals("refused by the service", e.getMessage());
        // no subject here: the console user without roles
        assertEquals(List.of(new Caller("console", Set.of())), asked);
    }
}

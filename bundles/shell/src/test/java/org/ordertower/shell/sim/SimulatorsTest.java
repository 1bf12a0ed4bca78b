package org.ordertower.shell.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorsTest {
    @Test
    void aMarketplaceIsTheChannelRuntimesAndAWarehouseOrCarrierIsFulfilments() {
        List<String> channels = List.of("douyin", "taobao");
        List<String> partners = List.of("cainiao", "kuaidi100", "qimen");
        assertEquals(Simulators.Owner.CHANNEL, Simulators.owner("taobao", channels, partners));
        assertEquals(Simulators.Owner.PARTNER, Simulators.owner("qimen", channels, partners));
        assertEquals(Simulators.Owner.PARTNER, Simulators.owner("kuaidi100", channels, partners));
    }

    @Test
    void anUnknownIdIsRefusedNamingWhatIsInstalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulators.owner("sf", List.of("taobao"), List.of("qimen")));
        assertEquals("no platform or partner 'sf' is installed; channels: [taobao], warehouse systems and carriers: [qimen]",
                e.getMessage());
        // neither service installed: both lists empty, still one clear sentence
        e = assertThrows(IllegalArgumentException.class, () -> new Simulators(null, null).owner("qimen"));
        assertEquals("no platform or partner 'qimen' is installed; channels: [], warehouse systems and carriers: []",
                e.getMessage());
    }
}

package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.Listing;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;

import com.fasterxml.jackson.databind.JsonNode;

/** The pure part of the listing download: TOP items (items.seller.list.get with {@code sku}) as listings. */
class TaobaoListingsTest {

    private static List<Listing> parse(String fixture) throws Exception {
        JsonNode root = TaobaoClient.JSON.readTree(TaobaoOrderMapperTest.fixture(fixture));
        List<Listing> out = new ArrayList<>();
        for (JsonNode item : root.path("items_seller_list_get_response").path("items").path("item")) {
            out.addAll(TaobaoListings.listings(item));
        }
        return out;
    }

    @Test
    void oneListingPerSkuAndOneForAnItemWithoutSkus() throws Exception {
        assertEquals(List.of(
                new Listing("645237589892", "4818446850738", "TEE-S-BLK", "纯棉圆领T恤 尺码:S;颜色分类:黑色", 10),
                // a SKU without its own outer code takes the item's
                new Listing("645237589892", "4818446850739", "TEE", "纯棉圆领T恤 尺码:M;颜色分类:黑色", 15),
                // no SKUs: the item id is the SKU id, the item's outer code (trimmed) and num
                new Listing("645237589900", "645237589900", "BAG-01", "帆布袋", 40),
                new Listing("645237589901", "645237589901", null, "贴纸", 3)), parse("items-seller-list.json"));
    }

    @Test
    void propertiesNamesLoseTheirIds() {
        assertEquals("颜色分类:白色;尺码:S", TaobaoListings.properties("1627207:28320:颜色分类:白色;20509:28314:尺码:S"));
        assertEquals("", TaobaoListings.properties(""));
    }

    @Test
    void anItemOrSkuWithoutItsIdIsRefused() throws Exception {
        assertThrows(ChannelException.class, () -> TaobaoListings.listings(TaobaoClient.JSON.readTree("{\"title\":\"x\"}")));
        assertThrows(ChannelException.class, () -> TaobaoListings.listings(
                TaobaoClient.JSON.readTree("{\"num_iid\":1,\"skus\":{\"sku\":[{\"outer_id\":\"A\"}]}}")));
    }

    @Test
    void tokensRoundTripAndStayWithinTopsRowLimit() {
        assertEquals(new TaobaoListings.Token(3, 200), TaobaoListings.Token.parse(new TaobaoListings.Token(3, 200).text()));
        assertEquals("tbl1.100.200", new TaobaoListings.Token(100, 200).text());
        assertThrows(ChannelException.class, () -> TaobaoListings.Token.parse("tbl1.101.200"));
    }
}

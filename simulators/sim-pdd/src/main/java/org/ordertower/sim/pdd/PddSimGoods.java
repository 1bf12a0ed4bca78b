package org.ordertower.sim.pdd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrderBook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shop's goods as {@code pdd.goods.list.get} shows them, built from the book's listings (the same goods_id,
 * sku_id and outer_id the simulated orders carry): one goods per item id, one {@code sku_list} entry per listing. A
 * goods with several SKUs is named by its titles' common words and each SKU's {@code spec} is the rest of its title.
 * Quantities are those the stock call set (kept in the book by sku_id), else {@link #INITIAL_QUANTITY}.
 */
final class PddSimGoods {
    /** The quantity a SKU shows before any stock call. */
    static final int INITIAL_QUANTITY = 100;

    /** One goods and its SKUs, in the book's order. */
    record Goods(String goodsId, String name, List<Sku> skus, long createdAt) {
    }

    /** One SKU: id, the merchant's outer code, the spec shown. */
    record Sku(String skuId, String outerId, String spec) {
    }

    private final SimOrderBook book;
    private final Map<String, Goods> goods = new LinkedHashMap<>();

    PddSimGoods(SimOrderBook book, long createdAtBase) {
        this.book = book;
        Map<String, List<FakeData.Listing>> byItem = new LinkedHashMap<>();
        for (FakeData.Listing l : book.listings()) {
            byItem.computeIfAbsent(l.itemId(), k -> new ArrayList<>()).add(l);
        }
        int i = 0;
        for (Map.Entry<String, List<FakeData.Listing>> e : byItem.entrySet()) {
            List<FakeData.Listing> ls = e.getValue();
            String common = ls.size() == 1 ? ls.get(0).title() : commonWords(ls);
            String name = common.isEmpty() ? ls.get(0).title() : common;
            List<Sku> skus = new ArrayList<>();
            for (FakeData.Listing l : ls) {
                String spec = ls.size() == 1 ? "" : common.isEmpty() ? l.title() : l.title().substring(common.length()).strip();
                skus.add(new Sku(l.skuId(), l.outerId(), spec));
            }
            goods.put(e.getKey(), new Goods(e.getKey(), name, List.copyOf(skus), createdAtBase + 86_400L * i++));
        }
    }

    /** Every goods, in list order. */
    List<Goods> all() {
        return List.copyOf(goods.values());
    }

    /** The goods with this id, or null. */
    Goods get(String goodsId) {
        return goods.get(goodsId);
    }

    /** The quantity a SKU shows now. */
    int quantity(String skuId) {
        return book.stock().getOrDefault(skuId, INITIAL_QUANTITY);
    }

    /** One {@code goods_list[]} entry with PDD's fields. */
    ObjectNode render(ObjectMapper json, Goods g) {
        ObjectNode n = json.createObjectNode();
        n.put("goods_id", Long.parseLong(g.goodsId()));
        n.put("goods_name", g.name());
        long total = 0;
        for (Sku s : g.skus()) {
            total += quantity(s.skuId());
        }
        n.put("goods_quantity", total);
        n.put("goods_reserve_quantity", 0);
        n.put("image_url", "https://img.pddpic.com/sim/goods/" + g.goodsId() + ".jpeg");
        n.put("thumb_url", "https://img.pddpic.com/sim/goods/" + g.goodsId() + "_thumb.jpeg");
        n.put("is_more_sku", g.skus().size() > 1 ? 1 : 0);
        n.put("is_onsale", 1);
        n.put("created_at", g.createdAt());
        var list = n.putArray("sku_list");
        for (Sku s : g.skus()) {
            ObjectNode k = list.addObject();
            k.put("sku_id", Long.parseLong(s.skuId()));
            k.put("outer_id", s.outerId() == null ? "" : s.outerId());
            k.put("outer_goods_id", "");
            k.put("spec", s.spec());
            k.put("sku_quantity", quantity(s.skuId()));
            k.put("reserve_quantity", 0);
            k.put("is_sku_onsale", 1);
            k.putArray("spec_details");
        }
        return n;
    }

    /** The words all titles start with (cut at the last space of their common prefix). */
    private static String commonWords(List<FakeData.Listing> ls) {
        String p = ls.get(0).title();
        for (FakeData.Listing l : ls) {
            int i = 0;
            while (i < p.length() && i < l.title().length() && p.charAt(i) == l.title().charAt(i)) {
                i++;
            }
            p = p.substring(0, i);
        }
        int space = p.lastIndexOf(' ');
        return (space > 0 ? p.substring(0, space) : p).strip();
    }
}

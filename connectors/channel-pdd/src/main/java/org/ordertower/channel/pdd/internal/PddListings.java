package org.ordertower.channel.pdd.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.channel.pdd.internal.api.PddClient;
import org.ordertower.channel.pdd.internal.api.PddJson;
import org.ordertower.channel.pdd.internal.api.dto.PddGoodsListDto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shop's listings with {@code pdd.goods.list.get} (商品列表接口): goods on sale ({@code is_onsale} 1), page from 1,
 * {@code page_size} at most 100, {@code total_count} in every answer. One {@link Listing} per entry of a goods'
 * {@code sku_list} (every PDD goods has at least one SKU; a goods that came without any is one listing with its goods
 * id as SKU id): itemId {@code goods_id}, skuId {@code sku_id}, outerCode the SKU's {@code outer_id} else the goods'
 * {@code outer_goods_id}, title {@code goods_name} plus the SKU's {@code spec}, quantity {@code sku_quantity}.
 * Stateless: the page token carries the next page and the page size. Names and limits from the API page
 * ({@code api?id=pdd.goods.list.get}) as generated into niltor/open-pdd-net-sdk and lywzx/pdd-node-sdk (README).
 */
final class PddListings {
    private final PddClient client;
    private final int pageSize;

    PddListings(PddClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    ListingPage listings(String token) {
        PddListingToken at = token == null ? new PddListingToken(1, pageSize) : PddListingToken.decode(token);
        JsonNode r = client.call(PddConstants.GOODS_LIST, Map.of("is_onsale", "1", "page", String.valueOf(at.page()),
                "page_size", String.valueOf(at.pageSize())));
        PddGoodsListDto dto = PddJson.bind(r, PddGoodsListDto.class, PddConstants.GOODS_LIST + " answer");
        if (dto.totalCount() == null) {
            throw PddJson.permanent(PddConstants.GOODS_LIST + " answered no total_count", null);
        }
        List<PddGoodsListDto.Goods> goods = dto.goodsList() == null ? List.of() : dto.goodsList();
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < goods.size(); i++) {
            listings.addAll(listings(goods.get(i), "goods_list[" + i + "]"));
        }
        boolean more = !goods.isEmpty() && (long) at.page() * at.pageSize() < dto.totalCount();
        return new ListingPage(listings, more ? new PddListingToken(at.page() + 1, at.pageSize()).encode() : null);
    }

    private static List<Listing> listings(PddGoodsListDto.Goods g, String at) {
        if (g == null || g.goodsId() == null) {
            throw PddJson.permanent(PddConstants.GOODS_LIST + ": " + at + " has no goods_id", null);
        }
        String itemId = String.valueOf(g.goodsId());
        String name = g.goodsName() == null ? "" : g.goodsName().strip();
        List<PddGoodsListDto.Sku> skus = g.skuList() == null ? List.of() : g.skuList();
        if (skus.isEmpty()) {
            return List.of(new Listing(itemId, itemId, null, name, quantity(g.goodsQuantity())));
        }
        List<Listing> out = new ArrayList<>(skus.size());
        for (int i = 0; i < skus.size(); i++) {
            PddGoodsListDto.Sku s = skus.get(i);
            if (s == null || s.skuId() == null) {
                throw PddJson.permanent(PddConstants.GOODS_LIST + ": " + at + ".sku_list[" + i + "] has no sku_id", null);
            }
            String outer = s.outerId() != null && !s.outerId().isBlank() ? s.outerId() : s.outerGoodsId();
            String spec = s.spec() == null ? "" : s.spec().strip();
            String title = spec.isEmpty() ? name : (name + " " + spec).strip();
            out.add(new Listing(itemId, String.valueOf(s.skuId()), outer, title, quantity(s.skuQuantity())));
        }
        return out;
    }

    private static Integer quantity(Long q) {
        return q == null ? null : (int) Math.max(0, Math.min(Integer.MAX_VALUE, q));
    }
}

package org.ordertower.channel.douyin.internal;

import static org.ordertower.channel.douyin.internal.DouyinConstants.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.channel.douyin.internal.api.DouyinClient;
import org.ordertower.channel.douyin.internal.api.dto.LogisticsCompanyDto;
import org.ordertower.channel.douyin.internal.api.dto.ProductListDto;
import org.ordertower.channel.douyin.internal.api.dto.SkuDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shop's catalog-side calls over {@link DouyinClient}: the logistics company list (order.logisticsCompanyList,
 * whose {@code code} is what order.logisticsAdd takes as {@code company_code}) and the listings (product.listV2 for
 * the products on sale, one page per listings page, then sku.list for each product's SKUs). Keeps no state between
 * calls: the listings token carries the page. Thread-safe.
 */
final class DouyinCatalogCalls {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            false);

    private final Logger logger = LoggerFactory.getLogger(DouyinCatalogCalls.class);
    private final DouyinClient client;
    private final String shop;
    private final int pageSize;

    DouyinCatalogCalls(DouyinClient client, String shop, int pageSize) {
        this.client = client;
        this.shop = shop;
        this.pageSize = pageSize;
    }

    /**
     * The platform's companies, {@code shipCode} = {@code code} = the company code ({@code zhongtong}); an entry
     * without a code or a name cannot be shipped with and is left out (debug log).
     */
    List<LogisticsCompany> logisticsCompanies() {
        JsonNode data = client.call(METHOD_LOGISTICS_COMPANIES, Map.of());
        if (!data.isArray()) {
            throw new ChannelException(Kind.PERMANENT, "douyin " + METHOD_LOGISTICS_COMPANIES + " answered no company array");
        }
        List<LogisticsCompany> out = new ArrayList<>();
        for (JsonNode n : data) {
            LogisticsCompanyDto c = MAPPER.convertValue(n, LogisticsCompanyDto.class);
            if (c == null || blank(c.code()) || blank(c.name())) {
                logger.debug("douyin shop {}: logistics company {} has no code or name; left out", shop, n);
                continue;
            }
            out.add(new LogisticsCompany(c.code().strip(), c.code().strip(), c.name().strip()));
        }
        return out;
    }

    /**
     * One page of listings: the products on sale (product.listV2 {@code status} 0) of the token's page, each with
     * its SKUs from sku.list. A product without SKUs is one listing whose SKU id is the product id. The outer code
     * is the SKU's {@code code}, else the product's {@code outer_product_id}; the title is the product's name and
     * the SKU's spec values; the quantity is {@code stock_num} for ordinary stock (sku_type 0), else unknown.
     * product.listV2 serves no product past page × size = 10,000; a shop with more ends there (warning logged).
     */
    ListingPage listings(String pageToken) {
        DouyinListingToken at = pageToken == null ? DouyinListingToken.first(pageSize) : DouyinListingToken.parse(pageToken);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", at.page());
        params.put("size", at.size());
        params.put("status", PRODUCT_STATUS_ONLINE);
        ProductListDto page = MAPPER.convertValue(client.call(METHOD_PRODUCT_LIST, params), ProductListDto.class);
        List<ProductListDto.Product> products = page == null || page.data() == null ? List.of() : page.data();
        List<Listing> listings = new ArrayList<>();
        for (ProductListDto.Product p : products) {
            if (p == null || p.productId() == null) {
                throw new ChannelException(Kind.PERMANENT, "douyin " + METHOD_PRODUCT_LIST + ": a product lacks product_id");
            }
            listings.addAll(listingsOf(p));
        }
        long total = page == null || page.total() == null ? -1 : page.total();
        boolean more = products.size() >= at.size() && (total < 0 || (long) at.page() * at.size() < total);
        if (!more) {
            return new ListingPage(listings, null);
        }
        DouyinListingToken next = at.next();
        if (next == null) {
            logger.warn("douyin shop {}: {} products on sale, product.listV2 serves the first {} only; the rest are not listed",
                    shop, total, MAX_PRODUCT_WINDOW);
            return new ListingPage(listings, null);
        }
        return new ListingPage(listings, next.text());
    }

    private List<Listing> listingsOf(ProductListDto.Product p) {
        String productId = String.valueOf(p.productId());
        String name = p.name() == null ? "" : p.name().strip();
        JsonNode data = client.call(METHOD_SKU_LIST, Map.of("product_id", p.productId()));
        if (!data.isArray() && !data.isNull()) {
            throw new ChannelException(Kind.PERMANENT, "douyin " + METHOD_SKU_LIST + " answered no SKU array for product "
                    + productId);
        }
        List<Listing> out = new ArrayList<>();
        for (JsonNode n : data) {
            SkuDto s = MAPPER.convertValue(n, SkuDto.class);
            if (s == null || s.id() == null) {
                throw new ChannelException(Kind.PERMANENT, "douyin " + METHOD_SKU_LIST + ": a SKU of product " + productId
                        + " lacks id");
            }
            String outer = blank(s.code()) ? p.outerProductId() : s.code();
            Integer quantity = s.stockNum() != null && (s.skuType() == null || s.skuType() == 0)
                    ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, s.stockNum()))
                    : null;
            out.add(new Listing(productId, String.valueOf(s.id()), outer, title(name, s), quantity));
        }
        if (out.isEmpty()) {
            out.add(new Listing(productId, productId, p.outerProductId(), name, null));
        }
        return out;
    }

    /** The product's name and the SKU's spec values ({@code sell_properties}, else {@code spec_detail_name1..3}). */
    private static String title(String name, SkuDto s) {
        List<String> values = new ArrayList<>();
        if (s.sellProperties() != null && !s.sellProperties().isEmpty()) {
            s.sellProperties().forEach(v -> values.add(v == null ? null : v.valueName()));
        } else {
            values.add(s.specDetailName1());
            values.add(s.specDetailName2());
            values.add(s.specDetailName3());
        }
        StringBuilder t = new StringBuilder(name);
        for (String v : values) {
            if (!blank(v)) {
                t.append(t.length() == 0 ? "" : " ").append(v.strip());
            }
        }
        return t.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

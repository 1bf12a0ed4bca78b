package org.ordertower.channel.jd.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.channel.jd.internal.api.JdClient;
import org.ordertower.channel.jd.internal.api.JdWire;
import org.ordertower.channel.jd.internal.api.dto.JdLogisticsCompanyDto;
import org.ordertower.channel.jd.internal.api.dto.JdSkuDto;
import org.ordertower.channel.jd.internal.api.dto.JdSkuPageDto;
import org.ordertower.connector.kit.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the shop works with: its logistics companies ({@code 360buy.delivery.logistics.get}, 商家获取物流公司) and
 * its listings ({@code jingdong.sku.read.searchSkuList}, SKU搜索服务). Stateless: the listing page token carries
 * the page to read.
 */
final class JdCatalog {
    private final Logger logger = LoggerFactory.getLogger(JdCatalog.class);
    private final JdClient client;
    private final int pageSize;

    JdCatalog(JdClient client, int pageSize) {
        this.client = client;
        this.pageSize = Math.min(pageSize, JdConstants.MAX_SKU_PAGE_SIZE);
    }

    /**
     * The merchant's companies: shipCode = {@code logistics_id} (shipment's logiCoprId takes only ids from this
     * call: 物流公司ID(只可通过获取商家物流公司接口获得)), no code besides the id, name = {@code logistics_name}.
     * Entries without a positive id (a merchant's own company, listed with -1000) cannot ship and are left out.
     */
    List<LogisticsCompany> logisticsCompanies() {
        JsonNode body = client.call(JdConstants.LOGISTICS, Map.of());
        JsonNode list = body.path("logistics_companies").get("logistics_list");
        if (list == null || !list.isArray()) {
            throw JdWire.failure(JdConstants.LOGISTICS + " answered no logistics_companies.logistics_list", null);
        }
        List<LogisticsCompany> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JdLogisticsCompanyDto c = JdWire.as(list.get(i), JdLogisticsCompanyDto.class, "logistics_list[" + i + "]");
            String id = c.logisticsId() == null ? "" : c.logisticsId().strip();
            if (!Ids.digits(id, 10) || id.matches("0+")) {
                logger.debug("jd logistics company '{}' has no usable id ({}), left out", c.logisticsName(), id);
                continue;
            }
            if (c.logisticsName() == null || c.logisticsName().isBlank()) {
                throw JdWire.failure("logistics_list[" + i + "] has no logistics_name", null);
            }
            out.add(new LogisticsCompany(id, null, c.logisticsName().strip()));
        }
        return out;
    }

    /**
     * One page of the shop's SKUs on sale (skuStatuValue 1) in JD's order, pageNo from 1 and page_size up to 50
     * (orderFiled/orderType are not sent: their JSON shape is not documented consistently): itemId = wareId,
     * skuId = skuId (JD wares always have at least one SKU), outerCode = the SKU's outerId, title = skuName (else
     * wareTitle), quantity = stockNum. The last page is the one that reaches totalItem or comes back short.
     */
    ListingPage listings(String page) {
        JdListingToken at = page == null ? new JdListingToken(1, pageSize) : JdListingToken.decode(page);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("skuStatuValue", List.of(JdConstants.SKU_ON_SALE));
        p.put("pageNo", at.pageNo());
        p.put("page_size", at.pageSize());
        p.put("field", JdConstants.SKU_FIELDS);
        JsonNode result = client.call(JdConstants.SKU_SEARCH, p).get("page");
        if (result == null || !result.isObject()) {
            throw JdWire.failure(JdConstants.SKU_SEARCH + " answered no page", null);
        }
        JdSkuPageDto dto = JdWire.as(result, JdSkuPageDto.class, "page");
        List<JdSkuDto> data = dto.data() == null ? List.of() : dto.data();
        List<Listing> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            out.add(listing(data.get(i), "page.data[" + i + "]"));
        }
        long total = dto.totalItem() == null ? -1 : dto.totalItem();
        boolean last = data.size() < at.pageSize() || total >= 0 && (long) at.pageNo() * at.pageSize() >= total;
        return new ListingPage(out, last ? null : new JdListingToken(at.pageNo() + 1, at.pageSize()).encode());
    }

    private static Listing listing(JdSkuDto s, String at) {
        if (s.wareId() == null || !Ids.digits(s.wareId().strip(), 20)) {
            throw JdWire.failure(at + " has no numeric wareId", null);
        }
        if (s.skuId() == null || !Ids.digits(s.skuId().strip(), 20)) {
            throw JdWire.failure(at + " has no numeric skuId", null);
        }
        String title = s.skuName() != null && !s.skuName().isBlank() ? s.skuName() : s.wareTitle();
        return new Listing(s.wareId().strip(), s.skuId().strip(), s.outerId(), title, s.stockNum());
    }
}

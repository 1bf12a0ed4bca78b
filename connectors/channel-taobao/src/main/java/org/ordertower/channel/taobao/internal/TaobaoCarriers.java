package org.ordertower.channel.taobao.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TOP's logistics companies: {@code taobao.logistics.companies.get} (查询物流公司信息, "查询淘宝网合作的物流公司信息，用于发货接口")
 * with {@code fields=id,code,name,reg_mail_no} and no {@code is_recommended}, which answers every company a seller may
 * name when it contacts the carrier itself (自己联系), i.e. what {@code taobao.logistics.offline.send} accepts. The
 * answer is {@code logistics_companies.logistics_company[{id, code, name, reg_mail_no}]}. offline.send takes the
 * company's {@code code} as {@code company_code}, so the code is both the ship code and the platform code; TOP's
 * numeric {@code id} is not used anywhere else and is dropped. Field names: the TOP API metadata as generated in
 * github.com/bububa/opentaobao {@code model/logistic/TaobaoLogisticsCompaniesGetAPIRequest.go} and
 * {@code LogisticsCompany.go}.
 */
final class TaobaoCarriers {
    static final String FIELDS = "id,code,name,reg_mail_no";

    private final Logger logger = LoggerFactory.getLogger(TaobaoCarriers.class);
    private final TaobaoClient client;

    TaobaoCarriers(TaobaoClient client) {
        this.client = client;
    }

    List<LogisticsCompany> companies() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fields", FIELDS);
        JsonNode answer = client.call(TaobaoConstants.LOGISTICS_COMPANIES, p);
        JsonNode list = answer.path("logistics_companies").path("logistics_company");
        if (!list.isArray() || list.isEmpty()) {
            throw new ChannelException(Kind.TRANSIENT, "TOP " + TaobaoConstants.LOGISTICS_COMPANIES
                    + " answered no logistics company for shop " + client.settings().shop());
        }
        return parse(list);
    }

    /** Pure: the {@code logistics_company} array as companies; an entry without code or name is left out. */
    List<LogisticsCompany> parse(JsonNode list) {
        List<LogisticsCompany> out = new ArrayList<>();
        for (JsonNode c : list) {
            String code = c.path("code").asText("").strip();
            String name = c.path("name").asText("").strip();
            if (code.isEmpty() || name.isEmpty()) {
                logger.debug("TOP listed a logistics company without code or name (id {}); left out", c.path("id").asText());
                continue;
            }
            out.add(new LogisticsCompany(code, code, name));
        }
        return List.copyOf(out);
    }
}

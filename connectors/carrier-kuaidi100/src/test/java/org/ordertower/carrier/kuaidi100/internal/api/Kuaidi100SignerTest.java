package org.ordertower.carrier.kuaidi100.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Kuaidi100 publishes no worked signature example (its pages show {@code sign = ******}), so the expected values
 * were computed independently with coreutils: {@code printf '%s' '<param><key><customer>' | md5sum}, upper-cased.
 */
class Kuaidi100SignerTest {

    @Test
    void querySignIsUpperMd5OfParamKeyCustomer() {
        String param = "{\"com\":\"yuantong\",\"num\":\"YT7530122849021\",\"resultv2\":\"4\",\"show\":\"0\",\"order\":\"asc\"}";
        assertEquals(param + "kd-keyKD-CUSTOMER", Kuaidi100Signer.queryStringToSign(param, "kd-key", "KD-CUSTOMER"));
        assertEquals("C66DD292C38C89A8147670A5CC4593F2", Kuaidi100Signer.querySign(param, "kd-key", "KD-CUSTOMER"));
    }

    @Test
    void querySignOfTheDocsExampleParamHashesUtf8() {
        // the param of 实时快递查询接口 "1.4 请求参数示例", Chinese place names included; key and customer are ours
        String param = "{\"com\":\"ems\",\"num\":\"em263999513jp\",\"phone\":\"13868688888\",\"from\":\"广东省深圳市南山区\","
                + "\"to\":\"北京市朝阳区\",\"resultv2\":\"1\",\"show\":\"0\",\"order\":\"desc\"}";
        assertEquals("65D5D24ABFA5A3562A4ED22411DD6C84", Kuaidi100Signer.querySign(param, "KEY", "CUSTOMER"));
    }

    @Test
    void pushSignIsUpperMd5OfParamSalt() {
        String param = "{\"status\":\"polling\",\"lastResult\":{\"nu\":\"1234567890\"}}";
        assertEquals("3C415D1066ECC65ADDEF09CC709A5E9B", Kuaidi100Signer.pushSign(param, "salt-1"));
        assertEquals(param + "salt-1", Kuaidi100Signer.pushStringToSign(param, "salt-1"));
    }
}

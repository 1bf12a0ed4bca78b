package org.ordertower.sim.jd;

import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /oauth2/refresh_token} (GET or POST, parameters in the query or a form): app_key, app_secret,
 * grant_type=refresh_token and a refresh token this simulator issued. Answers JD's token JSON (access_token,
 * expires_in seconds, refresh_token, scope, open_id, time in epoch ms, token_type); a refusal is
 * {@code {"code":<n>,"msg":...}} (the numbers are the simulator's own).
 */
final class JdSimOAuth implements SimServer.Handler {
    private final JdSimulator sim;

    JdSimOAuth(JdSimulator sim) {
        this.sim = sim;
    }

    @Override
    public SimResponse handle(SimRequest request) throws Exception {
        if (!sim.appKey().equals(request.param("app_key")) || !sim.appSecret().equals(request.param("app_secret"))) {
            return refuse(401, "app_key或app_secret不正确");
        }
        if (!"refresh_token".equals(request.param("grant_type"))) {
            return refuse(400, "grant_type不正确");
        }
        org.ordertower.sim.kit.SimTokenBook.Issued issued = sim.refresh(request.param("refresh_token"));
        if (issued == null) {
            return refuse(402, "refresh_token无效或已过期");
        }
        ObjectNode t = JdSimRenderer.JSON.createObjectNode();
        t.put("access_token", issued.accessToken());
        t.put("expires_in", sim.tokenTtlSeconds());
        t.put("refresh_token", issued.refreshToken());
        t.put("scope", "snsapi_base");
        t.put("open_id", "jdsim-open-" + sim.appKey());
        t.put("time", sim.clock().millis());
        t.put("token_type", "bearer");
        t.put("code", 0);
        return SimResponse.json(JdSimRenderer.JSON.writeValueAsString(t));
    }

    private SimResponse refuse(int code, String msg) throws Exception {
        sim.count("errors");
        ObjectNode e = JdSimRenderer.JSON.createObjectNode();
        e.put("code", code);
        e.put("msg", msg);
        return SimResponse.json(JdSimRenderer.JSON.writeValueAsString(e));
    }
}

package io.lblab.bench;

import io.lblab.sim.SimulatorInfo;

import javax.net.ssl.SSLContext;

/** How a client outside the operator reaches a running simulator (the sample's flow, the admin API). */
public record SimConnection(String baseUrl, SSLContext sslContext, String tenantId, String clientId, String clientSecret,
                            String subscriptionId) {

    public static SimConnection of(SimulatorInfo info) {
        return new SimConnection(info.baseUrl(), info.sslContext(), info.tenantId(), info.clientId(), info.clientSecret(),
                info.subscriptionId());
    }

    public String adminUrl() {
        return (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "_sim/";
    }
}

package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.json.Json;

import java.util.List;

/** {@code GET /subscriptions} and {@code GET /subscriptions/{id}}: the simulator's one subscription. */
public final class SubscriptionEndpoints {
    private final String subscriptionId;
    private final String tenantId;

    public SubscriptionEndpoints(String subscriptionId, String tenantId) {
        this.subscriptionId = subscriptionId;
        this.tenantId = tenantId;
    }

    private ObjectNode subscription() {
        ObjectNode s = Json.object();
        s.put("id", "/subscriptions/" + subscriptionId);
        s.put("authorizationSource", "RoleBased");
        s.putArray("managedByTenants");
        s.put("subscriptionId", subscriptionId);
        s.put("tenantId", tenantId);
        s.put("displayName", "lblab ARM simulator");
        s.put("state", "Enabled");
        ObjectNode policies = s.putObject("subscriptionPolicies");
        policies.put("locationPlacementId", "Public_2014-09-01");
        policies.put("quotaId", "PayAsYouGo_2014-09-01");
        policies.put("spendingLimit", "Off");
        return s;
    }

    public ArmResponse get() {
        return ArmResponse.json(200, subscription());
    }

    public ArmResponse list() {
        return ArmResponse.json(200, JsonLists.value(List.of(Json.bytes(subscription()))));
    }
}

package io.lblab.sim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.arm.ArmRoute;
import io.lblab.sim.json.Json;

import java.util.ArrayList;
import java.util.List;

/** {@code GET /subscriptions} and {@code GET /subscriptions/{id}}: the subscriptions the simulator serves. */
public final class SubscriptionEndpoints {
    private final List<String> subscriptionIds;
    private final String tenantId;

    public SubscriptionEndpoints(List<String> subscriptionIds, String tenantId) {
        this.subscriptionIds = List.copyOf(subscriptionIds);
        this.tenantId = tenantId;
    }

    /** The served subscription's id as created, for any casing of it; null when not served. */
    public String canonical(String subscriptionId) {
        for (String id : subscriptionIds) {
            if (id.equalsIgnoreCase(subscriptionId)) {
                return id;
            }
        }
        return null;
    }

    /** The first subscription: the one {@code SimulatorInfo#subscriptionId()} names. */
    public String first() {
        return subscriptionIds.get(0);
    }

    private ObjectNode subscription(int index) {
        String subscriptionId = subscriptionIds.get(index);
        ObjectNode s = Json.object();
        s.put("id", "/subscriptions/" + subscriptionId);
        s.put("authorizationSource", "RoleBased");
        s.putArray("managedByTenants");
        s.put("subscriptionId", subscriptionId);
        s.put("tenantId", tenantId);
        s.put("displayName", index == 0 ? "lblab ARM simulator" : "lblab ARM simulator " + (index + 1));
        s.put("state", "Enabled");
        ObjectNode policies = s.putObject("subscriptionPolicies");
        policies.put("locationPlacementId", "Public_2014-09-01");
        policies.put("quotaId", "PayAsYouGo_2014-09-01");
        policies.put("spendingLimit", "Off");
        return s;
    }

    public ArmResponse get(ArmRoute route) {
        return ArmResponse.json(200, subscription(subscriptionIds.indexOf(route.subscription())));
    }

    public ArmResponse list() {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < subscriptionIds.size(); i++) {
            items.add(Json.bytes(subscription(i)));
        }
        return ArmResponse.json(200, JsonLists.value(items));
    }
}

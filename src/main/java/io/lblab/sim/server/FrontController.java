package io.lblab.sim.server;

import io.lblab.sim.admin.AdminEndpoints;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.auth.AuthEndpoints;

/** Splits traffic between the admin API, the identity endpoints and ARM. */
final class FrontController {
    private final AdminEndpoints admin;
    private final AuthEndpoints auth;
    private final ArmDispatcher arm;

    FrontController(AdminEndpoints admin, AuthEndpoints auth, ArmDispatcher arm) {
        this.admin = admin;
        this.auth = auth;
        this.arm = arm;
    }

    ArmResponse handle(ArmRequest req) {
        String path = req.path();
        if (path.startsWith("/_sim/") || path.equals("/_sim")) {
            return admin.handle(req.method(), path, req.query(), req.body());
        }
        if (path.regionMatches(true, 0, "/subscriptions", 0, 14)
                && (path.length() == 14 || path.charAt(14) == '/')) {
            return arm.handle(req);
        }
        ArmResponse identity = auth.handle(req.method(), path, req.body(), req.baseUrl());
        if (identity != null) {
            // MSAL checks that its correlation id comes back
            return identity.header("client-request-id", req.header("client-request-id"));
        }
        return ArmResponse.error(new ArmException(404, "NotFound", "Nothing is served at " + path + "."));
    }
}

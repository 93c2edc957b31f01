package io.lblab.sim.auth;

import io.lblab.sim.arm.ArmException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues opaque bearer tokens to the one configured client and checks them on ARM requests. */
public final class TokenService {
    public static final int LIFETIME_SECONDS = 3599;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    public String issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "sim." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, Instant.now().plusSeconds(LIFETIME_SECONDS));
        return token;
    }

    /**
     * Checks an {@code Authorization} header value; throws the 401 ARM answers with.
     */
    public void requireBearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ArmException(401, "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ArmException(401, "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }
        String token = authorization.substring(7).trim();
        Instant expiry = issued.get(token);
        if (expiry == null) {
            throw new ArmException(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
        if (expiry.isBefore(Instant.now())) {
            issued.remove(token);
            throw new ArmException(401, "ExpiredAuthenticationToken", "The access token expiry UTC time '" + expiry
                    + "' is earlier than current UTC time '" + Instant.now() + "'.");
        }
    }
}

package io.lblab.sim.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lblab.sim.SimulatorStats;
import io.lblab.sim.admin.StatsRecorder;
import io.lblab.sim.arm.ArmException;
import io.lblab.sim.arm.ArmRequest;
import io.lblab.sim.arm.ArmResponse;
import io.lblab.sim.arm.ArmRoute;
import io.lblab.sim.auth.TokenService;
import io.lblab.sim.faults.FaultInjector;
import io.lblab.sim.json.Json;
import io.lblab.sim.lro.Operation;
import io.lblab.sim.lro.OperationEngine;
import io.lblab.sim.resources.HandlerRegistry;
import io.lblab.sim.resources.ResourceTypeHandler;
import io.lblab.sim.resources.ResourceType;
import io.lblab.sim.resources.SubscriptionEndpoints;
import io.lblab.sim.throttle.Throttlers;
import io.lblab.sim.throttle.TokenBucket;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ARM front door, in ARM's order: authentication, subscription, api-version, throttling,
 * injected (before-commit) faults, then the resource providers, then after-commit faults on the
 * answer of an applied write. Every answer carries ARM's request-id and rate-limit headers and is
 * counted in the stats.
 */
public final class ArmDispatcher {
    private static final Logger LOG = Logger.getLogger(ArmDispatcher.class.getName());
    private static final DateTimeFormatter ROUTING_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SubscriptionEndpoints subscriptions;
    private final String tenantId;
    private final TokenService tokens;
    private final Throttlers throttlers;
    private final FaultInjector faults;
    private final StatsRecorder stats;
    private final HandlerRegistry registry;
    private final ArmRouter router;
    private final OperationEngine operations;

    ArmDispatcher(SubscriptionEndpoints subscriptions, String tenantId, TokenService tokens, Throttlers throttlers,
                  FaultInjector faults, StatsRecorder stats, HandlerRegistry registry, ArmRouter router,
                  OperationEngine operations) {
        this.subscriptions = subscriptions;
        this.tenantId = tenantId;
        this.tokens = tokens;
        this.throttlers = throttlers;
        this.faults = faults;
        this.stats = stats;
        this.registry = registry;
        this.router = router;
        this.operations = operations;
    }

    public ArmResponse handle(ArmRequest req) {
        ArmRoute route = ArmRoute.parse(req.path());
        String typeKey = canonicalTypeKey(route);
        boolean write = req.isWrite();
        long remaining = -1;
        // the subscription whose buckets and counters the request is charged to; null until it is known to exist
        String charged = null;
        ArmResponse response;
        try {
            tokens.requireBearer(req.header("authorization"));
            if (route.subscription() != null) {
                String canonical = subscriptions.canonical(route.subscription());
                if (canonical == null) {
                    throw new ArmException(404, "SubscriptionNotFound", "The subscription '" + route.subscription()
                            + "' could not be found.");
                }
                route = route.withSubscription(canonical);
                charged = canonical;
            } else {
                charged = subscriptions.first();
            }
            if (req.apiVersion() == null || req.apiVersion().isBlank()) {
                throw new ArmException(400, "MissingApiVersionParameter",
                        "The api-version query parameter (?api-version=) is required for all requests.");
            }
            TokenBucket.Take take = throttlers.of(charged).take(write);
            remaining = take.remaining();
            if (!take.granted()) {
                stats.throttled(charged);
                throw throttled(charged, write, take.retryAfterSeconds());
            }
            response = switch (faults.onRequest(typeKey, req.method(), route.resourceName())) {
                case NONE -> router.route(req, route);
                case THROTTLE_429 -> ArmResponse.error(new ArmException(429, "TooManyRequests",
                        "The request is being throttled (injected fault).", java.util.List.of(), 1));
                case ERROR_500 -> gatewayError(new ArmException(500, "InternalServerError",
                        "Encountered internal server error (injected fault)."));
                case ERROR_503 -> ArmResponse.error(new ArmException(503, "ServiceUnavailable",
                        "The service is temporarily unavailable (injected fault).")).header("Retry-After", "1");
                case CONNECTION_RESET -> ArmResponse.connectionReset();
            };
            if (write && applied(response)) {
                FaultInjector.AfterCommitFault fault = faults.afterCommit(typeKey, req.method(), route.resourceName());
                if (fault != FaultInjector.AfterCommitFault.NONE) {
                    response = loseAnswer(req, route, typeKey, response, fault, charged);
                }
            }
        } catch (ArmException e) {
            response = ArmResponse.error(e);
            if (e.status() == 401) {
                response.header("WWW-Authenticate", "Bearer authorization_uri=\"" + req.baseUrl() + tenantId
                        + "\", error=\"invalid_token\", error_description=\"" + e.getMessage().replace('"', '\'')
                        + "\"");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator bug on " + req.method() + " " + req.path(), e);
            response = ArmResponse.error(new ArmException(500, "InternalServerError",
                    "The simulator failed: " + e));
        }
        if (remaining < 0) {
            remaining = throttlers.of(charged).remaining(write);
        }
        if (!response.isReset()) {
            decorate(req, response, write, remaining);
        }
        stats.record(charged, req.method(), typeKey, response.isReset() ? "reset"
                : response.holdMillis() > 0 ? "timeout" : String.valueOf(response.status()), write);
        return response;
    }

    /** A write that changed something or started an operation (a DELETE of nothing, 204, did not). */
    private static boolean applied(ArmResponse response) {
        int status = response.status();
        return !response.isReset() && (status == 200 || status == 201 || status == 202);
    }

    /**
     * The write was applied; its answer is replaced by {@code fault}. The operation it started is marked
     * unanswered and the write is listed in the stats.
     */
    private ArmResponse loseAnswer(ArmRequest req, ArmRoute route, String typeKey, ArmResponse applied,
                                   FaultInjector.AfterCommitFault fault, String subscriptionId) {
        Operation op = applied.startedOperation() == null ? null : operations.find(applied.startedOperation());
        if (op != null) {
            op.markUnanswered(fault.configName());
        }
        stats.unanswered(new SimulatorStats.UnansweredWrite(req.method(), writtenId(req, applied, op), typeKey,
                applied.status(), fault.configName(), op == null ? null : op.id(),
                DateTimeFormatter.ISO_INSTANT.format(Instant.now())));
        String provider = route.namespace() != null ? route.namespace() : "Microsoft.Resources";
        return switch (fault) {
            case NONE -> applied;
            case RESET -> ArmResponse.connectionReset();
            case ERROR_500 -> gatewayError(new ArmException(500, "InternalServerError",
                    "Encountered internal server error. Diagnostic information: timestamp '"
                            + ROUTING_TIME.format(Instant.now()) + "', subscription id '" + subscriptionId
                            + "', tracking id '" + UUID.randomUUID() + "', request correlation id '"
                            + correlationId(req) + "'. (injected after commit)"));
            case ERROR_502 -> gatewayError(new ArmException(502, "BadGateway", "The gateway received an invalid "
                    + "response from '" + provider + "'. (injected after commit)"));
            case ERROR_504 -> gatewayTimeout(provider);
            case TIMEOUT -> gatewayTimeout(provider).hold(faults.timeoutHoldMillis());
        };
    }

    private static ArmResponse gatewayTimeout(String provider) {
        return gatewayError(new ArmException(504, "GatewayTimeout", "The gateway did not receive a response from '"
                + provider + "' within the specified time period."));
    }

    /** ARM's own errors: the body has no {@code details}, and ARM marks them {@code x-ms-failure-cause: gateway}. */
    private static ArmResponse gatewayError(ArmException e) {
        ObjectNode body = e.body();
        ((ObjectNode) body.get("error")).remove("details");
        return ArmResponse.json(e.status(), body).header("x-ms-failure-cause", "gateway");
    }

    private static String writtenId(ArmRequest req, ArmResponse applied, Operation op) {
        if (op != null) {
            return op.resourceId().id();
        }
        if (applied.body() != null) {
            try {
                String id = Json.MAPPER.readTree(applied.body()).path("id").asText(null);
                if (id != null) {
                    return id;
                }
            } catch (java.io.IOException ignored) {
                // fall back to the path
            }
        }
        return req.path();
    }

    private static String correlationId(ArmRequest req) {
        String correlation = req.header("x-ms-correlation-request-id");
        return correlation != null ? correlation : UUID.randomUUID().toString();
    }

    private static ArmException throttled(String subscriptionId, boolean write, int retryAfter) {
        return new ArmException(429, "SubscriptionRequestsThrottled", "Number of '" + (write ? "write" : "read")
                + "' requests for subscription '" + subscriptionId + "' exceeded. Please try again after '"
                + retryAfter + "' seconds after additional tokens are available. Refer to "
                + "https://aka.ms/arm-throttling", java.util.List.of(), retryAfter);
    }

    private static void decorate(ArmRequest req, ArmResponse response, boolean write, long remaining) {
        String requestId = UUID.randomUUID().toString();
        String correlation = req.header("x-ms-correlation-request-id");
        response.header("x-ms-request-id", requestId);
        response.header("x-ms-correlation-request-id", correlation != null ? correlation : requestId);
        response.header("x-ms-routing-request-id", "SIMULATOR:" + ROUTING_TIME.format(Instant.now()) + ":"
                + requestId);
        if (remaining >= 0) {
            response.header(write ? "x-ms-ratelimit-remaining-subscription-writes"
                    : "x-ms-ratelimit-remaining-subscription-reads", String.valueOf(remaining));
        }
        String clientRequestId = req.header("x-ms-client-request-id");
        if (clientRequestId != null) {
            response.header("x-ms-client-request-id", clientRequestId);
        }
        response.header("Cache-Control", "no-cache");
    }

    /** The route's type key with the registry's casing, so stats group case variants together. */
    private String canonicalTypeKey(ArmRoute route) {
        String raw = route.typeKey();
        if (route.namespace() == null || route.type() == null) {
            return raw;
        }
        ResourceTypeHandler h = registry.find(route.namespace(), route.type());
        if (h == null) {
            return raw;
        }
        if (route.childSegment() == null) {
            return h.type().key();
        }
        ResourceType.ChildCollection c = h.type().child(route.childSegment());
        return c == null ? raw : h.type().childTypeKey(c);
    }
}

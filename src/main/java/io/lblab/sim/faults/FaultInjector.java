package io.lblab.sim.faults;

import io.lblab.sim.FaultConfig;
import io.lblab.sim.arm.ArmException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** Seeded, reproducible fault decisions for requests and long-running operations. */
public final class FaultInjector {
    public enum RequestFault { NONE, THROTTLE_429, ERROR_500, ERROR_503, CONNECTION_RESET }

    private static final String ASYNC = "asyncFailure";

    private Random random;
    private final List<FaultConfig.FaultRule> rules = new ArrayList<>();
    private final List<OneShot> oneShots = new ArrayList<>();

    private static final class OneShot {
        final FaultConfig.OneShotFault spec;
        final Pattern type;
        final Pattern method;
        int remaining;

        OneShot(FaultConfig.OneShotFault spec) {
            this.spec = spec;
            this.type = glob(spec.type());
            this.method = glob(spec.method());
            this.remaining = Math.max(1, spec.count());
        }
    }

    public FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    public synchronized void add(FaultConfig config) {
        if (config.seed() != null) {
            random = new Random(config.seed());
        }
        rules.addAll(config.rules());
        config.oneShots().forEach(s -> oneShots.add(new OneShot(s)));
    }

    public synchronized void clear() {
        rules.clear();
        oneShots.clear();
    }

    public synchronized void reset(long seed) {
        clear();
        random = new Random(seed);
    }

    /** The configuration still in force (one-shots with their remaining counts). */
    public synchronized FaultConfig current() {
        List<FaultConfig.OneShotFault> shots = new ArrayList<>();
        for (OneShot s : oneShots) {
            FaultConfig.OneShotFault f = s.spec;
            shots.add(new FaultConfig.OneShotFault(f.type(), f.method(), f.fault(), s.remaining, f.resourceName(),
                    f.errorCode(), f.errorMessage()));
        }
        return new FaultConfig(null, rules, shots);
    }

    /** Decides what happens to a request before it is processed. */
    public synchronized RequestFault onRequest(String typeKey, String method, String resourceName) {
        if (rules.isEmpty() && oneShots.isEmpty()) {
            return RequestFault.NONE;
        }
        for (OneShot s : oneShots) {
            if (!ASYNC.equalsIgnoreCase(s.spec.fault()) && matches(s, typeKey, method, resourceName)) {
                consume(s);
                return parse(s.spec.fault());
            }
        }
        FaultConfig.FaultRule rule = firstRule(typeKey, method);
        if (rule == null) {
            return RequestFault.NONE;
        }
        double r = random.nextDouble();
        double edge = rule.throttle429();
        if (r < edge) {
            return RequestFault.THROTTLE_429;
        }
        edge += rule.error500();
        if (r < edge) {
            return RequestFault.ERROR_500;
        }
        edge += rule.error503();
        if (r < edge) {
            return RequestFault.ERROR_503;
        }
        edge += rule.connectionReset();
        return r < edge ? RequestFault.CONNECTION_RESET : RequestFault.NONE;
    }

    /** The error an operation starting now should end with, or null to let it succeed. */
    public synchronized ArmException asyncFailure(String typeKey, String method, String resourceName) {
        for (OneShot s : oneShots) {
            if (ASYNC.equalsIgnoreCase(s.spec.fault()) && matches(s, typeKey, method, resourceName)) {
                consume(s);
                return failure(s.spec.errorCode(), s.spec.errorMessage());
            }
        }
        FaultConfig.FaultRule rule = firstRule(typeKey, method);
        if (rule != null && rule.asyncFailure() > 0 && random.nextDouble() < rule.asyncFailure()) {
            return failure(rule.errorCode(), null);
        }
        return null;
    }

    private static ArmException failure(String code, String message) {
        String c = code == null || code.isBlank() ? "InternalServerError" : code;
        String m = message == null || message.isBlank() ? "An error occurred." : message;
        return new ArmException("InternalServerError".equals(c) ? 500 : 400, c, m);
    }

    private FaultConfig.FaultRule firstRule(String typeKey, String method) {
        for (FaultConfig.FaultRule rule : rules) {
            if (glob(rule.type()).matcher(typeKey).matches() && glob(rule.method()).matcher(method).matches()) {
                return rule;
            }
        }
        return null;
    }

    private static boolean matches(OneShot s, String typeKey, String method, String resourceName) {
        return s.remaining > 0 && s.type.matcher(typeKey).matches() && s.method.matcher(method).matches()
                && (s.spec.resourceName() == null || s.spec.resourceName().equalsIgnoreCase(resourceName));
    }

    private void consume(OneShot s) {
        if (--s.remaining <= 0) {
            oneShots.remove(s);
        }
    }

    private static RequestFault parse(String fault) {
        return switch (fault == null ? "" : fault.toLowerCase()) {
            case "throttle429", "429" -> RequestFault.THROTTLE_429;
            case "error500", "500" -> RequestFault.ERROR_500;
            case "error503", "503" -> RequestFault.ERROR_503;
            case "connectionreset", "reset" -> RequestFault.CONNECTION_RESET;
            default -> throw new IllegalArgumentException("unknown fault: " + fault);
        };
    }

    /** Validates a configuration before accepting it. */
    public static void validate(FaultConfig config) {
        for (FaultConfig.OneShotFault s : config.oneShots()) {
            if (!ASYNC.equalsIgnoreCase(s.fault())) {
                parse(s.fault());
            }
        }
    }

    private static Pattern glob(String text) {
        String g = text == null || text.isBlank() ? "*" : text;
        return Pattern.compile(joinGlob(g), Pattern.CASE_INSENSITIVE);
    }

    private static String joinGlob(String g) {
        String[] parts = g.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return re.toString();
    }
}

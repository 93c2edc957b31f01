package io.lblab.sim.faults;

import io.lblab.sim.FaultConfig;
import io.lblab.sim.arm.ArmException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** Seeded, reproducible fault decisions for requests, applied writes and long-running operations. */
public final class FaultInjector {
    /** Answers instead of processing a request (before commit: no side effects). */
    public enum RequestFault { NONE, THROTTLE_429, ERROR_500, ERROR_503, CONNECTION_RESET }

    /** Replaces the answer of a write that was applied (after commit: the write happened). */
    public enum AfterCommitFault {
        NONE("none"), RESET("afterCommitReset"), ERROR_500("afterCommit500"), ERROR_502("afterCommit502"),
        ERROR_504("afterCommit504"), TIMEOUT("afterCommitTimeout");

        private final String configName;

        AfterCommitFault(String configName) {
            this.configName = configName;
        }

        /** The name used in {@link FaultConfig} ({@code afterCommitReset}…). */
        public String configName() {
            return configName;
        }
    }

    private enum Family { REQUEST, ASYNC, AFTER_COMMIT }

    private static final String ASYNC = "asyncFailure";

    private Random random;
    private long timeoutHoldMillis = FaultConfig.DEFAULT_TIMEOUT_HOLD_MILLIS;
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
        if (config.timeoutHoldMillis() != null) {
            timeoutHoldMillis = config.timeoutHoldMillis();
        }
    }

    public synchronized void clear() {
        rules.clear();
        oneShots.clear();
    }

    public synchronized void reset(long seed) {
        clear();
        random = new Random(seed);
        timeoutHoldMillis = FaultConfig.DEFAULT_TIMEOUT_HOLD_MILLIS;
    }

    /** How long an {@code afterCommitTimeout} holds the answer. */
    public synchronized long timeoutHoldMillis() {
        return timeoutHoldMillis;
    }

    /** The configuration still in force (one-shots with their remaining counts). */
    public synchronized FaultConfig current() {
        List<FaultConfig.OneShotFault> shots = new ArrayList<>();
        for (OneShot s : oneShots) {
            FaultConfig.OneShotFault f = s.spec;
            shots.add(new FaultConfig.OneShotFault(f.type(), f.method(), f.fault(), s.remaining, f.resourceName(),
                    f.errorCode(), f.errorMessage()));
        }
        return new FaultConfig(null, rules, shots, timeoutHoldMillis);
    }

    /** Decides what happens to a request before it is processed. */
    public synchronized RequestFault onRequest(String typeKey, String method, String resourceName) {
        if (rules.isEmpty() && oneShots.isEmpty()) {
            return RequestFault.NONE;
        }
        for (OneShot s : oneShots) {
            if (family(s.spec.fault()) == Family.REQUEST && matches(s, typeKey, method, resourceName)) {
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
            if (family(s.spec.fault()) == Family.ASYNC && matches(s, typeKey, method, resourceName)) {
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

    /**
     * Decides what happens to the answer of a write that was applied (stored, its operation started). Random
     * numbers are drawn only when the first matching rule has an after-commit probability, so configurations
     * without after-commit faults see the same sequence as before they existed.
     */
    public synchronized AfterCommitFault afterCommit(String typeKey, String method, String resourceName) {
        if (rules.isEmpty() && oneShots.isEmpty()) {
            return AfterCommitFault.NONE;
        }
        for (OneShot s : oneShots) {
            if (family(s.spec.fault()) == Family.AFTER_COMMIT && matches(s, typeKey, method, resourceName)) {
                consume(s);
                return parseAfterCommit(s.spec.fault());
            }
        }
        FaultConfig.FaultRule rule = firstRule(typeKey, method);
        if (rule == null || rule.afterCommitTotal() <= 0) {
            return AfterCommitFault.NONE;
        }
        double r = random.nextDouble();
        double edge = rule.afterCommitReset();
        if (r < edge) {
            return AfterCommitFault.RESET;
        }
        edge += rule.afterCommit500();
        if (r < edge) {
            return AfterCommitFault.ERROR_500;
        }
        edge += rule.afterCommit502();
        if (r < edge) {
            return AfterCommitFault.ERROR_502;
        }
        edge += rule.afterCommit504();
        if (r < edge) {
            return AfterCommitFault.ERROR_504;
        }
        edge += rule.afterCommitTimeout();
        return r < edge ? AfterCommitFault.TIMEOUT : AfterCommitFault.NONE;
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

    private static AfterCommitFault parseAfterCommit(String fault) {
        for (AfterCommitFault f : AfterCommitFault.values()) {
            if (f != AfterCommitFault.NONE && f.configName().equalsIgnoreCase(fault)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault: " + fault);
    }

    private static Family family(String fault) {
        if (ASYNC.equalsIgnoreCase(fault)) {
            return Family.ASYNC;
        }
        return fault != null && fault.regionMatches(true, 0, "afterCommit", 0, 11) ? Family.AFTER_COMMIT
                : Family.REQUEST;
    }

    /** Validates a configuration before accepting it. */
    public static void validate(FaultConfig config) {
        for (FaultConfig.OneShotFault s : config.oneShots()) {
            switch (family(s.fault())) {
                case REQUEST -> parse(s.fault());
                case AFTER_COMMIT -> parseAfterCommit(s.fault());
                case ASYNC -> {
                }
            }
        }
        for (FaultConfig.FaultRule rule : config.rules()) {
            double[] all = {rule.throttle429(), rule.error500(), rule.error503(), rule.connectionReset(),
                rule.asyncFailure(), rule.afterCommitReset(), rule.afterCommit500(), rule.afterCommit502(),
                rule.afterCommit504(), rule.afterCommitTimeout()};
            for (double p : all) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("probabilities are between 0 and 1, got " + p);
                }
            }
        }
        Long hold = config.timeoutHoldMillis();
        if (hold != null && (hold < 0 || hold > FaultConfig.MAX_TIMEOUT_HOLD_MILLIS)) {
            throw new IllegalArgumentException("timeoutHoldMillis is between 0 and "
                    + FaultConfig.MAX_TIMEOUT_HOLD_MILLIS + ", got " + hold);
        }
    }

    /** {@code *} wildcards; {@code |} separates alternatives ({@code PUT|DELETE}). */
    private static Pattern glob(String text) {
        String g = text == null || text.isBlank() ? "*" : text;
        StringBuilder re = new StringBuilder();
        for (String alternative : g.split("\\|", -1)) {
            if (re.length() > 0) {
                re.append('|');
            }
            re.append("(?:").append(joinGlob(alternative.trim())).append(')');
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
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

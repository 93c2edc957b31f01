package io.lblab.reconciler;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which labs this operator process reconciles: all of them, or, with {@code lblab.operator.shard=a}, only those
 * labelled {@code lblab.io/shard=a}. Each shard elects its own leader on its own Lease, so several Deployments can
 * split the labs between them, each with standby replicas.
 */
public record Shard(Optional<String> name) {

    public static final String LABEL = "lblab.io/shard";
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");

    public Shard {
        name = name.map(String::trim).filter(n -> !n.isEmpty());
        name.ifPresent(n -> {
            if (!LABEL_VALUE.matcher(n).matches()) {
                throw new IllegalArgumentException("lblab.operator.shard=" + n + " is not a valid label value "
                        + "(at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
            }
        });
    }

    /** The label selector of the labs' informer, or empty for all labs. */
    public Optional<String> labelSelector() {
        return name.map(n -> LABEL + "=" + n);
    }

    /** The Lease this shard's replicas compete for: {@code base} alone when unsharded, else {@code base-<shard>}. */
    public String leaseName(String base) {
        return name.map(n -> base + "-" + n.toLowerCase()).orElse(base);
    }
}

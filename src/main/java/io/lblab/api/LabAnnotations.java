package io.lblab.api;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;
import java.util.Optional;

/**
 * The annotations a user puts on a lab to steer the operator without changing the spec. The one place that names
 * them; values are checked by {@link #problems(HasMetadata)} (the CRD's CEL rules cannot see metadata.annotations).
 */
public final class LabAnnotations {

    /** {@code "true"}: no writes to Azure, drift not repaired; deletion still works. */
    public static final String PAUSED = "lblab.io/paused";
    /** {@code "true"}: nothing written to Azure; {@code status.plan} says what would be. */
    public static final String PLAN_ONLY = "lblab.io/plan-only";
    /** Any new value: retry now a failure that waits for a person (quota, SKU not available). */
    public static final String RETRY = "lblab.io/retry";
    /** The name of an existing resource group the lab may adopt. */
    public static final String ADOPT_RESOURCE_GROUP = "lblab.io/adopt-resource-group";

    private LabAnnotations() {
    }

    public static boolean paused(HasMetadata lab) {
        return "true".equals(value(lab, PAUSED).orElse(null));
    }

    public static boolean planOnly(HasMetadata lab) {
        return "true".equals(value(lab, PLAN_ONLY).orElse(null));
    }

    /** The retry annotation's value; empty when absent. */
    public static Optional<String> retry(HasMetadata lab) {
        return value(lab, RETRY);
    }

    /** The group the lab may adopt; empty when absent. */
    public static Optional<String> adoptResourceGroup(HasMetadata lab) {
        return value(lab, ADOPT_RESOURCE_GROUP).filter(v -> !v.isBlank());
    }

    public static Optional<String> value(HasMetadata lab, String key) {
        Map<String, String> annotations = lab.getMetadata() == null ? null : lab.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key));
    }

    /** Values the operator cannot act on, as messages naming the annotation; empty when all are fine. */
    public static java.util.List<String> problems(HasMetadata lab) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String key : new String[] {PAUSED, PLAN_ONLY}) {
            value(lab, key).filter(v -> !v.equals("true") && !v.equals("false")).ifPresent(v ->
                    problems.add("annotation " + key + " must be \"true\" or \"false\", not \"" + v + "\""));
        }
        value(lab, RETRY).filter(v -> v.length() > 63).ifPresent(v ->
                problems.add("annotation " + RETRY + " must be at most 63 characters (any new value retries once)"));
        return problems;
    }

    /** Whether any annotation the operator reads differs between two versions of a lab. */
    public static boolean controlsChanged(HasMetadata before, HasMetadata after) {
        for (String key : new String[] {PAUSED, PLAN_ONLY, RETRY, ADOPT_RESOURCE_GROUP}) {
            if (!value(before, key).equals(value(after, key))) {
                return true;
            }
        }
        return false;
    }
}

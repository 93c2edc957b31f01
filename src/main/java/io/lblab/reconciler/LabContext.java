package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lblab.blueprint.Blueprint;

/**
 * One reconcile's view of a lab, handed from step to step: which lab, its state in memory, the desired resources,
 * and the fingerprint (spec generation and credentials) that failures needing a person are tied to.
 */
record LabContext(ResourceID lab, LabState state, Blueprint blueprint, String fingerprint, OperatorConfig config) {

    LabOperations.Operation operation(String name, String description, boolean write) {
        return new LabOperations.Operation(lab, name, description, write, fingerprint);
    }
}

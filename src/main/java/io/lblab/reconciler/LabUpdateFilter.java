package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.lblab.api.LabAnnotations;
import io.lblab.api.LoadBalancerLab;

import java.util.Objects;

/**
 * Which updates of a lab reconcile it: a spec change (new generation), a change of one of the annotations the
 * operator reads ({@link LabAnnotations}), the start of its deletion, or a change of its finalizers. Status writes
 * and other metadata changes (labels, other annotations) do not. JOSDK's generation-aware filtering is off for the
 * controller so that annotation changes get through; this filter keeps the rest of what it did.
 */
public class LabUpdateFilter implements OnUpdateFilter<LoadBalancerLab> {

    @Override
    public boolean accept(LoadBalancerLab updated, LoadBalancerLab previous) {
        Long before = previous.getMetadata().getGeneration();
        Long after = updated.getMetadata().getGeneration();
        return before == null || after == null || after > before
                || LabAnnotations.controlsChanged(previous, updated)
                || updated.isMarkedForDeletion() && !previous.isMarkedForDeletion()
                || !Objects.equals(previous.getMetadata().getFinalizers(), updated.getMetadata().getFinalizers());
    }
}

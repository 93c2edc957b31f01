package io.lblab.reconciler;

import io.lblab.api.LabAnnotations;
import io.lblab.api.LoadBalancerLab;
import io.lblab.api.LoadBalancerLabSpec;
import io.lblab.api.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which updates of a lab reconcile it now that annotations steer the operator. */
class LabUpdateFilterTest {

    private final LabUpdateFilter filter = new LabUpdateFilter();

    @Test
    void specEditsAndTheOperatorsAnnotationsReconcileOtherMetadataAndStatusDoNot() {
        LoadBalancerLab before = lab(1, Map.of());
        assertThat(filter.accept(lab(2, Map.of()), before)).as("new generation").isTrue();
        assertThat(filter.accept(lab(1, Map.of(LabAnnotations.PAUSED, "true")), before)).isTrue();
        assertThat(filter.accept(lab(1, Map.of(LabAnnotations.PLAN_ONLY, "true")), before)).isTrue();
        assertThat(filter.accept(lab(1, Map.of(LabAnnotations.RETRY, "1")), before)).isTrue();
        assertThat(filter.accept(lab(1, Map.of()), lab(1, Map.of(LabAnnotations.PAUSED, "true")))).as("annotation removed").isTrue();
        assertThat(filter.accept(lab(1, Map.of("team", "x")), before)).as("another annotation").isFalse();
        assertThat(filter.accept(lab(1, Map.of()), before)).as("a status write").isFalse();
        LoadBalancerLab deleting = lab(1, Map.of());
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(filter.accept(deleting, before)).isTrue();
        LoadBalancerLab finalized = lab(1, Map.of());
        finalized.getMetadata().setFinalizers(List.of("lblab.io/finalizer"));
        assertThat(filter.accept(finalized, before)).isTrue();
    }

    @Test
    void annotationValuesTheOperatorCannotActOnAreNamed() {
        assertThat(LabAnnotations.problems(lab(1, Map.of(LabAnnotations.PAUSED, "yes"))))
                .containsExactly("annotation lblab.io/paused must be \"true\" or \"false\", not \"yes\"");
        assertThat(LabAnnotations.problems(lab(1, Map.of(LabAnnotations.PAUSED, "false", LabAnnotations.PLAN_ONLY, "true",
                LabAnnotations.RETRY, "2026-11-30T01:00")))).isEmpty();
    }

    private static LoadBalancerLab lab(long generation, Map<String, String> annotations) {
        LoadBalancerLab lab = LabTestSupport.lab("demo", LoadBalancerLabSpec.of(Mode.Public));
        lab.getMetadata().setGeneration(generation);
        lab.getMetadata().setAnnotations(new java.util.HashMap<>(annotations));
        return lab;
    }
}

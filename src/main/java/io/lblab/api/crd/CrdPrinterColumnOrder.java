package io.lblab.api.crd;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

import java.util.Comparator;
import java.util.List;

/**
 * Build-time hook (quarkus.operator-sdk.crd.crd-post-processor-class): the CRD generator sorts printer
 * columns by JSON path, which would put Age first; kubectl users expect NAME, MODE, PHASE, FRONTEND-IP, AGE, and
 * with {@code -o wide} then REASON, OUTBOUND-IP, RESOURCE-GROUP.
 */
public class CrdPrinterColumnOrder implements CRDPostProcessor {

    static final List<String> ORDER = List.of("Mode", "Phase", "Frontend-IP", "Age", "Reason", "Outbound-IP", "Resource-Group");

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            definition.getSpec().getVersions().forEach(version -> {
                List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
                if (columns != null) {
                    version.setAdditionalPrinterColumns(columns.stream()
                            .sorted(Comparator.comparingInt(CrdPrinterColumnOrder::rank))
                            .toList());
                }
            });
        }
        return crd;
    }

    private static int rank(CustomResourceColumnDefinition column) {
        int index = ORDER.indexOf(column.getName());
        return index < 0 ? ORDER.size() : index;
    }
}

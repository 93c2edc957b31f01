package io.lblab.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Helm chart installs the same CRD as {@code kubectl apply -f crds/} ({@code ./mvnw package} copies it to both). */
class HelmChartCrdTest {

    private static final String FILE = "loadbalancerlabs.lblab.io-v1.yml";

    @Test
    void theChartCarriesTheCheckedInCrd() throws IOException {
        Path root = ApiTestSupport.projectRoot();
        Path chartCrds = root.resolve("deploy/helm/lblab-operator/crds");
        try (var files = Files.list(chartCrds)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("files in " + chartCrds).containsExactly(FILE);
        }
        assertThat(Files.readString(chartCrds.resolve(FILE)))
                .as("deploy/helm/lblab-operator/crds/%s differs from crds/%s: run ./mvnw -B package -DskipTests and commit both", FILE, FILE)
                .isEqualTo(Files.readString(root.resolve("crds").resolve(FILE)));
    }
}

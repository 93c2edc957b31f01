package io.lblab.api;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.lblab.api.crd.CrdPrinterColumnOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in CRD must be what the build generates from {@code io.lblab.api}: the same generator and
 * post-processor quarkus-operator-sdk runs at build time ({@code ./mvnw package} copies its output to crds/).
 */
class CrdUpToDateTest {

    private static final String FILE = "loadbalancerlabs.lblab.io-v1.yml";

    @Test
    void checkedInCrdMatchesTheGeneratedOne(@TempDir Path dir) throws IOException {
        new CRDGenerator()
                .withPostProcessor(new CrdPrinterColumnOrder())
                .forCRDVersions("v1")
                .inOutputDir(dir.toFile())
                .customResourceClasses(LoadBalancerLab.class)
                .generate();
        String generated = Files.readString(dir.resolve(FILE));
        String checkedIn = Files.readString(Path.of("crds", FILE));
        assertThat(checkedIn)
                .as("crds/%s is stale: run ./mvnw -B package -DskipTests and commit crds/", FILE)
                .isEqualTo(generated);
    }
}

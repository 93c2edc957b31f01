package io.lblab.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The Java Operator SDK's own metrics ({@code operator_sdk_*}) without per-resource series. quarkus-operator-sdk's
 * default collects them per lab, with the lab's name and namespace as labels: one set of series per lab, which a
 * Prometheus scraping many labs should not have to hold. This bean replaces that default (a {@code @DefaultBean}).
 */
@Singleton
public class OperatorSdkMetrics {

    @Produces
    @Singleton
    Metrics operatorSdkMetrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}

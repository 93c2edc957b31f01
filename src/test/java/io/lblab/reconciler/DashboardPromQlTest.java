package io.lblab.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** How the dashboard's metric names are read from PromQL, and that it shows what an operator of labs looks at. */
class DashboardPromQlTest {

    @Test
    void metricNamesAreTheSeriesAnExpressionSelects() {
        assertThat(OperatorMetricsTest.metricNames(
                "histogram_quantile(0.9, sum by (le, mode) (increase(lblab_lab_time_to_first_ready_seconds_bucket[1h])))"))
                .containsExactly("lblab_lab_time_to_first_ready_seconds_bucket");
        assertThat(OperatorMetricsTest.metricNames(
                "sum by (status_code) (rate(lblab_arm_requests_total{status_code!~\"2..\", method=\"PUT\"}[$__rate_interval]))"))
                .containsExactly("lblab_arm_requests_total");
        assertThat(OperatorMetricsTest.metricNames("sum(rate(a_sum[5m])) / sum without (x) (rate(a_count[5m])) > 1e3"))
                .containsExactly("a_count", "a_sum");
        assertThat(OperatorMetricsTest.metricNames("min by (subscription_id) (lblab_arm_write_budget_available_tokens)"))
                .containsExactly("lblab_arm_write_budget_available_tokens");
    }

    @Test
    void theDashboardShowsLabsReadinessArmTrafficOperationsAndErrors() throws IOException {
        Set<String> used = new TreeSet<>();
        OperatorMetricsTest.dashboardMetrics(new ObjectMapper().readTree(OperatorMetricsTest.DASHBOARD.toFile()))
                .values().forEach(used::addAll);
        assertThat(used).contains("lblab_labs", "lblab_lab_time_to_first_ready_seconds_bucket", "lblab_arm_requests_total",
                "lblab_arm_throttled_requests_total", "lblab_arm_request_duration_seconds_bucket",
                "lblab_arm_operation_duration_seconds_bucket", "lblab_reconcile_errors_total", "lblab_drift_repairs_total",
                "lblab_arm_write_budget_available_tokens");
    }
}

package io.lblab.reconciler;

import io.lblab.api.LoadBalancerLabStatus;

import java.time.Duration;

/** The status a pass arrived at and when the lab should be looked at again (null: only on an event). */
record ReconcileOutcome(LoadBalancerLabStatus status, Duration reschedule) {
}

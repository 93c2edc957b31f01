package io.lblab.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.lblab.api.LoadBalancerLab;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns "an Azure operation of this lab finished" into a reconcile of that lab, so the next step starts as soon
 * as its inputs are ready instead of at the next poll.
 */
@ApplicationScoped
public class OperationEvents {

    private final SimpleInboundEventSource<LoadBalancerLab> source = new SimpleInboundEventSource<>("azure-operations");

    SimpleInboundEventSource<LoadBalancerLab> eventSource() {
        return source;
    }

    void operationFinished(ResourceID lab) {
        source.propagateEvent(lab);
    }
}

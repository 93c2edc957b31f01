package io.lblab.sim.resources;

import io.lblab.sim.faults.FaultInjector;
import io.lblab.sim.lro.OperationEngine;
import io.lblab.sim.store.ReferenceIndex;
import io.lblab.sim.store.ResourceStore;

/** The shared services the resource handlers work with, for every subscription the simulator serves. */
public record SimContext(ResourceStore store, ReferenceIndex index, HandlerRegistry registry,
                         ResourceWriter writer, OperationEngine operations, FaultInjector faults) {
}

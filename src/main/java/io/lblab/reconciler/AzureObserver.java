package io.lblab.reconciler;

import io.lblab.azure.AzureGateway;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.DesiredResource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Refreshes what the operator knows of a lab from Azure as cheaply as possible: one list of the resource group
 * ({@code $expand=changedTime,provisioningState}), then a GET only of the lab's resources that are new, changed
 * since the last look, or in a state worth reading in full. Runs as an operation; nothing waits for it.
 */
final class AzureObserver {

    static final String OPERATION = "observe";

    private AzureObserver() {
    }

    /** The listing and the reads; completing records them in {@code state}. */
    static Mono<Void> observe(AzureGateway gateway, Blueprint blueprint, LabState state) {
        // taken when the listing is requested: writes of ours that end after it are newer than what it sees
        return Mono.defer(() -> observe(gateway, blueprint, state, LabState.clock()));
    }

    private static Mono<Void> observe(AzureGateway gateway, Blueprint blueprint, LabState state, long started) {
        return gateway.listResources(blueprint.resourceGroup()).flatMap(listed -> {
            Map<String, ListedResource> byId = new HashMap<>();
            listed.forEach(line -> byId.put(LabState.key(line.id()), line));
            Set<String> absent = new HashSet<>();
            List<DesiredResource> toRead = new java.util.ArrayList<>();
            for (DesiredResource desired : blueprint.resources()) {
                ListedResource line = byId.get(LabState.key(desired.id()));
                if (line == null) {
                    absent.add(desired.id());
                } else if (needsRead(state, desired.id(), line)) {
                    toRead.add(desired);
                }
            }
            return Flux.fromIterable(toRead)
                    .flatMap(desired -> gateway.get(desired.kind(), blueprint.resourceGroup(), desired.name())
                            .map(found -> new Read(desired, found)), 8)
                    .collectList()
                    .doOnNext(reads -> {
                        Map<String, ObservedResource> found = new HashMap<>();
                        for (Read read : reads) {
                            read.found().ifPresentOrElse(r -> found.put(byId.get(LabState.key(read.desired().id())).id(), r),
                                    () -> absent.add(read.desired().id()));
                        }
                        state.observed(listed, found, absent, started);
                    });
        }).then();
    }

    private static boolean needsRead(LabState state, String id, ListedResource line) {
        ObservedResource known = state.observed(id);
        if (known == null) {
            return true;
        }
        // after our own write the body is known but not the changedTime it got: read once to learn both, so a change
        // made between our write and this listing is not mistaken for ours
        return state.changedTime(id) == null || !Objects.equals(state.changedTime(id), line.changedTime())
                || (line.provisioningState() != null && !line.provisioningState().equalsIgnoreCase(known.provisioningState()));
    }

    private record Read(DesiredResource desired, Optional<ObservedResource> found) {
    }
}

package io.lblab.reconciler;

import io.lblab.azure.AzureGateway;
import io.lblab.azure.ListedResource;
import io.lblab.azure.ObservedResource;
import io.lblab.blueprint.Blueprint;
import io.lblab.blueprint.DesiredResource;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Refreshes what the operator knows of a lab from Azure as cheaply as possible: one list of the resource group
 * ({@code $expand=changedTime,provisioningState}), then a GET only of the lab's resources that are new, changed
 * since the last look, or in a state worth reading in full.
 */
final class AzureObserver {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private AzureObserver() {
    }

    /** @return the resource group's listing (every resource in it, the lab's and any others) */
    static List<ListedResource> refresh(AzureGateway gateway, Blueprint blueprint, LabRuntime runtime) {
        List<ListedResource> listed = gateway.listResources(blueprint.resourceGroup()).block(READ_TIMEOUT);
        Set<String> present = new HashSet<>();
        List<DesiredResource> toRead = new ArrayList<>();
        for (ListedResource resource : Objects.requireNonNull(listed)) {
            present.add(LabRuntime.key(resource.id()));
        }
        for (DesiredResource desired : blueprint.resources()) {
            String key = LabRuntime.key(desired.id());
            if (!present.contains(key)) {
                runtime.observed.remove(key);
                runtime.changedTimes.remove(key);
                continue;
            }
            ListedResource line = listed.stream().filter(l -> l.id().equalsIgnoreCase(desired.id())).findFirst().orElseThrow();
            if (needsRead(runtime, key, line)) {
                toRead.add(desired);
            }
        }
        Flux.fromIterable(toRead)
                .flatMap(desired -> gateway.get(desired.kind(), blueprint.resourceGroup(), desired.name())
                        .map(found -> new Read(desired, found)), 8)
                .collectList()
                .blockOptional(READ_TIMEOUT)
                .orElse(List.of())
                .forEach(read -> store(runtime, read, listed));
        runtime.listed = List.copyOf(listed);
        runtime.needsRefresh = false;
        runtime.lastListed = Instant.now();
        return listed;
    }

    private static boolean needsRead(LabRuntime runtime, String key, ListedResource line) {
        ObservedResource known = runtime.observed.get(key);
        if (known == null) {
            return true;
        }
        OffsetDateTime seen = runtime.changedTimes.get(key);
        // after our own write the body is known but not the changedTime it got: read once to learn both, so a change
        // made between our write and this listing is not mistaken for ours
        return seen == null || !Objects.equals(seen, line.changedTime()) || !stateMatches(known, line);
    }

    private static boolean stateMatches(ObservedResource known, ListedResource line) {
        return line.provisioningState() == null || line.provisioningState().equalsIgnoreCase(known.provisioningState());
    }

    private static void store(LabRuntime runtime, Read read, List<ListedResource> listed) {
        String key = LabRuntime.key(read.desired().id());
        if (read.found().isEmpty()) {
            runtime.observed.remove(key);
            runtime.changedTimes.remove(key);
            return;
        }
        runtime.observed.put(key, read.found().get());
        listed.stream().filter(l -> l.id().equalsIgnoreCase(read.desired().id())).findFirst()
                .map(ListedResource::changedTime)
                .ifPresent(time -> runtime.changedTimes.put(key, time));
    }

    private record Read(DesiredResource desired, Optional<ObservedResource> found) {
    }
}

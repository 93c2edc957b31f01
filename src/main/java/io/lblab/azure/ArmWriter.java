package io.lblab.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.lblab.blueprint.ResourceKind;
import reactor.core.publisher.Mono;

/** The writes a convergence pass makes, each completing when ARM says its operation finished. */
public interface ArmWriter {

    Mono<ObservedResource> put(ResourceKind kind, String resourceGroup, String name, JsonNode body);

    Mono<Void> delete(ResourceKind kind, String resourceGroup, String name);
}

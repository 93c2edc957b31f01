package io.lblab.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.PollerFlux;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lblab.blueprint.ResourceKind;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One resource type's service-client operations, seen through ARM JSON: the blueprint's body is parsed into the
 * SDK's model (so the request is exactly what the SDK sends) and responses are serialised back for comparison.
 */
final class TypedResourceClient<T> {

    interface Putter<T> {
        PollerFlux<PollResult<T>, T> begin(String resourceGroup, String name, T body);
    }

    interface Parser<T> {
        T parse(JsonReader reader) throws IOException;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ResourceKind kind;
    private final BiFunction<String, String, Mono<Response<T>>> getter;
    private final Putter<T> putter;
    private final BiFunction<String, String, PollerFlux<PollResult<Void>, Void>> deleter;
    private final Parser<T> parser;
    private final Function<T, String> provisioningState;

    TypedResourceClient(ResourceKind kind,
                        BiFunction<String, String, Mono<Response<T>>> getter,
                        Putter<T> putter,
                        BiFunction<String, String, PollerFlux<PollResult<Void>, Void>> deleter,
                        Parser<T> parser,
                        Function<T, String> provisioningState) {
        this.kind = kind;
        this.getter = getter;
        this.putter = putter;
        this.deleter = deleter;
        this.parser = parser;
        this.provisioningState = provisioningState;
    }

    ResourceKind kind() {
        return kind;
    }

    Mono<ObservedResource> get(String subscriptionId, String resourceGroup, String name) {
        return getter.apply(resourceGroup, name)
                .map(response -> observe(kind.resourceId(subscriptionId, resourceGroup, name), response.getValue()));
    }

    PollerFlux<PollResult<T>, T> beginPut(String resourceGroup, String name, JsonNode body) {
        if (putter == null) {
            throw new UnsupportedOperationException("the operator never writes " + kind.armType());
        }
        return putter.begin(resourceGroup, name, parse(body));
    }

    PollerFlux<PollResult<Void>, Void> beginDelete(String resourceGroup, String name) {
        return deleter.apply(resourceGroup, name);
    }

    ObservedResource observe(String id, T model) {
        try {
            JsonNode json = MAPPER.readTree(((JsonSerializable<?>) model).toJsonString());
            String state = provisioningState.apply(model);
            return new ObservedResource(kind, id, json, state == null ? "Succeeded" : state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    T parse(JsonNode body) {
        try (JsonReader reader = JsonProviders.createReader(MAPPER.writeValueAsBytes(body))) {
            return parser.parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

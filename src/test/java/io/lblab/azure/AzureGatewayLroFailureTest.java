package io.lblab.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lblab.blueprint.ResourceKind;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PUT whose long-running operation ends {@code Failed} must fail the gateway's {@code Mono} with ARM's error,
 * so the convergence can classify, back off and report it. Driven through the real SDK pipeline by an in-memory
 * {@link HttpClient} that answers like ARM (shared/arm/CONTRACT.md section 3).
 */
class AzureGatewayLroFailureTest {

    private static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
    private static final String OPERATION = "https://management.azure.com/subscriptions/" + SUBSCRIPTION
            + "/providers/Microsoft.Network/locations/eastus/operations/op-1?api-version=2024-05-01";

    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** PUT: 201 Updating with Azure-AsyncOperation; the operation: Failed with the given error. */
    private HttpClient armWhoseOperationFails(String errorCode, String errorMessage) {
        return request -> {
            requests.add(request.getHttpMethod() + " " + request.getUrl().getPath());
            if (request.getHttpMethod() == HttpMethod.PUT) {
                HttpHeaders headers = new HttpHeaders()
                        .set(HttpHeaderName.fromString("Azure-AsyncOperation"), OPERATION)
                        .set(HttpHeaderName.RETRY_AFTER, "0");
                String body = "{\"name\":\"myVNet\",\"location\":\"eastus\",\"properties\":{\"provisioningState\":\"Updating\","
                        + "\"addressSpace\":{\"addressPrefixes\":[\"10.1.0.0/16\"]}}}";
                return Mono.just(response(request, 201, headers, body));
            }
            if (request.getUrl().toString().startsWith(OPERATION.substring(0, OPERATION.indexOf('?')))) {
                return Mono.just(response(request, 200, new HttpHeaders(),
                        "{\"status\":\"Failed\",\"error\":{\"code\":\"" + errorCode + "\",\"message\":\"" + errorMessage + "\"}}"));
            }
            // the final GET a PUT may do after its operation
            return Mono.just(response(request, 200, new HttpHeaders(),
                    "{\"name\":\"myVNet\",\"location\":\"eastus\",\"properties\":{\"provisioningState\":\"Failed\"}}"));
        };
    }

    private static HttpResponse response(HttpRequest request, int status, HttpHeaders headers, String body) {
        return new FakeHttpResponse(request, status, headers, body);
    }

    private AzureGateway gateway(HttpClient http) {
        TokenCredential credential = context -> Mono.just(new AccessToken("token", OffsetDateTime.now().plusHours(1)));
        AzureProfile profile = new AzureProfile("tenant", SUBSCRIPTION, AzureEnvironment.AZURE);
        return new AzureGateway(new AzureAccess("test", credential, SUBSCRIPTION), profile, http, Duration.ofMillis(5), java.util.List.of());
    }

    @Test
    void aFailedOperationFailsThePutWithArmsError() throws Exception {
        AzureGateway gateway = gateway(armWhoseOperationFails("AnotherOperationInProgress",
                "Another operation on this or dependent resource is in progress."));
        var body = new ObjectMapper().readTree("{\"location\":\"eastus\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.1.0.0/16\"]}}}");

        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<Object> value = new AtomicReference<>();
        gateway.put(ResourceKind.VIRTUAL_NETWORK, "rg", "myVNet", body)
                .doOnNext(value::set)
                .onErrorResume(e -> {
                    error.set(e);
                    return Mono.empty();
                })
                .block(Duration.ofSeconds(20));

        assertThat(requests).as("the SDK polled the operation").anyMatch(r -> r.startsWith("GET") && r.contains("/operations/"));
        assertThat(error.get())
                .as("the PUT's Mono completed with %s instead of an error", value.get())
                .isNotNull();
        ArmFailure failure = ArmErrorClassifier.classify(error.get());
        assertThat(failure.code()).isEqualTo("AnotherOperationInProgress");
        assertThat(failure.category()).isEqualTo(ArmFailure.Category.TRANSIENT);
        assertThat(error.get()).isInstanceOf(ManagementException.class);
    }
}

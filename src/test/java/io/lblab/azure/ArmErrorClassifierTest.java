package io.lblab.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import io.lblab.azure.ArmFailure.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Azure failures sorted into throttled, transient, authentication and needs-a-human. */
class ArmErrorClassifierTest {

    private static ManagementException arm(int status, String code, String message) {
        return arm(status, new HttpHeaders(), new ManagementError(code, message));
    }

    private static ManagementException arm(int status, HttpHeaders headers, ManagementError error) {
        return new ManagementException("Status code " + status + ", " + error.getMessage(), new FakeHttpResponse(status, headers), error);
    }

    /** An asynchronous operation that ended Failed: no HTTP error status to go by, only ARM's error. */
    private static ManagementException async(String code, String message) {
        return new ManagementException("Long running operation failed", null, new ManagementError(code, message));
    }

    private static ManagementError error(String json) {
        try (JsonReader reader = JsonProviders.createReader(json)) {
            return ManagementError.fromJson(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpHeaders retryAfter(String value) {
        return new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, value);
    }

    // ---------------------------------------------------------------- throttling

    @Test
    void throttledWithRetryAfter() {
        ArmFailure failure = ArmErrorClassifier.classify(arm(429, retryAfter("17"),
                new ManagementError("TooManyRequests", "Number of write requests exceeded the limit.")));
        assertThat(failure.category()).isEqualTo(Category.THROTTLED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.code()).isEqualTo("TooManyRequests");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.summary()).isEqualTo("TooManyRequests: Number of write requests exceeded the limit.");
    }

    @Test
    void throttledWithoutOrWithAnUnreadableRetryAfter() {
        assertThat(ArmErrorClassifier.classify(arm(429, "TooManyRequests", "slow down")))
                .satisfies(f -> assertThat(f.category()).isEqualTo(Category.THROTTLED))
                .satisfies(f -> assertThat(f.retryAfter()).isNull());
        ArmFailure dated = ArmErrorClassifier.classify(arm(429, retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"),
                new ManagementError("TooManyRequests", "slow down")));
        assertThat(dated.category()).isEqualTo(Category.THROTTLED);
        assertThat(dated.retryAfter()).isNull();
        assertThat(ArmErrorClassifier.classify(arm(429, retryAfter(" 5 "), new ManagementError("TooManyRequests", "x"))).retryAfter())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterIsKeptOnOtherStatusesToo() {
        ArmFailure failure = ArmErrorClassifier.classify(arm(503, retryAfter("30"), new ManagementError("ServiceUnavailable", "busy")));
        assertThat(failure.category()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    // ---------------------------------------------------------------- transient

    @ParameterizedTest
    @CsvSource({
            "500, InternalServerError",
            "503, ServiceUnavailable",
            "502, BadGateway",
            "504, GatewayTimeout",
            "500, SomethingNew",
            "408, RequestTimeout",
            "409, AnotherOperationInProgress",
            "409, Conflict",
            "400, InUseSubnetCannotBeDeleted",
            "400, NicInUse",
            "400, InvalidResourceReference",
            "429, ReferencedResourceNotProvisioned",
    })
    void transientFailures(int status, String code) {
        ArmFailure failure = ArmErrorClassifier.classify(arm(status, code, "try later"));
        assertThat(failure.category()).as(status + " " + code).isEqualTo(Category.TRANSIENT);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void anotherOperationInProgressAsAnAsyncFailure() {
        ArmFailure failure = ArmErrorClassifier.classify(async("AnotherOperationInProgress",
                "Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: https://x"));
        assertThat(failure.category()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.code()).isEqualTo("AnotherOperationInProgress");
        assertThat(failure.httpStatus()).isZero();
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void anUnknownAsyncFailureIsRetried() {
        assertThat(ArmErrorClassifier.classify(async("OSProvisioningTimedOut", "OS Provisioning did not finish")).category())
                .isEqualTo(Category.TRANSIENT);
    }

    @Test
    void aServerErrorWithoutABodyIsTransient() {
        ManagementException e = new ManagementException("Status code 502, (empty body)", new FakeHttpResponse(502, null));
        ArmFailure failure = ArmErrorClassifier.classify(e);
        assertThat(failure.category()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.code()).isEqualTo("HttpError");
        assertThat(failure.message()).isEqualTo("Status code 502, (empty body)");
    }

    // ---------------------------------------------------------------- RetryableError wrapping a detail

    private static final String RETRYABLE = """
            {"code": "RetryableError",
             "message": "A retryable error occurred.",
             "details": [{"code": "ReferencedResourceNotProvisioned",
                          "message": "Cannot proceed with operation because resource /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/myPublicIP used by resource /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/myLoadBalancer is not in Succeeded state. Resource is in Updating state and the last operation that updated/is updating the resource is PutPublicIpAddressOperation."}]}
            """;

    @Test
    void retryableErrorReportsItsDetail() {
        ArmFailure failure = ArmErrorClassifier.classify(new ManagementException("Long running operation failed", null, error(RETRYABLE)));
        assertThat(failure.code()).isEqualTo("ReferencedResourceNotProvisioned");
        assertThat(failure.message()).startsWith("Cannot proceed with operation because resource").contains("myPublicIP");
        assertThat(failure.category()).isEqualTo(Category.TRANSIENT);
    }

    /** ARM sends it as a 429 (shared/arm/CONTRACT.md §5); a dependency still provisioning is not throttling. */
    @Test
    void retryableErrorAs429IsTransientAndKeepsRetryAfter() {
        ArmFailure failure = ArmErrorClassifier.classify(arm(429, retryAfter("10"), error(RETRYABLE)));
        assertThat(failure.code()).isEqualTo("ReferencedResourceNotProvisioned");
        assertThat(failure.category()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryableErrorWithoutDetailsKeepsItsOwnCode() {
        ArmFailure failure = ArmErrorClassifier.classify(async("RetryableError", "A retryable error occurred."));
        assertThat(failure.code()).isEqualTo("RetryableError");
        assertThat(failure.category()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void otherErrorsKeepTheirOwnCodeDespiteDetails() {
        ManagementError error = error("""
                {"code": "InvalidTemplateDeployment", "message": "The template deployment failed.",
                 "details": [{"code": "SkuNotAvailable", "message": "detail"}]}""");
        ArmFailure failure = ArmErrorClassifier.classify(arm(400, new HttpHeaders(), error));
        assertThat(failure.code()).isEqualTo("InvalidTemplateDeployment");
        assertThat(failure.message()).isEqualTo("The template deployment failed.");
        assertThat(failure.category()).isEqualTo(Category.NEEDS_USER);
    }

    // ---------------------------------------------------------------- needs a human

    @ParameterizedTest
    @CsvSource({
            "400, InvalidParameter",
            "400, SkuNotAvailable",
            "400, LocationNotAvailableForResourceType",
            "400, PublicIPAndLBSkuDoNotMatch",
            "400, NetcfgSubnetRangeOutsideVnet",
            "403, AuthorizationFailed",
            "404, ResourceGroupNotFound",
    })
    void refusalsNeedTheUser(int status, String code) {
        ArmFailure failure = ArmErrorClassifier.classify(arm(status, code, "refused"));
        assertThat(failure.category()).as(status + " " + code).isEqualTo(Category.NEEDS_USER);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.retryable()).isFalse();
    }

    /**
     * Compute answers capacity and quota refusals with 409 Conflict (e.g. Azure-Samples/azuresandbox#70:
     * "unexpected status 409 (409 Conflict) with error: SkuNotAvailable"); retrying them cannot help.
     */
    @ParameterizedTest
    @CsvSource({
            "409, SkuNotAvailable",
            "409, OperationNotAllowed",
            "409, MissingSubscriptionRegistration",
            "0, SkuNotAvailable",
            "0, QuotaExceeded",
    })
    void capacityAndQuotaRefusalsNeedTheUserWhateverTheStatus(int status, String code) {
        ManagementException e = status == 0 ? async(code, "refused") : arm(status, code, "refused");
        assertThat(ArmErrorClassifier.classify(e).category()).as(status + " " + code).isEqualTo(Category.NEEDS_USER);
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void unauthorizedIsAuthentication() {
        ArmFailure failure = ArmErrorClassifier.classify(arm(401, "InvalidAuthenticationToken", "The access token is invalid."));
        assertThat(failure.category()).isEqualTo(Category.AUTHENTICATION);
        assertThat(failure.retryable()).isFalse();
        assertThat(ArmErrorClassifier.classify(arm(401, "Whatever", "no")).category()).isEqualTo(Category.AUTHENTICATION);
        assertThat(ArmErrorClassifier.classify(arm(404, "SubscriptionNotFound", "The subscription could not be found.")).category())
                .isEqualTo(Category.AUTHENTICATION);
    }

    @Test
    void clientAuthenticationExceptionIsAuthentication() {
        ClientAuthenticationException e = new ClientAuthenticationException(
                "ClientSecretCredential authentication failed.\nAADSTS7000215: Invalid client secret provided.", null);
        ArmFailure failure = ArmErrorClassifier.classify(e);
        assertThat(failure.category()).isEqualTo(Category.AUTHENTICATION);
        assertThat(failure.httpStatus()).isEqualTo(401);
        assertThat(failure.message()).isEqualTo("ClientSecretCredential authentication failed.");
        // as it arrives through Reactor, wrapped
        assertThat(ArmErrorClassifier.classify(new RuntimeException("wrapped", e)).category()).isEqualTo(Category.AUTHENTICATION);
    }

    // ---------------------------------------------------------------- local failures and unwrapping

    @Test
    void ioProblemsAreTransient() {
        ArmFailure failure = ArmErrorClassifier.classify(new IOException("Connection reset by peer"));
        assertThat(failure.category()).isEqualTo(Category.TRANSIENT);
        assertThat(failure.code()).isEqualTo("ConnectionError");
        assertThat(failure.message()).isEqualTo("Connection reset by peer");
        assertThat(ArmErrorClassifier.classify(new UncheckedIOException(new ConnectException("Connection refused"))).category())
                .isEqualTo(Category.TRANSIENT);
        assertThat(ArmErrorClassifier.classify(new RuntimeException(new TimeoutException("no answer"))).code()).isEqualTo("ConnectionError");
    }

    @Test
    void aWrappedManagementExceptionIsFound() {
        ManagementException inner = arm(400, "InvalidParameter", "bad");
        ArmFailure failure = ArmErrorClassifier.classify(new IllegalStateException("reactor", new RuntimeException(inner)));
        assertThat(failure.code()).isEqualTo("InvalidParameter");
        assertThat(failure.category()).isEqualTo(Category.NEEDS_USER);
    }

    // ---------------------------------------------------------------- messages

    @Test
    void messageIsOneLine() {
        ArmFailure failure = ArmErrorClassifier.classify(arm(400, "InvalidParameter",
                "\n  Property 'vmSize' is invalid.\r\nTarget: hardwareProfile.vmSize\nCorrelation: abc"));
        assertThat(failure.message()).isEqualTo("Property 'vmSize' is invalid.");
        assertThat(failure.summary()).isEqualTo("InvalidParameter: Property 'vmSize' is invalid.");
    }

    @Test
    void longMessagesAreTruncated() {
        ArmFailure failure = ArmErrorClassifier.classify(arm(400, "InvalidParameter", "x".repeat(5000)));
        assertThat(failure.message()).hasSizeLessThanOrEqualTo(403).startsWith("xxxx").endsWith("...");
    }

    @Test
    void aMissingArmMessageFallsBackToTheExceptionMessage() {
        ManagementException e = new ManagementException("Status code 400, \"{}\"", new FakeHttpResponse(400, null),
                new ManagementError("InvalidParameter", null));
        assertThat(ArmErrorClassifier.classify(e).message()).isEqualTo("Status code 400, \"{}\"");
    }
}

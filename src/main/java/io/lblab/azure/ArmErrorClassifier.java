package io.lblab.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.aad.msal4j.MsalException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Sorts Azure failures into retry-now, retry-later and needs-a-human. */
public final class ArmErrorClassifier {

    private static final int MAX_MESSAGE = 400;

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "AnotherOperationInProgress", "RetryableError", "RetryableErrorDueToAnotherOperation",
            "ReferencedResourceNotProvisioned", "InternalServerError", "ServiceUnavailable", "GatewayTimeout",
            "Canceled", "OperationPreempted", "InUseSubnetCannotBeDeleted", "NicInUse", "PublicIPAddressCannotBeDeleted",
            "PublicIPAddressInUse", "InvalidResourceReference", "ResourceGroupBeingDeleted", "ResourceGroupNotFound", "Conflict");

    private static final Set<String> AUTHENTICATION_CODES = Set.of(
            "AuthenticationFailed", "InvalidAuthenticationToken", "InvalidAuthenticationTokenTenant",
            "ExpiredAuthenticationToken", "SubscriptionNotFound");

    /**
     * Refusals that retrying cannot fix, although Compute sends them as 409 Conflict (capacity, quota, provider
     * registration) or as the error of a failed asynchronous operation.
     */
    private static final Set<String> NEEDS_USER_CODES = Set.of(
            "SkuNotAvailable", "QuotaExceeded", "OperationNotAllowed", "MissingSubscriptionRegistration");

    private ArmErrorClassifier() {
    }

    /** Any failure of an Azure operation; what is not recognisably Azure's counts as transient. */
    public static ArmFailure classify(Throwable error) {
        ArmFailure failure = classifyAzure(error);
        if (failure != null) {
            return failure;
        }
        Throwable cause = unwrap(error);
        return new ArmFailure(cause.getClass().getSimpleName(), firstLine(String.valueOf(cause.getMessage())), 0,
                ArmFailure.Category.TRANSIENT, null);
    }

    /** The failure when {@code error} came from Azure, its SDK or the connection to it; null for anything else (a bug). */
    public static ArmFailure classifyAzure(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ManagementException management) {
            return fromManagement(management);
        }
        if (cause instanceof MsalException msal) {
            // the token endpoint refused the credential (wrong secret, unknown client or tenant)
            return new ArmFailure("AuthenticationFailed", firstLine(msal.getMessage()), 401, ArmFailure.Category.AUTHENTICATION, null);
        }
        if (cause instanceof ClientAuthenticationException auth) {
            return new ArmFailure("AuthenticationFailed", firstLine(auth.getMessage()), 401, ArmFailure.Category.AUTHENTICATION, null);
        }
        if (cause instanceof IOException || cause instanceof TimeoutException
                || cause instanceof java.io.UncheckedIOException) {
            return new ArmFailure("ConnectionError", firstLine(String.valueOf(cause.getMessage())), 0, ArmFailure.Category.TRANSIENT, null);
        }
        if (cause instanceof com.azure.core.exception.AzureException) {
            return new ArmFailure(cause.getClass().getSimpleName(), firstLine(String.valueOf(cause.getMessage())), 0,
                    ArmFailure.Category.TRANSIENT, null);
        }
        return null;
    }

    private static ArmFailure fromManagement(ManagementException e) {
        ManagementError value = e.getValue();
        String code = value != null && value.getCode() != null ? value.getCode() : "HttpError";
        String message = value != null && value.getMessage() != null ? value.getMessage() : e.getMessage();
        if (value != null && value.getDetails() != null && !value.getDetails().isEmpty() && "RetryableError".equals(code)) {
            // ARM wraps ReferencedResourceNotProvisioned in a RetryableError; the detail says more
            ManagementError detail = value.getDetails().get(0);
            code = detail.getCode() == null ? code : detail.getCode();
            message = detail.getMessage() == null ? message : detail.getMessage();
        }
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        Duration retryAfter = e.getResponse() == null ? null : retryAfter(e.getResponse().getHeaders().getValue(HttpHeaderName.RETRY_AFTER));
        return new ArmFailure(code, firstLine(message), status, category(code, status), retryAfter);
    }

    static ArmFailure.Category category(String code, int status) {
        if (status == 429 && !"ReferencedResourceNotProvisioned".equals(code)) {
            // ARM also sends a referenced resource that is still provisioning as a 429: not throttling, a dependency
            return ArmFailure.Category.THROTTLED;
        }
        if (status == 401 || AUTHENTICATION_CODES.contains(code)) {
            return ArmFailure.Category.AUTHENTICATION;
        }
        if (NEEDS_USER_CODES.contains(code)) {
            return ArmFailure.Category.NEEDS_USER;
        }
        if (TRANSIENT_CODES.contains(code) || status >= 500 || status == 408 || status == 409) {
            return ArmFailure.Category.TRANSIENT;
        }
        if (status >= 400) {
            // InvalidParameter, SkuNotAvailable, QuotaExceeded, AuthorizationFailed, LocationNotAvailableForResourceType...
            return ArmFailure.Category.NEEDS_USER;
        }
        // an asynchronous operation that ended Failed with a code we do not know: Azure-side, try again later
        return ArmFailure.Category.TRANSIENT;
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof ManagementException) && !(current instanceof ClientAuthenticationException)
                && !(current instanceof MsalException)) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        if (newline > 0) {
            line = line.substring(0, newline).stripTrailing();
        }
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}

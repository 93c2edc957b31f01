package io.lblab.azure;

import java.time.Duration;

/**
 * Why an Azure call failed, in the terms the reconciler acts on.
 *
 * @param code       ARM's error code ({@code AnotherOperationInProgress}, {@code SkuNotAvailable}...) or a local one
 * @param retryAfter what ARM asked for, or null
 */
public record ArmFailure(String code, String message, int httpStatus, Category category, Duration retryAfter) {

    public enum Category {
        /** ARM's 429: wait as asked and try again. */
        THROTTLED,
        /** Will likely succeed on a later try: 5xx, connection trouble, locks, references still provisioning. */
        TRANSIENT,
        /** The credential was refused or could not be found: wait for the Secret or configuration to change. */
        AUTHENTICATION,
        /** Azure refuses the request as given: needs a change of spec, quota or permissions. */
        NEEDS_USER
    }

    public boolean retryable() {
        return category == Category.THROTTLED || category == Category.TRANSIENT;
    }

    /** One line for a condition or event: {@code Code: message}. */
    public String summary() {
        return code + ": " + message;
    }
}

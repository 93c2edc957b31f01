package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the lab's namespace. */
public record SecretKeyReference(
        @Required
        @Pattern(Patterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of a Secret in the lab's namespace.")
        String name,
        @JsonPropertyDescription("Key inside the Secret; default 'password'.")
        @Pattern("^[-._a-zA-Z0-9]+$")
        String key) {

    public static final String DEFAULT_KEY = "password";

    public SecretKeyReference {
        key = key == null || key.isEmpty() ? DEFAULT_KEY : key;
    }
}

package io.lblab.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One backend VM and the private address of its NIC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackendStatus(String name, String privateIP) {
}

package io.lblab.api;

/** Which of the sample's two scripts a lab reproduces. */
public enum Mode {
    /** Public Standard load balancer with an outbound rule: {@code example_public_load_balancer.py}. */
    Public,
    /** Internal Standard load balancer with a private frontend and a test VM: {@code example_internal_load_balancer.py}. */
    Internal
}

package io.lblab.api;

/** Load balancer health probe protocols. */
public enum ProbeProtocol {
    Tcp, Http, Https
}

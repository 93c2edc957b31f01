package io.lblab.api;

/** Regular expressions shared by the CRD schema and the operator's own spec validation. */
public final class Patterns {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final String IPV4 = "(" + OCTET + "\\.){3}" + OCTET;

    /** An IPv4 prefix such as {@code 10.1.0.0/16}. */
    public static final String IPV4_CIDR = "^" + IPV4 + "/([0-9]|[12][0-9]|3[0-2])$";
    /** An NSG source: {@code *}, an IPv4 address or prefix, or a service tag such as {@code Internet}. */
    public static final String NSG_SOURCE = "^(\\*|" + IPV4 + "(/([0-9]|[12][0-9]|3[0-2]))?|[A-Za-z][A-Za-z0-9.]*)$";
    /** Azure region names as ARM spells them ({@code eastus}, {@code westeurope}). */
    public static final String LOCATION = "^[a-z][a-z0-9]{1,39}$";
    /** Azure resource group names: 1-90 of letters, digits, {@code _-.()}, not ending in a period; empty means default. */
    public static final String RESOURCE_GROUP = "^$|^[-A-Za-z0-9_.()]{0,89}[-A-Za-z0-9_()]$";
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String VM_SIZE = "^[A-Za-z][A-Za-z0-9_]{1,63}$";
    /** Windows admin user names: start with a letter, at most 20 characters. */
    public static final String ADMIN_USERNAME = "^[A-Za-z][A-Za-z0-9_.-]{0,19}$";
    public static final String IMAGE_PART = "^[A-Za-z0-9][-A-Za-z0-9_.]{0,127}$";
    public static final String PROBE_PATH = "^/.*$";

    private Patterns() {
    }
}

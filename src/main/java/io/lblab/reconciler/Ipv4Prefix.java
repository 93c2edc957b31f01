package io.lblab.reconciler;

/** An IPv4 prefix such as {@code 10.1.0.0/24}, for the subnet checks Azure would make. */
record Ipv4Prefix(long network, int length) {

    static Ipv4Prefix parse(String cidr) {
        String[] parts = cidr.split("/");
        String[] octets = parts[0].split("\\.");
        long address = 0;
        for (String octet : octets) {
            address = (address << 8) | Integer.parseInt(octet);
        }
        int length = Integer.parseInt(parts[1]);
        return new Ipv4Prefix(address & mask(length), length);
    }

    private static long mask(int length) {
        return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
    }

    boolean contains(Ipv4Prefix other) {
        return other.length >= length && (other.network & mask(length)) == network;
    }

    boolean overlaps(Ipv4Prefix other) {
        return contains(other) || other.contains(this);
    }
}

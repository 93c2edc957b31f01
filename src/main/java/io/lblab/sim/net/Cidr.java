package io.lblab.sim.net;

/** An IPv4 CIDR block. */
public record Cidr(long network, int prefixLength) {

    /** Parses {@code a.b.c.d/n}; null when malformed or when host bits are set. */
    public static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        Long address = parseAddress(text.substring(0, slash));
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (address == null || length < 0 || length > 32) {
            return null;
        }
        Cidr c = new Cidr(address, length);
        return (address & c.mask()) == address ? c : null;
    }

    public static Long parseAddress(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return null;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    public static String format(long address) {
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }

    public long mask() {
        return prefixLength == 0 ? 0 : 0xFFFFFFFFL << (32 - prefixLength) & 0xFFFFFFFFL;
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public long last() {
        return network + size() - 1;
    }

    public boolean contains(long address) {
        return address >= network && address <= last();
    }

    public boolean contains(Cidr other) {
        return other.network >= network && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return network <= other.last() && other.network <= last();
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}

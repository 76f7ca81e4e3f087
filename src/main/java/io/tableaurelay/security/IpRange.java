package io.tableaurelay.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A CIDR range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address ({@code 203.0.113.7}). */
public final class IpRange {

    /** Dotted IPv4, or anything with a colon (which Java reads as IPv6 only): no text here triggers a lookup. */
    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final byte[] network;
    private final int prefix;

    private IpRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses a range from a setting; a malformed one stops the relay with an error naming the setting. */
    public static IpRange parse(String text, String setting) {
        String[] parts = text.split("/", 2);
        byte[] address = address(parts[0])
                .orElseThrow(() -> new IllegalArgumentException(setting + ": " + text + " is not an IP address or range"));
        int bits = address.length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(setting + ": " + text + " has no valid prefix length");
            }
        }
        return new IpRange(text, address, prefix);
    }

    /** An IP address literal as bytes; never looks a name up. */
    static Optional<byte[]> address(String text) {
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.isEmpty() || !LITERAL.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String address) {
        return address(address).map(this::contains).orElse(false);
    }

    private boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.sqspiietl.transform;

import java.util.Arrays;

/**
 * Puts an IP address literal into one canonical text form, so that every spelling of the same
 * address masks to the same value.
 *
 * <ul>
 *   <li>IPv4 dotted quad, each part 1 to 3 decimal digits 0..255: leading zeros dropped ({@code
 *       010.001.000.009} becomes {@code 10.1.0.9}; parts are never read as octal).
 *   <li>IPv6: RFC 5952 text — lowercase, no leading zeros in a group, the longest run (leftmost on a
 *       tie) of two or more zero groups written as {@code ::}.
 *   <li>IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}, however written): the plain IPv4 text.
 * </ul>
 *
 * <p>This is a pure text parser: it never resolves names, unlike {@link java.net.InetAddress}, which
 * may block on DNS for input that is not a literal. Stateless and thread-safe.
 */
final class IpCanonicalizer {

    private static final int IPV6_GROUPS = 8;

    private IpCanonicalizer() {
    }

    /**
     * Returns the canonical text of {@code address} when it is an IPv4 or IPv6 literal, otherwise
     * {@code address} itself (host names, zone ids such as {@code fe80::1%eth0}, junk).
     *
     * @param address an already trimmed value; must not be null
     */
    static String canonicalize(String address) {
        if (address.indexOf(':') >= 0) {
            int[] groups = parseIpv6(address);
            return groups == null ? address : formatIpv6(groups);
        }
        long ipv4 = parseIpv4(address, 0, address.length());
        if (ipv4 < 0) {
            return address;
        }
        // A dotted quad differs from its canonical text only by leading zeros, which make it longer;
        // most addresses are already canonical and are returned without building a new string.
        return address.length() == canonicalIpv4Length(ipv4) ? address : formatIpv4(ipv4);
    }

    /**
     * The network of an address in canonical form ({@link #canonicalize}): its /24 for IPv4, its /48 for
     * IPv6, in CIDR text ({@code 203.0.113.0/24}, {@code 2001:db8:1::/48}).
     *
     * @return the network, or null when {@code address} is not an IP literal
     */
    static String network(String address) {
        if (address.indexOf(':') >= 0) {
            int[] groups = parseIpv6(address);
            if (groups == null) {
                return null;
            }
            Arrays.fill(groups, 3, IPV6_GROUPS, 0);
            return formatIpv6(groups) + "/48";
        }
        long ipv4 = parseIpv4(address, 0, address.length());
        return ipv4 < 0 ? null : formatIpv4(ipv4 & 0xffff_ff00L) + "/24";
    }

    /** Parses {@code text[from, to)} as a dotted quad; returns the address as 32 bits, or -1 when it is not one. */
    private static long parseIpv4(String text, int from, int to) {
        long address = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int value = 0;
            int digits = 0;
            while (i < to && digits < 4 && isDigit(text.charAt(i))) {
                value = value * 10 + text.charAt(i++) - '0';
                digits++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return -1;
            }
            address = address << 8 | value;
            if (++parts < 4) {
                if (i == to || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? address : -1;
    }

    /**
     * Parses an IPv6 literal (RFC 4291 text, optionally ending in a dotted quad) into its eight
     * 16-bit groups, or returns null when it is not one.
     */
    private static int[] parseIpv6(String text) {
        int[] groups = new int[IPV6_GROUPS];
        int count = 0;
        int compressAt = -1; // index in groups where "::" stands, or -1
        int length = text.length();
        int i = 0;
        if (text.startsWith("::")) {
            compressAt = 0;
            i = 2;
        }
        while (i < length) {
            int end = text.indexOf(':', i);
            if (end < 0) {
                end = length;
            }
            if (count == IPV6_GROUPS || end == i) {
                return null;
            }
            if (end == length && text.indexOf('.', i) >= 0) {
                // An embedded IPv4 address takes the last two groups.
                long ipv4 = parseIpv4(text, i, end);
                if (ipv4 < 0 || count > IPV6_GROUPS - 2) {
                    return null;
                }
                groups[count++] = (int) (ipv4 >>> 16);
                groups[count++] = (int) (ipv4 & 0xffff);
            } else {
                int group = parseHexGroup(text, i, end);
                if (group < 0) {
                    return null;
                }
                groups[count++] = group;
            }
            if (end == length) {
                break;
            }
            i = end + 1;
            if (i < length && text.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return null;
                }
                compressAt = count;
                i++;
            } else if (i == length) {
                return null; // a single trailing colon
            }
        }
        if (compressAt < 0) {
            return count == IPV6_GROUPS ? groups : null;
        }
        if (count == IPV6_GROUPS) {
            return null; // "::" must stand for at least one zero group
        }
        int tail = count - compressAt;
        System.arraycopy(groups, compressAt, groups, IPV6_GROUPS - tail, tail);
        Arrays.fill(groups, compressAt, IPV6_GROUPS - tail, 0);
        return groups;
    }

    /** Parses 1 to 4 hex digits in {@code text[from, to)}; returns -1 when they are not. */
    private static int parseHexGroup(String text, int from, int to) {
        if (to - from > 4) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = hexValue(text.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** ASCII hex only: {@link Character#digit(char, int)} would also accept e.g. fullwidth digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String formatIpv6(int[] groups) {
        if (isIpv4Mapped(groups)) {
            return formatIpv4((long) groups[6] << 16 | groups[7]);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is never compressed
        int runStart = 0;
        for (int i = 0; i <= IPV6_GROUPS; i++) {
            if (i < IPV6_GROUPS && groups[i] == 0) {
                continue;
            }
            // groups[runStart, i) are all zero; strictly longer wins, so the leftmost run wins ties
            if (i - runStart > bestLength) {
                bestStart = runStart;
                bestLength = i - runStart;
            }
            runStart = i + 1;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    /** True for {@code ::ffff:0:0/96}, whose canonical form we define as the embedded IPv4 address. */
    private static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xffff;
    }

    private static int canonicalIpv4Length(long address) {
        int length = 3; // the dots
        for (int shift = 24; shift >= 0; shift -= 8) {
            long part = address >>> shift & 0xff;
            length += part >= 100 ? 3 : part >= 10 ? 2 : 1;
        }
        return length;
    }

    private static String formatIpv4(long address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

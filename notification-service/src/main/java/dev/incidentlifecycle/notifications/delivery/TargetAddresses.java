package dev.incidentlifecycle.notifications.delivery;

import dev.incidentlifecycle.notifications.NotificationSettings;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The SSRF guard: which addresses a webhook may be sent to. Loopback, link-local (cloud metadata at 169.254.169.254),
 * private (RFC 1918, IPv6 unique-local), carrier-grade NAT, unspecified and multicast addresses are refused unless the
 * configuration allows them. Checked when a subscription is made and again on every attempt, on the addresses the
 * name resolves to then, and the attempt connects to the address checked (never resolving again).
 */
public final class TargetAddresses {

    private final boolean allowLoopback;
    private final boolean allowPrivate;

    public TargetAddresses(boolean allowLoopback, boolean allowPrivate) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
    }

    public static TargetAddresses of(NotificationSettings.Targets targets) {
        return new TargetAddresses(targets.allowLoopback(), targets.allowPrivate());
    }

    /**
     * Resolves {@code host} and answers its first address, when every address it resolves to is allowed.
     *
     * @throws Refused when the name does not resolve or any of its addresses is not allowed
     */
    public InetAddress resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused(host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null) {
                throw new Refused(host + " resolves to " + address.getHostAddress() + ", " + why);
            }
        }
        return addresses[0];
    }

    /** Why {@code address} is refused, or null when it is allowed. */
    public String refusal(InetAddress address) {
        InetAddress a = unmapped(address);
        if (a.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback address";
        }
        if (allowPrivate) {
            return null;
        }
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress() || a.isMulticastAddress() || isOtherNonPublic(a)) {
            return "a private or non-public address";
        }
        return null;
    }

    private static boolean isOtherNonPublic(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // 0.0.0.0/8
                    || (first == 100 && (second & 0xc0) == 64)  // 100.64.0.0/10, carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
                    || (first == 198 && (second == 18 || second == 19))    // 198.18.0.0/15, benchmarking
                    || first >= 240;                            // reserved and broadcast
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
    }

    /** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it maps. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }

    /** A target this service will not send to. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}

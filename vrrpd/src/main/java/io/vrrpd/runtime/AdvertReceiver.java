package io.vrrpd.runtime;

import io.vrrpd.config.AddressText;
import io.vrrpd.protocol.AdvertValidator;
import io.vrrpd.protocol.DropReason;
import io.vrrpd.protocol.Expectation;
import io.vrrpd.protocol.ReceivedFields;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The receive side of one instance: checks each datagram for its VRID against what the instance expects,
 * counts and logs (rate-limited, as keepalived does) what it drops, and hands the fields of a valid advert
 * to the election. Checked without allocating ({@link AdvertValidator#check}, issue 10: a backup receiving
 * allocates nothing per advert); only a drop that gets logged asks the validator to word it. Event loop only.
 */
final class AdvertReceiver {
    /** The rate-limit key of each drop reason, made once: a drop flood must not build strings. */
    private static final String[] DROP_KEYS = java.util.Arrays.stream(DropReason.values())
            .map(r -> "drop:" + r).toArray(String[]::new);

    private final String instance;
    private final AdvertValidator validator;
    private final InstanceCounters counters;
    private final RateLimitedLog rateLimited;
    /** The fields of the last received advert, reused. */
    private final ReceivedFields received = new ReceivedFields();

    AdvertReceiver(String instance, Expectation expected, InstanceCounters counters, RateLimitedLog rateLimited) {
        this.instance = instance;
        this.validator = new AdvertValidator(expected);
        this.counters = counters;
        this.rateLimited = rateLimited;
    }

    /**
     * A datagram for this instance's VRID (IP header included): the fields of a valid advert (the same
     * object every time, valid until the next call), or null for a drop, counted and logged.
     */
    ReceivedFields check(ByteBuffer datagram, long now) {
        DropReason drop = validator.check(datagram, received);
        if (drop != null) {
            counters.drop(drop);
            String key = DROP_KEYS[drop.ordinal()];
            if (!rateLimited.suppressed(key, now)) {
                rateLimited.warn(key, now, "(" + instance + ") ignored advert from " + sourceOf(datagram) + ": "
                        + validator.describeDrop(drop, datagram) + " [" + drop.counterName() + "]");
            }
            return null;
        }
        counters.advertsReceived++;
        if (!received.addressListMatches() && !rateLimited.suppressed("owner-list", now)) {
            rateLimited.warn("owner-list", now, "(" + instance + ") address owner " + AddressText.of(received.source())
                    + " advertises other virtual IPs than ours; check both configurations (RFC 3768 §7.1)");
        }
        return received;
    }

    private static String sourceOf(ByteBuffer d) {
        if (d.remaining() >= 40 && (d.get(d.position()) & 0xf0) == 0x60) {
            byte[] a = new byte[16];
            d.duplicate().position(d.position() + 8).get(a);
            return AddressText.of(address(a));
        }
        if (d.remaining() < 20) {
            return "?";
        }
        int p = d.position() + 12;
        return (d.get(p) & 0xff) + "." + (d.get(p + 1) & 0xff) + "." + (d.get(p + 2) & 0xff) + "."
                + (d.get(p + 3) & 0xff);
    }

    private static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.vrrpd.runtime;

import io.vrrpd.config.InstanceConfig;
import io.vrrpd.protocol.AdvertEncoder;
import io.vrrpd.protocol.Advertisement;
import io.vrrpd.protocol.AuthData;
import io.vrrpd.protocol.AuthType;
import io.vrrpd.protocol.PseudoHeader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The send side of one instance: its advertisement, re-encoded into one reused direct buffer per send
 * (issue 10: a master sending allocates nothing per advert; the record is only rebuilt when the priority
 * changes). VRRPv3 checksums cover a pseudo-header (RFC 5798 §5.2.8), made once here. Event loop only.
 */
final class AdvertSender {
    /** RFC 3768 §5.2.2: the IPv4 multicast address of VRRP. */
    private static final InetAddress VRRP_GROUP = address("224.0.0.18");
    /** RFC 5798 §5.1.2.2: the IPv6 multicast address of VRRP. */
    private static final InetAddress VRRP_GROUP_V6 = address("ff02::12");

    private final String instance;
    private final String interfaceName;
    private final InterfacePort port;
    private final InstanceCounters counters;
    private final RateLimitedLog rateLimited;
    private final AdvertEncoder encoder = new AdvertEncoder();
    private final ByteBuffer tx = ByteBuffer.allocateDirect(1500);
    private final PseudoHeader pseudoHeader;
    private Advertisement advert;

    AdvertSender(InstanceConfig config, InetAddress primary, InterfacePort port, InstanceCounters counters,
                 RateLimitedLog rateLimited) {
        this.instance = config.name();
        this.interfaceName = config.interfaceName();
        this.port = port;
        this.counters = counters;
        this.rateLimited = rateLimited;
        List<InetAddress> vips = new ArrayList<>();
        config.virtualIps().forEach(v -> vips.add(v.address()));
        boolean pass = config.auth().type() == io.vrrpd.config.AuthType.PASS;
        this.advert = new Advertisement(config.version(), config.vrid(), config.priority(),
                pass ? AuthType.SIMPLE_TEXT : AuthType.NONE,
                pass ? AuthData.ofPassword(config.auth().password()) : AuthData.ZERO,
                config.advertIntervalCentis(), vips);
        if (config.version() == 3) {
            InetAddress dst = config.unicastPeers().isEmpty()
                    ? group(config.isIpv6()) : config.unicastPeers().get(0);
            this.pseudoHeader = PseudoHeader.of(primary, dst);
        } else {
            this.pseudoHeader = null;
        }
    }

    /** Where multicast adverts go. */
    static InetAddress group(boolean ipv6) {
        return ipv6 ? VRRP_GROUP_V6 : VRRP_GROUP;
    }

    /** The advertisement as configured (what a received one is checked against). */
    Advertisement advert() {
        return advert;
    }

    /** Sends one advert with {@code priority}; a failure is counted and logged (rate-limited), never thrown. */
    void send(int priority, long now) {
        if (advert.priority() != priority) {
            advert = advert.withPriority(priority);
        }
        encode();
        try {
            port.send(tx);
            counters.advertsSent++;
        } catch (IOException e) {
            counters.sendErrors++;
            rateLimited.warn("send", now, "(" + instance + ") cannot send advert on " + interfaceName
                    + ": " + e.getMessage());
        }
    }

    /** Encodes the current advert into the send buffer, ready to send (also done once, unsent, at start). */
    void encode() {
        tx.clear();
        if (pseudoHeader != null) {
            encoder.encode(advert, pseudoHeader, tx);
        } else {
            encoder.encode(advert, tx);
        }
        tx.flip();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

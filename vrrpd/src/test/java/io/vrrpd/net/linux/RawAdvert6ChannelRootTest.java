package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.net.AdvertChannel;
import io.vrrpd.protocol.AdvertEncoder;
import io.vrrpd.protocol.AdvertValidator;
import io.vrrpd.protocol.Advertisement;
import io.vrrpd.protocol.AuthData;
import io.vrrpd.protocol.AuthType;
import io.vrrpd.protocol.Expectation;
import io.vrrpd.protocol.Ipv6Header;
import io.vrrpd.protocol.Outcome;
import io.vrrpd.protocol.PseudoHeader;
import io.vrrpd.protocol.ReceivedAdvert;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The VRRPv3 IPv6 socket between two namespaces (root): it binds the link-local address (waiting for DAD,
 * which is on in these namespaces), sends to ff02::12 with hop limit 255, and the receiver rebuilds an IPv6
 * header from the ancillary data that the receive checks accept and dates it by the kernel's timestamp.
 */
@Tag("root")
class RawAdvert6ChannelRootTest {
    @RegisterExtension
    static final NamespacePair.PerClass NS = new NamespacePair.PerClass();

    @Test
    void advertArrivesFromTheLinkLocalAddressWithHopLimit255AndAVerifiedChecksum() throws Exception {
        try (AdvertChannel sender = NetNamespace.call(NS.get().a, () -> RawAdvert6Channel.open("va", null, List.of()));
                AdvertChannel receiver = NetNamespace.call(NS.get().b, () -> RawAdvert6Channel.open("vb", null, List.of()))) {
            Inet6Address src = assertInstanceOf(Inet6Address.class, sender.primaryAddress());
            assertTrue(src.isLinkLocalAddress(), "source must be link-local (RFC 5798 §5.1.1.1): " + src);
            InetAddress group = InetAddress.getByName("ff02::12");
            Advertisement a = Advertisement.v3(61, 100, 10, List.of(InetAddress.getByName("2001:db8::100")));
            ByteBuffer payload = ByteBuffer.allocateDirect(64);
            new AdvertEncoder().encode(a, PseudoHeader.of(src, group), payload);
            payload.flip();
            sender.send(payload);

            ByteBuffer in = ByteBuffer.allocateDirect(1500);
            int n = receiver.receive(in, 2_000);
            assertEquals(Ipv6Header.LENGTH + 24, n);
            long age = receiver.lastReceiveAgeNanos();
            assertTrue(age > 0 && age < 1_000_000_000L, "kernel receive timestamp (SO_TIMESTAMPNS) age " + age);
            assertEquals(6, (in.get(0) & 0xff) >>> 4, "IPv6 header rebuilt");
            assertEquals(112, in.get(Ipv6Header.NEXT_HEADER_OFFSET) & 0xff, "next header");
            assertEquals(255, in.get(Ipv6Header.HOP_LIMIT_OFFSET) & 0xff, "hop limit from IPV6_HOPLIMIT");
            AdvertValidator v = new AdvertValidator(new Expectation(61, 3, AuthType.NONE, AuthData.ZERO, 10,
                    Set.of(InetAddress.getByName("2001:db8::100"))));
            Outcome<ReceivedAdvert> o = v.validate(in);
            ReceivedAdvert r = ((Outcome.Ok<ReceivedAdvert>) assertInstanceOf(Outcome.Ok.class, o, o::toString)).value();
            assertEquals(src, r.source());

            assertEquals(0, sender.receive(ByteBuffer.allocateDirect(1500), 300), "own advert looped back");
        }
    }
}

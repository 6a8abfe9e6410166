package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vrrpd.net.linux.LabVrrpSender;
import io.vrrpd.net.linux.NetNamespace;
import io.vrrpd.protocol.AdvertEncoder;
import io.vrrpd.protocol.Advertisement;
import io.vrrpd.protocol.AuthData;
import io.vrrpd.protocol.AuthType;
import io.vrrpd.protocol.PseudoHeader;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 5798 §7.1 receive checks on the wire, for VRRPv3 over IPv4 and over IPv6: vrrpd on node 1 is master of
 * VI_1 (192.0.2.100) and VI_6 (2001:db8::100); node 2 sends hostile adverts for both VRIDs at priority 254
 * (each would take mastership from the priority-101 master if it were accepted): hop limit / TTL 64 with a
 * valid checksum, a flipped checksum, version 2, and a truncated address list. The master must keep both
 * VIPs, make no transition, and count each packet under its reason. Then SIGTERM: both VIPs removed, a
 * clean exit, no exception in the log.
 */
@LabTest
class Vrrpv3DropIT {
    private static final int EACH = 5;

    @Test
    void hostileV3AdvertsAreCountedAndTheMasterKeepsBothVips(Lab lab) throws Exception {
        Node n1 = lab.addNode();
        Node n2 = lab.addNode();
        Vrrpd vrrpd = Vrrpd.start(n1, V3Config.confBoth("MASTER", 101, 100));
        vrrpd.awaitState("VI_1", "MASTER", Duration.ofSeconds(15));
        vrrpd.awaitState("VI_6", "MASTER", Duration.ofSeconds(15));
        assertTrue(Lab.waitUntil(Duration.ofSeconds(3),
                () -> n1.hasAddress(V3Config.VIP4) && n1.hasAddress(V3Config.VIP6)), "VIPs: " + n1.addresses());
        long transitions4 = transitions(vrrpd.instance("VI_1"));
        long transitions6 = transitions(vrrpd.instance("VI_6"));

        send(n2, false, InetAddress.getByName(n2.address()), InetAddress.getByName("224.0.0.18"),
                V3Config.VIP4, V3Config.vrid(false));
        send(n2, true, InetAddress.getByName(n2.linkLocal()), InetAddress.getByName("ff02::12"),
                V3Config.VIP6, V3Config.vrid(true));

        Map<String, Long> want = new LinkedHashMap<>();
        for (String reason : List.of("ttl", "checksum", "version", "length")) {
            want.put(reason, (long) EACH);
        }
        for (String instance : List.of("VI_1", "VI_6")) {
            boolean counted = Lab.waitUntil(Duration.ofSeconds(5), () -> want.equals(drops(vrrpd.instance(instance))));
            JsonNode st = vrrpd.instance(instance);
            System.out.printf("%s drops: %s%n", instance, drops(st));
            assertTrue(counted, instance + ": expected drops " + want + ", status " + st);
            assertEquals("MASTER", st.path("state").asText(), st.toString());
        }
        assertEquals(transitions4, transitions(vrrpd.instance("VI_1")), "VI_1 changed state");
        assertEquals(transitions6, transitions(vrrpd.instance("VI_6")), "VI_6 changed state");
        assertTrue(n1.hasAddress(V3Config.VIP4) && n1.hasAddress(V3Config.VIP6), "a VIP left node 1: "
                + n1.addresses());

        // The report: the stop of an IPv6 v3 master failed with an exception. Now it resigns cleanly.
        vrrpd.process().kill(Signal.TERM);
        int code = vrrpd.process().waitFor(Duration.ofSeconds(15)).orElse(-1);
        assertTrue(code == 0 || code == 143, "vrrpd exit code " + code + ":\n" + vrrpd.process().tail());
        assertTrue(!n1.hasAddress(V3Config.VIP4) && !n1.hasAddress(V3Config.VIP6), "a VIP stayed after the stop: "
                + n1.addresses());
        String log = vrrpd.process().logText();
        assertTrue(log.contains("(VI_6) ignored advert from " + n2.linkLocal() + ": hop limit 64, expected 255 [ttl]"),
                "no rate-limited drop line for the hop limit:\n" + vrrpd.process().tail());
        assertTrue(!log.contains("Exception"), "a stack trace in the log:\n" + log);
    }

    /** EACH packets of each hostile kind from node 2 for one family. */
    private static void send(Node from, boolean ipv6, InetAddress src, InetAddress dst, String vip, int vrid)
            throws Exception {
        PseudoHeader ph = PseudoHeader.of(src, dst);
        Advertisement hostile = Advertisement.v3(vrid, 254, 100, List.of(InetAddress.getByName(vip)));
        byte[] good = encode(hostile, ph);
        byte[] badChecksum = good.clone();
        badChecksum[7] ^= 0x01;
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        byte[] v2 = encodeV2(vrid);
        NetNamespace.call(from.namespace(), () -> {
            try (LabVrrpSender low = LabVrrpSender.open(Node.ETH0, ipv6, 64);
                    LabVrrpSender ok = LabVrrpSender.open(Node.ETH0, ipv6, 255)) {
                for (int i = 0; i < EACH; i++) {
                    low.send(good);
                    ok.send(badChecksum);
                    ok.send(v2);
                    ok.send(truncated);
                    Thread.sleep(20);
                }
            }
            return null;
        });
    }

    private static byte[] encode(Advertisement a, PseudoHeader ph) {
        ByteBuffer b = ByteBuffer.allocate(64);
        new AdvertEncoder().encode(a, ph, b);
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] encodeV2(int vrid) throws Exception {
        Advertisement a = new Advertisement(2, vrid, 254, AuthType.NONE, AuthData.ZERO, 100,
                List.of(InetAddress.getByName(V3Config.VIP4)));
        ByteBuffer b = ByteBuffer.allocate(64);
        new AdvertEncoder().encode(a, b);
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static Map<String, Long> drops(JsonNode instance) {
        Map<String, Long> out = new LinkedHashMap<>();
        instance.path("counters").path("drops").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() != 0) {
                out.put(e.getKey(), e.getValue().asLong());
            }
        });
        return out;
    }

    private static long transitions(JsonNode instance) {
        return instance.path("counters").path("transitions").asLong();
    }
}

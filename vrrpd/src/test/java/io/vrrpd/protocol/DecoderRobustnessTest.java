package io.vrrpd.protocol;

import io.vrrpd.fuzz.FuzzBudget;
import io.vrrpd.fuzz.FuzzRun;
import io.vrrpd.fuzz.Mutator;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.vrrpd.protocol.KeepalivedFixtureTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random and mutation inputs (including mutations of the keepalived captures): the receive path
 * never throws, never hangs, every input is accepted or dropped with a counted reason, and what it accepts
 * survives a re-encode. The long run: {@code -Dfuzz.inputs=1000000} (BENCHMARKS.md).
 */
class DecoderRobustnessTest {
    private static final long SEED = 0x5EED_3768L;
    private static final int RANDOM_INPUTS = 20_000;
    private static final int MUTATIONS = 40_000;

    private final AdvertValidator vrid51 = new AdvertValidator(new Expectation(51, 2, AuthType.SIMPLE_TEXT,
            AuthData.ofPassword("PASSWORD"), 100, Set.of(ip("192.0.2.100"))));
    private final AdvertValidator vrid52 = new AdvertValidator(new Expectation(52, 2, AuthType.NONE,
            AuthData.ZERO, 100, Set.of(ip("192.0.2.100"), ip("192.0.2.101"))));
    private final AdvertValidator vrid53v3 = new AdvertValidator(new Expectation(53, 3, AuthType.NONE,
            AuthData.ZERO, 100, Set.of(ip("192.0.2.100"))));
    private final AdvertEncoder encoder = new AdvertEncoder();
    private final Set<DropReason> seen = EnumSet.noneOf(DropReason.class);
    private int accepted;

    @Test
    void receivePathNeverThrowsAndReachesEveryDropReason() {
        Random random = new Random(SEED);
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            byte[] input = new byte[random.nextInt(97)];
            random.nextBytes(input);
            if (input.length > 0 && random.nextBoolean()) {
                input[0] = 0x45;
            }
            exercise(input, "random #" + i);
        }
        List<byte[]> fixtures = new ArrayList<>();
        for (String f : List.of("keepalived-pass-vrid51.pcap", "keepalived-pass-vrid51-prio0.pcap",
                "keepalived-noauth-2vips.pcap", "keepalived-v3-vrid53.pcap")) {
            fixtures.addAll(PcapReader.ipv4Datagrams(f));
        }
        // Two mutators: this test's header-aware one, and the generic stacked one (fuzz.Mutator); two thirds
        // of the inputs get their lengths and checksum fixed so they reach the later checks.
        Mutator stacked = new Mutator(SEED, fixtures, List.of());
        FuzzRun.Stats stats = FuzzRun.run("advert", SEED, FuzzBudget.inputs(MUTATIONS), () -> {
            byte[] d = random.nextBoolean() ? mutate(fixtures.get(random.nextInt(fixtures.size())), random)
                    : stacked.get();
            if (random.nextInt(3) > 0) {
                fixUp(d);
            }
            return d;
        }, input -> exercise(input, "mutation"));
        System.out.println(stats);
        PseudoHeader v6 = PseudoHeader.of(ip("2001:db8::1"), ip("ff02::12"));
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            byte[] payload = new byte[random.nextInt(72)];
            random.nextBytes(payload);
            if (payload.length > 8 && random.nextBoolean()) {
                payload[0] = 0x31;
            }
            try {
                AdvertDecoder.decode(ByteBuffer.wrap(payload), v6);
            } catch (RuntimeException e) {
                fail("IPv6 payload #" + i + " " + HexFormat.of().formatHex(payload) + ": " + e, e);
            }
        }
        assertTrue(accepted > 100, "only " + accepted + " inputs accepted: mutations do not reach the end");
        assertEquals(EnumSet.allOf(DropReason.class), seen, "drop reasons reached");
    }

    private byte[] mutate(byte[] original, Random random) {
        byte[] d = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> d = java.util.Arrays.copyOf(d, random.nextInt(d.length + 1));
            case 1 -> d = java.util.Arrays.copyOf(d, d.length + 1 + random.nextInt(12));
            default -> {
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return d;
    }

    /** Makes the IP total length and the VRRP checksum right, so the mutation reaches the later checks. */
    private static void fixUp(byte[] d) {
        if (d.length < 20) {
            return;
        }
        d[2] = (byte) (d.length >>> 8);
        d[3] = (byte) d.length;
        int ihl = (d[0] & 0x0f) * 4;
        if (ihl >= 20 && ihl + 8 <= d.length) {
            d[ihl + 6] = 0;
            d[ihl + 7] = 0;
            long initial = 0;
            if ((d[ihl] & 0xf0) == 0x30) {
                // VRRPv3 sums the IPv4 pseudo-header too (RFC 5798 §5.2.8).
                for (int i = 12; i < 20; i += 2) {
                    initial += ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
                }
                initial += 112 + d.length - ihl;
            }
            int c = InternetChecksum.finish(InternetChecksum.sum(ByteBuffer.wrap(d), ihl, d.length - ihl, initial));
            d[ihl + 6] = (byte) (c >>> 8);
            d[ihl + 7] = (byte) c;
        }
    }

    private void exercise(byte[] input, String label) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(input);
            Ipv4Header.parse(buf);
            AdvertDecoder.decode(buf);
            int vrid = AdvertValidator.peekVrid(buf);
            Outcome<ReceivedAdvert> outcome = vrid == 51 ? vrid51.validate(buf)
                    : vrid == 52 ? vrid52.validate(buf)
                    : vrid == 53 ? vrid53v3.validate(buf)
                    : AdvertValidator.rejectUnrouted(buf);
            assertEquals(0, buf.position(), "position moved");
            assertEquals(input.length, buf.limit(), "limit moved");
            if (outcome instanceof Outcome.Dropped<ReceivedAdvert> drop) {
                seen.add(drop.reason());
                assertTrue(!drop.detail().isEmpty(), "empty detail");
            } else {
                accepted++;
                Advertisement advert = ((Outcome.Ok<ReceivedAdvert>) outcome).value().advert();
                ByteBuffer out = ByteBuffer.allocate(AdvertEncoder.encodedLength(advert));
                encoder.encode(advert, Datagrams.PSEUDO_HEADER, out);
                Outcome<Advertisement> again = AdvertDecoder.decode(out.flip(), Datagrams.PSEUDO_HEADER);
                assertEquals(advert, ((Outcome.Ok<Advertisement>) again).value(), "re-encode changed the advert");
            }
        } catch (RuntimeException | AssertionError e) {
            fail(label + " (seed " + SEED + ") input " + HexFormat.of().formatHex(input) + ": " + e, e);
        }
    }
}

package io.vrrpd.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.vrrpd.protocol.VrrpPacketLayout.ADDRESSES_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.ADVER_INT_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.AUTH_TYPE_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.CHECKSUM_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.COUNT_IP_ADDRS_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.HEADER_LENGTH;
import static io.vrrpd.protocol.VrrpPacketLayout.IPV4_ADDRESS_LENGTH;
import static io.vrrpd.protocol.VrrpPacketLayout.PRIORITY_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.TYPE_ADVERTISEMENT;
import static io.vrrpd.protocol.VrrpPacketLayout.VERSION_2;
import static io.vrrpd.protocol.VrrpPacketLayout.VRID_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.u16;
import static io.vrrpd.protocol.VrrpPacketLayout.u8;

/**
 * Reads a VRRP payload (the IP payload, no IP header) into an {@link Advertisement}.
 *
 * <p>Checks only what the packet must satisfy on its own (RFC 3768 §7.1: version, type, length,
 * checksum, plus a defined auth type, a non-zero VRID and interval); checks against the configuration are
 * {@link AdvertValidator}'s. Never throws: every malformed input gives an {@link Outcome.Dropped}.
 */
public final class AdvertDecoder {
    private AdvertDecoder() {
    }

    /**
     * Decodes the bytes from {@code vrrpPayload}'s position to its limit, which must be exactly one VRRP
     * message. Position and limit are left unchanged.
     */
    public static Outcome<Advertisement> decode(ByteBuffer vrrpPayload) {
        if (vrrpPayload == null) {
            return Outcome.dropped(DropReason.LENGTH, "no payload");
        }
        int base = vrrpPayload.position();
        int length = vrrpPayload.remaining();
        if (length < HEADER_LENGTH) {
            return Outcome.dropped(DropReason.LENGTH,
                    "payload " + length + " bytes, shorter than the " + HEADER_LENGTH + "-byte header");
        }
        int version = VrrpPacketLayout.version(vrrpPayload, base);
        if (version != VERSION_2) {
            return Outcome.dropped(DropReason.VERSION, "version " + version + ", supported 2");
        }
        int type = VrrpPacketLayout.type(vrrpPayload, base);
        if (type != TYPE_ADVERTISEMENT) {
            return Outcome.dropped(DropReason.TYPE, "type " + type + ", expected 1 (advertisement)");
        }
        int count = u8(vrrpPayload, base + COUNT_IP_ADDRS_OFFSET);
        int expected = VrrpPacketLayout.v2Length(count);
        if (length != expected) {
            return Outcome.dropped(DropReason.LENGTH,
                    "payload " + length + " bytes, " + count + " address(es) need " + expected);
        }
        int checksum = InternetChecksum.compute(vrrpPayload, base, length);
        if (checksum != 0) {
            // Summing a message that includes its correct checksum gives 0 (RFC 1071 §1).
            return Outcome.dropped(DropReason.CHECKSUM,
                    String.format("checksum 0x%04x does not verify", u16(vrrpPayload, base + CHECKSUM_OFFSET)));
        }
        int vrid = u8(vrrpPayload, base + VRID_OFFSET);
        if (vrid == 0) {
            return Outcome.dropped(DropReason.VRID, "vrid 0 is not valid");
        }
        int authCode = u8(vrrpPayload, base + AUTH_TYPE_OFFSET);
        AuthType authType = AuthType.fromCode(authCode);
        if (authType == null) {
            return Outcome.dropped(DropReason.AUTH_TYPE, "unknown auth type " + authCode);
        }
        int advertSeconds = u8(vrrpPayload, base + ADVER_INT_OFFSET);
        if (advertSeconds == 0) {
            return Outcome.dropped(DropReason.ADVERT_INTERVAL, "advert_int 0 s");
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        byte[] octets = new byte[IPV4_ADDRESS_LENGTH];
        for (int i = 0; i < count; i++) {
            int at = base + ADDRESSES_OFFSET + i * IPV4_ADDRESS_LENGTH;
            for (int j = 0; j < IPV4_ADDRESS_LENGTH; j++) {
                octets[j] = vrrpPayload.get(at + j);
            }
            try {
                addresses.add(InetAddress.getByAddress(octets));
            } catch (UnknownHostException impossible) {
                // getByAddress only fails for a length other than 4 or 16.
                return Outcome.dropped(DropReason.LENGTH, "bad address length");
            }
        }
        AuthData authData = AuthData.read(vrrpPayload, base + ADDRESSES_OFFSET + count * IPV4_ADDRESS_LENGTH);
        if (authType == AuthType.NONE) {
            // RFC 3768 §5.3.10 says senders zero it and receivers ignore it, so do not keep what came.
            authData = AuthData.ZERO;
        }
        return Outcome.ok(new Advertisement(version, vrid, u8(vrrpPayload, base + PRIORITY_OFFSET), authType,
                authData, advertSeconds * Advertisement.CENTIS_PER_SECOND, addresses));
    }
}

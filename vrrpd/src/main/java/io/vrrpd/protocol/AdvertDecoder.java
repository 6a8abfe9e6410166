package io.vrrpd.protocol;

import java.net.Inet6Address;
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
import static io.vrrpd.protocol.VrrpPacketLayout.V3_MAX_ADVER_INT_MASK;
import static io.vrrpd.protocol.VrrpPacketLayout.V3_MAX_ADVER_INT_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.VERSION_2;
import static io.vrrpd.protocol.VrrpPacketLayout.VERSION_3;
import static io.vrrpd.protocol.VrrpPacketLayout.VRID_OFFSET;
import static io.vrrpd.protocol.VrrpPacketLayout.u16;
import static io.vrrpd.protocol.VrrpPacketLayout.u8;

/**
 * Reads a VRRP payload (the IP payload, no IP header) into an {@link Advertisement}.
 *
 * <p>Checks only what the packet must satisfy on its own (RFC 3768 §7.1 / RFC 5798 §7.1: version, type,
 * length, checksum, plus a defined auth type, a non-zero VRID and interval); checks against the
 * configuration are {@link AdvertValidator}'s. Never throws: every malformed input gives an
 * {@link Outcome.Dropped}.
 */
public final class AdvertDecoder {
    private AdvertDecoder() {
    }

    /**
     * Decodes a VRRPv2 message: the bytes from {@code vrrpPayload}'s position to its limit. A v3 message
     * is dropped as {@link DropReason#VERSION} here because its checksum needs the IP addresses: use
     * {@link #decode(ByteBuffer, PseudoHeader)}. Position and limit are left unchanged.
     */
    public static Outcome<Advertisement> decode(ByteBuffer vrrpPayload) {
        return decode(vrrpPayload, null);
    }

    /**
     * Decodes a VRRPv2 or VRRPv3 message from {@code vrrpPayload}'s position to its limit, which must be
     * exactly one message. Position and limit are left unchanged.
     *
     * @param pseudoHeader the datagram's source and destination, needed for v3 (RFC 5798 §5.2.8), whose
     *                     address family also sets the size of the v3 addresses; null decodes v2 only
     */
    public static Outcome<Advertisement> decode(ByteBuffer vrrpPayload, PseudoHeader pseudoHeader) {
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
        boolean v6 = pseudoHeader != null && pseudoHeader.isIpv6();
        if (version == VERSION_3 && pseudoHeader == null) {
            return Outcome.dropped(DropReason.VERSION, "version 3 needs the IP pseudo-header to verify");
        }
        if (version != VERSION_2 && version != VERSION_3 || version == VERSION_2 && v6) {
            return Outcome.dropped(DropReason.VERSION,
                    "version " + version + (v6 ? " over IPv6, supported 3" : ", supported 2 and 3"));
        }
        int type = VrrpPacketLayout.type(vrrpPayload, base);
        if (type != TYPE_ADVERTISEMENT) {
            return Outcome.dropped(DropReason.TYPE, "type " + type + ", expected 1 (advertisement)");
        }
        int count = u8(vrrpPayload, base + COUNT_IP_ADDRS_OFFSET);
        int addressLength = version == VERSION_2 ? IPV4_ADDRESS_LENGTH : pseudoHeader.addressLength();
        int expected = version == VERSION_2
                ? VrrpPacketLayout.v2Length(count)
                : HEADER_LENGTH + count * addressLength;
        if (length != expected) {
            return Outcome.dropped(DropReason.LENGTH,
                    "payload " + length + " bytes, " + count + " address(es) need " + expected);
        }
        long initial = version == VERSION_3 ? pseudoHeader.sum(length) : 0;
        // Summing a message that includes its correct checksum gives 0 (RFC 1071 §1).
        if (InternetChecksum.finish(InternetChecksum.sum(vrrpPayload, base, length, initial)) != 0) {
            return Outcome.dropped(DropReason.CHECKSUM,
                    String.format("checksum 0x%04x does not verify", u16(vrrpPayload, base + CHECKSUM_OFFSET)));
        }
        int vrid = u8(vrrpPayload, base + VRID_OFFSET);
        if (vrid == 0) {
            return Outcome.dropped(DropReason.VRID, "vrid 0 is not valid");
        }
        AuthType authType = AuthType.NONE;
        int intervalCentis;
        if (version == VERSION_2) {
            int authCode = u8(vrrpPayload, base + AUTH_TYPE_OFFSET);
            authType = AuthType.fromCode(authCode);
            if (authType == null) {
                return Outcome.dropped(DropReason.AUTH_TYPE, "unknown auth type " + authCode);
            }
            int seconds = u8(vrrpPayload, base + ADVER_INT_OFFSET);
            if (seconds == 0) {
                return Outcome.dropped(DropReason.ADVERT_INTERVAL, "advert_int 0 s");
            }
            intervalCentis = seconds * Advertisement.CENTIS_PER_SECOND;
        } else {
            // The 4 reserved bits are ignored on receipt (RFC 5798 §5.2.6).
            intervalCentis = u16(vrrpPayload, base + V3_MAX_ADVER_INT_OFFSET) & V3_MAX_ADVER_INT_MASK;
            if (intervalCentis == 0) {
                return Outcome.dropped(DropReason.ADVERT_INTERVAL, "max_adver_int 0 cs");
            }
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        byte[] octets = new byte[addressLength];
        for (int i = 0; i < count; i++) {
            int at = base + ADDRESSES_OFFSET + i * addressLength;
            for (int j = 0; j < addressLength; j++) {
                octets[j] = vrrpPayload.get(at + j);
            }
            try {
                // Inet6Address.getByAddress keeps IPv4-mapped addresses IPv6; InetAddress's would not.
                addresses.add(addressLength == IPV4_ADDRESS_LENGTH
                        ? InetAddress.getByAddress(octets)
                        : Inet6Address.getByAddress(null, octets, -1));
            } catch (UnknownHostException impossible) {
                // getByAddress only fails for a length other than 4 or 16.
                return Outcome.dropped(DropReason.LENGTH, "bad address length " + addressLength);
            }
        }
        AuthData authData = AuthData.ZERO;
        // RFC 3768 §5.3.10: with auth type 0 senders zero the data and receivers ignore it, so do not keep it.
        if (version == VERSION_2 && authType != AuthType.NONE) {
            authData = AuthData.read(vrrpPayload, base + ADDRESSES_OFFSET + count * addressLength);
        }
        return Outcome.ok(new Advertisement(version, vrid, u8(vrrpPayload, base + PRIORITY_OFFSET), authType,
                authData, intervalCentis, addresses));
    }
}

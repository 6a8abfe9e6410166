package io.vrrpd.protocol;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An advertisement that passed every receive check of its instance, with the sender's address (the
 * election compares it when priorities tie, RFC 3768 §6.4.3).
 *
 * @param advert              the decoded advertisement
 * @param source              the IP source address of the datagram (IPv4, or the IPv6 link-local
 *                            address of a VRRPv3 router)
 * @param addressListMatches  false only when the address owner (priority 255) sent a list that differs
 *                            from the configured one: RFC 3768 §7.1 says to accept it and SHOULD log
 *                            the misconfiguration
 */
public record ReceivedAdvert(Advertisement advert, InetAddress source, boolean addressListMatches) {
    public ReceivedAdvert {
        Objects.requireNonNull(advert, "advert");
        Objects.requireNonNull(source, "source");
    }
}

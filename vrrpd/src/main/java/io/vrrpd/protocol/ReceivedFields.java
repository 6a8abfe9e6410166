package io.vrrpd.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields the election needs from an advert that passed {@link AdvertValidator#check}: one mutable
 * object per instance, refilled by each datagram, so that a backup hearing its master every interval
 * allocates nothing (issue 10). {@link ReceivedAdvert} is the immutable, allocating equivalent.
 *
 * <p>The sender's address is interned: the few routers of one VRID each get one {@link InetAddress},
 * made the first time they are heard; later adverts from them only compare octets. Used on one thread;
 * valid after {@link AdvertValidator#check} returned null.
 */
public final class ReceivedFields {
    /** Senders remembered; a VRID has a handful of routers, more only evicts the oldest. */
    private static final int SENDERS = 8;

    private final byte[] source = new byte[VrrpPacketLayout.IPV6_ADDRESS_LENGTH];
    private int sourceLength;
    // Set by AdvertValidator: the advert's fields and where its addresses lie in the datagram.
    int version;
    int vrid;
    int priority;
    AuthType authType;
    int advertIntervalCentis;
    int count;
    int vipLength;
    int addressesAt;
    boolean addressListMatches;
    private final byte[][] senderOctets = new byte[SENDERS][];
    private final InetAddress[] senders = new InetAddress[SENDERS];
    private int nextSender;

    void fill(ByteBuffer datagram, int sourceAt, int sourceLength) {
        for (int i = 0; i < sourceLength; i++) {
            source[i] = datagram.get(sourceAt + i);
        }
        this.sourceLength = sourceLength;
    }

    /** 0..255, as in {@link Advertisement#priority()}. */
    public int priority() {
        return priority;
    }

    /** As in {@link Advertisement#advertIntervalCentis()}. */
    public int advertIntervalCentis() {
        return advertIntervalCentis;
    }

    /** As in {@link ReceivedAdvert#addressListMatches()}. */
    public boolean addressListMatches() {
        return addressListMatches;
    }

    /** The IP source of the datagram; the same instance for every advert of one sender. */
    public InetAddress source() {
        for (int i = 0; i < SENDERS; i++) {
            byte[] known = senderOctets[i];
            if (known != null && Arrays.equals(known, 0, known.length, source, 0, sourceLength)) {
                return senders[i];
            }
        }
        byte[] octets = Arrays.copyOf(source, sourceLength);
        InetAddress sender = address(octets);
        senderOctets[nextSender] = octets;
        senders[nextSender] = sender;
        nextSender = (nextSender + 1) % SENDERS;
        return sender;
    }

    /**
     * The advert {@link AdvertValidator#check} accepted from {@code datagram}, as the immutable record.
     * Allocates; only for callers off the receive path.
     */
    ReceivedAdvert toReceivedAdvert(ByteBuffer datagram) {
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(addressAt(datagram, addressesAt + i * vipLength, vipLength));
        }
        // RFC 3768 §5.3.10: with auth type 0 senders zero the data and receivers ignore it, so keep none.
        AuthData authData = authType == AuthType.NONE
                ? AuthData.ZERO
                : AuthData.read(datagram, addressesAt + count * vipLength);
        Advertisement advert = new Advertisement(version, vrid, priority, authType, authData, advertIntervalCentis,
                addresses);
        return new ReceivedAdvert(advert, source(), addressListMatches);
    }

    /** The address of {@code length} (4 or 16) octets at absolute index {@code at}. Allocates. */
    static InetAddress addressAt(ByteBuffer datagram, int at, int length) {
        byte[] octets = new byte[length];
        for (int i = 0; i < length; i++) {
            octets[i] = datagram.get(at + i);
        }
        return address(octets);
    }

    private static InetAddress address(byte[] octets) {
        try {
            // As Ipv4Header and Ipv6Header make them: an IPv4-mapped IPv6 source stays IPv6.
            return octets.length == VrrpPacketLayout.IPV4_ADDRESS_LENGTH
                    ? InetAddress.getByAddress(octets)
                    : Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException impossible) {
            // getByAddress only fails for lengths other than 4 and 16.
            throw new IllegalStateException(impossible);
        }
    }
}

package io.vrrpd.net;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The VRRP (IP protocol 112) socket of one interface and address family, RFC 3768 §7.1 and §8.1,
 * RFC 5798 §5.1.
 *
 * <p>The kernel builds the IP header on send: IPv4: source = the interface's primary address (or the
 * configured unicast source), destination 224.0.0.18 (or each unicast peer in turn), TTL 255,
 * TOS 0xC0 (DSCP CS6); IPv6: source = the interface's link-local address, destination ff02::12,
 * hop limit 255. On receive the datagram starts with the IPv4 header (IPv6: a fixed IPv6 header
 * rebuilt from the socket's ancillary data), so the codec can check TTL / hop limit = 255 (§7.1)
 * itself.
 *
 * <p>One channel per interface: instances sharing an interface share its channel and are told
 * apart by the VRID in the payload. Direct buffers avoid a copy on both paths.
 *
 * <p>Threading: {@link #send} may be called by one thread (the event loop) while another thread
 * blocks in {@link #receive}; {@link #wakeup} and {@link #close} may be called from any thread
 * and make a blocked {@code receive} return promptly.
 */
public interface AdvertChannel extends AutoCloseable {

    /**
     * Sends one advertisement: {@code vrrpPayload} from its position to its limit is the VRRP
     * packet (no IP header). The buffer's position is left unchanged.
     *
     * @throws SyscallException if the kernel refuses (e.g. ENETDOWN when the link is down)
     */
    void send(ByteBuffer vrrpPayload) throws IOException;

    /**
     * Waits up to {@code timeoutMillis} for one datagram and copies it, IP header included,
     * into {@code dst} at its position. On return the datagram occupies
     * {@code [position, limit)}: the position is unchanged and the limit is set to
     * position + length. A datagram longer than {@code dst.remaining()} is truncated.
     *
     * @param timeoutMillis 0 polls without waiting; negative waits until a datagram, a
     *     {@link #wakeup} or {@link #close}
     * @return the datagram length including the IP header; 0 on timeout or wakeup
     * @throws java.nio.channels.ClosedChannelException once the channel is closed
     */
    int receive(ByteBuffer dst, long timeoutMillis) throws IOException;

    /**
     * How long before the last {@link #receive} returned the datagram had reached the host (the kernel's
     * receive timestamp); 0 when unknown. Call on the receiving thread, after receive. The runtime dates an
     * advert by it, so a receiver thread that ran late does not delay the master-down timer.
     */
    default long lastReceiveAgeNanos() {
        return 0;
    }

    /** Makes a current (or, if none, the next) {@link #receive} return 0 at once. */
    void wakeup();

    /** Wakes any receiver, waits for it to leave the socket, then releases the descriptors. Idempotent. */
    @Override
    void close();

    /** The interface index this channel is bound to. */
    int ifindex();

    /**
     * The source address adverts carry: the interface's primary IPv4 address, its IPv6 link-local
     * address (RFC 5798 §5.1.1.1), or the unicast source.
     */
    InetAddress primaryAddress();
}

/**
 * The VRRP packet codec: bytes in, records out. No sockets, clocks or logging live here.
 *
 * <ul>
 *   <li>{@link io.vrrpd.protocol.VrrpPacketLayout} and {@link io.vrrpd.protocol.Ipv4Header}: the wire
 *       layouts with named offsets (RFC 3768 §5.1, RFC 791 §3.1).</li>
 *   <li>{@link io.vrrpd.protocol.Advertisement}: one decoded or to-be-sent advert.</li>
 *   <li>{@link io.vrrpd.protocol.AdvertEncoder} / {@link io.vrrpd.protocol.AdvertDecoder}: the codec; the
 *       decoder never throws and answers with an {@link io.vrrpd.protocol.Outcome}.</li>
 *   <li>{@link io.vrrpd.protocol.AdvertValidator}: the RFC 3768 §7.1 receive checks for one instance,
 *       each failure named by a {@link io.vrrpd.protocol.DropReason}.</li>
 * </ul>
 *
 * <p>VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798, IPv4 and IPv6 payloads) are implemented; the validator takes
 * IPv4 datagrams. One record serves both versions: it carries the version and the interval in
 * centiseconds, and VRRPv3's pseudo-header checksum is supplied as a {@link io.vrrpd.protocol.PseudoHeader}.
 */
package io.vrrpd.protocol;

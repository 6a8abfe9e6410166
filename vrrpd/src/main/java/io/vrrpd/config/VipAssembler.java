package io.vrrpd.config;

import io.vrrpd.config.RawConfig.RawInstance;
import io.vrrpd.config.RawConfig.RawVip;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address part of {@link ConfigAssembler}: an instance's virtual addresses parsed from either reader's
 * raw text ({@code 192.0.2.100/24 dev eth0 brd ... label ...}), and the family rules that tie them to the
 * VRRP version and to the unicast source and peers. Problems are reported to the shared {@link Diagnostics}.
 */
final class VipAssembler {

    private final Diagnostics diag;
    private final ValueParser parse;

    VipAssembler(Diagnostics diag, ValueParser parse) {
        this.diag = diag;
        this.parse = parse;
    }

    List<VirtualIp> vips(List<RawVip> raws, String iface) {
        List<VirtualIp> out = new ArrayList<>();
        for (RawVip r : raws) {
            String text = r.address().text();
            int slash = text.indexOf('/');
            Val addrVal = new Val(slash < 0 ? text : text.substring(0, slash), r.address().place());
            InetAddress a = parse.address(addrVal);
            if (a == null) {
                continue;
            }
            int max = a instanceof java.net.Inet4Address ? 32 : 128;
            Integer len = max;
            if (slash >= 0) {
                len = parse.integer(new Val(text.substring(slash + 1), r.address().place()), 0, max);
            }
            InetAddress brd = r.brd() == null ? null : parse.address(r.brd());
            if (len == null || (r.brd() != null && brd == null)) {
                continue;
            }
            out.add(new VirtualIp(a, len, r.dev() == null ? iface : r.dev().text(),
                    Optional.ofNullable(r.label()).map(Val::text), Optional.ofNullable(brd)));
        }
        return out;
    }

    void checkFamilies(List<RawVip> raws, List<VirtualIp> vips, int version) {
        if (vips.isEmpty()) {
            return;
        }
        VirtualIp first = vips.get(0);
        for (int i = 1; i < vips.size(); i++) {
            if (vips.get(i).isIpv4() != first.isIpv4()) {
                Place p = raws.get(Math.min(i, raws.size() - 1)).place();
                diag.error(p, AddressText.of(vips.get(i).address()) + " mixes IPv4 and IPv6 in one instance"
                        + " (first address " + AddressText.of(first.address()) + ")");
                return;
            }
        }
        if (!first.isIpv4() && version == 2) {
            diag.error(raws.get(0).place(), "IPv6 address " + AddressText.of(first.address())
                    + " needs VRRP version 3 (VRRPv2 is IPv4 only, RFC 3768 §1)");
        }
    }

    /**
     * unicast_src_ip and unicast_peer must be of the VIPs' family (one VRRP router per family, RFC 5798
     * §5.1). A VRRPv3 checksum covers the destination address (§5.2.8) and one advert goes to every peer,
     * so v3 takes a single unicast peer for now.
     */
    void checkUnicastFamily(RawInstance ri, List<VirtualIp> vips, int version, InetAddress src,
                                    List<InetAddress> peers) {
        if (vips.isEmpty()) {
            return;
        }
        boolean v4 = vips.get(0).isIpv4();
        String family = v4 ? "IPv4" : "IPv6";
        if (src != null && (src instanceof java.net.Inet4Address) != v4) {
            diag.error(ri.unicastSrcIp.place(), "is not " + family + " like the virtual addresses");
        }
        for (int i = 0; i < peers.size(); i++) {
            if ((peers.get(i) instanceof java.net.Inet4Address) != v4) {
                diag.error(ri.unicastPeers.get(Math.min(i, ri.unicastPeers.size() - 1)).place(),
                        "is not " + family + " like the virtual addresses");
            }
        }
        if (version == 3 && peers.size() > 1) {
            diag.error(ri.unicastPeers.get(1).place(), "is a second unicast peer: VRRPv3 takes one for now (its"
                    + " checksum covers the destination address, RFC 5798 §5.2.8); use multicast or one peer");
        }
    }
}

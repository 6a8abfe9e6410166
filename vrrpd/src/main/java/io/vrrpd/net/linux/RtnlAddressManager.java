package io.vrrpd.net.linux;

import io.vrrpd.net.AddressManager;
import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * {@link AddressManager} over rtnetlink (RTM_NEWADDR/RTM_DELADDR with NLM_F_ACK, rtnetlink(7)).
 *
 * <p>Bound to the network namespace of the thread that called {@link #open}. Thread-safe.
 */
public final class RtnlAddressManager implements AddressManager {
    private static final String CAP = "CAP_NET_ADMIN";
    private final RtnlClient rtnl;

    private RtnlAddressManager(RtnlClient rtnl) {
        this.rtnl = rtnl;
    }

    /** Opens the netlink socket. */
    public static RtnlAddressManager open() throws SyscallException {
        return new RtnlAddressManager(RtnlClient.open());
    }

    @Override
    public void add(String ifname, InetAddress addr, int prefixLen, String label, InetAddress brdOrNull)
            throws IOException {
        String what = "rtnetlink RTM_NEWADDR(" + addr.getHostAddress() + "/" + prefixLen + ", " + ifname
                + (label == null ? "" : ", label " + label) + ")";
        int ifindex = rtnl.ifindex(ifname, what);
        RtnlCodec.Ack ack = rtnl.addAddress(ifindex, addr, prefixLen, label, brdOrNull, what);
        // EEXIST: the address is already there, which is what we wanted (idempotent add).
        if (ack.errno() != 0 && ack.errno() != Errno.EEXIST) {
            throw Errno.exception(what, ack.errno(), CAP, ack.kernelMessage());
        }
    }

    @Override
    public void delete(String ifname, InetAddress addr, int prefixLen) throws IOException {
        String what = "rtnetlink RTM_DELADDR(" + addr.getHostAddress() + "/" + prefixLen + ", " + ifname + ")";
        int ifindex = rtnl.ifindex(ifname, what);
        RtnlCodec.Ack ack = rtnl.deleteAddress(ifindex, addr, prefixLen, what);
        // EADDRNOTAVAIL: nothing to delete, the address is already gone (idempotent delete).
        if (ack.errno() != 0 && ack.errno() != Errno.EADDRNOTAVAIL) {
            throw Errno.exception(what, ack.errno(), CAP, ack.kernelMessage());
        }
    }

    @Override
    public boolean has(String ifname, InetAddress addr) throws IOException {
        return list(ifname).stream().anyMatch(a -> a.address().equals(addr));
    }

    @Override
    public List<InterfaceAddress> list(String ifname) throws IOException {
        int ifindex = rtnl.ifindex(ifname, "rtnetlink RTM_GETADDR(" + ifname + ")");
        return List.copyOf(rtnl.addresses(ifindex));
    }

    @Override
    public void close() {
        rtnl.close();
    }
}

package io.vrrpd.net.linux;

import io.vrrpd.net.InterfaceAddress;
import io.vrrpd.net.InterfaceInfo;
import io.vrrpd.net.InterfaceLookup;
import io.vrrpd.net.SyscallException;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.Optional;

/**
 * {@link InterfaceLookup} over rtnetlink. java.net.NetworkInterface is not used: part of it
 * reads /proc/net, which reflects the process's namespace rather than the calling thread's,
 * so it gives wrong answers in the lab where threads enter namespaces with setns(2).
 *
 * <p>Bound to the network namespace of the thread that called {@link #open}. Thread-safe.
 */
public final class RtnlInterfaceLookup implements InterfaceLookup {
    private final RtnlClient rtnl;

    private RtnlInterfaceLookup(RtnlClient rtnl) {
        this.rtnl = rtnl;
    }

    /** Opens the netlink socket. */
    public static RtnlInterfaceLookup open() throws SyscallException {
        return new RtnlInterfaceLookup(RtnlClient.open());
    }

    @Override
    public Optional<InterfaceInfo> lookup(String name) throws IOException {
        Optional<RtnlCodec.Link> link = rtnl.link(name);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        RtnlCodec.Link l = link.get();
        // The primary is the first IPv4 address without IFA_F_SECONDARY: the one the kernel
        // uses as source for locally originated packets on this subnet (RFC 3768 §5.2.8
        // "primary IP address").
        Optional<Inet4Address> primary = rtnl.addresses(l.state().ifindex()).stream()
                .filter(a -> a.address() instanceof Inet4Address && !a.secondary())
                .map(InterfaceAddress::address).map(Inet4Address.class::cast).findFirst();
        return Optional.of(new InterfaceInfo(l.state().name(), l.state().ifindex(), l.mac(), primary, l.state()));
    }

    @Override
    public void close() {
        rtnl.close();
    }
}

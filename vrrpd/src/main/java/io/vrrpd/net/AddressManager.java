package io.vrrpd.net;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * Adds and removes (virtual) addresses on interfaces.
 *
 * <p>Operations are idempotent: adding an address that is already there and deleting one that
 * is not both succeed, so a retried or repeated transition never fails on the address step.
 * Every request is acknowledged by the kernel before the method returns.
 *
 * <p>Threading: methods are safe to call from any thread; calls are serialised internally.
 */
public interface AddressManager extends AutoCloseable {

    /**
     * Adds {@code addr/prefixLen} to {@code ifname}.
     *
     * @param label IPv4 label such as {@code eth0:1} (must start with the interface name), or null
     * @param brdOrNull IPv4 broadcast address, or null for none
     * @throws SyscallException e.g. ENODEV for an unknown interface, EPERM without CAP_NET_ADMIN
     */
    void add(String ifname, InetAddress addr, int prefixLen, String label, InetAddress brdOrNull) throws IOException;

    /** Removes {@code addr/prefixLen} from {@code ifname}; absent already counts as done. */
    void delete(String ifname, InetAddress addr, int prefixLen) throws IOException;

    /** True when {@code addr} (any prefix length) is configured on {@code ifname}. */
    boolean has(String ifname, InetAddress addr) throws IOException;

    /** The addresses of {@code ifname} (IPv4 and IPv6) in kernel order; the IPv4 primary comes first. */
    List<InterfaceAddress> list(String ifname) throws IOException;

    @Override
    void close();
}

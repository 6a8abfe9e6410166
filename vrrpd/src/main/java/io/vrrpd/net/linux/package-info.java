/**
 * Linux implementations of the {@code io.vrrpd.net} ports, the only package that imports JNA.
 *
 * <p>All native calls are in the package-private {@code Syscalls}; failures become
 * {@link io.vrrpd.net.SyscallException}s naming the call. Every object is bound to the network
 * namespace of the thread that opened it (see {@link io.vrrpd.net.linux.NetNamespace}).
 *
 * <p>JNA unpacks its native stub into a temporary directory; where /tmp is private or noexec
 * (systemd PrivateTmp), set {@code -Djna.tmpdir} to a cache directory.
 */
package io.vrrpd.net.linux;

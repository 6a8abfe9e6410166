/**
 * Ports to the data plane: the interfaces the runtime is written against.
 *
 * <p>Nothing here touches the operating system; {@code io.vrrpd.net.linux} holds the Linux
 * implementations (raw IP socket, rtnetlink, AF_PACKET, sd_notify). Every failing system call
 * surfaces as a {@link io.vrrpd.net.SyscallException}, an {@link java.io.IOException} whose
 * message names the call, its arguments and, where it matters, the capability it needs.
 */
package io.vrrpd.net;

package io.vrrpd.net.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.vrrpd.net.SyscallException;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every native call of vrrpd, in one place (the jnr-unixsocket {@code Native.java} pattern).
 *
 * <p>Calls are JNA direct-mapped to libc. Each wrapper turns -1 into a {@link SyscallException}
 * naming the call and its arguments (built lazily, so the success path allocates nothing for
 * it) and retries EINTR in {@link #retrying}. Descriptors are plain ints owned by the callers.
 */
final class Syscalls {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;

    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int IPPROTO_IP = 0;
    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_ADD_MEMBERSHIP = 20;
    static final int IPV6_MULTICAST_ALL = 29;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_TCLASS = 67;
    static final int ICMP6_FILTER = 1;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_EXT_ACK = 11;

    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 0x1;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private Syscalls() {
    }

    // Direct-mapped libc (x86_64/aarch64 Linux: size_t and ssize_t are Java long).
    private static native int socket(int domain, int type, int protocol);

    private static native int setsockopt(int fd, int level, int name, Pointer value, int len);

    private static native int bind(int fd, Pointer addr, int len);

    private static native long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrLen);

    private static native long recv(int fd, Pointer buf, long len, int flags);

    private static native long recvmsg(int fd, Pointer msghdr, int flags);

    private static native int poll(Pointer fds, long nfds, int timeout);

    private static native int eventfd(int initval, int flags);

    private static native long read(int fd, Pointer buf, long len);

    private static native long write(int fd, Pointer buf, long len);

    private static native int close(int fd);

    private static native int open(String path, int flags);

    private static native int setns(int fd, int nstype);

    private static native int if_nametoindex(String name);

    private static native int sched_setscheduler(int pid, int policy, Pointer param);

    private static native int sched_getscheduler(int pid);

    /**
     * Runs {@code call} until it does not fail with EINTR (signal(7): interrupted syscalls are
     * restarted here rather than surfacing as errors); on -1 throws the typed exception.
     */
    static long retrying(LongSupplier call, Supplier<String> what, String capability) throws SyscallException {
        while (true) {
            long r = call.getAsLong();
            if (r != -1) {
                return r;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                throw Errno.exception(what.get(), errno, capability);
            }
        }
    }

    static int socket(int domain, int type, int protocol, Supplier<String> what, String capability)
            throws SyscallException {
        return (int) retrying(() -> socket(domain, type, protocol), what, capability);
    }

    static void setsockopt(int fd, int level, int name, Pointer value, int len, Supplier<String> what,
            String capability) throws SyscallException {
        retrying(() -> setsockopt(fd, level, name, value, len), what, capability);
    }

    /** setsockopt with an int value, the common case. */
    static void setsockoptInt(int fd, int level, int name, int value, Supplier<String> what, String capability)
            throws SyscallException {
        Memory m = new Memory(4);
        m.setInt(0, value);
        setsockopt(fd, level, name, m, 4, what, capability);
    }

    static void bind(int fd, Pointer addr, int len, Supplier<String> what, String capability)
            throws SyscallException {
        retrying(() -> bind(fd, addr, len), what, capability);
    }

    /**
     * Sends {@code buf[position, limit)} (JNA takes a raw pointer, so the position is applied
     * here explicitly). Returns the bytes sent; the buffer's position is not moved.
     */
    /**
     * sendto(2) of {@code len} bytes at {@code buf}, retried on EINTR. Allocates nothing unless it fails:
     * every advert goes through here (issue 10), so no Pointer, no lambda.
     */
    static int sendto(int fd, Pointer buf, int len, int flags, Pointer addr, int addrLen, Supplier<String> what,
            String capability) throws SyscallException {
        while (true) {
            long r = sendto(fd, buf, len, flags, addr, addrLen);
            if (r != -1) {
                return (int) r;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                throw Errno.exception(what.get(), errno, capability);
            }
        }
    }

    static int sendto(int fd, ByteBuffer buf, int flags, Pointer addr, int addrLen, Supplier<String> what,
            String capability) throws SyscallException {
        Pointer p = Native.getDirectBufferPointer(buf).share(buf.position());
        int len = buf.remaining();
        return (int) retrying(() -> sendto(fd, p, len, flags, addr, addrLen), what, capability);
    }

    /**
     * Receives into {@code buf[position, limit)}; returns the length, or -1 on EAGAIN (non-blocking
     * socket with nothing queued). The caller sets the limit: JNA does not move the buffer.
     */
    static int recv(int fd, ByteBuffer buf, int flags, Supplier<String> what) throws SyscallException {
        Pointer p = Native.getDirectBufferPointer(buf).share(buf.position());
        int len = buf.remaining();
        while (true) {
            long r = recv(fd, p, len, flags);
            if (r != -1) {
                return (int) r;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            if (errno != Errno.EINTR) {
                throw Errno.exception(what.get(), errno, null);
            }
        }
    }

    /**
     * recvmsg(2) with a prepared struct msghdr; returns the length, or -1 on EAGAIN (non-blocking
     * socket with nothing queued). The caller owns the msghdr, its iovec and control buffers.
     */
    static int recvmsg(int fd, Pointer msghdr, int flags, Supplier<String> what) throws SyscallException {
        while (true) {
            long r = recvmsg(fd, msghdr, flags);
            if (r != -1) {
                return (int) r;
            }
            int errno = Native.getLastError();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            if (errno != Errno.EINTR) {
                throw Errno.exception(what.get(), errno, null);
            }
        }
    }

    /**
     * poll(2) for input on {@code fd} and, unless it is negative, on the eventfd {@code wakeFd} that a
     * {@code wakeup()} writes to, through the caller's pollfd array (16 bytes: two {@code struct pollfd}).
     */
    static int pollIn(Memory pollfds, int fd, int wakeFd, int timeoutMillis) throws SyscallException {
        pollfds.setInt(0, fd);
        pollfds.setShort(4, POLLIN);
        pollfds.setShort(6, (short) 0);
        if (wakeFd < 0) {
            return pollFds(pollfds, 1, timeoutMillis);
        }
        pollfds.setInt(8, wakeFd);
        pollfds.setShort(12, POLLIN);
        pollfds.setShort(14, (short) 0);
        return pollFds(pollfds, 2, timeoutMillis);
    }

    /**
     * poll(2) on {@code pollfds} (an array of struct pollfd {int fd; short events; short revents;},
     * 8 bytes each). EINTR counts as "nothing ready" so the caller re-checks its deadline.
     */
    static int pollFds(Memory pollfds, int count, int timeoutMillis) throws SyscallException {
        int r = poll(pollfds, (long) count, timeoutMillis);
        if (r == -1) {
            int errno = Native.getLastError();
            if (errno == Errno.EINTR) {
                return 0;
            }
            throw Errno.exception("poll(" + count + " fds, " + timeoutMillis + " ms)", errno, null);
        }
        return r;
    }

    /** A non-blocking, close-on-exec eventfd(2) used to wake a thread blocked in poll. */
    static int eventfd() throws SyscallException {
        return (int) retrying(() -> eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), () -> "eventfd(0, EFD_NONBLOCK|EFD_CLOEXEC)",
                null);
    }

    /** Adds 1 to an eventfd's counter; a full counter (EAGAIN) already means "woken". */
    static void signal(int eventFd) {
        Memory one = new Memory(8);
        one.setLong(0, 1L);
        write(eventFd, one, 8);
    }

    /**
     * Resets an eventfd's counter to 0 through the caller's 8-byte {@code scratch} (called after every poll
     * wake-up, so it must not allocate); returns true when it had been signalled.
     */
    static boolean drain(int eventFd, Memory scratch) {
        return read(eventFd, scratch, 8) == 8;
    }

    /** Closes quietly: close(2) must not be retried on EINTR on Linux (the fd is already gone). */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }

    static int openReadOnly(String path, String capability) throws SyscallException {
        return (int) retrying(() -> open(path, O_RDONLY | O_CLOEXEC), () -> "open(" + path + ")", capability);
    }

    /** setns(2) for the calling thread only; CAP_SYS_ADMIN is needed in the target's user namespace. */
    static void setnsNet(int fd, String name) throws SyscallException {
        retrying(() -> setns(fd, CLONE_NEWNET), () -> "setns(" + name + ", CLONE_NEWNET)", "CAP_SYS_ADMIN");
    }

    /** if_nametoindex(3) in the calling thread's namespace; 0 when there is no such interface. */
    static int ifNameToIndex(String name) {
        return if_nametoindex(name);
    }

    /**
     * sched_setscheduler(2) for the calling thread (pid 0: on Linux a thread, not the whole process); returns
     * 0, or the errno of a refusal (EPERM is an expected answer here, not an error to throw).
     */
    static int schedSetschedulerSelf(int policy, int priority) {
        Memory param = new Memory(4);
        param.setInt(0, priority);
        while (true) {
            if (sched_setscheduler(0, policy, param) == 0) {
                return 0;
            }
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                return errno;
            }
        }
    }

    /** sched_getscheduler(2) of the calling thread: its policy, SCHED_RESET_ON_FORK bit included. */
    static int schedGetschedulerSelf() {
        return sched_getscheduler(0);
    }

    /** Reads errno of the last native call on this thread (for tests). */
    static int lastError() {
        return Native.getLastError();
    }
}
